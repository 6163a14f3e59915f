/**
 * Storage pressure: when the browser refuses a write for lack of space (QuotaExceededError), the
 * record or import fails whole with StorageFullError (code 'storage-full', a message saying so),
 * nothing of it is stored, everything stored before is kept, and the index stays usable.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { IdbStore, StorageFullError } from '../../background/idb-store';
import type { NewDocument, UnitRecord } from '../../src/engine/store';

const doc = (id: string): NewDocument => ({ id, outlet: 'X', outletKey: 'x', firstSeen: 1, paragraphs: ['a', 'b'] });
const unit = (...keys: number[]): UnitRecord => ({ paragraph: 0, bandKeys: Uint32Array.from(keys) });

/** Makes every put of a postings block fail as a full disk does, while `full` is true. */
function fillDisk(): { full: boolean } {
  const state = { full: false };
  const proto = (globalThis as unknown as { IDBObjectStore: { prototype: IDBObjectStore } }).IDBObjectStore.prototype;
  const put = proto.put;
  proto.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
    if (state.full && this.name === 'postings') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    return put.apply(this, args);
  };
  return state;
}

describe('IdbStore under storage pressure', () => {
  it('a write past the quota fails whole, keeps what was stored, and the index stays usable', async () => {
    const disk = fillDisk();
    const s = await IdbStore.open(`quota-${Date.now()}`);
    await s.putDocument(doc('kept'), [unit(1, 2, 3)], Uint32Array.of(7, 8));
    const before = await s.stats();
    disk.full = true;
    const batch = [0, 1, 2].map((i) => ({ doc: doc(`new${i}`), units: [unit(10 + i, 20, 30)], fingerprints: Uint32Array.of(7, 9) }));
    const err = await s.putDocuments(batch, 'skip').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StorageFullError);
    expect((err as StorageFullError).code).toBe('storage-full');
    expect((err as Error).message).toMatch(/no more room for the index.*nothing of this was stored/);
    expect(await s.stats()).toEqual(before);
    expect(await s.getDocumentById('new0')).toBeUndefined();
    expect(await s.lookup(Uint32Array.of(20))).toEqual(new Map());
    expect(Array.from(await s.fingerprintCounts('x', Uint32Array.of(7, 9)))).toEqual([1, 0]);
    expect(await s.lookup(Uint32Array.of(1))).toEqual(new Map([[1, 1]]));
    disk.full = false;
    await s.putDocuments(batch, 'skip');
    expect((await s.stats()).documents).toBe(3 + 1);
    s.close();
  });
});
