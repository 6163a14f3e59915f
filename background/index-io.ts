/**
 * Export and import of the index file (JSONL, see src/engine/serialize.ts) over the message protocol.
 *
 * Export goes in pages of documents (a message must stay well under the browser's size limit).
 * Import comes in chunks of lines, each read and written as it arrives but invisible until the last
 * publishes them all (importChunk, pending-imports.ts). A bad line or a failure anywhere, or a
 * cancel, leaves the index as it was.
 */
import { Engine } from '../src/engine/engine';
import { packId, packSource } from '../src/engine/pack-header';
import { exportIndex, importIndex, IndexFormatError } from '../src/engine/serialize';
import { askChunk, chunkKey } from '../src/chunk-channel';
import type { IndexParams, IndexStore, NewDocument, StoreStats, StoredDocument, UnitRecord } from '../src/engine/store';
import type { ExportPage, ImportStep, Req } from '../src/protocol';
import { emit } from '../src/protocol';
import { CodedError } from '../src/errors';
import { EXTENSION_ENGINE_OPTIONS, getStore, resetEngine, serial } from './engine-host';
import { DuplicateDocumentError, type IdbStore, type StoredEntry } from './idb-store';
import type { ImportState } from './pending-imports';

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

/**
 * Hashing into a StagedStore (an import's chunk, a feed's batch) never waits for IndexedDB, so it
 * gives the worker's other work a turn every PAUSE_EVERY_MS (StagedStore.putDocument): the events of
 * the import's chunk before it being written, the disk's probe for this one (readChunk), a cancel's
 * message. The turn is a message to itself rather than a timer, which waits 4 ms once nested.
 */
const PAUSE_EVERY_MS = 20;
const paused: Array<() => void> = [];
let pauseChannel: MessageChannel | undefined;
/** A task's turn for the rest of the worker. */
function pause(): Promise<void> {
  if (!pauseChannel) {
    pauseChannel = new MessageChannel();
    pauseChannel.port1.onmessage = () => paused.shift()?.();
  }
  const channel = pauseChannel;
  return new Promise<void>((resolve) => {
    paused.push(resolve);
    channel.port2.postMessage(undefined);
  });
}

