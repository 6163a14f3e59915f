/**
 * IndexStore on IndexedDB: the extension's persistent index.
 *
 * Layout (database "wiretrace", or its generation "wiretrace.<n>" after a rewrite: index-generations.ts;
 * schema version DB_VERSION; docs/index-format.md has the table):
 *
 *   params        out-of-line key 'params' -> IndexParams
 *   meta          'counters' -> { documents, outlets, paragraphs, units }, written in the same
 *                 transaction as every write, so stats() is one get; 'nextKey' -> the next document
 *                 key (carried over a clear() while the worker lives); 'version' -> changes with
 *                 every change an answer can see; 'import:<id>' -> an import under way (its documents
 *                 and segments are left out of every answer until it is published); 'pack:<id>' (v3);
 *                 'deleted' -> paragraphs deleted since this generation began (deletedShare);
 *                 'gone' -> keys of documents deleted by deleteLater whose postings wait for rewrite();
 *                 'copying' -> present while rewrite() copies into this generation;
 *                 'room-probe' -> a disk probe's Blobs, for the moment they prove room (probeDisk)
 *   documents     key `key` (assigned from meta 'nextKey'); value: StoredDocument + `fp` (Uint32Array,
 *                 paragraph fingerprints) + `units` (Uint32Array: per unit its paragraph + 1, its number
 *                 of keys and its keys; packUnits) unless the store computes units from the text
 *                 (unitsOf, as the extension does); index 'id' (unique), index 'outletKey'
 *   segments      key: segment id; value: HeadRecord (postings count, fences, Bloom filter: inline,
 *                 or a Blob when large)                                                            (v3)
 *   postings      key [segment, block]; value: a block's keys then documents, as variable-length
 *                 integers in a Uint8Array (posting-blocks.ts), or a Uint32Array where it was
 *                 written before that form                                                         (v3)
 *   fingerprints  key [outletKey, fp >>> 24]; value FpBucket: an outlet's paragraph fingerprints in
 *                 that bucket, sorted, with how many of its documents hold each (fingerprints.ts)   (v3)
 *   staging       unused: an import writes each chunk as it comes (pending-imports.ts); kept by the schema
 *
 * Why segments (segments.ts): one record per article and a few kilobytes of sorted typed arrays per
 * 512 postings cost ~700-950 bytes a paragraph and write thousands of articles a second; one
 * record per unit under a multi-entry index costs ~2,000-5,000 bytes a paragraph and ~100-250
 * articles a second (scripts/bench/storage-layouts.ts, docs/design.md).
 *
 * Every write (putDocument, putDocuments: an import) stores its documents, one new segment of their
 * postings, fingerprints and counters in ONE read-write transaction: all of it or none. Merges run
 * after a write: a merge writes its segment's blocks in transactions of ~1 MB under an id no head
 * names yet, then one transaction puts its head and deletes its inputs' heads (their blocks go
 * after); a look-up reads the segment list and its blocks in one read-only transaction, so it sees
 * the index before or after a merge, never between, and waits at most for one ~1 MB write. Blocks
 * no head names (a merge stopped with its worker) are deleted before the next merge (sweepOrphans).
 *
 * clear() deletes the database and creates it again when it is next used (see clear()); rewrite()
 * copies it into its next generation after a large deletion, so that the browser's next compaction
 * gives the deleted space back, and drops the postings deleteLater left.
 *
 * Migrations: MIGRATIONS[v] upgrades a database at version v to v + 1 inside onupgradeneeded.
 * v0 -> v1: the first schema (params, documents + 'id', units + 'bandKeys', fingerprints).
 * v1 -> v2: 'outletKey' index, 'meta' counters (computed from the stored documents), 'staging'.
 * v2 -> v3: units packed into their documents, postings segments built from them, 'units' dropped.
 * v3 -> v4: documents' multi-entry 'sources' index.
 */
import { openDB, deleteDB, unwrap, type IDBPDatabase } from 'idb';
import { bloomHas } from './band-filter';
import { addCounts, bucketId, bucketOf, countOf, FpIncrements, type FpBucket } from './fingerprints';
import { FpBucketCache } from './fp-bucket-cache';
import { migrations, ZERO, type Counters, type DB, type DocRecord, type Migration } from './idb-schema';
import { blocksFor, buildSegment, countInBlock, mergeSegments, pickMerge, type Segment, type SegmentHead } from './segments';
import { decodeBlock, encodeBlock, type StoredBlock } from './posting-blocks';
import { packUnits, unpackUnits, type PackedUnits } from './unit-pack';
import { ABANDONED_MS, importKey, keysOf, newImportState, type ImportState } from './pending-imports';
import { storedIds } from './stored-ids';
import { sourcesOf, type IndexParams, type IndexStore, type NewDocument, type StoreStats, type StoredDocument, type UnitRecord } from '../src/engine/store';
import type { PackInfo } from '../src/engine/pack-header';
import { CodedError, isBrowserError } from '../src/errors';
import type { DiskRoom } from './disk-room';
import { canListDatabases, copyDatabase, currentGeneration, deleteGenerations, generationName, generationOf } from './index-generations';

export { ZERO };
export const DB_NAME = 'wiretrace';
export const DB_VERSION = 4;
/** Bytes a stored paragraph takes, all-in, with a margin (docs/benchmarks.md: 740-910): what rewrite() expects to copy. */
const COPY_BYTES = 1200;
/** meta key: paragraphs deleted since this generation of the database began (deletedShare()). */
const DELETED = 'deleted';
/** meta key: documents deleted by deleteLater() whose postings this generation still holds (sorted keys). */
const GONE = 'gone';
/** meta key: the Blobs a disk probe writes and deletes at once (probeDisk; disk-room.ts). */
const PROBE = 'room-probe';
/**
 * Bytes of one file of a disk probe: a 16th of the probe, between 1 and 4 MB. The first part is
 * sent, the others are slices of it the browser copies: in Chromium 156, 128 MB took 108-135 ms in
 * parts of 4 MB and 147-170 in parts of 1 MB, and 16 MB 18-23 ms in parts of 1 MB, 41-48 in parts of
 * 4 MB or of 256 KB (3 rounds each, side by side).
 */
export function probePart(bytes: number): number {
  return Math.min(4 * 2 ** 20, Math.max(2 ** 20, Math.round(bytes / 16)));
}
export const MIGRATIONS: Migration[] = migrations;

const WRITE_STORES = ['documents', 'segments', 'postings', 'fingerprints', 'meta'];
/**
 * Segments of at most this many postings (size classes 0-3, segments.ts: at most 12 of them, ~4 MB)
 * are read whole by their first look-up and kept in memory. Why: each segment costs a check a block
 * read for nearly every key its filter lets through, and ~1 % of absent keys get through any filter,
 * whatever the segment's size; at 100,000 articles 45-95 % of a check's block reads found nothing,
 * spread over 10-16 segments, half of them small (docs/design.md, "Small segments in memory").
 */
export const SMALL_SEGMENT = 2 ** 17;
/** An object store of a read-write transaction, as takeOut() uses it. */
interface TxStore {
  get(key: IDBValidKey): Promise<unknown>;
  put(value: unknown, key?: IDBValidKey): Promise<unknown>;
  delete(key: IDBValidKey): Promise<unknown>;
  index(name: string): { count(key: IDBValidKey): Promise<number> };
}
/** Room a merge leaves free beyond its own needs (roomForMerge): the browser's profile writes too. */
export const MERGE_MARGIN = 16 * 2 ** 20;
/**
 * Room an import's chunk leaves free beyond three times its own size (IdbStore.hasRoom): the browser's
 * database compacts what was written, and needs disk for it.
 */
export const IMPORT_MARGIN = 24 * 2 ** 20;
/**
 * Disk room a record, or any other small write of articles, needs proven first beyond its own size
 * (disk-room.ts): its log write, and the database's compaction after it. Its probe proves twice as
 * much, so one probe covers the records of the next FRESH_MS (16 MB in ~20 ms, in parts of 1 MB).
 */
export const RECORD_ROOM = 8 * 2 ** 20;
const RECORD_PROBE = 2 * RECORD_ROOM;

/** Quota minus usage of this origin's storage, when the browser says (IdbStore.room). */
async function storageRoom(): Promise<number | undefined> {
  const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
  if (!storage?.estimate) return undefined;
  const e = await storage.estimate();
  return e.quota === undefined || e.usage === undefined ? undefined : e.quota - e.usage;
}
/**
 * How long merges wait after an import's last sign of life (IdbStore.importActive): files imported one
 * after another are merged once, after the last, rather than the whole index after each, beside the
 * next file's hashing (mergeOnce).
 */
export const IMPORT_QUIET_MS = 3000;
/** Blocks of one input a merge reads at a time (~256 KB). */
const MERGE_BATCH = 64;
/** Merged blocks written a transaction at a time (~1 MB): what a look-up may wait for during a merge. */
const MERGE_WRITE = 256;

/** A merge stopped because what it merges changed (a deletion, a rewrite, a clear): its blocks are dropped. */
class MergeStopped extends Error {
  override name = 'MergeStopped';
}


/**
 * Bytes importBytes counts for each character of an import's lines, guessed high: the text once, its
 * band keys (8 bytes each) and fingerprints. The bench's files (BBC and Reuters stories as JSON lines)
 * count 3.8; a guess short of a chunk's need only costs the write a probe of its own (IdbStore.proveImportRoom).
 */
const IMPORT_BYTES_PER_CHAR = 5;
/**
 * The least probe for an import's chunk (IdbStore.hasRoom's `step`): PROBE_STEP, which covers the
 * chunks after it, or, for its last chunk (a small file's only one), which has none after it, its
 * own need alone.
 */
