import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { BLOB_MIN, DB_VERSION, DuplicateDocumentError, IdbStore, openIndexDb } from '../../background/idb-store';
import { MemoryStore } from '../../src/engine/memory-store';
import type { IndexStore, NewDocument, UnitRecord } from '../../src/engine/store';

let n = 0;
const freshName = () => `wiretrace-test-${Date.now()}-${n++}`;

const doc = (id: string, outletKey = 'x', paragraphs = ['a', 'b']): NewDocument => ({ id, outlet: outletKey.toUpperCase(), outletKey, firstSeen: 1000 + n, paragraphs, url: `https://${outletKey}.example/${id}` });
const unit = (paragraph: number, ...keys: number[]): UnitRecord => ({ paragraph, bandKeys: Uint32Array.from(keys) });

async function fill(s: IndexStore) {
  await s.setParams({ shingle: 4, hashes: 128, bands: 3, rows: 1, seed: 1, hashVersion: 1 });
  await s.putDocument(doc('one', 'x'), [unit(0, 5, 6, 7), unit(1, 8, 9, 10)], Uint32Array.of(11, 12));
  await s.putDocument(doc('two', 'x'), [unit(1, 5, 19, 20)], Uint32Array.of(11, 13));
  await s.putDocument(doc('three', 'y', ['p', 'q', 'r']), [unit(0, 6, 21, 22), unit(2, 5, 23, 24)], Uint32Array.of(11, 0, 14));
}

