/**
 * The postings segments and their Bloom filters (background/segments.ts, band-filter.ts): no stored
 * key is ever missed, look-ups equal counting by hand across batches, merges, reopening and a
 * second connection writing meanwhile.
 */
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bloomHas, buildBloom } from '../../background/band-filter';
import { IdbStore, MERGE_MARGIN } from '../../background/idb-store';
import { blocksFor, buildSegment, countInBlock, pickMerge, BLOCK, FANOUT, LEVEL_FROM_CLASS } from '../../background/segments';
import type { NewDocument, UnitRecord } from '../../src/engine/store';

let n = 0;
const freshName = () => `wiretrace-segments-test-${Date.now()}-${n++}`;
const doc = (id: string): NewDocument => ({ id, outlet: 'X', outletKey: 'x', firstSeen: 1000, paragraphs: ['a', 'b'] });
const unit = (keys: number[]): UnitRecord => ({ paragraph: 0, bandKeys: Uint32Array.from(keys) });

/** The expected look-up: for each occurrence of a query key, +1 per stored unit holding it. */
function expected(stored: Map<number, number[][]>, query: number[]): Map<number, number> {
  const hits = new Map<number, number>();
  for (const q of query) for (const [d, units] of stored) for (const u of units) if (u.includes(q >>> 0)) hits.set(d, (hits.get(d) ?? 0) + 1);
  return hits;
}

describe('Bloom filter of a segment', () => {
  it('holds every key it was built with, with few false positives', () => {
    const keys = new Uint32Array(200_000);
    let x = 12345;
    for (let i = 0; i < keys.length; i++) keys[i] = x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    keys.sort();
    const bits = buildBloom(keys);
    for (const k of keys) expect(bloomHas(bits, k)).toBe(true);
    let fp = 0;
    for (let i = 0; i < 100_000; i++) if (bloomHas(bits, (x = (Math.imul(x, 22695477) + 1) >>> 0))) fp++;
    expect(fp / 100_000).toBeLessThan(0.02);
  });
});