const importStep = (last: boolean | undefined): number | undefined => (last ? 0 : undefined);
/** What an import's chunk writes, roughly: text, band keys and fingerprints (IdbStore.hasRoom). */
function importBytes(entries: Array<{ doc: NewDocument; units: UnitRecord[]; fingerprints: Uint32Array }>): number {
  let bytes = 0;
  for (const e of entries) {
    bytes += 256 + e.fingerprints.byteLength;
    for (const p of e.doc.paragraphs) bytes += p.length;
    for (const u of e.units) bytes += 8 * u.bandKeys.length;
  }
  return bytes;
}

/** Thrown by putDocument when a document with the same id is already stored. */
export class DuplicateDocumentError extends Error {
  override name = 'DuplicateDocumentError';
  constructor(readonly id: string) {
    super(`document ${JSON.stringify(id)} is already stored`);
  }
}

/** Thrown when the browser refuses a write for lack of space: nothing of that write is stored. */
export class StorageFullError extends CodedError {
  constructor() {
    super(
      'storage-full', 'the browser has no more room for the index (its storage quota is used up, or the disk is nearly full); nothing of this was stored. Free some space or delete part of the index, then try again',
    );
  }
}

function isQuotaError(e: unknown): boolean {
  const name = (e as { name?: unknown } | null)?.name;
  return name === 'QuotaExceededError' || (name === 'UnknownError' && /quota|space|disk/i.test(String((e as Error).message)));
}

/** Deletes the index database, every generation of it, without opening it (clearing an index that cannot be opened). */
export async function deleteIndexDb(name: string = DB_NAME): Promise<void> {
  const before = await originUsage();
  await deleteGenerations(name);
  void compactAfterDelete(name, { before });
}

/** Milliseconds Chromium keeps an origin's IndexedDB files open after its last connection closes (2 s), and a margin. */
export const BACKING_STORE_CLOSE_MS = 3000;

/** The waits before each nudge of compactAfterDelete: the later ones for a browser slowed by load. */
export const COMPACT_WAITS_MS = [BACKING_STORE_CLOSE_MS, 2 * BACKING_STORE_CLOSE_MS, 4 * BACKING_STORE_CLOSE_MS];

/** Below this, a deleted database's leftovers are not worth another nudge. */
const COMPACT_MIN_BYTES = 1 << 20;

/** The origin's storage use as the browser counts it, or undefined where it cannot say. */
export async function originUsage(): Promise<number | undefined> {
  try {
    return (await navigator.storage.estimate()).usage;
  } catch {
    return undefined;
  }
}

export interface CompactOptions {
  /** The origin's use right before the delete (originUsage); without it, one nudge is made. */
  before?: number;
  /** False once the database has been opened again: its files are then held open and a nudge frees nothing. */
  stillClosed?: () => boolean;
  waits?: readonly number[];
  usage?: () => Promise<number | undefined>;
}

/**
 * Lets Chromium give back the space of a deleted database. LevelDB keeps a deleted database's data
 * on disk until it compacts, and Chromium compacts when it next opens the origin's files after they
 * closed: so once they have closed (BACKING_STORE_CLOSE_MS after the delete), a scratch database is
 * created and deleted again. In a probe (12 MB of 4 KB values): 8 MB still counted 35 s after the
 * delete alone, 6 KB right after this; done at once, before the files closed, it freed nothing.
 * On a loaded machine the files can still be open at 3 s (the browser's own tasks before it closes
 * them run late), and the nudge then frees nothing: so the origin's use is read before the nudge at
 * 3 s and before two more, 6 and 12 s later, and none is made once the use is under half of what it
 * was before the delete. (Read right after a nudge, the use has not yet dropped: it is read after the
 * next wait.) Firefox gives the space back on the delete, so there the first reading should find it
 * back and make no nudge. Where the use cannot be read, or was under 1 MB, one nudge is made.
 * Failures are ignored: the space then comes back whenever the browser compacts. Returns the nudges
 * made.
 */
export async function compactAfterDelete(name: string, opts: CompactOptions = {}): Promise<number> {
  const { before, stillClosed = () => true, waits = COMPACT_WAITS_MS, usage = originUsage } = opts;
  const measured = before !== undefined && before >= COMPACT_MIN_BYTES;
  let nudges = 0;
  try {
    for (const wait of waits) {
      await new Promise((ok) => setTimeout(ok, wait));
      if (!stillClosed()) break;
      if (measured) {
        const now = await usage();
        if (now === undefined ? nudges > 0 : now < before / 2) break;
      }
      const scratch = `${name}-compact`;
      const db = await openDB(scratch, 1, { upgrade: (d) => void d.createObjectStore('x') });
      db.close();
      await deleteDB(scratch);
      nudges++;
      if (!measured) break;
    }
  } catch {
    // the space comes back at the browser's next compaction
  }
  return nudges;
}

/** Opens (creating or upgrading) the database at `version`; tests use older versions to test migrations. */
export async function openIndexDb(name: string = DB_NAME, version: number = DB_VERSION, onTerminated?: () => void): Promise<DB> {
  if (version > MIGRATIONS.length) throw new RangeError(`schema version ${version} is newer than this build knows (${MIGRATIONS.length})`);
  let failure: unknown;
  const db = await openDB(name, version, {
    upgrade(db, oldVersion, newVersion, tx) {
      // Run the steps in order on the one versionchange transaction (the first starts synchronously,
      // while the transaction is active); a failing step aborts the whole upgrade.
      void (async () => {
        for (let v = oldVersion; v < (newVersion ?? version); v++) await MIGRATIONS[v](db as DB, tx as never);
      })().catch((e) => {
        failure = e;
        try {
          tx.abort();
        } catch {
          // already finished
        }
      });
    },
    blocking() {
      // A newer schema wants to upgrade (a new version of the extension), or a clear: step aside.
      db.close();
    },
    // The browser closed the connection (an I/O error: a full disk): the next use opens it again.
    terminated: onTerminated,
  }).catch((e) => {
    throw failure ?? e;
  });
  return db as DB;
}

/**
 * Puts a segment's head and blocks in `tx` (the segment id is the largest document key it was made
 * for). A failed put aborts `tx`, whose end its writer awaits.
 */
function writeSegment(tx: IDBTransaction, s: Segment): void {
  tx.objectStore('segments').put(recordOf(s.head), s.head.id);
  const postings = tx.objectStore('postings');
  s.blocks.forEach((p, b) => postings.put(encodeBlock(p), [s.head.id, b]));
}

function stripRecord(r: DocRecord): StoredDocument {
  const { fp: _fp, units: _u, us: _us, ...doc } = r;
  return doc;
}

/**
 * The (key, document) postings of units: one per unit and distinct key of it (as a multi-entry
 * index). Written straight into typed arrays, each unit's keys sorted in place and their repeats
 * dropped: a Set per unit and growing arrays took ~10 % of an import's worker time (a profile of
 * 6,000 articles imported in Chromium).
 */
export function postingsOf(entries: Array<{ key: number; units: UnitRecord[] }>): { keys: Uint32Array; docs: Uint32Array } {
  let n = 0;
  for (const { units } of entries) for (const u of units) n += u.bandKeys.length;
  const keys = new Uint32Array(n);
  const docs = new Uint32Array(n);
  let at = 0;
  for (const { key, units } of entries) {
    for (const u of units) {
      const from = at;
      const run = keys.subarray(from, from + u.bandKeys.length);
      run.set(u.bandKeys);
      run.sort();
      for (let i = 0, last = -1; i < run.length; i++) {
        const k = run[i];
        if (k !== last) keys[at++] = last = k;
      }
      docs.fill(key, from, at);
    }
  }
  return { keys: keys.subarray(0, at), docs: docs.subarray(0, at) };
}

/**
 * A segment head as stored: its Bloom filter inline when small, as a Blob when at least BLOB_MIN
 * bytes. Why: a woken worker reads every head before its first look-up, and Chromium reads a large
 * typed array inside a record at ~0.3-0.6 GB/s but a Blob's bytes at disk-cache speed (a throw-away
 * test of 40 MB of filters in 16 heads: ~140 ms as typed arrays, ~50 ms as Blobs). Small filters
 * stay inline: a Blob is a file of its own, one per recorded article would cost more than it saves.
 */
export type HeadRecord = Omit<SegmentHead, 'bloom'> & { bloom: Uint32Array | Blob };
export const BLOB_MIN = 64 * 1024;

function recordOf(h: SegmentHead): HeadRecord {
  return h.bloom.byteLength >= BLOB_MIN ? { ...h, bloom: new Blob([h.bloom as Uint32Array<ArrayBuffer>]) } : h;
}

/** Each stored segment's id, postings and bytes (postings, filter, fences), its filter left unread. */
async function segmentSizes(db: DB): Promise<Array<{ id: number; postings: number; bytes: number }>> {
  const records = (await db.getAll('segments')) as HeadRecord[];
  return records.map((r) => ({ id: r.id, postings: r.postings, bytes: r.postings * 8 + (r.bloom instanceof Blob ? r.bloom.size : r.bloom.byteLength) + r.fences.byteLength }));
}

async function headOf(r: HeadRecord): Promise<SegmentHead> {
  return r.bloom instanceof Uint32Array ? (r as SegmentHead) : { ...r, bloom: new Uint32Array(await r.bloom.arrayBuffer()) };
}

/** Block `p` without the postings of documents in `gone` (`p` itself when it holds none). */
export function withoutDocuments(p: Uint32Array, gone: Set<number>): Uint32Array {
  const half = p.length / 2;
  let keep = 0;
  for (let i = 0; i < half; i++) if (!gone.has(p[half + i])) keep++;
  if (keep === half) return p;
  const out = new Uint32Array(2 * keep);
  for (let i = 0, j = 0; i < half; i++) {
    if (gone.has(p[half + i])) continue;
    out[j] = p[i];
    out[keep + j] = p[half + i];
    j++;
  }
  return out;
}

/** Counts the postings of `mult`'s keys in a segment whose blocks are in memory. */
function countInSegment(h: SegmentHead, blocks: Uint32Array[], mult: Map<number, number>, hits: Map<number, number>): void {
  for (const [key, m] of mult) {
    if (!bloomHas(h.bloom, key)) continue;
    for (const b of blocksFor(h, key)) countInBlock(blocks[b], key, m, hits);
  }
}

