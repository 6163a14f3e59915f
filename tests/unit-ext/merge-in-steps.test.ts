/**
 * Merges written in steps (background/idb-store.ts, mergeOnce): look-ups between the steps answer as
 * before the merge; a deletion during a merge stops it, leaves no block without a head and every
 * answer right, and the merge runs again after; blocks a stopped worker's merge left behind are
 * swept at a new worker's first merge check and left out of a rewrite's copy; segments merge at any
 * size; a merge gives way to an import (IdbStore.importActive), before it starts and between its reads,
 * and is said to be under way (mergeDue) only when one is due.
 */
import 'fake-indexeddb/auto';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { IdbStore } from '../../background/idb-store';
import { BLOCK, FANOUT } from '../../background/segments';
import type { NewDocument, UnitRecord } from '../../src/engine/store';

let n = 0;
const freshName = () => `wiretrace-merge-steps-${Date.now()}-${n++}`;
const doc = (id: string): NewDocument => ({ id, outlet: 'X', outletKey: 'x', firstSeen: 1000, paragraphs: ['a', 'b'] });
/** Document i of segment s: 40 keys of its own, and key 7 that every document holds. */
const keysOf = (s: number, i: number) => [7, ...Array.from({ length: 40 }, (_, k) => 1_000 + (s * 1_000 + i) * 50 + k)];
const ORPHAN = 2 ** 31 + 77_777;

/** FANOUT segments of `perSegment` documents each (merges off), with the keys each document holds. */
async function segments(perSegment: number): Promise<{ s: IdbStore; stored: Map<number, number[]> }> {
  const s = await IdbStore.open(freshName());
  s.mergeEnabled = false;
  const stored = new Map<number, number[]>();
  for (let seg = 0; seg < FANOUT; seg++) {
    const entries = Array.from({ length: perSegment }, (_, i) => ({ doc: doc(`s${seg}-${i}`), units: [{ paragraph: 0, bandKeys: Uint32Array.from(keysOf(seg, i)) } as UnitRecord], fingerprints: Uint32Array.of(0, 0) }));
    const keys = await s.putDocuments(entries, 'skip');
    keys.forEach((k, i) => stored.set(k, keysOf(seg, i)));
  }
  return { s, stored };
}

function expected(stored: Map<number, number[]>, query: number[]): Map<number, number> {
  const hits = new Map<number, number>();
  for (const q of query) for (const [d, keys] of stored) if (keys.includes(q)) hits.set(d, (hits.get(d) ?? 0) + 1);
  return hits;
}

/** Segment ids that name blocks, and those that have heads. */
async function blockOwners(s: IdbStore): Promise<{ blocks: Set<number>; heads: Set<number> }> {
  const keys = (await s.db.getAllKeys('postings')) as number[][];
  return { blocks: new Set(keys.map((k) => k[0])), heads: new Set((await s.db.getAllKeys('segments')) as number[]) };
}

const QUERIES = [[7], [7, 1_000 + 3 * 50, 1_000 + (2_000 + 5) * 50 + 39], [1_000 + (3_000 + 11) * 50 + 2, 999_999]];

/** After a merge of every segment: one segment, no block without a head, and every look-up answered as counted by hand. */
async function expectMergedIntoOne(s: IdbStore, stored: Map<number, number[]>): Promise<void> {
  expect(await s.loadHeads()).toBe(1);
  const { blocks, heads } = await blockOwners(s);
  expect([...blocks]).toEqual([...heads]);
  for (const q of QUERIES) expect(await s.lookup(Uint32Array.from(q))).toEqual(expected(stored, q));
}