describe('segments', () => {
  it('find every posting of a key, runs across block boundaries included (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 1, max: 30 })), { maxLength: 3 * BLOCK }), (pairs) => {
        const s = buildSegment(1, Uint32Array.from(pairs, (p) => p[0]), Uint32Array.from(pairs, (p) => p[1]));
        for (let key = 0; key <= 51; key++) {
          const hits = new Map<number, number>();
          for (const b of blocksFor(s.head, key)) countInBlock(s.blocks[b], key, 1, hits);
          const want = new Map<number, number>();
          for (const [k, d] of pairs) if (k === key) want.set(d, (want.get(d) ?? 0) + 1);
          expect(hits).toEqual(want);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('merge FANOUT segments of one size class, the smallest class first, at any size', () => {
    const head = (id: number, postings: number) => ({ id, postings, fences: new Uint32Array(), bloom: new Uint32Array(1) });
    expect(pickMerge([head(1, 300), head(2, 300), head(3, 300)])).toEqual([]);
    expect(pickMerge([head(1, 300), head(2, 300), head(3, 300), head(4, 300), head(5, 100_000)])).toEqual([1, 2, 3, 4]);
    expect(pickMerge(Array.from({ length: FANOUT - 1 }, (_, i) => head(i, 300_000)))).toEqual([]);
    expect(pickMerge([...Array.from({ length: FANOUT }, (_, i) => head(i, 10_000_000)), head(9, 300)])).toEqual([0, 1, 2, 3]);
  });

  it('keep the largest class to one segment from LEVEL_FROM_CLASS up, and only there', () => {
    const head = (id: number, postings: number) => ({ id, postings, fences: new Uint32Array(), bloom: new Uint32Array(1) });
    const atClass = (c: number) => BLOCK * FANOUT ** c;
    expect(pickMerge([head(1, atClass(LEVEL_FROM_CLASS)), head(2, atClass(LEVEL_FROM_CLASS) * 2), head(3, 300)])).toEqual([1, 2]);
    expect(pickMerge([head(1, atClass(LEVEL_FROM_CLASS - 1)), head(2, atClass(LEVEL_FROM_CLASS - 1)), head(3, 300)])).toEqual([]);
    expect(pickMerge([head(1, atClass(LEVEL_FROM_CLASS + 1)), head(2, atClass(LEVEL_FROM_CLASS)), head(3, atClass(LEVEL_FROM_CLASS))])).toEqual([]);
    // FANOUT of a smaller class first.
    expect(pickMerge([head(1, atClass(7)), head(2, atClass(7)), ...[3, 4, 5, 6].map((i) => head(i, 300))])).toEqual([3, 4, 5, 6]);
  });
});

describe('IdbStore look-ups over segments', () => {
  it('equal counting by hand across batches, merges, reopening and another connection (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            docs: fc.array(fc.array(fc.array(fc.integer({ min: 1, max: 60 }), { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }),
            reopen: fc.boolean(),
            other: fc.boolean(),
            merge: fc.boolean(),
          }),
          { minLength: 1, maxLength: 8 },
        ),
        fc.array(fc.integer({ min: 0, max: 62 }), { maxLength: 30 }),
        async (ops, query) => {
          const name = freshName();
          let s = await IdbStore.open(name);
          s.mergeEnabled = false;
          const stored = new Map<number, number[][]>();
          let id = 0;
          for (const o of ops) {
            const writer = o.other ? await IdbStore.open(name) : s;
            writer.mergeEnabled = false;
            const keys = await writer.putDocuments(o.docs.map((u) => ({ doc: doc(`d${id++}`), units: u.map(unit), fingerprints: Uint32Array.of(0, 0) })), 'skip');
            keys.forEach((k, i) => stored.set(k, o.docs[i].map((u) => [...new Set(u)])));
            if (writer !== s) writer.close();
            if (o.merge) while (await s.mergeOnce());
            if (o.reopen) {
              s.close();
              s = await IdbStore.open(name);
              s.mergeEnabled = false;
            }
            expect(await s.lookup(Uint32Array.from(query))).toEqual(expected(stored, query));
          }
          s.close();
        },
      ),
      { numRuns: 40 },
    );
  });

  it('counts a frequent key whose postings span several blocks of each segment as by hand', async () => {
    const s = await IdbStore.open(freshName());
    s.mergeEnabled = false;
    const stored = new Map<number, number[][]>();
    // Key 7 in every document: its postings span several blocks of each segment; the others are rare.
    for (let batch = 0; batch < 2; batch++) {
      const units = Array.from({ length: 3 * BLOCK + 17 }, (_, i) => [7, 10_000 + batch * 5000 + i, 50_000 + (i % 40)]);
      const keys = await s.putDocuments(units.map((u, i) => ({ doc: doc(`f${batch}-${i}`), units: [unit(u)], fingerprints: Uint32Array.of(0, 0) })), 'skip');
      keys.forEach((k, i) => stored.set(k, [units[i]]));
    }
    for (const q of [[7], [7, 10_005, 50_003], [10_001, 15_002, 7, 7], [99]]) expect(await s.lookup(Uint32Array.from(q))).toEqual(expected(stored, q));
    s.close();
  });

  it('merges in the background after writes, keeping every answer', async () => {
    const s = await IdbStore.open(freshName());
    const stored = new Map<number, number[][]>();
    for (let i = 0; i < 20; i++) {
      const key = await s.putDocument(doc(`m${i}`), [unit([i, i + 1, 100])], Uint32Array.of(0, 0));
      stored.set(key, [[i, i + 1, 100]]);
    }
    await s.settled();
    expect(await s.loadHeads()).toBeLessThan(FANOUT * 2);
    const q = [0, 5, 6, 100, 100, 999];
    expect(await s.lookup(Uint32Array.from(q))).toEqual(expected(stored, q));
    s.close();
  });

  it('leaves segments unmerged while the disk has no room for a merge, and merges once it has', async () => {
    const s = await IdbStore.open(freshName());
    let room = MERGE_MARGIN; // the margin alone: no room for the merge itself
    s.room = async () => room;
    const stored = new Map<number, number[][]>();
    for (let i = 0; i < 2 * FANOUT; i++) {
      const key = await s.putDocument(doc(`r${i}`), [unit([i, i + 1, 100])], Uint32Array.of(0, 0));
      stored.set(key, [[i, i + 1, 100]]);
    }
    await s.settled();
    expect(await s.mergeOnce()).toBe(false);
    expect(await s.loadHeads()).toBe(2 * FANOUT);
    const q = [0, 5, 6, 100, 100, 999];
    expect(await s.lookup(Uint32Array.from(q))).toEqual(expected(stored, q));
    room = 2 ** 30;
    expect(await s.mergeOnce()).toBe(true);
    await s.settled();
    expect(await s.loadHeads()).toBeLessThan(2 * FANOUT);
    expect(await s.lookup(Uint32Array.from(q))).toEqual(expected(stored, q));
    s.close();
  });
});