/** An installed index pack: its header's description, its id (packId) and when it was installed. */
export interface InstalledPackInfo extends PackInfo {
  id: string;
  /** Epoch milliseconds. */
  installed: number;
}

export interface StoredEntry {
  doc: StoredDocument;
  units: UnitRecord[];
  fingerprints: Uint32Array;
}

export class IdbStore implements IndexStore {
  /** Segment heads by id, as last read (heads are immutable; the list is re-read in every look-up). */
  private heads = new Map<number, SegmentHead>();
  /**
   * The blocks of small segments (at most smallSegment postings), read whole by their first look-up
   * and kept by head: whatever changes a segment's postings (a deletion, a rewrite) replaces its head
   * object, which leaves the old blocks behind with the old head.
   */
  private smallBlocks = new WeakMap<SegmentHead, Uint32Array[]>();
  /** Fingerprint buckets the checks read, kept until the next write to them (fp-bucket-cache.ts). */
  private readonly fpCache = new FpBucketCache();
  /** Bucket reads under way since the last write, by bucket id: the candidates of one check share them. */
  private readonly fpReads = new Map<string, Promise<FpBucket | null>>();
  /** SMALL_SEGMENT (tests set 0 to read every segment block by block). */
  smallSegment = SMALL_SEGMENT;
  private merging: Promise<void> | undefined;
  /** A merge has picked its inputs and reads or writes them (mergeDue). */
  private mergeUnderWay = false;
  /** Changed by whatever changes a merge's inputs: a merge under way sees it and stops (stopMerges). */
  private mergeEpoch = 0;
  /** Whether this store swept orphan blocks yet (sweepOrphans: once a worker; later merges clean up after themselves). */
  private swept = false;
  /**
   * Called as a merge writes each ~1 MB: the extension calls an extension API from it (engine-host.ts),
   * since a worker doing only IndexedDB work is stopped after 30 s, and a merge at 100,000 articles
   * runs longer.
   */
  onMergeProgress: (() => void) | undefined;
  /** Merged blocks a merge writes a transaction at a time (tests make it small to step through a merge). */
  mergeWriteBlocks = MERGE_WRITE;
  /** loadHeads() under way. */
  private headsLoading: Promise<number> | undefined;
  /** false: no background merges (tests). */
  mergeEnabled = true;
  /** When an import's chunk last arrived or was written (importActive): merges give way until importQuietMs after it. */
  private importAt = -Infinity;
  /** IMPORT_QUIET_MS (tests make it short). */
  importQuietMs = IMPORT_QUIET_MS;
  /**
   * Free room for the index in bytes (quota - usage, by navigator.storage.estimate), or undefined
   * when the browser cannot say. A merge is optional work: it waits while room is short (roomForMerge).
   */
  room: () => Promise<number | undefined> = storageRoom;
  /**
   * What is known of the disk's free space (disk-room.ts): the extension sets it (engine-host.ts),
   * with probeDisk; unset, only `room` is asked.
   */
  disk: DiskRoom | undefined;
  /**
   * When set, documents are stored without their units, and their units are computed from their
   * text when needed (export, deletion): the extension sets it (engine-host.ts); tests that store
   * units not made from text leave it unset, and the units are kept in the records.
   */
  unitsOf: ((doc: StoredDocument) => UnitRecord[]) | undefined;
  /** The connection; undefined after clear() until the next use reopens it. */
  private conn: DB | undefined;
  private opening: Promise<DB> | undefined;
  /** After clear(): the next document key, written when the database is created again. */
  private keyAfterClear: number | undefined;
  /** Documents and segments of imports not yet published (pending-imports.ts): in the store, in no answer. */
  private pendingKeys = new Set<number>();
  private pendingSegs = new Set<number>();
  /** The browser closed the connection since it was opened (lost()). */
  private connectionLost = false;
  /** The last failed write was refused for lack of space. */
  private lastSpaceError = false;
  /** After clear(): compactAfterDelete() running. */
  private compacting: Promise<void> | undefined;
  /**
   * Documents deleted whole by deleteLater() whose postings this generation still holds: left out of
   * every look-up until rewrite() copies the index without them (meta 'gone').
   */
  private gone = new Set<number>();
  /**
   * A stored document's number of units without its band keys (cheaper than unitsOf, which hashes):
   * what deleteLater() takes out of the counters. The extension sets it (engine-host.ts).
   */
  unitCountOf: ((doc: StoredDocument) => number) | undefined;
  /** While rewrite() switches the connection to the next generation: every open() waits for it. */
  private swapping: Promise<void> | undefined;

  private constructor(
    db: DB,
    /** The database's name: a generation of `base` (index-generations.ts). */
    private name: string,
    private readonly base: string,
  ) {
    this.conn = db;
  }

  /** Opens the index `base`: its current generation (index-generations.ts). */
  static async open(base: string = DB_NAME): Promise<IdbStore> {
    const name = await currentGeneration(base);
    const store: IdbStore = new IdbStore(await openIndexDb(name, DB_VERSION, () => store.lost()), name, base);
    await store.loadPending(store.db);
    return store;
  }

  /** The database's current name (a generation of the base name). */
  get databaseName(): string {
    return this.name;
  }

  /** The open connection (throws after clear() until a call has reopened it). */
  get db(): DB {
    if (!this.conn) throw new Error('the index database is closed');
    return this.conn;
  }

  /** The connection, creating the database again after clear(). */
  private async open(): Promise<DB> {
    while (this.swapping) await this.swapping;
    if (this.conn) return this.conn;
    this.opening ??= (async () => {
      const db = await openIndexDb(this.name, DB_VERSION, () => this.lost());
      if (this.keyAfterClear !== undefined) await db.put('meta', this.keyAfterClear, 'nextKey');
      this.keyAfterClear = undefined;
      await this.loadPending(db);
      this.conn = db;
      this.connectionLost = false;
      this.opening = undefined;
      return db;
    })().catch((e) => {
      this.opening = undefined;
      throw e;
    });
    return this.opening;
  }

  /** The browser closed the connection: forget it (the next use reopens the database). */
  lost(): void {
    this.fpForget();
    this.conn = undefined;
    this.connectionLost = true;
  }

  /**
   * Whether a failed write is the browser's refusal for lack of space: its error, its transaction's,
   * or a connection Chromium closed after a write (a merge's, maybe) ran out of disk, which then
   * aborts every transaction in flight.
   */
  private outOfSpace(e: unknown, txError?: unknown): boolean {
    if (isQuotaError(e) || isQuotaError(txError)) {
      this.disk?.forget();
      return (this.lastSpaceError = true);
    }
    return this.connectionLost && this.lastSpaceError;
  }

  /** What a failed write in `tx` throws: a StorageFullError when the disk is full, else its own error. */
  private writeError(e: unknown, tx: { error: unknown }): unknown {
    return this.outOfSpace(e, tx.error) ? new StorageFullError() : e;
  }

  /** Aborts a failed write's transaction (unless the failed request already did) and waits for its end. */
  private async abortWrite(tx: { abort(): void; done: Promise<void> }): Promise<void> {
    try {
      tx.abort();
    } catch {
      // already aborted by the failed request
    }
    await tx.done.catch(() => undefined);
  }

  /**
   * The error to report for `e`, a failure of work on this index: a StorageFullError when it comes of
   * the disk being full (its own error, or any error once a write ran out of space and the browser
   * closed the connection), else `e`.
   */
  explain(e: unknown): unknown {
    return e instanceof CodedError ? e : this.outOfSpace(e) || (this.lastSpaceError && isBrowserError(e)) ? new StorageFullError() : e;
  }

  /** A single write whose refusal for lack of space is a StorageFullError, as a whole record's is. */
  private async spaceChecked<T>(write: Promise<T>): Promise<T> {
    try {
      return await write;
    } catch (e) {
      throw this.outOfSpace(e) ? new StorageFullError() : e;
    }
  }

  close(): void {
    this.mergeEnabled = false;
    this.fpForget();
    this.conn?.close();
    this.conn = undefined;
  }

  async getParams(): Promise<IndexParams | undefined> {
    return (await (await this.open()).get('params', 'params')) as IndexParams | undefined;
  }

  async setParams(params: IndexParams): Promise<void> {
    await this.spaceChecked((await this.open()).put('params', { ...params }, 'params'));
  }

  /**
   * Reads every segment head not yet in memory (and forgets those merged away). Calls made while a
   * read is under way share it (a look-up, a merge and a deletion may want the heads at once): the
   * filters, ~40 MB at 100,000 articles, are read once, not once per caller.
   */
  loadHeads(): Promise<number> {
    this.headsLoading ??= this.readHeads().finally(() => {
      this.headsLoading = undefined;
    });
    return this.headsLoading;
  }

  private async readHeads(): Promise<number> {
    const tx = (await this.open()).transaction('segments', 'readonly');
    const ids = (await tx.store.getAllKeys()) as number[];
    const missing = ids.filter((id) => !this.heads.has(id));
    const records = (await Promise.all(missing.map((id) => tx.store.get(id)))) as Array<HeadRecord | undefined>;
    await tx.done;
    // Filters kept as Blobs are read after the transaction, all at once.
    const got = await Promise.all(records.filter((r): r is HeadRecord => !!r).map(headOf));
    for (const h of got) this.heads.set(h.id, h);
    const live = new Set(ids);
    for (const id of this.heads.keys()) if (!live.has(id)) this.heads.delete(id);
    return this.heads.size;
  }

