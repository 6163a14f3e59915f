/**
 * Small segments' blocks kept in memory by the IndexedDB store's look-ups (IdbStore.smallBlocks):
 * read whole by a segment's first look-up, then counted without a read, and never used once a
 * deletion or a rewrite has changed the segment's postings.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { IdbStore } from '../../background/idb-store';
import type { NewDocument } from '../../src/engine/store';

let n = 0;
const freshName = () => `wiretrace-small-${Date.now()}-${n++}`;
const PARAMS = { shingle: 4, hashes: 128, bands: 3, rows: 1, seed: 1, hashVersion: 1 };
const doc = (id: string): NewDocument => ({ id, outlet: 'X', outletKey: 'x', firstSeen: 1, paragraphs: ['a'] });

/** A store without background merges, three documents sharing key 7 (one segment each). */
async function threeDocs(): Promise<IdbStore> {
  const s = await IdbStore.open(freshName());
  s.mergeEnabled = false;
  await s.setParams(PARAMS);
  for (const id of ['a', 'b', 'c']) await s.putDocument(doc(id), [{ paragraph: 0, bandKeys: Uint32Array.of(7, 100 + id.charCodeAt(0)) }], Uint32Array.of(1));
  return s;
}

/** How many blocks the store's look-ups asked the database for while `run` ran. */
async function blockReads(run: () => Promise<unknown>): Promise<number> {
  const proto = IDBObjectStore.prototype;
  const get = proto.get;
  const getAll = proto.getAll;
  let reads = 0;
  proto.get = function (this: IDBObjectStore, ...a: Parameters<typeof get>) {
    if (this.name === 'postings') reads++;
    return get.apply(this, a);
  };
  proto.getAll = function (this: IDBObjectStore, ...a: Parameters<typeof getAll>) {
    if (this.name === 'postings') reads++;
    return getAll.apply(this, a);
  };
  try {
    await run();
  } finally {
    proto.get = get;
    proto.getAll = getAll;
  }
  return reads;
}

describe('IdbStore: small segments kept in memory', () => {
  it('reads a small segment once, then counts it in memory', async () => {
    const s = await threeDocs();
    expect(await blockReads(() => s.lookup(Uint32Array.of(7)))).toBe(3);
    expect(await blockReads(async () => expect(await s.lookup(Uint32Array.of(7, 7))).toEqual(new Map([[1, 2], [2, 2], [3, 2]])))).toBe(0);
    s.smallSegment = 0;
    // Kept blocks are still used; a segment not yet kept is read by its fences.
    expect(await blockReads(() => s.lookup(Uint32Array.of(7)))).toBe(0);
    s.close();
  });

  it('a deletion replaces what was kept of the segments it changed', async () => {
    const s = await threeDocs();
    expect(await s.lookup(Uint32Array.of(7))).toEqual(new Map([[1, 1], [2, 1], [3, 1]]));
    expect(await s.deleteDocuments([2])).toBe(1);
    expect(await s.lookup(Uint32Array.of(7))).toEqual(new Map([[1, 1], [3, 1]]));
    expect(await s.lookup(Uint32Array.of(98 + 100))).toEqual(new Map());
    s.close();
  });

  it('a rewrite replaces what was kept, after a deletion left postings for it', async () => {
    const s = await threeDocs();
    expect(await s.deleteLater([1])).toBe(1);
    expect(await s.lookup(Uint32Array.of(7))).toEqual(new Map([[2, 1], [3, 1]]));
    expect(await s.rewrite()).toBe(true);
    expect(await s.lookup(Uint32Array.of(7))).toEqual(new Map([[2, 1], [3, 1]]));
    expect(await s.lookup(Uint32Array.of(197))).toEqual(new Map());
    s.close();
  });
});
