/**
 * Export and import of the index file (JSONL, see src/engine/serialize.ts) over the message protocol.
 *
 * Export goes in pages of documents (a message must stay well under the browser's size limit).
 * Import comes in chunks of lines that are staged in IndexedDB (so a worker restart between chunks
 * loses nothing); the last chunk runs importIndex against a StagedStore that keeps new documents in
 * memory, and only when every line was read and checked are they written in ONE transaction.
 * A bad line or a failure anywhere leaves the index as it was.
 */
import { Engine } from '../src/engine/engine';
import { packId, packSource } from '../src/engine/pack-header';
import { exportIndex, importIndex } from '../src/engine/serialize';
import type { IndexParams, IndexStore, NewDocument, StoreStats, StoredDocument, UnitRecord } from '../src/engine/store';
import type { ExportPage, ImportStep } from '../src/protocol';
import { emit } from '../src/protocol';
import { CodedError } from '../src/errors';
import { EXTENSION_ENGINE_OPTIONS, getStore, resetEngine, serial } from './engine-host';
import { DuplicateDocumentError, type IdbStore, type StoredEntry } from './idb-store';

/** The store as export sees it: one page of documents, the real header numbers. */
class PageView implements IndexStore {
  constructor(
    private readonly store: IdbStore,
    private readonly entries: StoredEntry[],
  ) {}
  getParams() {
    return this.store.getParams();
  }
  setParams(): Promise<void> {
    throw new Error('read-only');
  }
  lookup(k: Uint32Array) {
    return this.store.lookup(k);
  }
  getDocuments(keys: number[]) {
    return this.store.getDocuments(keys);
  }
  getDocumentById(id: string) {
    return this.store.getDocumentById(id);
  }
  fingerprintCounts(o: string, f: Uint32Array) {
    return this.store.fingerprintCounts(o, f);
  }
  putDocument(): Promise<number> {
    throw new Error('read-only');
  }
  deleteDocuments(): Promise<number> {
    throw new Error('read-only');
  }
  addSource(): Promise<number> {
    throw new Error('read-only');
  }
  removeSource(): Promise<{ untagged: number; deleted: number }> {
    throw new Error('read-only');
  }
  stats() {
    return this.store.stats();
  }
  async *documents() {
    yield* this.entries;
  }
  clear(): Promise<void> {
    throw new Error('read-only');
  }
}

export async function exportPage(after: number | undefined, limit = 200): Promise<ExportPage> {
  const store = await getStore();
  const page = await store.page(after, Math.max(1, Math.min(limit, 1000)));
  const lines: string[] = [];
  for await (const line of exportIndex(new PageView(store, page.entries))) lines.push(line);
  if (after !== undefined) lines.shift(); // the header goes in the first page only
  return { lines, next: page.next };
}

/** Documents staged between two turns of the worker's event loop during an import. */
const YIELD_EVERY = 50;

/** Reads go to the real store; new documents wait in memory until commit(). */
export class StagedStore implements IndexStore {
  private readonly pending: Array<{ doc: NewDocument; units: UnitRecord[]; fingerprints: Uint32Array }> = [];
  /** Pending documents by id (their index in `pending`). */
  private readonly ids = new Map<string, number>();

  constructor(private readonly store: IdbStore) {}