  async lookup(bandKeys: Uint32Array): Promise<Map<number, number>> {
    if (bandKeys.length === 0) return new Map();
    // A band key repeated in the query counts once per occurrence, as in the memory store.
    const mult = new Map<number, number>();
    for (let i = 0; i < bandKeys.length; i++) mult.set(bandKeys[i], (mult.get(bandKeys[i]) ?? 0) + 1);
    // The deleted documents as this look-up began (rewrite() and deleteLater() replace the set).
    const gone = this.gone;
    for (;;) {
      const hits = await this.lookupKnown(mult);
      if (hits) {
        if (gone.size) for (const d of hits.keys()) if (gone.has(d)) hits.delete(d);
        return hits;
      }
      // A segment this worker has not read the head of (the first look-up after a wake, or a
      // merge by another context): read the heads, then look up again in a new transaction.
      await this.loadHeads();
    }
  }

  /**
   * The look-up in one read-only transaction, raw requests pipelined: the segment list, then every
   * block that may hold a key, counted as they arrive; a small segment is read whole the first time
   * and counted in memory after (smallBlocks). Undefined when a listed segment's head is not in
   * memory (its filter may be a Blob, which cannot be read inside the transaction).
   */
  private async lookupKnown(mult: Map<number, number>): Promise<Map<number, number> | undefined> {
    const hits = new Map<number, number>();
    let unknown = false;
    const tx = (await this.open()).transaction(['segments', 'postings'], 'readonly');
    const segs = unwrap(tx.objectStore('segments'));
    const blocks = unwrap(tx.objectStore('postings'));
    const list = segs.getAllKeys();
    list.onsuccess = () => {
      const ids = list.result as number[];
      // The heads of this transaction's segments, taken now (a merge finishing meanwhile may drop
      // some from this.heads; this snapshot still holds them).
      const local = ids.filter((id) => !this.pendingSegs.has(id)).map((id) => this.heads.get(id));
      if (local.some((h) => !h)) {
        unknown = true;
        return;
      }
      // The blocks of a segment that may hold the keys, each asked for once, counted as they arrive.
      const readBlocks = (h: SegmentHead) => {
        const want = new Map<number, number[]>();
        for (const key of mult.keys()) {
          if (!bloomHas(h.bloom, key)) continue;
          for (const b of blocksFor(h, key)) {
            const keys = want.get(b);
            if (keys) keys.push(key);
            else want.set(b, [key]);
          }
        }
        for (const [b, keys] of want) {
          const req = blocks.get([h.id, b]);
          req.onsuccess = () => {
            const p = decodeBlock(req.result as StoredBlock);
            for (const key of keys) countInBlock(p, key, mult.get(key)!, hits);
          };
        }
      };
      for (const h of local as SegmentHead[]) {
        const kept = this.smallBlocks.get(h);
        if (kept) countInSegment(h, kept, mult, hits);
        else if (h.postings <= this.smallSegment && h.fences.length) {
          const all = blocks.getAll(IDBKeyRange.bound([h.id, 0], [h.id, Infinity]));
          all.onsuccess = () => {
            const got = (all.result as StoredBlock[]).map(decodeBlock);
            // Blocks that do not match the fences (never seen): read by the fences instead, not kept.
            if (got.length !== h.fences.length) return readBlocks(h);
            this.smallBlocks.set(h, got);
            countInSegment(h, got, mult, hits);
          };
        } else readBlocks(h);
      }
    };
    await tx.done;
    return unknown ? undefined : hits;
  }

  async getDocuments(keys: number[]): Promise<StoredDocument[]> {
    if (!keys.length) return [];
    const tx = (await this.open()).transaction('documents', 'readonly');
    const got = await Promise.all(keys.map((k) => tx.store.get(k) as Promise<DocRecord | undefined>));
    await tx.done;
    return got.filter((r): r is DocRecord => !!r && !this.pendingKeys.has(r.key)).map(stripRecord);
  }

  async getDocumentById(id: string): Promise<StoredDocument | undefined> {
    const r = (await (await this.open()).getFromIndex('documents', 'id', id)) as DocRecord | undefined;
    return r && !this.pendingKeys.has(r.key) ? stripRecord(r) : undefined;
  }

  async fingerprintCounts(outletKey: string, fingerprints: Uint32Array): Promise<Uint32Array> {
    const out = new Uint32Array(fingerprints.length);
    const buckets = [...new Set(Array.from(fingerprints).filter((fp) => fp !== 0).map(bucketOf))];
    if (!buckets.length) return out;
    // Kept, being read for another caller, or read here (one transaction for the rest); all of it
    // decided before the first await, so the candidates of a check, asked at once, share their reads.
    // (fpReads holds only reads begun since the last write: fpForget empties it.)
    const gen = this.fpCache.generation;
    const got = new Map<number, FpBucket | null | Promise<FpBucket | null>>();
    const missing: number[] = [];
    for (const b of buckets) {
      const id = bucketId(outletKey, b);
      const cached = this.fpCache.get(id);
      const kept = cached !== undefined ? cached : this.fpReads.get(id);
      if (kept === undefined) missing.push(b);
      else got.set(b, kept);
    }
    if (missing.length) {
      const batch = this.readBuckets(outletKey, missing);
      batch.catch(() => undefined); // each bucket's promise below carries the failure
      for (const b of missing) {
        const id = bucketId(outletKey, b);
        const one = batch.then((m) => m.get(b) ?? null);
        one.then(
          (v) => this.fpCache.keep(id, v, gen),
          () => undefined,
        ).finally(() => {
          if (this.fpReads.get(id) === one) this.fpReads.delete(id);
        });
        this.fpReads.set(id, one);
        got.set(b, one);
      }
    }
    const read = new Map(await Promise.all([...got].map(async ([b, v]) => [b, (await v) ?? undefined] as const)));
    fingerprints.forEach((fp, i) => {
      if (fp !== 0) out[i] = countOf(read.get(bucketOf(fp)), fp);
    });
    return out;
  }

  /** Buckets `buckets` of `outletKey`, in one read-only transaction (absent ones left out). */
  private async readBuckets(outletKey: string, buckets: number[]): Promise<Map<number, FpBucket>> {
    const tx = (await this.open()).transaction('fingerprints', 'readonly');
    const got = await Promise.all(buckets.map(async (b) => [b, (await tx.store.get([outletKey, b])) as FpBucket | undefined] as const));
    await tx.done;
    return new Map(got.filter((e): e is readonly [number, FpBucket] => e[1] !== undefined));
  }

  /**
   * A read-write transaction over `stores`. One over the fingerprints store first drops the buckets
   * kept for checks that it may change (`buckets`, their ids; all when not given): every write to
   * that store begins here (fp-bucket-cache.ts).
   */
  private writeTx(db: DB, stores: string[], buckets?: Iterable<string>) {
    if (stores.includes('fingerprints')) this.fpForget(buckets);
    return db.transaction(stores, 'readwrite');
  }

  /** The fingerprint buckets `ids` kept (all when not given), and every read under way, no longer answer. */
  private fpForget(ids?: Iterable<string>): void {
    this.fpCache.invalidate(ids);
    this.fpReads.clear();
  }

  async putDocument(doc: NewDocument, units: UnitRecord[], fingerprints: Uint32Array): Promise<number> {
    const [key] = await this.putDocuments([{ doc, units, fingerprints }], 'fail');
    return key;
  }

