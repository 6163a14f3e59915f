/**
 * The streaming merge of postings segments (background/segments.ts, mergeSegments) against sorting
 * all their postings at once (buildSegment): the same blocks, fences, filter and count, whatever
 * the batches the inputs are read in, with blocks emptied or shortened by deletions, and keys that
 * run across blocks and segments.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BLOCK, buildSegment, mergeSegments, SortedKeyLog, type BlockSource } from '../../background/segments';

/** A source giving `blocks` in batches of the sizes `sizes` cycles through. */
function source(blocks: Uint32Array[], sizes: number[]): BlockSource {
  let at = 0;
  let turn = 0;
  return async () => {
    const n = sizes[turn++ % sizes.length];
    const out = blocks.slice(at, at + n);
    at += n;
    return out;
  };
}

/** A block without the pairs whose document `gone` names (a deletion rewrites blocks so). */
function without(p: Uint32Array, gone: (doc: number) => boolean): Uint32Array {
  const half = p.length / 2;
  const keep: number[] = [];
  for (let i = 0; i < half; i++) if (!gone(p[half + i])) keep.push(i);
  const out = new Uint32Array(2 * keep.length);
  keep.forEach((i, j) => ((out[j] = p[i]), (out[keep.length + j] = p[half + i])));
  return out;
}

describe('merging segments', () => {
  it('streams to what sorting all the postings gives (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(fc.nat(3000), { minLength: 0, maxLength: 3 * BLOCK }), { minLength: 2, maxLength: 4 }),
        fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 0, max: 5 }),
        async (keySets, sizes, deleteEvery) => {
          // Segment s holds documents s * 100000 + i: no document is in two segments, keys repeat freely.
          const segments = keySets.map((ks, s) => buildSegment(s + 1, Uint32Array.from(ks), Uint32Array.from(ks, (_, i) => s * 100_000 + i)));
          const gone = (doc: number) => deleteEvery > 0 && doc % (deleteEvery + 1) === 0;
          const inputs = segments.map((s) => s.blocks.map((p) => without(p, gone)));
          const written: Uint32Array[] = [];
          const head = await mergeSegments(99, inputs.map((blocks) => source(blocks, sizes)), (b, p) => void (written[b] = p.slice()));

          const all = inputs.flat();
          const keys = Uint32Array.from(all.flatMap((p) => Array.from(p.subarray(0, p.length / 2))));
          const docs = Uint32Array.from(all.flatMap((p) => Array.from(p.subarray(p.length / 2))));
          const expected = buildSegment(99, keys, docs);
          expect(head.postings).toBe(keys.length);
          expect(written).toEqual(expected.blocks);
          expect(head.fences).toEqual(expected.head.fences);
          expect(head.bloom).toEqual(expected.head.bloom);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('reads each input as it goes: no more than a batch of each ahead of the merged blocks written', async () => {
    const n = 20 * BLOCK;
    const segments = [0, 1, 2, 3].map((s) => buildSegment(s + 1, Uint32Array.from({ length: n }, (_, i) => i * 4 + s), Uint32Array.from({ length: n }, (_, i) => s * n + i)));
    let read = 0;
    let written = 0;
    let ahead = 0;
    const sources = segments.map((s) => {
      const next = source(s.blocks, [2]);
      return async () => {
        const got = await next();
        read += got.length;
        ahead = Math.max(ahead, read - written);
        return got;
      };
    });
    const head = await mergeSegments(9, sources, () => void written++);
    expect(head.postings).toBe(4 * n);
    expect(written).toBe(80);
    // Keys interleave across the four inputs, so each stays within its batch of 2 of the output.
    expect(ahead).toBeLessThanOrEqual(4 * 2 + 1);
  });
});

describe('the sorted key log', () => {
  it('gives back the keys it was given, in order, at every gap size (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 2 ** 32 - 1 }), { maxLength: 3000 }), fc.boolean(), (raw, withEnds) => {
        const keys = [...(withEnds ? [0, 2 ** 32 - 1] : []), ...raw].sort((a, b) => a - b);
        const log = new SortedKeyLog();
        for (const k of keys) log.push(k);
        const out: number[] = [];
        log.forEach((k) => out.push(k));
        expect(log.count).toBe(keys.length);
        expect(out).toEqual(keys);
      }),
      { numRuns: 200 },
    );
  });

  it('holds a million uniform keys in under 2 bytes each, across chunks', () => {
    const keys = Uint32Array.from({ length: 1_000_000 }, (_, i) => Math.floor((i * 4294967295) / 1_000_000) + (i % 7));
    const log = new SortedKeyLog();
    for (const k of keys) log.push(k);
    let i = 0;
    let same = true;
    log.forEach((k) => (same &&= k === keys[i++]));
    expect(same && i === keys.length).toBe(true);
    expect(log.bytes).toBeLessThan(2 * keys.length);
  });
});
