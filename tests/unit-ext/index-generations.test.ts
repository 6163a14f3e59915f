/**
 * Generations of the index database (index-generations.ts): a rewrite gives the same answers under
 * the next name and deletes the old database; a worker stopped at any step of it finds the index
 * whole (an unfinished copy is dropped, a finished one kept); clearing starts again at the base
 * name; and when a deletion is worth a rewrite.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { IdbStore, deleteIndexDb } from '../../background/idb-store';
import { COPYING, copyDatabase, currentGeneration, generationName, generationOf } from '../../background/index-generations';
import { decodeBlock, type StoredBlock } from '../../background/posting-blocks';
import { SMALL_INDEX, worthRewriting } from '../../background/free-space';
import { MemoryStore } from '../../src/engine/memory-store';
import type { NewDocument } from '../../src/engine/store';

let n = 0;
const freshName = () => `wiretrace-gen-${Date.now()}-${n++}`;
const names = async () => (await indexedDB.databases()).map((d) => d.name);
const doc = (i: number, outletKey: string): NewDocument => ({ id: `d${i}`, outlet: outletKey, outletKey, firstSeen: 1000 + i, paragraphs: ['one', 'two', 'three'] });
const keysOf = (i: number) => Uint32Array.from({ length: 30 }, (_, k) => 1 + i * 30 + k);

async function filled(base: string): Promise<IdbStore> {
  const s = await IdbStore.open(base);
  await s.setParams({ shingle: 4, hashes: 128, bands: 3, rows: 1, seed: 1, hashVersion: 1 });
  for (let i = 0; i < 12; i++) await s.putDocument(doc(i, i % 3 ? 'kept' : 'gone'), [{ paragraph: 0, bandKeys: keysOf(i) }], Uint32Array.of(100 + i, 0, 7));
  await s.savePack({ title: 'A pack', id: 'p1', installed: 5 } as never);
  await s.settled();
  return s;
}

async function answers(s: IdbStore) {
  const docs = [];
  for await (const e of s.documents()) docs.push({ doc: e.doc, units: e.units.map((u) => Array.from(u.bandKeys)), fps: Array.from(e.fingerprints) });
  const lookups = [];
  for (let i = 0; i < 12; i++) lookups.push([...(await s.lookup(keysOf(i)))]);
  return { docs, lookups, stats: await s.stats(), version: await s.version(), packs: await s.packs(), params: await s.getParams(), fps: Array.from(await s.fingerprintCounts('kept', Uint32Array.of(101, 7, 99))) };
}

describe('index generations', () => {
  it('names generations after the base name, and reads them back', () => {
    expect(generationName('wiretrace', 0)).toBe('wiretrace');
    expect(generationName('wiretrace', 3)).toBe('wiretrace.3');
    expect(generationOf('wiretrace', 'wiretrace')).toBe(0);
    expect(generationOf('wiretrace', 'wiretrace.12')).toBe(12);
    for (const other of ['wiretrace-library', 'wiretrace.', 'wiretrace.0', 'wiretrace.01', 'wiretrace.x', 'wiretrace.1.2', 'wiretrac']) expect(generationOf('wiretrace', other)).toBeUndefined();
  });

  it('a rewrite gives the same answers from the next generation, deletes the old one, and the index reopens there', async () => {
    const base = freshName();
    const s = await filled(base);
    expect(await s.deleteDocuments(await s.keysOfOutlet('gone'))).toBe(4);
    expect(await s.deletedShare()).toEqual({ deleted: 12, stored: 24 });
    const before = await answers(s);
    expect(s.databaseName).toBe(base);
    expect(await s.rewrite()).toBe(true);
    expect(s.databaseName).toBe(`${base}.1`);
    expect(await names()).toContain(`${base}.1`);
    expect(await names()).not.toContain(base);
    expect(await answers(s)).toEqual(before);
    expect(await s.deletedShare()).toEqual({ deleted: 0, stored: 24 });
    // Writes go on in the new generation, and a new worker opens it.
    await s.putDocument(doc(50, 'kept'), [{ paragraph: 0, bandKeys: keysOf(50) }], Uint32Array.of(150, 0, 7));
    expect(await s.rewrite()).toBe(true);
    expect(s.databaseName).toBe(`${base}.2`);
    const after = await answers(s);
    s.close();
    const woken = await IdbStore.open(base);
    expect(woken.databaseName).toBe(`${base}.2`);
    expect(await answers(woken)).toEqual(after);
    expect(after.stats.documents).toBe(9);
    woken.close();
  });

  it('a deletion left for the rewrite: look-ups leave the documents out at once, a new worker too, and the copy drops their postings', async () => {
    const base = freshName();
    const [s, twin] = await Promise.all([filled(base), filled(freshName())]);
    const gone = await s.keysOfOutlet('gone');
    expect(await s.deleteLater(gone)).toBe(4);
    expect(await twin.deleteDocuments(gone)).toBe(4);
    expect(s.deletedLater).toBe(4);
    expect(await answers(s)).toEqual({ ...(await answers(twin)), version: await s.version() });
    const postings = async (x: IdbStore) => ((await x.db.getAll('postings')) as StoredBlock[]).reduce((n, p) => n + decodeBlock(p).length / 2, 0);
    expect(await postings(s)).toBe(12 * 30); // still there, left out of every answer
    s.close();
    const woken = await IdbStore.open(base);
    expect(woken.deletedLater).toBe(4);
    expect((await answers(woken)).lookups).toEqual((await answers(twin)).lookups);
    expect(await woken.rewrite()).toBe(true);
    expect(woken.deletedLater).toBe(0);
    expect(await postings(woken)).toBe(8 * 30);
    expect(await woken.db.get('meta', 'gone')).toBeUndefined();
    const heads = (await woken.db.getAll('segments')) as Array<{ postings: number }>;
    expect(heads.reduce((n, h) => n + h.postings, 0)).toBe(8 * 30);
    expect(await answers(woken)).toEqual({ ...(await answers(twin)), version: await woken.version() });
    woken.close();
    twin.close();
  });

  it('removing a large source (a pack) leaves its orphans for the rewrite, and answers as the memory store does', async () => {
    const s = await IdbStore.open(freshName());
    const mem = new MemoryStore();
    for (const x of [s, mem] as const) {
      await x.setParams({ shingle: 4, hashes: 128, bands: 3, rows: 1, seed: 1, hashVersion: 1 });
      for (let i = 0; i < 620; i++) await x.putDocument({ ...doc(i, i % 2 ? 'pack' : 'read'), sources: i % 5 === 0 ? ['pack:p', 'read'] : ['pack:p'] }, [{ paragraph: 0, bandKeys: keysOf(i % 50) }], Uint32Array.of(i + 1, 0, 7));
    }
    const removed = await s.removeSource('pack:p');
    expect(removed).toEqual(await mem.removeSource('pack:p'));
    expect(s.deletedLater).toBe(removed.deleted);
    const same = async () => {
      for (let i = 0; i < 50; i += 7) expect(await s.lookup(keysOf(i))).toEqual(await mem.lookup(keysOf(i)));
      expect(await s.stats()).toEqual(await mem.stats());
    };
    await same();
    expect(await s.rewrite()).toBe(true);
    expect(s.deletedLater).toBe(0);
    await same();
    s.close();
  });

  it('reads during a rewrite see the index, and a merge under way finishes before the copy', async () => {
    const [s, twin] = await Promise.all([filled(freshName()), filled(freshName())]);
    const before = await answers(s);
    // Four more records: a merge of four segments starts behind them.
    for (const t of [s, twin]) for (let i = 20; i < 24; i++) await t.putDocument(doc(i, 'kept'), [{ paragraph: 0, bandKeys: keysOf(i) }], Uint32Array.of(i, 0, 7));
    const rewriting = s.rewrite();
    const during = await Promise.all([s.lookup(keysOf(4)), s.getDocumentById('d4')]);
    expect(await rewriting).toBe(true);
    expect(during).toEqual([new Map(before.lookups[4]), before.docs[4].doc]);
    await Promise.all([s.settled(), twin.settled()]);
    expect(await answers(s)).toEqual(await answers(twin));
    expect((await s.db.getAllKeys('segments')).length).toBe((await twin.db.getAllKeys('segments')).length);
    s.close();
    twin.close();
  });

  it('a worker stopped during the copy finds the old generation, and the unfinished copy is dropped', async () => {
    const base = freshName();
    const s = await filled(base);
    const before = await answers(s);
    // The copy as a stopped worker leaves it: every record in, the marker still there.
    const copy = await copyDatabase(s.db, generationName(base, 1));
    await copy.put('meta', true, COPYING);
    copy.close();
    s.close();
    expect(await currentGeneration(base)).toBe(base);
    await expect.poll(names).not.toContain(`${base}.1`); // deleted without waiting
    const woken = await IdbStore.open(base);
    expect(await answers(woken)).toEqual(before);
    woken.close();
  });

  it('a worker stopped after the copy but before deleting the old generation opens the copy and deletes the old', async () => {
    const base = freshName();
    const s = await filled(base);
    const before = await answers(s);
    (await copyDatabase(s.db, generationName(base, 1))).close();
    s.close();
    const woken = await IdbStore.open(base);
    expect(woken.databaseName).toBe(`${base}.1`);
    await expect.poll(names).not.toContain(base);
    expect(await answers(woken)).toEqual(before);
    woken.close();
  });

  it('a failed copy leaves the index as it was and no copy behind', async () => {
    const base = freshName();
    const s = await filled(base);
    const before = await answers(s);
    // The next generation's name is taken by a database of a newer version: the copy cannot open it.
    const blocker = indexedDB.open(generationName(base, 1), 99);
    await new Promise((ok) => (blocker.onsuccess = ok));
    blocker.result.close();
    await expect(copyDatabase(s.db, generationName(base, 1))).rejects.toThrow();
    expect(await names()).not.toContain(`${base}.1`);
    expect(await answers(s)).toEqual(before);
    s.close();
  });

  it('waits, copying nothing, while the disk has no room for the copy', async () => {
    const base = freshName();
    const s = await filled(base);
    s.room = async () => 100_000;
    expect(await s.rewrite()).toBe(false);
    expect(s.databaseName).toBe(base);
    expect(await names()).not.toContain(`${base}.1`);
    s.room = async () => undefined; // a browser that cannot say: the copy goes ahead
    expect(await s.rewrite()).toBe(true);
    s.close();
  });

  it('clearing after a rewrite starts again at the base name; deleting the index deletes every generation', async () => {
    const base = freshName();
    const s = await filled(base);
    await s.rewrite();
    await s.clear();
    expect(await s.stats()).toEqual({ documents: 0, outlets: 0, paragraphs: 0, units: 0 });
    expect(s.databaseName).toBe(base);
    await s.putDocument(doc(1, 'kept'), [{ paragraph: 0, bandKeys: keysOf(1) }], Uint32Array.of(1, 2, 3));
    expect((await names()).filter((x) => x !== undefined && generationOf(base, x) !== undefined)).toEqual([base]);
    await s.rewrite();
    s.close();
    await deleteIndexDb(base);
    expect((await names()).filter((x) => x !== undefined && generationOf(base, x) !== undefined)).toEqual([]);
  });

  it('gives space back after a deletion in a small index, or of an eighth of a large one', () => {
    expect(worthRewriting(0, 100)).toBe(false);
    expect(worthRewriting(3, 100)).toBe(true);
    expect(worthRewriting(3, SMALL_INDEX)).toBe(true);
    expect(worthRewriting(3, SMALL_INDEX + 1)).toBe(false);
    expect(worthRewriting(100_000, 800_000)).toBe(true);
    expect(worthRewriting(99_999, 800_000)).toBe(false);
  });
});