  /**
   * Stores several documents in ONE transaction (all or nothing). Documents whose id is already
   * stored either fail the whole batch (`onDuplicate: 'fail'`) or are skipped (key -1 in the result).
   * A write the browser refuses for lack of space fails whole with StorageFullError.
   */
  async putDocuments(
    entries: Array<{ doc: NewDocument; units: UnitRecord[]; fingerprints: Uint32Array }>,
    onDuplicate: 'fail' | 'skip' = 'fail',
    stage?: { importId: string; seq: number; last?: boolean; update: (s: ImportState) => void; onKeys?: (keys: number[]) => void },
  ): Promise<number[]> {
    const bytes = importBytes(entries);
    if (stage ? !(await this.hasRoom(bytes, IMPORT_MARGIN, importStep(stage.last))) : !(await this.roomForRecord(bytes))) throw new StorageFullError();
    // The fingerprint buckets of every entry (those of duplicates skipped are read, not written):
    // the only ones this write changes, so the only ones the checks' kept buckets lose.
    const buckets = new FpIncrements();
    for (const e of entries) buckets.addDocument(e.doc.outletKey, e.fingerprints);
    const tx = this.writeTx(await this.open(), WRITE_STORES, buckets.byBucket.keys());
    tx.done.catch(() => undefined); // awaited below; an abort must not surface as unhandled meanwhile
    const docs = tx.objectStore('documents');
    const meta = tx.objectStore('meta');
    const fps = tx.objectStore('fingerprints');
    let duplicate: DuplicateDocumentError | undefined;
    try {
      // Everything the write reads, asked for at once before any write: each round of reads waits
      // for the requests queued before it, so reads after the writes would cost a round trip more.
      const [counters0, next0, existing, outletSeen, state0, bucketsRead, version0] = await Promise.all([
        meta.get('counters') as Promise<Counters | undefined>,
        meta.get('nextKey') as Promise<number | undefined>,
        onDuplicate === 'skip' ? storedIds(docs.index('id'), entries.map((e) => e.doc.id)) : Promise.resolve(new Set<string>()),
        Promise.all([...new Set(entries.map((e) => e.doc.outletKey))].map(async (o) => [o, (await docs.index('outletKey').getKey(o)) !== undefined] as const)),
        stage ? (meta.get(importKey(stage.importId)) as Promise<ImportState | undefined>) : Promise.resolve(undefined),
        Promise.all([...buckets.byBucket].map(async ([id, { key }]) => [id, (await fps.get(key)) as FpBucket | undefined] as const)),
        stage ? Promise.resolve(undefined) : (meta.get('version') as Promise<number | undefined>),
      ]);
      // A chunk of an import: in order, once (a chunk sent again after a worker restart is refused here).
      const state = stage ? (state0 ?? (stage.seq === 0 ? newImportState(stage.importId) : undefined)) : undefined;
      if (stage && (!state || state.seq !== stage.seq - 1)) {
        throw new CodedError('import-interrupted', `import ${stage.importId}: chunk ${stage.seq} does not follow chunk ${state?.seq ?? 'none'}; please import again`);
      }
      // The writes go to the browser's objects, not through idb's wrappers: a request there costs a
      // promise and two listeners, ~2,200 of them in a chunk of 1,000 articles. A failed request
      // aborts the transaction, and tx.done (awaited below) throws.
      const rawDocs = unwrap(docs);
      const counters = { ...ZERO, ...counters0 };
      const outlets = new Map(outletSeen);
      let next = next0 ?? 1;
      const keys: number[] = [];
      const stored: Array<{ key: number; units: UnitRecord[] }> = [];
      const fpAdd = new FpIncrements();
      const batchIds = new Set<string>();
      entries.forEach(({ doc, units, fingerprints }) => {
        if (existing.has(doc.id) || (onDuplicate === 'skip' && batchIds.has(doc.id))) {
          keys.push(-1);
          return;
        }
        batchIds.add(doc.id);
        const key = next++;
        keys.push(key);
        stored.push({ key, units });
        const added = rawDocs.add({ ...doc, key, fp: Uint32Array.from(fingerprints), ...(this.unitsOf ? {} : packUnits(units)) } satisfies DocRecord);
        added.onerror = () => {
          if (added.error?.name === 'ConstraintError') duplicate ??= new DuplicateDocumentError(doc.id);
        };
        if (state) {
          const last = state.ranges[state.ranges.length - 1];
          if (last && last[1] === key - 1) last[1] = key;
          else state.ranges.push([key, key]);
          state.documents++;
          state.paragraphs += doc.paragraphs.length;
          state.units += units.length;
          state.outlets[doc.outletKey] = (state.outlets[doc.outletKey] ?? 0) + 1;
        } else {
          if (!outlets.get(doc.outletKey)) counters.outlets++;
          outlets.set(doc.outletKey, true);
          counters.documents++;
          counters.paragraphs += doc.paragraphs.length;
          counters.units += units.length;
        }
        fpAdd.addDocument(doc.outletKey, fingerprints);
      });
      let segment: Segment | undefined;
      if (stored.length) {
        const p = postingsOf(stored);
        if (p.keys.length) writeSegment(unwrap(tx), (segment = buildSegment(next - 1, p.keys, p.docs)));
        meta.put(next, 'nextKey').catch(() => undefined);
      }
      // Fingerprint buckets touched by this batch: read above, written once.
      const read = new Map(bucketsRead);
      const rawFps = unwrap(fps);
      for (const [id, { key, add }] of fpAdd.byBucket) rawFps.put(addCounts(read.get(id), add), key);
      if (state && stage) {
        // The counts wait for the import's publication; the chunk is noted as written.
        if (segment) state.segments.push(segment.head.id);
        stage.onKeys?.(keys);
        state.seq = stage.seq;
        state.updated = Date.now();
        stage.update(state);
        meta.put(state, importKey(stage.importId)).catch(() => undefined);
      } else if (stored.length) {
        meta.put(counters, 'counters').catch(() => undefined);
        meta.put((version0 ?? 0) + 1, 'version').catch(() => undefined);
      }
      await tx.done;
      if (stage) this.importActive();
      this.disk?.used(stage ? 2 * bytes : bytes);
      if (segment) this.heads.set(segment.head.id, segment.head);
      if (state) {
        for (const k of keysOf(state)) this.pendingKeys.add(k);
        for (const id of state.segments) this.pendingSegs.add(id);
      } else if (stored.length) this.scheduleMerge();
      return keys;
    } catch (e) {
      await this.abortWrite(tx);
      if (duplicate) throw duplicate;
      throw this.writeError(e, tx);
    }
  }

  /**
   * Runs the merges due `ms` from now (and sweeps what a stopped merge left): a worker stopped in the
   * middle of a merge merges again after its next wake, once the wake's own work (a popup's check) is
   * done, rather than at its next write. Nothing when the index was cleared meanwhile.
   */
  mergeSoon(ms: number): void {
    setTimeout(() => {
      if (this.keyAfterClear === undefined && this.conn) this.scheduleMerge();
    }, ms);
  }

  /** An import's chunk arrived or was written: merges wait until importQuietMs after the last. */
  importActive(): void {
    this.importAt = Date.now();
  }

  /** Resolves once no import has shown life for importQuietMs (or `stopped` says the merge is over). */
  private async giveWayToImports(stopped?: () => boolean): Promise<void> {
    for (;;) {
      const wait = this.importAt + this.importQuietMs - Date.now();
      if (wait <= 0 || stopped?.()) return;
      await new Promise((r) => setTimeout(r, Math.min(wait, 500)));
    }
  }

  /** Merges segments after a write, one merge at a time, until none is due. */
  private scheduleMerge(): void {
    if (!this.mergeEnabled || this.merging) return;
    this.merging = (async () => {
      try {
        while (this.mergeEnabled) {
          // A deletion, a rewrite or a clear (stopMerges) does not wait for an import to end.
          const epoch = this.mergeEpoch;
          const stopped = () => this.mergeEpoch !== epoch || !this.mergeEnabled;
          await this.giveWayToImports(stopped);
          if (stopped() || !(await this.mergeOnce())) break; // again, until no size class holds FANOUT segments
        }
      } catch (e) {
        this.outOfSpace(e);
        console.warn('wiretrace: segment merge failed (the index is unchanged)', e);
      } finally {
        this.merging = undefined;
      }
    })();
  }

  /** Whether background merges are running (between two merges of one run too, or waiting for an import's quiet). */
  get isMerging(): boolean {
    return !!this.merging;
  }

  /**
   * Whether the index is being tidied, as the pages say it: background merges running with a merge
   * under way or due, not merely looking for one (after every write) or waiting for an import's quiet
   * with nothing to merge (after an import of a few articles, or one that failed).
   */
  async mergeDue(): Promise<boolean> {
    if (!this.merging) return false;
    if (this.mergeUnderWay) return true;
    return pickMerge(await this.mergeableSizes(await this.open())).length >= 2;
  }

  /** The published segments' sizes, their filters left unread (an import's staged segments are not merged). */
  private async mergeableSizes(db: DB): Promise<Array<{ id: number; postings: number; bytes: number }>> {
    return (await segmentSizes(db)).filter((h) => !this.pendingSegs.has(h.id));
  }

  /** Waits for background merges and the compaction nudge after a clear (tests, the bench). */
  async settled(): Promise<void> {
    while (this.merging) await this.merging;
    await this.compacting;
  }

  /**
   * One merge, if one is due and there is room for it: returns whether it merged. The inputs are
   * read and the merged blocks written in short transactions of their own, under an id no head
   * names, so look-ups, records and imports go on meanwhile; the merged head is put and the inputs'
   * heads deleted in one transaction at the end, their blocks after it. A deletion, a rewrite or a
   * clear under way stops it (stopMerges): its blocks are deleted and it returns false.
   */
  async mergeOnce(): Promise<boolean> {
    const epoch = this.mergeEpoch;
    const db = await this.open();
    if (!this.swept) {
      await this.sweepOrphans(db);
      this.swept = true;
    }
    // Sizes from the head records, without their filters: a wake that looks nothing up (an alarm's)
    // does not read ~35 MB of filters to find that no merge is due.
    const sizes = await this.mergeableSizes(db);
    const ids = pickMerge(sizes);
    if (ids.length < 2) return false;
    if (!(await this.roomForMerge(sizes.filter((h) => ids.includes(h.id))))) return false;
    const newId = await this.nextSegmentId();
    const stopped = () => this.mergeEpoch !== epoch || this.conn !== db;
    // Each input's blocks in batches, in block order (keys [id, block]), each batch in a read-only transaction.
    const sources = ids.map((id) => {
      let from = IDBKeyRange.bound([id, 0], [id, Infinity]);
      return async () => {
        // An import begun meanwhile goes first: the merge goes on after it, where it was.
        await this.giveWayToImports(stopped);
        if (stopped()) throw new MergeStopped();
        const tx = db.transaction('postings', 'readonly');
        const [blocks, keys] = await Promise.all([tx.store.getAll(from, MERGE_BATCH), tx.store.getAllKeys(from, MERGE_BATCH)]);
        if (keys.length) from = IDBKeyRange.bound(keys[keys.length - 1], [id, Infinity], true);
        return (blocks as StoredBlock[]).map(decodeBlock);
      };
    });
    let out: Array<[number, Uint8Array]> = [];
    const writeOut = async () => {
      if (stopped()) throw new MergeStopped();
      const batch = out;
      out = [];
      const tx = db.transaction('postings', 'readwrite');
      for (const [b, p] of batch) tx.store.put(p, [newId, b]).catch(() => undefined);
      await tx.done;
      try {
        this.onMergeProgress?.();
      } catch {
        // only a keep-alive
      }
    };
    this.mergeUnderWay = true;
    try {
      const head = await mergeSegments(newId, sources, (b, p) => {
        out.push([b, encodeBlock(p)]);
        return out.length >= this.mergeWriteBlocks ? writeOut() : undefined;
      });
      if (out.length) await writeOut();
      if (stopped()) throw new MergeStopped();
      // Published: checked and begun at once (a deletion changes the epoch before its transaction).
      const tx = db.transaction('segments', 'readwrite');
      tx.done.catch(() => undefined);
      const present = await Promise.all(ids.map((id) => tx.store.getKey(id)));
      if (present.some((k) => k === undefined)) {
        tx.abort();
        throw new MergeStopped();
      }
      for (const id of ids) tx.store.delete(id).catch(() => undefined);
      tx.store.put(recordOf(head), head.id).catch(() => undefined);
      await tx.done;
      for (const id of ids) this.heads.delete(id);
      this.heads.set(head.id, head);
      await this.dropBlocks(db, ids);
      return true;
    } catch (e) {
      await this.dropBlocks(db, [newId]);
      if (e instanceof MergeStopped) return false;
      throw e;
    } finally {
      this.mergeUnderWay = false;
    }
  }