describe('merges in steps', () => {
  it('answer look-ups between their steps as before the merge, and publish one segment at the end', async () => {
    const { s, stored } = await segments(60); // 4 x 60 x 41 postings: ~20 blocks, written 2 at a time
    s.mergeWriteBlocks = 2;
    const during: Array<Promise<Map<number, number>[]>> = [];
    s.onMergeProgress = () => void during.push(Promise.all(QUERIES.map((q) => s.lookup(Uint32Array.from(q)))));
    expect(await s.loadHeads()).toBe(FANOUT);
    expect(await s.mergeOnce()).toBe(true);
    expect(during.length).toBeGreaterThan(5);
    for (const answers of await Promise.all(during)) answers.forEach((a, i) => expect(a).toEqual(expected(stored, QUERIES[i])));
    await expectMergedIntoOne(s, stored);
    s.close();
  });

  it('stop when a deletion changes their inputs, leave no block without a head, and run again after', async () => {
    const { s, stored } = await segments(60);
    s.mergeWriteBlocks = 2;
    const victims = [...stored.keys()].filter((_, i) => i % 7 === 0);
    let deletion: Promise<number> | undefined;
    s.onMergeProgress = () => void (deletion ??= s.deleteDocuments(victims));
    expect(await s.mergeOnce()).toBe(false); // stopped by the deletion
    expect(await deletion).toBe(victims.length);
    for (const k of victims) stored.delete(k);
    s.onMergeProgress = undefined;
    s.mergeEnabled = true;
    s.mergeWriteBlocks = 3;
    expect(await s.mergeOnce()).toBe(true);
    await s.settled();
    await expectMergedIntoOne(s, stored);
    s.close();
  });

  it('sweep the blocks of a merge a stopped worker left before the next merge', async () => {
    const { s, stored } = await segments(20);
    await s.db.put('postings', Uint32Array.of(7, 7, 123_456, 123_457), [ORPHAN, 0]);
    await s.db.put('postings', Uint32Array.of(9, 9), [ORPHAN, 1]);
    const name = s.databaseName;
    s.close();
    const next = await IdbStore.open(name); // a new worker
    next.mergeEnabled = false;
    expect((await blockOwners(next)).blocks.has(ORPHAN)).toBe(true);
    for (const q of QUERIES) expect(await next.lookup(Uint32Array.from(q))).toEqual(expected(stored, q));
    expect(await next.mergeOnce()).toBe(true);
    const { blocks, heads } = await blockOwners(next);
    expect(blocks.has(ORPHAN)).toBe(false);
    expect([...blocks]).toEqual([...heads]);
    next.close();
  });

  it("sweep them at a new worker's first merge check even when no merge is due", async () => {
    const s = await IdbStore.open(freshName());
    s.mergeEnabled = false;
    const key = await s.putDocument(doc('only'), [{ paragraph: 0, bandKeys: Uint32Array.of(7, 8) }], Uint32Array.of(0, 0));
    await s.db.put('postings', Uint32Array.of(7, 123_456), [ORPHAN, 0]);
    const name = s.databaseName;
    s.close();
    const next = await IdbStore.open(name);
    expect(await next.mergeOnce()).toBe(false);
    const { blocks, heads } = await blockOwners(next);
    expect(blocks.has(ORPHAN)).toBe(false);
    expect([...blocks]).toEqual([...heads]);
    expect(await next.lookup(Uint32Array.of(7))).toEqual(new Map([[key, 1]]));
    next.close();
  });

  it('are left out of a rewrite: the copy holds no block without a head', async () => {
    const { s, stored } = await segments(20);
    await s.db.put('postings', Uint32Array.of(7, 123_456), [ORPHAN, 0]);
    expect(await s.rewrite()).toBe(true);
    const { blocks, heads } = await blockOwners(s);
    expect(blocks.has(ORPHAN)).toBe(false);
    expect([...blocks].sort()).toEqual([...heads].sort());
    for (const q of QUERIES) expect(await s.lookup(Uint32Array.from(q))).toEqual(expected(stored, q));
    s.close();
  });

  it('merge segments of any size once FANOUT of a size class are there', async () => {
    const { s, stored } = await segments(3 * BLOCK); // 4 segments of 3 x 512 x 41 postings each
    s.mergeWriteBlocks = 64;
    expect(await s.mergeOnce()).toBe(true);
    await expectMergedIntoOne(s, stored);
    s.close();
  });
  it('wait while an import shows life, and run once it has been quiet for importQuietMs', async () => {
    const { s, stored } = await segments(60);
    s.importQuietMs = 300;
    s.mergeWriteBlocks = 2;
    // Before it starts: an import's chunks every 100 ms for 600 ms keep it from starting.
    s.importActive();
    s.mergeEnabled = true;
    s.mergeSoon(0);
    for (let i = 0; i < 6; i++) {
      await sleep(100);
      s.importActive();
    }
    expect(s.isMerging).toBe(true);
    expect(await s.mergeDue()).toBe(true); // the pages say the index is being tidied
    expect((await blockOwners(s)).blocks.size).toBe(FANOUT); // no merged block written yet
    const lastChunk = Date.now();
    await s.settled();
    expect(Date.now() - lastChunk).toBeGreaterThanOrEqual(290);
    await expectMergedIntoOne(s, stored);
    s.close();
  });

  it('are not said to be under way while they wait for an import with nothing to merge', async () => {
    const s = await IdbStore.open(freshName());
    s.importQuietMs = 300;
    for (let i = 0; i < FANOUT - 1; i++) await s.putDocument(doc(`few-${i}`), [{ paragraph: 0, bandKeys: Uint32Array.from(keysOf(i, 0)) }], Uint32Array.of(0, 0));
    s.importActive();
    s.mergeSoon(0);
    await sleep(50);
    expect(s.isMerging).toBe(true); // waiting for the import's quiet
    expect(await s.mergeDue()).toBe(false); // FANOUT - 1 segments: no merge due
    await s.settled();
    expect(await s.loadHeads()).toBe(FANOUT - 1);
    expect(await s.mergeDue()).toBe(false);
    s.close();
  });

  it('pause between their reads for an import begun meanwhile, and finish after it', async () => {
    const { s, stored } = await segments(60);
    s.importQuietMs = 300;
    s.mergeWriteBlocks = 2;
    let chunkAt = 0;
    s.onMergeProgress = () => {
      if (chunkAt) return;
      chunkAt = Date.now();
      s.importActive();
    };
    expect(await s.mergeOnce()).toBe(true);
    expect(chunkAt).toBeGreaterThan(0);
    expect(Date.now() - chunkAt).toBeGreaterThanOrEqual(290);
    await expectMergedIntoOne(s, stored);
    s.close();
  });
});
