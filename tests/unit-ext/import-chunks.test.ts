/**
 * Imports in chunks (background/index-io.ts, pending-imports.ts): each chunk is written as it comes
 * but nothing of an import is visible until its last chunk; two imports at once both land whole; a
 * chunk is read while the one before it is written; a chunk sent twice is written once; a cancel or a bad line takes out everything the import wrote
 * (fingerprint counts included); a chunk the quota or a disk probe leaves too little room for is
 * refused and takes the import out; a one-chunk import probes only its own need; an import abandoned for an hour is taken out when the index opens.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from './fake-browser';

vi.mock('webextension-polyfill', () => ({ default: fakeBrowser() }));

const { getStore } = await import('../../background/engine-host');
const { cancelImport, importChunk, StagedStore } = await import('../../background/index-io');
const { IdbStore, IMPORT_MARGIN } = await import('../../background/idb-store');
const { importKey } = await import('../../background/pending-imports');
const { DiskRoom, PROBE_STEP } = await import('../../background/disk-room');
const { loadReuters } = await import('../../scripts/bench/reuters');

const stories = await loadReuters(() => 'Reuters', 400, true);
const line = (i: number, prefix: string, outlet = 'Reuters') => JSON.stringify({ id: `${prefix}-${i}`, outlet, title: stories[i].title, paragraphs: stories[i].paragraphs });
const lines = (from: number, n: number, prefix: string, outlet?: string) => Array.from({ length: n }, (_, i) => line(from + i, prefix, outlet));

async function fresh() {
  const store = await getStore();
  await store.clear();
  return store;
}

describe('imports in chunks', () => {
  it('keeps every chunk invisible until the last, then shows the whole import', async () => {
    const store = await fresh();
    expect(await importChunk({ importId: 'a', seq: 0, lines: lines(0, 30, 'a'), last: false })).toEqual({ status: 'staged', lines: 30 });
    expect(await importChunk({ importId: 'a', seq: 1, lines: lines(30, 30, 'a'), last: false })).toEqual({ status: 'staged', lines: 30 });
    expect((await store.stats()).documents).toBe(0);
    expect(await store.getDocumentById('a-3')).toBeUndefined();
    expect(await store.page(undefined, 100)).toMatchObject({ entries: [] });
    const v = await store.version();
    expect(await importChunk({ importId: 'a', seq: 2, lines: lines(60, 10, 'a'), last: true })).toEqual({ status: 'done', documents: 70, skipped: 0 });
    expect(await store.stats()).toMatchObject({ documents: 70, outlets: 1 });
    expect(await store.getDocumentById('a-3')).toBeDefined();
    expect(await store.version()).toBeGreaterThan(v);
    expect(await store.importState('a')).toBeUndefined();
  });

  it('lands two imports sent at once, chunk by chunk in turn, both whole', async () => {
    const store = await fresh();
    const steps = [];
    for (let seq = 0; seq < 3; seq++) {
      steps.push(importChunk({ importId: 'x', seq, lines: lines(100 + seq * 20, 20, 'x', 'X Wire'), last: seq === 2 }));
      steps.push(importChunk({ importId: 'y', seq, lines: lines(200 + seq * 20, 20, 'y', 'Y Wire'), last: seq === 2 }));
    }
    const done = await Promise.all(steps);
    expect(done.filter((d) => d.status === 'done')).toEqual([
      { status: 'done', documents: 60, skipped: 0 },
      { status: 'done', documents: 60, skipped: 0 },
    ]);
    expect(await store.stats()).toMatchObject({ documents: 120, outlets: 2 });
  });

  it('reads a chunk while the chunk before it is written', async () => {
    const store = await fresh();
    const events: string[] = [];
    const originalPut = StagedStore.prototype.putDocument;
    const originalCommit = StagedStore.prototype.commitStage;
    const put = vi.spyOn(StagedStore.prototype, 'putDocument');
    const commit = vi.spyOn(StagedStore.prototype, 'commitStage');
    put.mockImplementation(async function (this: InstanceType<typeof StagedStore>, ...args) {
      events.push('read');
      return originalPut.apply(this, args);
    });
    commit.mockImplementation(async function (this: InstanceType<typeof StagedStore>, ...args) {
      events.push('write');
      try {
        return await originalCommit.apply(this, args);
      } finally {
        events.push('written');
      }
    });
    try {
      const steps = [0, 1].map((seq) => importChunk({ importId: 'p', seq, lines: lines(seq * 40, 40, 'p'), last: seq === 1 }));
      expect(await Promise.all(steps)).toEqual([{ status: 'staged', lines: 40 }, { status: 'done', documents: 80, skipped: 0 }]);
    } finally {
      put.mockRestore();
      commit.mockRestore();
    }
    // Chunk 0 read, then chunk 1 read (some of it at least) while chunk 0 is written.
    const firstWrite = events.indexOf('write');
    expect(events.slice(0, firstWrite)).toEqual(Array(40).fill('read'));
    expect(events.slice(firstWrite, events.indexOf('written'))).toContain('read');
    expect(events.filter((e) => e === 'read')).toHaveLength(80);
    expect((await store.stats()).documents).toBe(80);
  });

  it('writes a chunk sent again once', async () => {
    const store = await fresh();
    await importChunk({ importId: 'r', seq: 0, lines: lines(0, 10, 'r'), last: false });
    await importChunk({ importId: 'r', seq: 0, lines: lines(0, 10, 'r'), last: false });
    expect(await importChunk({ importId: 'r', seq: 1, lines: lines(10, 5, 'r'), last: true })).toEqual({ status: 'done', documents: 15, skipped: 0 });
    expect((await store.stats()).documents).toBe(15);
  });

  it('takes out everything of a cancelled import or one with a bad line, fingerprint counts too', async () => {
    const store = await fresh();
    await importChunk({ importId: 'kept', seq: 0, lines: lines(0, 10, 'k'), last: true });
    const fps = Uint32Array.from((await store.page(undefined, 1)).entries[0].fingerprints);
    const counts = Array.from(await store.fingerprintCounts('reuters', fps));
    await importChunk({ importId: 'c', seq: 0, lines: lines(0, 40, 'c'), last: false });
    expect(Array.from(await store.fingerprintCounts('reuters', fps)).some((n, i) => n > counts[i])).toBe(true);
    await cancelImport('c');
    await expect(importChunk({ importId: 'c', seq: 1, lines: lines(40, 5, 'c'), last: true })).rejects.toThrow(/cancelled/);
    expect(Array.from(await store.fingerprintCounts('reuters', fps))).toEqual(counts);
    await importChunk({ importId: 'b', seq: 0, lines: lines(50, 20, 'b'), last: false });
    await expect(importChunk({ importId: 'b', seq: 1, lines: [line(70, 'b'), '{"id": "broken",'], last: true })).rejects.toThrow(/^line 22: not valid JSON/);
    expect(await store.stats()).toMatchObject({ documents: 10 });
    expect((await store.db.getAllKeys('documents')).length).toBe(10);
    expect(Array.from(await store.fingerprintCounts('reuters', fps))).toEqual(counts);
  });

  it('refuses a chunk whole while the disk has too little room for it, and takes out the import', async () => {
    const store = await fresh();
    await importChunk({ importId: 'kept', seq: 0, lines: lines(0, 10, 'k'), last: true });
    let room = 2 ** 30;
    store.room = async () => room;
    await importChunk({ importId: 'r', seq: 0, lines: lines(20, 20, 'r'), last: false });
    room = IMPORT_MARGIN; // the margin alone: no room for the chunk itself
    await expect(importChunk({ importId: 'r', seq: 1, lines: lines(40, 20, 'r'), last: true })).rejects.toThrow(/no more room for the index/);
    expect(await store.stats()).toMatchObject({ documents: 10 });
    expect((await store.db.getAllKeys('documents')).length).toBe(10);
    room = 2 ** 30;
    expect(await importChunk({ importId: 'again', seq: 0, lines: lines(40, 20, 'a'), last: true })).toEqual({ status: 'done', documents: 20, skipped: 0 });
    store.room = async () => undefined;
  });

  it('refuses a chunk whole when a probe finds the disk full, though the quota says there is room', async () => {
    const store = await fresh();
    const disk = store.disk;
    await importChunk({ importId: 'kept', seq: 0, lines: lines(0, 10, 'k'), last: true });
    const probes: number[] = [];
    let full = false;
    store.room = async () => 2 ** 30;
    store.disk = new DiskRoom(async (bytes) => (probes.push(bytes), !full));
    await importChunk({ importId: 'r', seq: 0, lines: lines(20, 20, 'r'), last: false });
    expect(probes).toEqual([PROBE_STEP]); // proven once, for this chunk and the next ones
    full = true;
    store.disk.forget(); // the proof has gone stale
    await expect(importChunk({ importId: 'r', seq: 1, lines: lines(40, 20, 'r'), last: true })).rejects.toThrow(/no more room for the index/);
    // The last chunk has no chunk after it to cover: it probes its own need alone, refused. First
    // the need its characters suggest, beside its hashing (proveImportRoom), then its write's own.
    expect(probes.length).toBe(3);
    for (const p of probes.slice(1)) expect(p).toBeGreaterThan(IMPORT_MARGIN);
    for (const p of probes.slice(1)) expect(p).toBeLessThan(PROBE_STEP);
    expect(probes[1]).toBeGreaterThanOrEqual(probes[2]);
    expect(await store.stats()).toMatchObject({ documents: 10 });
    expect((await store.db.getAllKeys('documents')).length).toBe(10);
    full = false;
    expect(await importChunk({ importId: 'again', seq: 0, lines: lines(40, 20, 'a'), last: true })).toEqual({ status: 'done', documents: 20, skipped: 0 });
    store.room = async () => undefined;
    store.disk = disk;
  });

  it("proves a one-chunk import's own need, and PROBE_STEP for a chunk with more to come", async () => {
    const store = await fresh();
    const disk = store.disk;
    const probes: number[] = [];
    store.room = async () => 2 ** 30;
    store.disk = new DiskRoom(async (bytes) => (probes.push(bytes), true));
    await importChunk({ importId: 'one', seq: 0, lines: lines(0, 20, 'one'), last: true });
    expect(probes.length).toBe(1);
    expect(probes[0]).toBeGreaterThan(IMPORT_MARGIN);
    expect(probes[0]).toBeLessThan(PROBE_STEP);
    store.disk.forget();
    await importChunk({ importId: 'two', seq: 0, lines: lines(20, 20, 'two'), last: false });
    await importChunk({ importId: 'two', seq: 1, lines: lines(40, 20, 'two'), last: true });
    expect(probes.slice(1)).toEqual([PROBE_STEP]); // the first chunk's probe covers the last one too
    expect(await store.stats()).toMatchObject({ documents: 60 });
    store.room = async () => undefined;
    store.disk = disk;
  });

  it('takes out an import abandoned for an hour when the index opens', async () => {
    const store = await fresh();
    await importChunk({ importId: 'old', seq: 0, lines: lines(0, 10, 'o'), last: false });
    const state = await store.importState('old');
    await store.db.put('meta', { ...state, updated: Date.now() - 2 * 3600_000 }, importKey('old'));
    const reopened = await IdbStore.open();
    expect(await reopened.importState('old')).toBeUndefined();
    expect((await reopened.db.getAllKeys('documents')).length).toBe(0);
    reopened.close();
  });
});
