/**
 * Fingerprint buckets (background/fingerprints.ts): addCounts gives the counts a plain tally gives,
 * for any bucket and any increments, negative ones (deletions) included, and keeps the bucket sorted
 * with no fingerprint counted 0 or less; countOf finds each count.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addCounts, countOf, type FpBucket } from '../../background/fingerprints';

/** A bucket as stored: distinct fingerprints ascending, each counted at least once. */
const bucket = fc.uniqueArray(fc.tuple(fc.nat({ max: 0xffffffff }), fc.integer({ min: 1, max: 50 })), { selector: (e) => e[0], maxLength: 300 }).map((e): FpBucket => {
  e.sort((a, b) => a[0] - b[0]);
  return { f: Uint32Array.from(e, (x) => x[0]), c: Uint32Array.from(e, (x) => x[1]) };
});

/** The tally addCounts must agree with: a Map of every count, entries at 0 or below dropped. */
function tally(b: FpBucket | undefined, add: Map<number, number>): Array<[number, number]> {
  const all = new Map<number, number>();
  if (b) b.f.forEach((fp, i) => all.set(fp, b.c[i]));
  for (const [fp, n] of add) all.set(fp, (all.get(fp) ?? 0) + n);
  return [...all].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
}

describe('fingerprint buckets', () => {
  it('add counts as a tally does, for any bucket and increments (property)', () => {
    fc.assert(
      fc.property(fc.option(bucket, { nil: undefined }), fc.array(fc.tuple(fc.oneof(fc.nat({ max: 0xffffffff }), fc.constantFrom(0, 1, 0xffffffff)), fc.integer({ min: -60, max: 60 })), { maxLength: 80 }), fc.nat({ max: 40 }), (b, extra, reuse) => {
        const add = new Map(extra);
        // Increments of fingerprints the bucket holds (more of them, or their deletion).
        if (b) for (let i = 0; i < Math.min(reuse, b.f.length); i++) add.set(b.f[i], i % 3 === 0 ? -b.c[i] : i % 3 === 1 ? 2 : -1);
        const got = addCounts(b, add);
        expect(Array.from(got.f, (fp, i) => [fp, got.c[i]])).toEqual(tally(b, add));
        for (let i = 1; i < got.f.length; i++) expect(got.f[i - 1]).toBeLessThan(got.f[i]);
        for (const [fp, n] of tally(b, add)) expect(countOf(got, fp)).toBe(n);
      }),
      { numRuns: 500 },
    );
  });

  it('start a bucket from nothing, and empty it when every count falls to 0', () => {
    const b = addCounts(undefined, new Map([[9, 2], [3, 1]]));
    expect([...b.f]).toEqual([3, 9]);
    expect([...b.c]).toEqual([1, 2]);
    const gone = addCounts(b, new Map([[9, -2], [3, -1]]));
    expect(gone.f.length).toBe(0);
    expect(countOf(gone, 9)).toBe(0);
  });
});
