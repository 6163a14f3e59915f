/**
 * Postings segments: the band-key index of the IndexedDB store (idb-store.ts) as immutable sorted
 * runs of (band key, document) pairs in typed arrays.
 *
 * A segment is written whole by one transaction (a recorded article, an import, a merge): its
 * postings sorted by key then document, cut into blocks of BLOCK pairs (one record each, `p` =
 * the block's keys then its documents; stored as posting-blocks.ts encodes it), and a head record with the first key of every block (the
 * fences) and a Bloom filter of its keys (band-filter.ts). Heads are small and kept in memory; a
 * look-up finds, per segment whose filter may hold a key, the one block that can hold it by binary
 * search on the fences, and reads each such block once.
 *
 * Segments are merged in the background (size-tiered: FANOUT segments of one size class become one,
 * at every size; the largest class is kept to one segment), so the number of segments stays
 * logarithmic in the index, a look-up reads few blocks per present key, and a key held by many
 * segments is in one filter instead of many. A merge
 * streams: its inputs are sorted, so it reads their blocks as it goes and hands each merged block
 * out as it is made (mergeSegments); the store writes them in transactions of their own and
 * publishes the merged segment at the end (idb-store.ts), so a merge never holds a look-up up.
 */
import { bloomAdd, buildBloom, newBloom } from './band-filter';

/** Pairs per block: ~4 KB in memory, ~2 KB stored (posting-blocks.ts), one record read per present key and segment. */
export const BLOCK = 512;
/** Segments of one size class merged together. */
export const FANOUT = 4;

export interface SegmentHead {
  id: number;
  postings: number;
  /** First key of each block. */
  fences: Uint32Array;
  bloom: Uint32Array;
}
export interface Segment {
  head: SegmentHead;
  /** Block b: BLOCK (or fewer) keys then as many documents. */
  blocks: Uint32Array[];
}

/**
 * Sorts parallel (key, doc) arrays by key then document; new arrays, the inputs left as they are.
 * Postings made in document order (an import's, a record's: postingsOf) take a stable radix sort by
 * key alone, three passes of 11 bits; others a numeric sort of key * 2^21 + doc packed in doubles
 * when documents fit in 21 bits, a comparison sort otherwise. The radix sort took 47-148 ms for
 * 2,000,000 random keys in Node where the packed sort took 243-352 (4 runs side by side); the sort
 * was ~6 % of an import's worker time before.
 */
export function sortPairs(keys: Uint32Array, docs: Uint32Array): { keys: Uint32Array; docs: Uint32Array } {
  const n = keys.length;
  let inDocOrder = true;
  let maxDoc = 0;
  for (let i = 0; i < n; i++) {
    if (docs[i] > maxDoc) maxDoc = docs[i];
    else if (docs[i] < maxDoc) inDocOrder = false;
  }
  if (inDocOrder) return radixByKey(keys, docs);
  const outK = new Uint32Array(n);
  const outD = new Uint32Array(n);
  if (maxDoc < 2 ** 21) {
    // key * 2^21 + doc < 2^53: exact in a double, and a typed-array sort is numeric and fast.
    const packed = new Float64Array(n);
    for (let i = 0; i < n; i++) packed[i] = keys[i] * 2097152 + docs[i];
    packed.sort();
    for (let i = 0; i < n; i++) {
      const k = Math.floor(packed[i] / 2097152);
      outK[i] = k;
      outD[i] = packed[i] - k * 2097152;
    }
  } else {
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => keys[a] - keys[b] || docs[a] - docs[b]);
    order.forEach((o, i) => ((outK[i] = keys[o]), (outD[i] = docs[o])));
  }
  return { keys: outK, docs: outD };
}

const RADIX_BITS = 11;
const RADIX = 1 << RADIX_BITS;

/** A stable LSD radix sort of the pairs by key (so documents already ascending stay ascending within a key). */
function radixByKey(keys: Uint32Array, docs: Uint32Array): { keys: Uint32Array; docs: Uint32Array } {
  const n = keys.length;
  const count = new Uint32Array(RADIX);
  let fromK: Uint32Array = keys;
  let fromD: Uint32Array = docs;
  let toK: Uint32Array = new Uint32Array(n);
  let toD: Uint32Array = new Uint32Array(n);
  let spareK: Uint32Array | undefined;
  let spareD: Uint32Array | undefined;
  for (let shift = 0; shift < 32; shift += RADIX_BITS) {
    count.fill(0);
    for (let i = 0; i < n; i++) count[(fromK[i] >>> shift) & (RADIX - 1)]++;
    for (let b = 0, sum = 0; b < RADIX; b++) {
      const c = count[b];
      count[b] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const k = fromK[i];
      const j = count[(k >>> shift) & (RADIX - 1)]++;
      toK[j] = k;
      toD[j] = fromD[i];
    }
    // The next pass writes into the arrays read now, but never into the caller's.
    const readK = fromK === keys ? (spareK ??= new Uint32Array(n)) : fromK;
    const readD = fromD === docs ? (spareD ??= new Uint32Array(n)) : fromD;
    fromK = toK;
    fromD = toD;
    toK = readK;
    toD = readD;
  }
  return { keys: fromK, docs: fromD };
}