describe('IdbStore: the IndexStore contract, checked against MemoryStore', () => {
  it('answers look-ups, documents, fingerprint counts and stats exactly as the memory store does', async () => {
    const mem = new MemoryStore();
    const idb = await IdbStore.open(freshName());
    for (const s of [mem, idb]) await fill(s);
    const queries = [Uint32Array.of(5), Uint32Array.of(5, 6), Uint32Array.of(5, 5, 6, 99), Uint32Array.of(), Uint32Array.of(99)];
    for (const q of queries) expect(await idb.lookup(q)).toEqual(await mem.lookup(q));
    for (const [o, fps] of [['x', Uint32Array.of(11, 12, 13, 0, 99)], ['y', Uint32Array.of(11, 14)], ['z', Uint32Array.of(11)]] as const) {
      expect(Array.from(await idb.fingerprintCounts(o, fps))).toEqual(Array.from(await mem.fingerprintCounts(o, fps)));
    }
    expect(await idb.stats()).toEqual(await mem.stats());
    expect(await idb.stats()).toEqual({ documents: 3, outlets: 2, units: 5, paragraphs: 7 });
    expect(await idb.getDocumentById('two')).toEqual(await mem.getDocumentById('two'));
    expect(await idb.getDocumentById('nope')).toBeUndefined();
    expect(await idb.getDocuments([3, 1, 42])).toEqual(await mem.getDocuments([3, 1, 42]));
    expect(await idb.getParams()).toEqual(await mem.getParams());
    const all = async (s: IndexStore) => {
      const out = [];
      for await (const e of s.documents()) out.push({ doc: e.doc, units: e.units.map((u) => [u.paragraph, Array.from(u.bandKeys)]), fps: Array.from(e.fingerprints) });
      return out;
    };
    expect(await all(idb)).toEqual(await all(mem));
    idb.close();
  });

  it('keeps a large segment filter as a Blob and reads it back in a new worker', async () => {
    const name = freshName();
    const idb = await IdbStore.open(name);
    idb.mergeEnabled = false;
    // Enough distinct keys for a filter of more than BLOB_MIN bytes (10 bits a key).
    const perDoc = 2000;
    const docs = Math.ceil((BLOB_MIN * 8) / 10 / perDoc) + 2;
    const keysOf = (d: number) => Uint32Array.from({ length: perDoc }, (_, k) => 1 + d * perDoc + k);
    await idb.putDocuments(Array.from({ length: docs }, (_, d) => ({ doc: doc(`big${d}`), units: [{ paragraph: 0, bandKeys: keysOf(d) }], fingerprints: Uint32Array.of(d + 1, 0) })));
    const heads = (await idb.db.getAll('segments')) as Array<{ bloom: unknown }>;
    expect(heads).toHaveLength(1);
    expect(heads[0].bloom).toBeInstanceOf(Blob);
    idb.close();
    const woken = await IdbStore.open(name);
    expect(await woken.lookup(keysOf(3).subarray(0, 10))).toEqual(new Map([[4, 10]]));
    expect(await woken.lookup(Uint32Array.of(4_000_000_000))).toEqual(new Map());
    expect(await woken.deleteDocuments([4])).toBe(1);
    expect(await woken.lookup(keysOf(3))).toEqual(new Map());
    expect(await woken.lookup(keysOf(5).subarray(0, 3))).toEqual(new Map([[6, 3]]));
    woken.close();
  });

  it('a woken store reads its segment heads once when a look-up follows a read already under way', async () => {
    const name = freshName();
    const idb = await IdbStore.open(name);
    idb.mergeEnabled = false;
    await fill(idb);
    idb.close();
    const woken = await IdbStore.open(name);
    // Every head record read (fake-indexeddb's object stores are the globals').
    let headReads = 0;
    const get = IDBObjectStore.prototype.get;
    IDBObjectStore.prototype.get = function (this: IDBObjectStore, key: IDBValidKey | IDBKeyRange) {
      if (this.name === 'segments') headReads++;
      return get.call(this, key);
    };
    try {
      const early = woken.loadHeads();
      expect(woken.loadHeads()).toBe(early);
      expect(await woken.lookup(Uint32Array.of(5, 6))).toEqual(new Map([[1, 2], [2, 1], [3, 2]]));
      expect(await early).toBe(3);
      expect(headReads).toBe(3); // three segments, each head read once
    } finally {
      IDBObjectStore.prototype.get = get;
    }
    woken.close();
  });

  it('pages through documents in key order across many batches', async () => {
    const idb = await IdbStore.open(freshName());
    for (let i = 0; i < 150; i++) await idb.putDocument(doc(`d${i}`), [unit(0, 1000 + i)], Uint32Array.of(i + 1, 0));
    const ids: string[] = [];
    for await (const e of idb.documents()) ids.push(e.doc.id);
    expect(ids).toEqual(Array.from({ length: 150 }, (_, i) => `d${i}`));
    const p = await idb.page(undefined, 100);
    expect(p.entries).toHaveLength(100);
    const q = await idb.page(p.next, 100);
    expect(q.entries).toHaveLength(50);
    expect(q.next).toBeUndefined();
    idb.close();
  });

  it('putDocument is all or nothing: a duplicate id fails and leaves no units or fingerprint counts behind', async () => {
    const idb = await IdbStore.open(freshName());
    await fill(idb);
    const before = await idb.stats();
    await expect(idb.putDocument(doc('one', 'x', ['z', 'z', 'z']), [unit(0, 777)], Uint32Array.of(12, 888, 889))).rejects.toBeInstanceOf(DuplicateDocumentError);
    expect(await idb.stats()).toEqual(before);
    expect(await idb.lookup(Uint32Array.of(777))).toEqual(new Map());
    expect(Array.from(await idb.fingerprintCounts('x', Uint32Array.of(12, 888)))).toEqual([1, 0]);
    idb.close();
  });

  it('putDocuments writes a batch in one transaction: one failure stores none of it', async () => {
    const idb = await IdbStore.open(freshName());
    await idb.putDocument(doc('old'), [unit(0, 1)], Uint32Array.of(1, 2));
    const batch = [
      { doc: doc('new1'), units: [unit(0, 50)], fingerprints: Uint32Array.of(3, 4) },
      { doc: doc('old'), units: [unit(0, 51)], fingerprints: Uint32Array.of(5, 6) },
    ];
    await expect(idb.putDocuments(batch, 'fail')).rejects.toBeInstanceOf(DuplicateDocumentError);
    expect((await idb.stats()).documents).toBe(1);
    expect(await idb.getDocumentById('new1')).toBeUndefined();
    expect(await idb.lookup(Uint32Array.of(50))).toEqual(new Map());
    const keys = await idb.putDocuments(batch, 'skip');
    expect(keys[1]).toBe(-1);
    expect((await idb.stats()).documents).toBe(2);
    idb.close();
  });

  it('two concurrent records of the same id store it once', async () => {
    const idb = await IdbStore.open(freshName());
    const results = await Promise.allSettled([idb.putDocument(doc('same'), [unit(0, 9)], Uint32Array.of(1)), idb.putDocument(doc('same'), [unit(0, 9)], Uint32Array.of(1))]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toBeInstanceOf(DuplicateDocumentError);
    expect(await idb.stats()).toMatchObject({ documents: 1, units: 1 });
    expect(await idb.lookup(Uint32Array.of(9))).toEqual(new Map([[1, 1]]));
    idb.close();
  });

  it('clear empties every store, params included', async () => {
    const idb = await IdbStore.open(freshName());
    await fill(idb);
    await idb.clear();
    expect(await idb.stats()).toEqual({ documents: 0, outlets: 0, units: 0, paragraphs: 0 });
    expect(await idb.getParams()).toBeUndefined();
    expect(await idb.lookup(Uint32Array.of(5))).toEqual(new Map());
    idb.close();
  });


});

describe('IdbStore migrations', () => {
  it(`upgrades a version 1 database to version ${DB_VERSION}, keeping its documents and computing the counters`, async () => {
    const name = freshName();
    const v1 = await openIndexDb(name, 1);
    expect(Array.from(v1.objectStoreNames).sort()).toEqual(['documents', 'fingerprints', 'params', 'units']);
    // Write as the v1 code did: no counters, no outletKey index.
    const tx = v1.transaction(['documents', 'units', 'fingerprints', 'params'], 'readwrite');
    void tx.objectStore('params').put({ shingle: 4, hashes: 128, bands: 3, rows: 1, seed: 1, hashVersion: 1 }, 'params');
    const k1 = (await tx.objectStore('documents').add({ ...doc('old-1', 'x', ['a', 'b', 'c']), fp: Uint32Array.of(1, 2, 3) })) as number;
    const k2 = (await tx.objectStore('documents').add({ ...doc('old-2', 'y'), fp: Uint32Array.of(4, 5) })) as number;
    void tx.objectStore('units').add({ doc: k1, n: 0, paragraph: 0, bandKeys: [70, 71] });
    void tx.objectStore('units').add({ doc: k2, n: 0, paragraph: 1, bandKeys: [70, 72] });
    void tx.objectStore('fingerprints').put({ outletKey: 'x', fp: 1, count: 1 });
    await tx.done;
    v1.close();

    const store = await IdbStore.open(name);
    expect(store.db.version).toBe(DB_VERSION);
    expect(await store.stats()).toEqual({ documents: 2, outlets: 2, units: 2, paragraphs: 5 });
    expect(await store.lookup(Uint32Array.of(70))).toEqual(new Map([[k1, 1], [k2, 1]]));
    expect(Array.from(await store.fingerprintCounts('x', Uint32Array.of(1)))).toEqual([1]);
    // And it keeps working as a current store.
    await store.putDocument(doc('new', 'z'), [unit(0, 70)], Uint32Array.of(9));
    expect(await store.stats()).toEqual({ documents: 3, outlets: 3, units: 3, paragraphs: 7 });
    store.close();
  });

  it('refuses a schema version newer than the build knows', async () => {
    await expect(openIndexDb(freshName(), DB_VERSION + 1)).rejects.toThrow(/newer/);
  });
});