  /** Deletes the blocks of segments `ids` (no head names them); a failure leaves them to sweepOrphans. */
  private async dropBlocks(db: DB, ids: number[]): Promise<void> {
    try {
      const tx = db.transaction('postings', 'readwrite');
      for (const id of ids) tx.store.delete(IDBKeyRange.bound([id, 0], [id, Infinity])).catch(() => undefined);
      await tx.done;
    } catch {
      // swept before the next merge
    }
  }

  /**
   * Deletes the blocks of segments no head names: a merge's, stopped with its worker before it was
   * published, or its inputs' left after it (and a disk probe's Blob left the same way). Walks the
   * postings' keys one segment id at a time.
   */
  private async sweepOrphans(db: DB): Promise<void> {
    await db.delete('meta', PROBE).catch(() => undefined); // a probe's, stopped with its worker
    const tx = db.transaction(['segments', 'postings'], 'readwrite');
    const live = new Set((await tx.objectStore('segments').getAllKeys()) as number[]);
    const postings = tx.objectStore('postings');
    let cursor = await postings.openKeyCursor();
    while (cursor) {
      const seg = (cursor.key as number[])[0];
      if (!live.has(seg)) postings.delete(IDBKeyRange.bound([seg, 0], [seg, Infinity])).catch(() => undefined);
      cursor = await cursor.continue([seg + 1]);
    }
    await tx.done;
  }

  /** Stops a merge under way (at its next batch; its blocks are deleted) and waits for it. */
  private async stopMerges(): Promise<void> {
    this.mergeEpoch++;
    while (this.merging) await this.merging;
  }

  /**
   * The id of a merged segment, taken in a transaction of its own: merged segments take ids from 2^31
   * up (meta 'segNext'), above every document key. A merge that fails leaves its id unused.
   */
  private async nextSegmentId(): Promise<number> {
    const tx = (await this.open()).transaction('meta', 'readwrite');
    const id = ((await tx.store.get('segNext')) as number | undefined) ?? 2 ** 31;
    await tx.store.put(id + 1, 'segNext');
    await tx.done;
    return id;
  }

  /**
   * Whether there is room for a write of `bytes` (an import's chunk, a merge, a generation's copy):
   * three times its size and `margin` more within the browser's quota (`room`), and twice its size
   * and `margin` more on the disk (`disk`, proven by a probe: Chromium's quota does not shrink as the
   * disk fills). Such a write is refused, or waits, before the disk is full rather than meeting it: a
   * Chromium database that runs out of disk while it appends to its log is dropped whole
   * (disk-room.ts). A new probe proves at least `step` bytes (PROBE_STEP unless told), so that it
   * covers the writes after this one too.
   */
  private async hasRoom(bytes: number, margin: number, step?: number): Promise<boolean> {
    const room = await this.room().catch(() => undefined);
    if (room !== undefined && room < 3 * bytes + margin) return false;
    return this.diskHas(bytes, margin, step);
  }

  /** The disk's part of hasRoom: twice `bytes` and `margin` proven free (a probe of at least `step`). */
  private async diskHas(bytes: number, margin: number, step?: number): Promise<boolean> {
    return !this.disk || this.disk.has(2 * bytes + margin, step);
  }

  /**
   * Begins the disk's proof for an import's chunk of `chars` characters, before its articles are
   * hashed (index-io.ts readChunk): the probe runs beside the hashing, and the chunk's write
   * (putDocuments) finds the room proven rather than probing then (~100 ms for a 1,000-article file
   * in Chromium 156). What the write needs is guessed from the characters (IMPORT_BYTES_PER_CHAR);
   * a guess short of it only means the write probes again. Nothing is refused here.
   */
  proveImportRoom(chars: number, last: boolean): void {
    this.diskHas(IMPORT_BYTES_PER_CHAR * chars, IMPORT_MARGIN, importStep(last)).catch(() => undefined);
  }

  /**
   * Whether the disk has room for a small write of `bytes` (a record): `bytes` and RECORD_ROOM
   * proven by a probe of RECORD_PROBE (disk-room.ts). The record waits for it after the answer is
   * shown; one probe serves the records of the next FRESH_MS. Started with the check instead, beside
   * the page's reading and the heads' read, it slowed the woken popup (a median 416 -> 556 ms at
   * 100,000 articles, where the popup over a page checked before, which probes nothing, went
   * 173 -> 205 between the same two runs).
   */
  private async roomForRecord(bytes: number): Promise<boolean> {
    return !this.disk || (await this.disk.has(bytes + RECORD_ROOM, RECORD_PROBE));
  }

  /**
   * Writes `bytes` of Blobs (meta PROBE) in a transaction of its own and deletes them again: whether
   * the disk took it (disk-room.ts). Chromium writes a Blob to a file of its own before its log,
   * and refuses it with QuotaExceededError when the disk is full, or, with a few megabytes left,
   * with a DataError "Failed to write blobs (IOError)" (Chromium 156, tests/extension/disk-full.test.ts).
   * A failure for another reason counts as room: the write that follows meets it itself.
   */
  async probeDisk(bytes: number): Promise<boolean> {
    const db = await this.open();
    // One Blob of probePart() bytes, and a slice of it for each further part: each slice is a file of
    // its own on disk, copied by the browser, five times faster than sending it (the same Blob
    // given twice is written once, and proves nothing).
    const part = Math.min(bytes, probePart(bytes));
    const base = new Blob([new Uint8Array(part)]);
    const parts = Array.from({ length: Math.max(1, Math.ceil(bytes / part)) }, (_, i) => (i ? base.slice(0) : base));
    try {
      await db.put('meta', parts, PROBE);
      return true;
    } catch (e) {
      const blobsRefused = (e as Error)?.name === 'DataError' && /write blobs/i.test((e as Error).message);
      return !isQuotaError(e) && !blobsRefused;
    } finally {
      await db.delete('meta', PROBE).catch(() => undefined);
    }
  }

  /**
   * Whether the disk has room for merging segments `ids` (hasRoom): the merged segment is written
   * before its inputs are deleted, and the browser's database needs about as much again to compact.
   * The index is as right with the segments unmerged, only its look-ups read a few more blocks, so
   * the merge waits until an import, a deletion or a clear changes what is stored.
   */
  private async roomForMerge(inputs: Array<{ bytes: number }>): Promise<boolean> {
    const bytes = inputs.reduce((n, h) => n + h.bytes, 0);
    if (!(await this.hasRoom(bytes, MERGE_MARGIN))) return false;
    this.disk?.used(bytes);
    return true;
  }

  /**
   * Deletes documents in ONE transaction (all or none): their records, their postings (each block
   * that holds one is written again without them: fences and filters stay valid, since a block's
   * keys only shrink), their fingerprint counts and the counters. The freed postings' space is the
   * blocks' own; merges later drop emptied blocks. Returns how many were deleted.
   */
  async deleteDocuments(keys: number[]): Promise<number> {
    const want = [...new Set(keys)].filter((k) => Number.isInteger(k) && k > 0);
    if (!want.length) return 0;
    // A merge under way read blocks this rewrites: it stops (and runs again after).
    this.mergeEpoch++;
    await this.loadHeads();
    const tx = this.writeTx(await this.open(), WRITE_STORES);
    tx.done.catch(() => undefined);
    const docs = tx.objectStore('documents');
    const segs = tx.objectStore('segments');
    const postings = tx.objectStore('postings');
    const fps = tx.objectStore('fingerprints');
    const meta = tx.objectStore('meta');
    const changed: SegmentHead[] = [];
    try {
      const records = ((await Promise.all(want.map((k) => docs.get(k)))) as Array<DocRecord | undefined>).filter((r): r is DocRecord => !!r);
      if (!records.length) {
        await tx.done;
        return 0;
      }
      const gone = new Set(records.map((r) => r.key));
      const bandKeys = new Set<number>();
      const unitCount = new Map<number, number>();
      for (const r of records) {
        const units = this.unitsOfRecord(r);
        for (const u of units) for (const k of u.bandKeys) bandKeys.add(k);
        unitCount.set(r.key, units.length);
      }
      // Every segment of this transaction, and per segment the blocks that may hold the keys.
      // A head not in memory (a merge by another context since loadHeads) is used without its
      // filter, which may be a Blob: every block its fences name is read.
      const ids = (await segs.getAllKeys()) as number[];
      const heads: Array<Omit<SegmentHead, 'bloom'> & { bloom?: Uint32Array }> = await Promise.all(ids.map(async (id) => this.heads.get(id) ?? { ...((await segs.get(id)) as HeadRecord), bloom: undefined }));
      await Promise.all(
        heads.map(async (h) => {
          const blocks = new Set<number>();
          for (const k of bandKeys) if (!h.bloom || bloomHas(h.bloom, k)) for (const b of blocksFor(h, k)) blocks.add(b);
          let removed = 0;
          await Promise.all(
            [...blocks].map(async (b) => {
              const stored = (await postings.get([h.id, b])) as StoredBlock | undefined;
              if (!stored) return;
              const p = decodeBlock(stored);
              const kept = withoutDocuments(p, gone);
              if (kept === p) return;
              removed += (p.length - kept.length) / 2;
              postings.put(encodeBlock(kept), [h.id, b]).catch(() => undefined);
            }),
          );
          if (removed) {
            const record = { ...((await segs.get(h.id)) as HeadRecord), postings: h.postings - removed };
            segs.put(record, h.id).catch(() => undefined);
            if (h.bloom) changed.push({ ...h, bloom: h.bloom, postings: record.postings });
            else this.heads.delete(h.id); // read again with its filter by the next look-up
          }
        }),
      );
      await this.takeOut({ docs, fps, meta }, records, (r) => unitCount.get(r.key)!);
      this.bumpVersion(meta);
      await tx.done;
      for (const h of changed) this.heads.set(h.id, h);
      this.scheduleMerge();
      return gone.size;
    } catch (e) {
      await this.abortWrite(tx);
      throw this.writeError(e, tx);
    }
  }

