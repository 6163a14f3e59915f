/**
 * Paragraph fingerprint counts per outlet (recurring furniture), kept in buckets: one record per
 * (outlet, top 8 bits of the fingerprint) holding that bucket's fingerprints sorted with their counts.
 *
 * Why buckets: one record per (outlet, fingerprint) is one more record per stored paragraph, read and
 * written one by one (an import of 1,000 articles writes ~7,000 of them, half its commit time). A
 * bucket holds 1/256 of an outlet's fingerprints: a recorded article touches ~6 small records, an
 * import at most 256 per outlet, and a look-up reads one record per bucket asked.
 */

/** The record of a bucket: fingerprints ascending, and their counts. */
export interface FpBucket {
  f: Uint32Array;
  c: Uint32Array;
}

export const bucketOf = (fp: number): number => fp >>> 24;

/** A bucket's id in memory: FpIncrements groups by it, and the checks' kept buckets are dropped by it. */
export const bucketId = (outletKey: string, bucket: number): string => `${outletKey}\u0000${bucket}`;

/** The count of `fp` in `b` (0 when absent). */
export function countOf(b: FpBucket | undefined, fp: number): number {
  if (!b) return 0;
  let lo = 0;
  let hi = b.f.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (b.f[mid] < fp) lo = mid + 1;
    else hi = mid;
  }
  return lo < b.f.length && b.f[lo] === fp ? b.c[lo] : 0;
}

/**
 * `b` with each fingerprint of `add` counted `add.get(fp)` more times (fewer for a negative number:
 * deleted documents); a fingerprint whose count falls to 0 leaves the bucket. A merge of the two
 * sorted lists: a bucket of an outlet of 80,000 articles holds ~2,000 fingerprints and a 2 MB import
 * chunk adds ~25 to each of 512 buckets, which took ~200 ms a chunk through a Map of the whole bucket
 * and takes ~9 ms so (Node 20, `fingerprints.test.ts` holds the two to the same answers).
 */
export function addCounts(b: FpBucket | undefined, add: Map<number, number>): FpBucket {
  const adds = Uint32Array.from(add.keys()).sort();
  const oldF = b?.f ?? new Uint32Array(0);
  const oldC = b?.c ?? new Uint32Array(0);
  const f = new Uint32Array(oldF.length + adds.length);
  const c = new Uint32Array(f.length);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < oldF.length || j < adds.length) {
    if (j >= adds.length || (i < oldF.length && oldF[i] < adds[j])) {
      f[n] = oldF[i];
      c[n++] = oldC[i++];
      continue;
    }
    const fp = adds[j++];
    let count = add.get(fp)!;
    if (i < oldF.length && oldF[i] === fp) count += oldC[i++];
    if (count > 0) {
      f[n] = fp;
      c[n++] = count;
    }
  }
  return { f: f.slice(0, n), c: c.slice(0, n) };
}

/** Increments grouped by bucket record key ([outletKey, bucket]), for one write. */
export class FpIncrements {
  readonly byBucket = new Map<string, { key: [string, number]; add: Map<number, number> }>();

  /** Counts each distinct non-zero fingerprint of one document of `outletKey` once. */
  addDocument(outletKey: string, fingerprints: ArrayLike<number>): void {
    for (const fp of new Set(Array.from(fingerprints))) if (fp !== 0) this.add(outletKey, fp, 1);
  }

  add(outletKey: string, fp: number, n: number): void {
    const id = bucketId(outletKey, bucketOf(fp));
    let e = this.byBucket.get(id);
    if (!e) this.byBucket.set(id, (e = { key: [outletKey, bucketOf(fp)], add: new Map() }));
    e.add.set(fp, (e.add.get(fp) ?? 0) + n);
  }
}