/** A segment of the given postings (any order). */
export function buildSegment(id: number, keys: Uint32Array, docs: Uint32Array): Segment {
  const s = sortPairs(keys, docs);
  const blocks: Uint32Array[] = [];
  const fences = new Uint32Array(Math.ceil(s.keys.length / BLOCK));
  for (let b = 0; b < fences.length; b++) {
    const from = b * BLOCK;
    const to = Math.min(s.keys.length, from + BLOCK);
    const p = new Uint32Array(2 * (to - from));
    p.set(s.keys.subarray(from, to));
    p.set(s.docs.subarray(from, to), to - from);
    blocks.push(p);
    fences[b] = s.keys[from];
  }
  return { head: { id, postings: s.keys.length, fences, bloom: buildBloom(s.keys) }, blocks };
}

/**
 * Where a merge reads one input segment's blocks: the next few in block order, none when all are
 * read (idb-store.ts reads them in batches within the merge's transaction).
 */
export type BlockSource = () => Promise<Uint32Array[]>;

/** One input of a merge: its current batch of blocks and where it stands in it. */
interface Run {
  next: BlockSource;
  batch: Uint32Array[];
  block: number;
  /** Position in the current block, and that block's number of pairs. */
  i: number;
  half: number;
  done: boolean;
}

/** Moves `r` to its next non-empty block in the batch; false when the batch has none left. */
function nextInBatch(r: Run): boolean {
  while (++r.block < r.batch.length) {
    r.i = 0;
    r.half = r.batch[r.block].length / 2;
    if (r.half > 0) return true;
  }
  return false;
}

/** Moves `r` to its next non-empty block, reading batches as needed; marks it done at its end. */
async function advance(r: Run): Promise<void> {
  while (!nextInBatch(r)) {
    r.batch = await r.next();
    r.block = -1;
    if (!r.batch.length) {
      r.done = true;
      return;
    }
  }
}

/**
 * Ascending 32-bit keys kept as varint gaps in chunks of bytes: a merge's distinct keys, for the
 * merged segment's filter, sized once they are all counted. Why: at 100,000 articles a merge can meet
 * 18 million distinct keys, 72 MB as a Uint32Array (128 MB while it doubles); the gaps of sorted
 * uniform keys take about 1.5 bytes each.
 */
export class SortedKeyLog {
  private chunks: Uint8Array[] = [];
  private chunk = new Uint8Array(1 << 16);
  private at = 0;
  private last = 0;
  count = 0;

  /** Appends `key`, which is at least the last one appended. */
  push(key: number): void {
    if (this.at + 5 > this.chunk.length) {
      this.chunks.push(this.chunk.subarray(0, this.at));
      this.chunk = new Uint8Array(1 << 20);
      this.at = 0;
    }
    let gap = key - this.last;
    this.last = key;
    this.count++;
    while (gap >= 0x80) {
      this.chunk[this.at++] = (gap & 0x7f) | 0x80;
      gap = Math.floor(gap / 128);
    }
    this.chunk[this.at++] = gap;
  }

  /** Bytes the keys take. */
  get bytes(): number {
    return this.chunks.reduce((n, c) => n + c.length, 0) + this.at;
  }

  /** Calls `f` with each key, in order. */
  forEach(f: (key: number) => void): void {
    let key = 0;
    for (const c of [...this.chunks, this.chunk.subarray(0, this.at)]) {
      let gap = 0;
      let scale = 1;
      for (let i = 0; i < c.length; i++) {
        const b = c[i];
        gap += (b & 0x7f) * scale;
        if (b & 0x80) scale *= 128;
        else {
          key += gap;
          f(key);
          gap = 0;
          scale = 1;
        }
      }
    }
  }
}

/**
 * One segment of the postings of several, each sorted already (a segment's blocks, in block order):
 * a k-way merge that reads each input's blocks as it needs them and hands each block of the merged
 * segment to `write` as soon as it is full (and waits for it when it returns a promise). A merge
 * holds the inputs' current batches, the merged segment's fences and its distinct keys as gaps
 * (SortedKeyLog, for its filter, made at the end), never the postings themselves: merging four
 * segments of 1,700,000 postings by sorting them all held ~300 MiB of typed arrays at once
 * (tests/extension/import-memory.test.ts measured it after a large import). `write` gets each block
 * for the time of the call only, and copies it. Returns the merged head.
 */