  /**
   * Deletes documents in ONE transaction, all or none, like deleteDocuments, but leaves their
   * postings where they are: the documents are listed in meta 'gone', every look-up leaves them out,
   * and rewrite() copies the index without their postings. Why: deleting many documents (an
   * outlet of 20,000 at 100,000 articles) rewrites nearly every postings block once per batch of
   * deleteDocuments, 141 s in a measurement, and hashes every deleted article again to find its keys
   * (docs/design.md); here the blocks are read and written once, by the copy. Returns how many were deleted.
   */
  async deleteLater(keys: number[]): Promise<number> {
    const want = [...new Set(keys)].filter((k) => Number.isInteger(k) && k > 0);
    if (!want.length) return 0;
    const tx = this.writeTx(await this.open(), ['documents', 'fingerprints', 'meta']);
    tx.done.catch(() => undefined);
    const docs = tx.objectStore('documents');
    const fps = tx.objectStore('fingerprints');
    const meta = tx.objectStore('meta');
    try {
      const records = ((await Promise.all(want.map((k) => docs.get(k)))) as Array<DocRecord | undefined>).filter((r): r is DocRecord => !!r);
      if (!records.length) {
        await tx.done;
        return 0;
      }
      await this.takeOut({ docs, fps, meta }, records, (r) => (r.units || !this.unitCountOf ? this.unitsOfRecord(r).length : this.unitCountOf(stripRecord(r))));
      const gone = new Set(this.gone);
      for (const r of records) gone.add(r.key);
      meta.put(Array.from(gone).sort((a, b) => a - b), GONE).catch(() => undefined);
      this.bumpVersion(meta);
      await tx.done;
      this.gone = gone;
      return records.length;
    } catch (e) {
      await this.abortWrite(tx);
      throw this.writeError(e, tx);
    }
  }

  /**
   * Takes `records` out of a write transaction: their records, their fingerprint counts, the
   * counters (`units`: a record's number of units), outlets left with no document, and meta DELETED
   * (deletedShare). Their postings are the caller's (deleteDocuments, deleteLater).
   */
  private async takeOut(stores: { docs: TxStore; fps: TxStore; meta: TxStore }, records: DocRecord[], units: (r: DocRecord) => number): Promise<void> {
    const { docs, fps, meta } = stores;
    const counters = { ...ZERO, ...((await meta.get('counters')) as Counters | undefined) };
    const fpSub = new FpIncrements();
    for (const r of records) {
      for (const fp of new Set(r.fp ?? [])) if (fp !== 0) fpSub.add(r.outletKey, fp, -1);
      counters.documents--;
      counters.paragraphs -= r.paragraphs.length;
      counters.units -= units(r);
    }
    await Promise.all(
      [...fpSub.byBucket.values()].map(async ({ key, add }) => {
        const b = addCounts((await fps.get(key)) as FpBucket | undefined, add);
        (b.f.length ? fps.put(b, key) : fps.delete(key)).catch(() => undefined);
      }),
    );
    for (const r of records) docs.delete(r.key).catch(() => undefined);
    // After the deletes (requests of a transaction run in order): outlets left with no document.
    const outletLeft = await Promise.all([...new Set(records.map((r) => r.outletKey))].map((o) => docs.index('outletKey').count(o)));
    counters.outlets -= outletLeft.filter((n) => n === 0).length;
    meta.put(counters, 'counters').catch(() => undefined);
    const deletedBefore = ((await meta.get(DELETED)) as number | undefined) ?? 0;
    meta.put(deletedBefore + records.reduce((n, r) => n + r.paragraphs.length, 0), DELETED).catch(() => undefined);
  }

  /** How many deleted documents' postings wait for rewrite() (deleteLater). */
  get deletedLater(): number {
    return this.gone.size;
  }

  /** Whether rewrite() can run now: the browser lists its databases and the disk has room for the copy. */
  async canRewrite(): Promise<boolean> {
    return canListDatabases() && (await this.hasRoom((await this.stats()).paragraphs * COPY_BYTES, MERGE_MARGIN));
  }

  /** A record's units: packed in it, or computed from its text (unitsOf). */
  private unitsOfRecord(r: DocRecord): UnitRecord[] {
    if (r.units) return unpackUnits(r as DocRecord & PackedUnits);
    if (!this.unitsOf) throw new Error(`document ${r.key} is stored without its units, and this store cannot compute them`);
    return this.unitsOf(stripRecord(r));
  }

  async addSource(keys: number[], source: string): Promise<number> {
    const tx = (await this.open()).transaction('documents', 'readwrite');
    tx.done.catch(() => undefined);
    let changed = 0;
    try {
      await Promise.all(
        [...new Set(keys)].map(async (k) => {
          const r = (await tx.store.get(k)) as DocRecord | undefined;
          if (!r || sourcesOf(r).includes(source)) return;
          changed++;
          tx.store.put({ ...r, sources: [...sourcesOf(r), source] }).catch(() => undefined);
        }),
      );
      await tx.done;
      return changed;
    } catch (e) {
      await tx.done.catch(() => undefined);
      throw this.writeError(e, tx);
    }
  }

  async removeSource(source: string): Promise<{ untagged: number; deleted: number }> {
    const keys = (await (await this.open()).getAllKeysFromIndex('documents', 'sources', source)) as number[];
    let untagged = 0;
    let deleted = 0;
    // A large source's orphans go by deleteLater when the index can be copied (their postings then
    // go in one pass: see deleteLater); the caller's rewrite() drops them.
    const later = keys.length > 500 && (await this.canRewrite());
    for (let i = 0; i < keys.length; i += 500) {
      const batch = keys.slice(i, i + 500);
      const tx = (await this.open()).transaction('documents', 'readwrite');
      tx.done.catch(() => undefined);
      const orphans: number[] = [];
      try {
        await Promise.all(
          batch.map(async (k) => {
            const r = (await tx.store.get(k)) as DocRecord | undefined;
            if (!r) return;
            const rest = sourcesOf(r).filter((s) => s !== source);
            if (!rest.length) orphans.push(k);
            else {
              untagged++;
              tx.store.put({ ...r, sources: rest }).catch(() => undefined);
            }
          }),
        );
        await tx.done;
      } catch (e) {
        await tx.done.catch(() => undefined);
        throw this.writeError(e, tx);
      }
      deleted += later ? await this.deleteLater(orphans) : await this.deleteDocuments(orphans);
    }
    return { untagged, deleted };
  }

  /** Keeps what an installed pack says about itself (meta 'pack:<id>'; gone with the index on clear). */
  async savePack(pack: InstalledPackInfo): Promise<void> {
    await this.spaceChecked((await this.open()).put('meta', pack, `pack:${pack.id}`));
  }

  async forgetPack(id: string): Promise<void> {
    await (await this.open()).delete('meta', `pack:${id}`);
  }

  /** The installed packs, with how many stored articles each still brings. */
  async packs(): Promise<Array<InstalledPackInfo & { articles: number }>> {
    const db = await this.open();
    const infos = (await db.getAll('meta', IDBKeyRange.bound('pack:', 'pack:\uffff'))) as InstalledPackInfo[];
    const counts = await Promise.all(infos.map((p) => db.countFromIndex('documents', 'sources', `pack:${p.id}`)));
    return infos.map((p, i) => ({ ...p, articles: counts[i] })).sort((a, b) => b.installed - a.installed);
  }

  /** The keys of an outlet's stored documents (outletKey as the engine normalises it). */
  async keysOfOutlet(outletKey: string): Promise<number[]> {
    return (await (await this.open()).getAllKeysFromIndex('documents', 'outletKey', outletKey)) as number[];
  }

  /** Adds one to the index's version (in the write's transaction): reports kept for it are stale. */
  private bumpVersion(meta: { get(k: string): Promise<unknown>; put(v: unknown, k: string): Promise<unknown> }): void {
    void meta.get('version').then((v) => meta.put(((v as number | undefined) ?? 0) + 1, 'version')).catch(() => undefined);
  }

  /** A number that changes whenever what the index answers does (records, deletions, published imports). */
  async version(): Promise<number> {
    if (this.keyAfterClear !== undefined) return 0; // cleared, not yet created again: empty
    return ((await (await this.open()).get('meta', 'version')) as number | undefined) ?? 0;
  }

  /** Whether a document key belongs to an import not yet published (the library's catalogue leaves it out). */
  isPending(key: number): boolean {
    return this.pendingKeys.has(key);
  }

  /** The state of an import in progress (undefined when none: never begun, published or taken out). */
  async importState(importId: string): Promise<ImportState | undefined> {
    return (await (await this.open()).get('meta', importKey(importId))) as ImportState | undefined;
  }

  /**
   * Makes an import's articles part of the index at once, in one transaction: its counts and
   * fingerprints applied, its state dropped. Outlets are counted as the articles visible then hold.
   */
  async publishImport(importId: string): Promise<ImportState> {
    const tx = this.writeTx(await this.open(), WRITE_STORES);
    tx.done.catch(() => undefined);
    const meta = tx.objectStore('meta');
    const docs = tx.objectStore('documents');
    try {
      const state = (await meta.get(importKey(importId))) as ImportState | undefined;
      if (!state) throw new CodedError('import-interrupted', `import ${importId} is not under way (it was cancelled, or abandoned for an hour); please import again`);
      const others = ((await meta.getAll(IDBKeyRange.bound('import:', 'import:\uffff'))) as ImportState[]).filter((o) => o.id !== importId);
      const counters = { ...ZERO, ...((await meta.get('counters')) as Counters | undefined) };
      counters.documents += state.documents;
      counters.paragraphs += state.paragraphs;
      counters.units += state.units;
      // An outlet is new when every article of it in the store is this import's or another pending one's.
      for (const [o, n] of Object.entries(state.outlets)) {
        const all = await docs.index('outletKey').count(o);
        const pendingElsewhere = others.reduce((m, x) => m + (x.outlets[o] ?? 0), 0);
        if (all - n - pendingElsewhere === 0) counters.outlets++;
      }
      meta.put(counters, 'counters').catch(() => undefined);
      meta.delete(importKey(importId)).catch(() => undefined);
      this.bumpVersion(meta);
      await tx.done;
      for (const k of keysOf(state)) this.pendingKeys.delete(k);
      for (const id of state.segments) this.pendingSegs.delete(id);
      this.scheduleMerge();
      return state;
    } catch (e) {
      await this.abortWrite(tx);
      throw this.writeError(e, tx);
    }
  }