  getParams(): Promise<IndexParams | undefined> {
    return this.store.getParams();
  }
  setParams(p: IndexParams): Promise<void> {
    return this.store.setParams(p);
  }
  lookup(k: Uint32Array) {
    return this.store.lookup(k);
  }
  getDocuments(keys: number[]) {
    return this.store.getDocuments(keys);
  }
  /**
   * Only the pending documents: an id already in the store is found by commit(), which skips it, so
   * an import costs no IndexedDB read per article (an article stored before is hashed in vain).
   */
  async getDocumentById(id: string): Promise<StoredDocument | undefined> {
    const i = this.ids.get(id);
    return i !== undefined ? { ...this.pending[i].doc, key: -(i + 1) } : undefined;
  }
  fingerprintCounts(o: string, f: Uint32Array) {
    return this.store.fingerprintCounts(o, f);
  }
  async putDocument(doc: NewDocument, units: UnitRecord[], fingerprints: Uint32Array): Promise<number> {
    if (this.ids.has(doc.id)) throw new DuplicateDocumentError(doc.id);
    this.ids.set(doc.id, this.pending.length);
    this.pending.push({ doc, units, fingerprints });
    // Hashing never waits for IndexedDB here: let the worker take messages (a cancel) now and then.
    if (this.pending.length % YIELD_EVERY === 0) await new Promise((ok) => setTimeout(ok, 0));
    return -this.pending.length;
  }
  deleteDocuments(): Promise<number> {
    throw new Error('an import only adds documents');
  }
  addSource(): Promise<number> {
    throw new Error('an import only adds documents');
  }
  removeSource(): Promise<{ untagged: number; deleted: number }> {
    throw new Error('an import only adds documents');
  }
  async stats(): Promise<StoreStats> {
    const s = await this.store.stats();
    return { ...s, documents: s.documents + this.pending.length };
  }
  documents() {
    return this.store.documents();
  }
  clear(): Promise<void> {
    throw new Error('cannot clear during an import');
  }
  /**
   * Writes every pending document in one transaction; ids stored meanwhile are skipped (their ids
   * listed). `keys` are the stored keys in the order the documents were put (-1 for one skipped).
   */
  async commit(): Promise<{ added: number; skipped: number; skippedIds: string[]; keys: number[] }> {
    const keys = await this.store.putDocuments(this.pending, 'skip');
    const skippedIds = this.pending.filter((_, i) => keys[i] === -1).map((e) => e.doc.id);
    return { added: keys.length - skippedIds.length, skipped: skippedIds.length, skippedIds, keys };
  }
}

/** Imports cancelled by the page (cancelImport): checked between articles and before the write. */
const cancelled = new Set<string>();

function throwIfCancelled(importId: string): void {
  if (cancelled.has(importId)) throw new CodedError('import-cancelled', `import ${importId} was cancelled; the index is as it was`);
}

export async function cancelImport(importId: string): Promise<{ cancelled: boolean }> {
  cancelled.add(importId);
  await (await getStore()).dropStaged(importId);
  return { cancelled: true };
}

export async function importChunk(req: { importId: string; seq: number; lines: string[]; last: boolean }): Promise<ImportStep> {
  const store = await getStore();
  if (req.seq === 0) await store.dropStaged(); // leftovers of an interrupted upload
  throwIfCancelled(req.importId);
  await store.stageChunk({ importId: req.importId, seq: req.seq, lines: req.lines });
  if (!req.last) return { status: 'staged', lines: req.lines.length };
  try {
    const lines = await store.stagedLines(req.importId);
    return await serial(async () => {
      const staged = new StagedStore(store);
      const engine = await Engine.open(staged, EXTENSION_ENGINE_OPTIONS);
      let lastEmit = 0;
      const r = await importIndex(engine, lines, (done, total) => {
        throwIfCancelled(req.importId);
        const now = Date.now();
        if (now - lastEmit < 200 && done !== total) return;
        lastEmit = now;
        void emit('progress', { task: 'import', code: 'indexing', text: `Indexing article ${done} of ${total}…`, done, total });
      });
      throwIfCancelled(req.importId);
      void emit('progress', { task: 'import', code: 'saving', text: 'Saving…' });
      const c = await staged.commit();
      resetEngine();
      if (!r.pack) return { status: 'done', documents: c.added, skipped: r.skipped + c.skipped } satisfies ImportStep;
      // A pack: the articles it holds that were stored already get its source too (so removing the
      // pack keeps what other sources brought, and removes what only it did), and it is listed.
      const source = packSource(r.pack);
      const known = await Promise.all([...r.skippedIds, ...c.skippedIds].map((id) => store.getDocumentById(id)));
      await store.addSource(known.filter((d) => !!d).map((d) => d!.key), source);
      const id = packId(r.pack);
      await store.savePack({ ...r.pack, id, installed: Date.now() });
      return { status: 'done', documents: c.added, skipped: r.skipped + c.skipped, pack: { id, title: r.pack.title } } satisfies ImportStep;
    });
  } finally {
    cancelled.delete(req.importId);
    // A failure here (a full disk refusing even the delete) must not turn a finished import into an
    // error: leftovers are dropped by the next import's first chunk.
    await store.dropStaged(req.importId).catch((e) => console.warn('wiretrace: could not drop the staged import chunks', e));
  }
}