/** Reads go to the real store; new documents wait in memory until commit(). */
export class StagedStore implements IndexStore {
  private readonly pending: Array<{ doc: NewDocument; units: UnitRecord[]; fingerprints: Uint32Array }> = [];
  /** Pending documents by id (their index in `pending`). */
  private readonly ids = new Map<string, number>();
  /** When the hashing last gave the worker a turn (putDocument). */
  private lastPause = performance.now();

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
    // Hashing never waits for IndexedDB here: the worker's other work gets its turn now and then.
    if (performance.now() - this.lastPause >= PAUSE_EVERY_MS) {
      await pause();
      this.lastPause = performance.now();
    }
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
   * Writes every pending document, unpublished, as chunk `seq` of import `importId` (`last`: its
   * last chunk), in one transaction with the import's state (`update` adds what the chunk read, and
   * the ids stored already, which are skipped).
   */
  async commitStage(importId: string, seq: number, last: boolean, update: (s: ImportState, skippedIds: string[]) => void): Promise<void> {
    let skipped: string[] = [];
    await this.store.putDocuments(this.pending, 'skip', {
      importId,
      seq,
      last,
      update: (s) => update(s, skipped),
      onKeys: (keys) => (skipped = this.pending.filter((_, i) => keys[i] === -1).map((e) => e.doc.id)),
    });
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

/** Imports cancelled by the page (cancelImport): checked between articles and before each write. */
const cancelled = new Set<string>();

function throwIfCancelled(importId: string): void {
  if (cancelled.has(importId)) throw new CodedError('import-cancelled', `import ${importId} was cancelled; the index is as it was`);
}

export async function cancelImport(importId: string): Promise<{ cancelled: boolean }> {
  cancelled.add(importId);
  // After the chunk being read (if any), what the import wrote is taken out.
  await serial(async () => (await getStore()).abortImport(importId));
  return { cancelled: true };
}

/** The article count a header line says, if any. */
function declaredIn(header: string | undefined): number | undefined {
  try {
    const n = header ? (JSON.parse(header) as { documents?: unknown }).documents : undefined;
    return typeof n === 'number' ? n : undefined;
  } catch {
    return undefined;
  }
}

/** The header line of a file's first chunk, if it starts with one. */
function headerOf(lines: string[]): string | undefined {
  const first = lines.find((l) => l.trim() !== '')?.trim();
  return first && /^\{\s*"format"\s*:/.test(first) ? first : undefined;
}

/** Where an import's reading stands after a chunk (`seq`, the chunk read last): the next chunk is read from here. */
type ReadSoFar = Pick<ImportState, 'seq' | 'lines' | 'articles' | 'header' | 'declared'>;

/** A chunk read and hashed, waiting for its turn to be written. */
interface HashedChunk {
  staged: StagedStore;
  result: Awaited<ReturnType<typeof importIndex>>;
  header?: string;
}

/**
 * Per import, the reading of its chunks, one after another and ahead of their writes: the page sends
 * a chunk while the one before it is written (src/send-index-file.ts, IN_FLIGHT), so the worker hashes
 * it meanwhile (its CPU) while the browser writes the other (the browser's).
 */
const reading = new Map<string, { done: Promise<HashedChunk | undefined>; after?: ReadSoFar }>();

/** Reads and hashes a chunk into a StagedStore, on from where the import's reading stands (`before`). */
async function readChunk(store: IdbStore, req: ChunkRequest, before: ReadSoFar | undefined): Promise<HashedChunk> {
  throwIfCancelled(req.importId);
  // The disk's probe for this chunk's write, beside its hashing (each of StagedStore's pauses lets it on).
  store.proveImportRoom(req.lines.reduce((n, l) => n + l.length, 0), req.last);
  const staged = new StagedStore(store);
  const engine = await Engine.open(staged, EXTENSION_ENGINE_OPTIONS);
  const done0 = before?.articles ?? 0;
  let lastEmit = 0;
  const header = req.seq === 0 ? headerOf(req.lines) : before?.header;
  const result = await importIndex(
    engine,
    req.lines,
    (done) => {
      throwIfCancelled(req.importId);
      const now = Date.now();
      if (now - lastEmit < 200) return;
      lastEmit = now;
      const total = before?.declared ?? declaredIn(header) ?? 0;
      void emit('progress', { task: 'import', importId: req.importId, code: 'indexing', text: `Indexing article ${done0 + done}…`, done: done0 + done, ...(total ? { total } : {}) });
    },
    { firstLine: (before?.lines ?? 0) + 1, ...(req.seq > 0 && header ? { header } : {}) },
  );
  return { staged, result, header };
}

/**
 * Starts reading a chunk as soon as the import's previous chunk is read, on from where that chunk left
 * off (or, for the first chunk this worker sees of an import, from the import's written state).
 * Undefined when the chunk is not the next one to read (sent again, or out of order): its turn to be
 * written says what it is.
 */
function readAhead(store: IdbStore, req: ChunkRequest): Promise<HashedChunk | undefined> {
  const prev = reading.get(req.importId);
  const entry: { done: Promise<HashedChunk | undefined>; after?: ReadSoFar } = { done: Promise.resolve(undefined) };
  entry.done = (async () => {
    await prev?.done.catch(() => undefined);
    // The first chunk this worker reads of an import starts from what the import wrote.
    const before: ReadSoFar | undefined = prev?.after ?? (await store.importState(req.importId));
    if (req.seq !== (before?.seq ?? -1) + 1) return undefined;
    const hashed = await readChunk(store, req, before);
    const r = hashed.result;
    entry.after = { seq: req.seq, lines: (before?.lines ?? 0) + req.lines.length, articles: (before?.articles ?? 0) + r.articles, header: hashed.header, declared: before?.declared ?? r.declared };
    return hashed;
  })();
  reading.set(req.importId, entry);
  return entry.done;
}

type ChunkRequest = Req<'importIndex'>;

/**
 * One chunk of an index file, read and written as it comes (pending-imports.ts): its articles are
 * hashed (readAhead, while the chunk before it is written) and written, invisible, in one transaction
 * with the import's state; the last chunk checks the file's count and publishes the whole import at
 * once. Writes queue with checks (serial), so a check waits for at most one chunk's write. A chunk
 * sent again after the worker stopped is not written twice; a bad line anywhere, a cancel or a
 * failure takes out everything the import wrote.
 */
export async function importChunk(sent: ChunkRequest): Promise<ImportStep> {
  // Lines the page offers on the chunk channel come first, before any of the chunk's work.
  const req = sent.linesVia === 'channel' ? { ...sent, lines: await askChunk(chunkKey(sent.importId, sent.seq)) } : sent;
  const store = await getStore();
  store.importActive(); // merges give way while the import's chunks come
  const hashing = readAhead(store, req);
  hashing.catch(() => undefined); // awaited in the chunk's turn below
  try {
    return await serial(async () => {
      throwIfCancelled(req.importId);
      const before = await store.importState(req.importId);
      const expected = (before?.seq ?? -1) + 1;
      if (req.seq > expected) throw new CodedError('import-interrupted', `import ${req.importId}: chunk ${expected} is missing (the upload was interrupted); please import again`);
      if (req.seq === expected) {
        // Read ahead from the state this write finds, or (when the reading went another way) now.
        const hashed = (await hashing) ?? (await readChunk(store, req, before));
        const { staged, result: r, header } = hashed;
        throwIfCancelled(req.importId);
        void emit('progress', { task: 'import', importId: req.importId, code: 'saving', text: 'Saving…' });
        await staged.commitStage(req.importId, req.seq, req.last, (s, skipped) => {
          s.lines += req.lines.length;
          s.articles += r.articles;
          s.header ??= header;
          s.declared ??= r.declared;
          s.pack ??= r.pack;
          s.skippedIds.push(...r.skippedIds, ...skipped);
        });
      }
      if (!req.last) return { status: 'staged', lines: req.lines.length } satisfies ImportStep;
      const state = await store.importState(req.importId);
      if (state?.declared !== undefined && state.declared !== state.articles) {
        const what = state.declared > state.articles ? 'is it cut short?' : 'lines added to it?';
        throw new IndexFormatError(1, `documents: the ${state.pack ? "pack's " : ''}header says ${state.declared} articles, the file holds ${state.articles} (${what})`);
      }
      const published = await store.publishImport(req.importId);
      resetEngine();
      const skipped = published.skippedIds.length;
      if (!published.pack) return { status: 'done', documents: published.documents, skipped } satisfies ImportStep;
      // A pack: the articles it holds that were stored already get its source too (so removing the
      // pack keeps what other sources brought, and removes what only it did), and it is listed.
      const known = await Promise.all(published.skippedIds.map((id) => store.getDocumentById(id)));
      await store.addSource(known.filter((d) => !!d).map((d) => d!.key), packSource(published.pack));
      const id = packId(published.pack);
      await store.savePack({ ...published.pack, id, installed: Date.now() });
      return { status: 'done', documents: published.documents, skipped, pack: { id, title: published.pack.title } } satisfies ImportStep;
    });
  } catch (e) {
    // Nothing of a refused, cancelled or failed import stays (a chunk that did not follow its
    // predecessor leaves the import as it is: the page may still send the right one).
    if ((e as { code?: string }).code !== 'import-interrupted') await serial(() => store.abortImport(req.importId)).catch(() => undefined);
    throw store.explain(e);
  } finally {
    if (req.last) cancelled.delete(req.importId);
    // The import's last chunk, or a chunk no other has been read after: nothing more to read on from.
    if (req.last || reading.get(req.importId)?.done === hashing) reading.delete(req.importId);
  }
}