  /** Takes an unpublished import's articles and postings out again; false when there was none. */
  async abortImport(importId: string): Promise<boolean> {
    const tx = this.writeTx(await this.open(), WRITE_STORES);
    tx.done.catch(() => undefined);
    const meta = tx.objectStore('meta');
    const state = (await meta.get(importKey(importId))) as ImportState | undefined;
    if (!state) {
      await tx.done;
      return false;
    }
    // Its documents' fingerprints were counted when written: counted out again.
    const docs = tx.objectStore('documents');
    const written = (await Promise.all([...keysOf(state)].map((k) => docs.get(k)))) as Array<DocRecord | undefined>;
    const fpSub = new FpIncrements();
    for (const r of written) if (r) for (const fp of new Set(r.fp ?? [])) if (fp !== 0) fpSub.add(r.outletKey, fp, -1);
    const fps = tx.objectStore('fingerprints');
    await Promise.all(
      [...fpSub.byBucket.values()].map(async ({ key, add }) => {
        const b = addCounts((await fps.get(key)) as FpBucket | undefined, add);
        (b.f.length ? fps.put(b, key) : fps.delete(key)).catch(() => undefined);
      }),
    );
    for (const r of written) if (r) docs.delete(r.key).catch(() => undefined);
    for (const id of state.segments) {
      tx.objectStore('segments').delete(id).catch(() => undefined);
      tx.objectStore('postings').delete(IDBKeyRange.bound([id, 0], [id, Infinity])).catch(() => undefined);
    }
    meta.delete(importKey(importId)).catch(() => undefined);
    await tx.done;
    for (const k of keysOf(state)) this.pendingKeys.delete(k);
    for (const id of state.segments) {
      this.pendingSegs.delete(id);
      this.heads.delete(id);
    }
    return true;
  }

  /** Reads the imports under way into the pending sets; those abandoned (ABANDONED_MS) are taken out. */
  private async loadPending(db: DB): Promise<void> {
    this.gone = new Set(((await db.get('meta', GONE)) as number[] | undefined) ?? []);
    const states = (await db.getAll('meta', IDBKeyRange.bound('import:', 'import:\uffff'))) as ImportState[];
    this.pendingKeys.clear();
    this.pendingSegs.clear();
    for (const s of states) {
      for (const k of keysOf(s)) this.pendingKeys.add(k);
      for (const id of s.segments) this.pendingSegs.add(id);
    }
    const stale = states.filter((s) => Date.now() - s.updated > ABANDONED_MS);
    if (stale.length) {
      this.conn ??= db;
      for (const s of stale) await this.abortImport(s.id).catch(() => undefined);
    }
  }

  /** The newest document key, 0 when there is none: it changes whenever the index does. */
  async newestKey(): Promise<number> {
    if (this.keyAfterClear !== undefined) return 0; // cleared, not yet created again: empty
    const last = await (await this.open()).transaction('documents', 'readonly').store.openKeyCursor(null, 'prev');
    return (last?.primaryKey as number | undefined) ?? 0;
  }

  async stats(): Promise<StoreStats> {
    if (this.keyAfterClear !== undefined) return { ...ZERO }; // cleared, not yet created again: empty
    const c = { ...ZERO, ...((await (await this.open()).get('meta', 'counters')) as Counters | undefined) };
    return { documents: c.documents, outlets: c.outlets, units: c.units, paragraphs: c.paragraphs };
  }

  /** Up to `limit` stored entries with key > `after`, in key order, and the key to continue after. */
  async page(after: number | undefined, limit: number): Promise<{ entries: StoredEntry[]; next?: number }> {
    const range = after === undefined ? undefined : IDBKeyRange.lowerBound(after, true);
    const records = (await (await this.open()).getAll('documents', range, limit)) as DocRecord[];
    const entries = records.filter((r) => !this.pendingKeys.has(r.key)).map((r) => ({ doc: stripRecord(r), units: this.unitsOfRecord(r), fingerprints: Uint32Array.from(r.fp ?? new Uint32Array(r.paragraphs.length)) }));
    const next = records.length === limit ? records[records.length - 1].key : undefined;
    return { entries, next };
  }

  async *documents(): AsyncIterable<StoredEntry> {
    let after: number | undefined;
    do {
      const { entries, next } = await this.page(after, 64);
      for (const e of entries) yield e;
      after = next;
    } while (after !== undefined);
  }

  /**
   * Empties the index, params included: deletes the database, and creates it again only when it is
   * next used, so the browser can give the space back (clearing the stores, or creating the database
   * again at once, leaves the files as large, or larger: docs/design.md). The next document key
   * carries over while this worker lives; a worker stopped before the next record starts again at 1.
   * That is safe for the report cache (report-cache.ts) because the clear handler forgets every kept
   * report with the index.
   */
  async clear(): Promise<void> {
    await this.stopMerges();
    const db = await this.open();
    const next = ((await db.get('meta', 'nextKey')) as number | undefined) ?? (await this.newestKey()) + 1;
    this.close();
    this.mergeEnabled = true;
    this.heads.clear();
    this.disk?.forget();
    const before = await originUsage();
    await deleteDB(this.name);
    this.name = this.base;
    this.keyAfterClear = next;
    this.compacting = compactAfterDelete(this.base, { before, stillClosed: () => !this.conn && !this.opening }).then(() => undefined);
  }

  /**
   * Paragraphs deleted since this generation of the database began (their space is still held by
   * the browser's files until rewrite()), and the paragraphs stored.
   */
  async deletedShare(): Promise<{ deleted: number; stored: number }> {
    const db = await this.open();
    const deleted = ((await db.get('meta', DELETED)) as number | undefined) ?? 0;
    return { deleted, stored: (await this.stats()).paragraphs };
  }

  /**
   * Copies the index into its next generation, switches to it and deletes this one, so that the
   * browser can give back the space of what was deleted (index-generations.ts). The caller keeps
   * other writes away meanwhile (the worker's queue); merges wait; reads see this generation until
   * the switch, which is a moment. Returns false, having done nothing, where the browser cannot list
   * its databases, or while the disk has no room for the copy. A failure leaves this generation as
   * it was (the copy is deleted).
   */
  async rewrite(): Promise<boolean> {
    // The copy is written before the old generation goes: room for it (hasRoom: three times its
    // size, at COPY_BYTES a paragraph, the all-in cost with a margin) or it waits for a later deletion.
    if (!(await this.canRewrite())) return false;
    const merges = this.mergeEnabled;
    this.mergeEnabled = false;
    try {
      await this.stopMerges();
      const old = await this.open();
      const oldName = this.name;
      const next = generationName(this.base, (generationOf(this.base, oldName) ?? 0) + 1);
      await deleteDB(next).catch(() => undefined); // an earlier copy's leftover
      // The copy leaves out the postings of the documents deleted by deleteLater (blocks keep their
      // place, emptied or not, so fences and filters stay right: a block's keys only shrink), and
      // the segments' counts follow. Postings are copied before segments (stores in name order).
      // Blocks no head names (a stopped merge's) are left behind too.
      const gone = new Set(this.gone);
      const removed = new Map<number, number>();
      const live = new Set((await old.getAllKeys('segments')) as number[]);
      const copy = await copyDatabase(old, next, (store, key, value) => {
        if (store === 'meta') return key === GONE || key === DELETED ? undefined : value;
        if (store === 'postings' && !live.has((key as number[])[0])) return undefined;
        if (!gone.size) return value;
        if (store === 'postings') {
          const p = decodeBlock(value as StoredBlock);
          const kept = withoutDocuments(p, gone);
          if (kept === p) return value;
          removed.set((key as number[])[0], (removed.get((key as number[])[0]) ?? 0) + (p.length - kept.length) / 2);
          return encodeBlock(kept);
        }
        if (store === 'segments' && removed.has(key as number)) return { ...(value as HeadRecord), postings: (value as HeadRecord).postings - removed.get(key as number)! };
        return value;
      });
      copy.close();
      await this.switchTo(next);
      // A new set, not this one changed: a look-up that began on the old generation filters by its own.
      this.gone = new Set([...this.gone].filter((id) => !gone.has(id)));
      for (const [id, n] of removed) {
        const h = this.heads.get(id);
        if (h) this.heads.set(id, { ...h, postings: h.postings - n });
      }
      await deleteDB(oldName).catch(() => undefined); // else deleted by the next open (currentGeneration)
      return true;
    } finally {
      this.mergeEnabled = merges;
      if (merges) this.scheduleMerge();
    }
  }

  /** Closes the connection (its transactions finish first) and opens database `name` instead. */
  private async switchTo(name: string): Promise<void> {
    while (this.swapping) await this.swapping;
    while (this.opening) await this.opening.catch(() => undefined);
    let done!: () => void;
    this.swapping = new Promise((ok) => (done = ok));
    try {
      // A macrotask first: callers that already had the connection create their transactions.
      await new Promise((ok) => setTimeout(ok, 0));
      this.conn?.close();
      this.conn = undefined;
      this.fpForget();
      this.name = name;
      this.conn = await openIndexDb(name, DB_VERSION, () => this.lost());
      this.connectionLost = false;
    } finally {
      this.swapping = undefined;
      done();
    }
  }
}

export type { IDBPDatabase };