export async function mergeSegments(id: number, sources: BlockSource[], write: (block: number, p: Uint32Array) => void | Promise<void>): Promise<SegmentHead> {
  const runs: Run[] = sources.map((next) => ({ next, batch: [], block: -1, i: 0, half: 0, done: false }));
  for (const r of runs) await advance(r);
  let fences: Uint32Array = new Uint32Array(1024);
  const distinct = new SortedKeyLog();
  let lastKey = -1;
  const keys = new Uint32Array(BLOCK);
  const docs = new Uint32Array(BLOCK);
  let n = 0;
  let blocks = 0;
  let postings = 0;
  // Full blocks go out in one buffer used again for the next: `write` copies it (IndexedDB's put
  // clones its value at once), so a merge leaves no garbage block behind each block it writes.
  const full = new Uint32Array(2 * BLOCK);
  const flush = () => {
    const p = n === BLOCK ? full : new Uint32Array(2 * n);
    p.set(keys.subarray(0, n));
    p.set(docs.subarray(0, n), n);
    n = 0;
    return write(blocks++, p);
  };
  for (;;) {
    // The smallest (key, document) among the inputs' current pairs (FANOUT inputs: a scan).
    let best: Run | undefined;
    let bk = 0;
    let bd = 0;
    for (const r of runs) {
      if (r.done) continue;
      const b = r.batch[r.block];
      const k = b[r.i];
      const d = b[r.half + r.i];
      if (!best || k < bk || (k === bk && d < bd)) (best = r), (bk = k), (bd = d);
    }
    if (!best) break;
    if (bk !== lastKey) {
      distinct.push(bk);
      lastKey = bk;
    }
    if (n === 0) {
      if (blocks === fences.length) fences = grown(fences);
      fences[blocks] = bk;
    }
    keys[n] = bk;
    docs[n] = bd;
    n++;
    postings++;
    if (n === BLOCK) await flush();
    if (++best.i >= best.half && !nextInBatch(best)) await advance(best);
  }
  if (n) await flush();
  const bloom = newBloom(distinct.count);
  distinct.forEach((k) => bloomAdd(bloom, k));
  return { id, postings, fences: fences.slice(0, blocks), bloom };
}

/** A typed array twice as long, holding `a`. */
function grown(a: Uint32Array): Uint32Array {
  const b = new Uint32Array(a.length * 2);
  b.set(a);
  return b;
}

/**
 * The block of a segment that can hold `key`, or -1. Equal keys may run across a block boundary;
 * the caller reads the following blocks too while their fence equals the key (see blocksFor).
 */
function firstBlock(fences: Uint32Array, key: number): number {
  // The last block whose fence is < key (a run of `key` may start at its end), else block 0.
  let lo = 0;
  let hi = fences.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (fences[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  return Math.max(0, lo - 1);
}

/** Blocks of `head` that may hold `key`: the one firstBlock names, and the next while their fence is `key`. */
export function blocksFor(head: Pick<SegmentHead, 'fences'>, key: number): number[] {
  const f = head.fences;
  if (!f.length) return [];
  const start = firstBlock(f, key);
  const out = [start];
  for (let b = start + 1; b < f.length && f[b] === key; b++) out.push(b);
  return out;
}

/** Adds the postings of `key` in block `p` to `hits` (`m` per posting). */
export function countInBlock(p: Uint32Array, key: number, m: number, hits: Map<number, number>): void {
  const half = p.length / 2;
  let lo = 0;
  let hi = half;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (p[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < half && p[i] === key; i++) {
    const d = p[half + i];
    hits.set(d, (hits.get(d) ?? 0) + m);
  }
}

/**
 * The smallest size class whose segments the largest class takes in at once: below it, classes merge
 * by FANOUT only (a recorded article makes a segment of its own, and merging the whole index at every
 * record would write it again and again).
 */
export const LEVEL_FROM_CLASS = 6;

/**
 * Segments to merge now, or none: FANOUT of the smallest size class that has that many; else, when
 * the largest class (from LEVEL_FROM_CLASS up) holds more than one, all of them. Why the second: a
 * key held by several segments is in each one's filter, and a woken worker reads every filter before
 * its first look-up, so the largest segments are kept as one (docs/design.md).
 */
export function pickMerge(heads: Iterable<Pick<SegmentHead, 'id' | 'postings'>>): number[] {
  const classes = new Map<number, Array<Pick<SegmentHead, 'id' | 'postings'>>>();
  for (const h of heads) {
    const c = Math.floor(Math.log(Math.max(1, h.postings / BLOCK)) / Math.log(FANOUT));
    classes.set(c, [...(classes.get(c) ?? []), h]);
  }
  const order = [...classes.keys()].sort((a, b) => a - b);
  for (const c of order) {
    const hs = classes.get(c)!;
    if (hs.length >= FANOUT) return hs.slice(0, FANOUT).map((h) => h.id);
  }
  const top = order[order.length - 1];
  if (top !== undefined && top >= LEVEL_FROM_CLASS && classes.get(top)!.length > 1) return classes.get(top)!.map((h) => h.id);
  return [];
}
