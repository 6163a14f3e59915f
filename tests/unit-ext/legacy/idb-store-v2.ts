/**
 * FROZEN: the IndexedDB store of schema version 2, as it shipped, kept only so a test can write a
 * database with the old code and open it with the new one (tests/unit-ext/idb-upgrade.test.ts).
 *
 * IndexStore on IndexedDB: the extension's persistent index.
 *
 * Layout (database "wiretrace", schema version DB_VERSION):
 *
 *   params        out-of-line key 'params' -> IndexParams
 *   meta          out-of-line key 'counters' -> { documents, outlets, paragraphs, units }, kept
 *                 in the same transaction as every write: stats() is one get, where count() and
 *                 a distinct-outlet cursor cost time proportional to the index (v2)
 *   documents     key: autoIncrement `key`; value: StoredDocument + `fp` (Uint32Array of paragraph
 *                 fingerprints, returned by documents() for export)
 *                 index 'id' (unique): one record per article id; a concurrent second add of the same
 *                 id fails with ConstraintError, so records are never duplicated
 *                 index 'outletKey' (v2): is this outlet new? (outlets counter)
 *   units         key [doc, n]; value { doc, n, paragraph, bandKeys: number[] }
 *                 index 'bandKeys' (multiEntry): band key -> unit primary keys, i.e. postings.
 *                 A lookup issues one getAllKeys per distinct band key, all in one read-only
 *                 transaction (requests pipeline; no per-key await), and counts [doc, n] hits per doc.
 *                 The primary key already names the document, so no record is read.
 *   fingerprints  key [outletKey, fp]; value { outletKey, fp, count }: documents of an outlet holding
 *                 that paragraph fingerprint (recurring furniture detection)
 *   staging       key [importId, seq]; value { importId, seq, lines }: chunks of an index file being
 *                 imported (survives the service worker stopping between chunks)                   (v2)
 *
 * Why a multiEntry index rather than a postings store keyed by band key: a document brings ~1,000
 * band keys; a postings store needs ~1,000 read-modify-writes per put, the index maintains them inside
 * the database in one add per unit. Look-ups cost the same (one request per band key).
 *
 * putDocument and putDocuments write documents, units, fingerprints and counters in ONE readwrite
 * transaction: either all of it is stored or none.
 *
 * Migrations: MIGRATIONS[v] upgrades a database at version v to v + 1 inside onupgradeneeded.
 * v0 -> v1: the first schema (params, documents + 'id', units + 'bandKeys', fingerprints).
 * v1 -> v2: 'outletKey' index, 'meta' counters (computed from the stored documents), 'staging'.
 */
import { openDB, unwrap, type IDBPDatabase, type IDBPTransaction } from 'idb';
import { BandFilterKeeper, EPOCH_KEY, newestDocumentKey, type BandFilter } from './band-filter-v2';
import type { IndexParams, IndexStore, NewDocument, StoreStats, StoredDocument, UnitRecord } from '../../../src/engine/store';
import { CodedError } from '../../../src/errors';

export const DB_NAME = 'wiretrace';
export const DB_VERSION = 2;

const ALL_STORES = ['params', 'meta', 'documents', 'units', 'fingerprints', 'staging'] as const;
const WRITE_STORES = ['documents', 'units', 'fingerprints', 'meta'] as const;

interface DocRecord extends StoredDocument {
  fp: Uint32Array;
}
interface UnitRow {
  doc: number;
  n: number;
  paragraph: number;
  bandKeys: number[];
}
interface FingerprintRow {
  outletKey: string;
  fp: number;
  count: number;
}
interface Counters {
  documents: number;
  outlets: number;
  paragraphs: number;
  units: number;
}
const ZERO: Counters = { documents: 0, outlets: 0, paragraphs: 0, units: 0 };
export interface StagedChunk {
  importId: string;
  seq: number;
  lines: string[];
}

// The schema changes over versions, so transactions are typed loosely; rows are typed at use.
type DB = IDBPDatabase<unknown>;
type UpgradeTx = IDBPTransaction<unknown, string[], 'versionchange'>;

/** Thrown by putDocument when a document with the same id is already stored. */
export class DuplicateDocumentError extends Error {
  override name = 'DuplicateDocumentError';
  constructor(readonly id: string) {
    super(`document ${JSON.stringify(id)} is already stored`);
  }
}

export type Migration = (db: DB, tx: UpgradeTx) => Promise<void> | void;

export const MIGRATIONS: Migration[] = [
  // v0 -> v1
  (db) => {
    db.createObjectStore('params');
    const docs = db.createObjectStore('documents', { keyPath: 'key', autoIncrement: true });
    docs.createIndex('id', 'id', { unique: true });
    const units = db.createObjectStore('units', { keyPath: ['doc', 'n'] });
    units.createIndex('bandKeys', 'bandKeys', { multiEntry: true });
    db.createObjectStore('fingerprints', { keyPath: ['outletKey', 'fp'] });
  },
  // v1 -> v2
  async (db, tx) => {
    const docs = tx.objectStore('documents');
    docs.createIndex('outletKey', 'outletKey');
    db.createObjectStore('meta');
    db.createObjectStore('staging', { keyPath: ['importId', 'seq'] });
    const counters = { ...ZERO };
    const outlets = new Set<string>();
    for (let c = await docs.openCursor(); c; c = await c.continue()) {
      const d = c.value as DocRecord;
      counters.documents++;
      counters.paragraphs += d.paragraphs.length;
      outlets.add(d.outletKey);
    }
    counters.outlets = outlets.size;
    counters.units = await tx.objectStore('units').count();
    await tx.objectStore('meta').put(counters, 'counters');
  },
];

/** Opens (creating or upgrading) the database at `version`; tests use older versions to test migrations. */
export async function openIndexDb(name: string = DB_NAME, version: number = DB_VERSION): Promise<DB> {
  if (version > MIGRATIONS.length) throw new RangeError(`schema version ${version} is newer than this build knows (${MIGRATIONS.length})`);
  let failure: unknown;
  const db = await openDB(name, version, {
    upgrade(db, oldVersion, newVersion, tx) {
      // Run the steps in order on the one versionchange transaction (the first starts synchronously,
      // while the transaction is active); a failing step aborts the whole upgrade.
      void (async () => {
        for (let v = oldVersion; v < (newVersion ?? version); v++) await MIGRATIONS[v](db as DB, tx as unknown as UpgradeTx);
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
      // A newer schema wants to upgrade (a new version of the extension): step aside.
      db.close();
    },
  }).catch((e) => {
    throw failure ?? e;
  });
  return db as DB;
}

/** Requests whose failure aborts the transaction: the error surfaces from `tx.done`. */
const ignore = () => undefined;

function isConstraintError(e: unknown): boolean {
  return !!e && typeof e === 'object' && (e as { name?: unknown }).name === 'ConstraintError';
}

function stripRecord(r: DocRecord): StoredDocument {
  const { fp: _fp, ...doc } = r;
  return doc;
}

export interface StoredEntry {
  doc: StoredDocument;
  units: UnitRecord[];
  fingerprints: Uint32Array;
}

export class IdbStore implements IndexStore {
  /** Presence filter of the stored band keys (see band-filter.ts); lookup() asks only for keys it may hold. */
  readonly bandFilter: BandFilterKeeper;

  private constructor(readonly db: DB) {
    this.bandFilter = new BandFilterKeeper(db);
  }

  static async open(name: string = DB_NAME): Promise<IdbStore> {
    return new IdbStore(await openIndexDb(name));
  }

  close(): void {
    this.bandFilter.close();
    this.db.close();
  }

  async getParams(): Promise<IndexParams | undefined> {
    return (await this.db.get('params', 'params')) as IndexParams | undefined;
  }

  async setParams(params: IndexParams): Promise<void> {
    await this.db.put('params', { ...params }, 'params');
  }

  async lookup(bandKeys: Uint32Array): Promise<Map<number, number>> {
    const hits = new Map<number, number>();
    if (bandKeys.length === 0) return hits;
    // A band key repeated in the query counts once per occurrence, as in the memory store.
    const mult = new Map<number, number>();
    for (let i = 0; i < bandKeys.length; i++) mult.set(bandKeys[i], (mult.get(bandKeys[i]) ?? 0) + 1);
    const filter = await this.bandFilter.get();
    // Raw requests: ~1,000 per look-up, so skip a promise per request and wait for the transaction.
    const tx = this.db.transaction('units', 'readonly');
    const units = unwrap(tx.store);
    const index = units.index('bandKeys');
    const ask = (filter?: BandFilter) => {
      for (const [key, m] of mult) {
        if (filter) {
          if (!filter.has(key)) continue;
          const known = filter.holders(key);
          if (known) {
            for (const d of known) hits.set(d, (hits.get(d) ?? 0) + m);
            continue;
          }
        }
        const req = index.getAllKeys(key);
        req.onsuccess = () => {
          const pks = req.result as unknown as Array<[number, number]>;
          for (const pk of pks) hits.set(pk[0], (hits.get(pk[0]) ?? 0) + m);
          filter?.remember(key, pks.map((pk) => pk[0]));
        };
      }
    };
    if (!filter) ask();
    else {
      // Units of documents above the watermark (written since, or by another context) join the
      // filter first, in this transaction's snapshot; then only keys the filter may hold are asked for.
      const tail = units.getAll(IDBKeyRange.lowerBound([filter.watermark, Infinity], true));
      tail.onsuccess = () => {
        this.bandFilter.absorb(filter, tail.result as UnitRow[]);
        ask(filter);
      };
      tail.onerror = (e) => {
        e.preventDefault();
        ask();
      };
    }
    await tx.done;
    return hits;
  }

  async getDocuments(keys: number[]): Promise<StoredDocument[]> {
    if (!keys.length) return [];
    const tx = this.db.transaction('documents', 'readonly');
    const got = await Promise.all(keys.map((k) => tx.store.get(k) as Promise<DocRecord | undefined>));
    await tx.done;
    return got.filter((r): r is DocRecord => !!r).map(stripRecord);
  }

  async getDocumentById(id: string): Promise<StoredDocument | undefined> {
    const r = (await this.db.getFromIndex('documents', 'id', id)) as DocRecord | undefined;
    return r ? stripRecord(r) : undefined;
  }

  async fingerprintCounts(outletKey: string, fingerprints: Uint32Array): Promise<Uint32Array> {
    const out = new Uint32Array(fingerprints.length);
    if (!fingerprints.length) return out;
    const tx = this.db.transaction('fingerprints', 'readonly');
    await Promise.all(
      Array.from(fingerprints, async (fp, i) => {
        if (fp === 0) return;
        const row = (await tx.store.get([outletKey, fp])) as FingerprintRow | undefined;
        out[i] = row?.count ?? 0;
      }),
    );
    await tx.done;
    return out;
  }

  async putDocument(doc: NewDocument, units: UnitRecord[], fingerprints: Uint32Array): Promise<number> {
    const [key] = await this.putDocuments([{ doc, units, fingerprints }], 'fail');
    return key;
  }

  /**
   * Stores several documents in ONE transaction (all or nothing). Documents whose id is already
   * stored either fail the whole batch (`onDuplicate: 'fail'`) or are skipped (key -1 in the result).
   */
  async putDocuments(entries: Array<{ doc: NewDocument; units: UnitRecord[]; fingerprints: Uint32Array }>, onDuplicate: 'fail' | 'skip' = 'fail'): Promise<number[]> {
    const tx = this.db.transaction(WRITE_STORES as unknown as string[], 'readwrite');
    const docs = tx.objectStore('documents');
    const unitStore = tx.objectStore('units');
    const fps = tx.objectStore('fingerprints');
    const meta = tx.objectStore('meta');
    // Band keys join the filter before the commit (an abort leaves extra keys: harmless).
    const filter = this.bandFilter.current;
    try {
      const before = ((await docs.openKeyCursor(null, 'prev'))?.primaryKey as number | undefined) ?? 0;
      const counters = { ...ZERO, ...((await meta.get('counters')) as Counters | undefined) };
      // Fingerprint counts touched by this batch, read once and written once.
      const fpRows = new Map<string, FingerprintRow>();
      const keys: number[] = [];
      for (const { doc, units, fingerprints } of entries) {
        if (onDuplicate === 'skip' && (await docs.index('id').getKey(doc.id)) !== undefined) {
          keys.push(-1);
          continue;
        }
        const record = { ...doc, fp: Uint32Array.from(fingerprints) } as Omit<DocRecord, 'key'>;
        let key: number;
        try {
          key = (await docs.add(record)) as number;
        } catch (e) {
          throw isConstraintError(e) ? new DuplicateDocumentError(doc.id) : e;
        }
        keys.push(key);
        // This document is already in the index, so the outlet is new if it is the only one of it.
        if ((await docs.index('outletKey').getAllKeys(doc.outletKey, 2)).length === 1) counters.outlets++;
        counters.documents++;
        units.forEach((u, n) => {
          filter?.addAll(u.bandKeys);
          unitStore.add({ doc: key, n, paragraph: u.paragraph, bandKeys: Array.from(u.bandKeys) } satisfies UnitRow).catch(ignore);
        });
        for (const fp of new Set(fingerprints)) {
          if (fp === 0) continue;
          const id = `${doc.outletKey}\u0000${fp}`;
          let row = fpRows.get(id);
          if (!row) {
            row = ((await fps.get([doc.outletKey, fp])) as FingerprintRow | undefined) ?? { outletKey: doc.outletKey, fp, count: 0 };
            fpRows.set(id, row);
          }
          row.count++;
        }
        counters.paragraphs += doc.paragraphs.length;
        counters.units += units.length;
      }
      for (const row of fpRows.values()) fps.put(row).catch(ignore);
      meta.put(counters, 'counters').catch(ignore);
      await tx.done;
      // Every document up to `before` was in the filter, and these are now: move the watermark.
      if (filter && filter === this.bandFilter.current && before <= filter.watermark) filter.watermark = Math.max(filter.watermark, ...keys);
      if (filter && filter === this.bandFilter.current && entries.length === 1 && keys[0] > 0) {
        // A recorded article: its keys held by no other unit are answered from memory from now on.
        const held = new Map<number, number[]>();
        for (const u of entries[0].units) for (const k of new Set(u.bandKeys)) held.set(k, [...(held.get(k) ?? []), keys[0]]);
        for (const [k, docs] of held) filter.remember(k, docs);
      }
      if (filter && filter === this.bandFilter.current) this.bandFilter.changed(entries.length > 1); // an import: save at once
      return keys;
    } catch (e) {
      try {
        tx.abort();
      } catch {
        // already aborted by the failed request
      }
      await tx.done.catch(() => undefined);
      throw e;
    }
  }

  /** The newest document key (see newestDocumentKey): it changes whenever the index does. */
  newestKey(): Promise<number> {
    return newestDocumentKey(this.db);
  }

  /** Not in schema 2 (the interface gained it later); the upgrade test never deletes through the old code. */
  async deleteDocuments(): Promise<number> {
    throw new Error('schema 2 had no deletion');
  }
  async addSource(): Promise<number> {
    throw new Error('schema 2 had no sources');
  }
  async removeSource(): Promise<{ untagged: number; deleted: number }> {
    throw new Error('schema 2 had no sources');
  }

  async stats(): Promise<StoreStats> {
    const c = { ...ZERO, ...((await this.db.get('meta', 'counters')) as Counters | undefined) };
    return { documents: c.documents, outlets: c.outlets, units: c.units, paragraphs: c.paragraphs };
  }

  /** Up to `limit` stored entries with key > `after`, in key order, and the key to continue after. */
  async page(after: number | undefined, limit: number): Promise<{ entries: StoredEntry[]; next?: number }> {
    const tx = this.db.transaction(['documents', 'units'], 'readonly');
    const range = after === undefined ? undefined : IDBKeyRange.lowerBound(after, true);
    const records = (await tx.objectStore('documents').getAll(range, limit)) as DocRecord[];
    const unitStore = tx.objectStore('units');
    const entries = await Promise.all(
      records.map(async (r) => {
        const rows = (await unitStore.getAll(IDBKeyRange.bound([r.key, 0], [r.key, Infinity]))) as UnitRow[];
        return {
          doc: stripRecord(r),
          units: rows.map((u) => ({ paragraph: u.paragraph, bandKeys: Uint32Array.from(u.bandKeys) })),
          fingerprints: Uint32Array.from(r.fp ?? new Uint32Array(r.paragraphs.length)),
        };
      }),
    );
    await tx.done;
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

  async clear(): Promise<void> {
    this.bandFilter.reset();
    const tx = this.db.transaction(ALL_STORES as unknown as string[], 'readwrite');
    // A new epoch: a filter saved by anyone who loaded it before this clear is refused.
    await Promise.all([...ALL_STORES.map((s) => tx.objectStore(s).clear()), tx.objectStore('meta').put(crypto.randomUUID(), EPOCH_KEY), tx.done]);
    this.bandFilter.reset();
  }

  // --- staging of imported index files -------------------------------------------------------

  async stageChunk(chunk: StagedChunk): Promise<void> {
    await this.db.put('staging', chunk);
  }

  async stagedLines(importId: string): Promise<string[]> {
    const rows = (await this.db.getAll('staging', IDBKeyRange.bound([importId, 0], [importId, Infinity]))) as StagedChunk[];
    rows.forEach((r, i) => {
      if (r.seq !== i) throw new CodedError('import-interrupted', `import ${importId}: chunk ${i} is missing (the upload was interrupted); please import again`);
    });
    return rows.flatMap((r) => r.lines);
  }

  async dropStaged(importId?: string): Promise<void> {
    if (importId === undefined) await this.db.clear('staging');
    else await this.db.delete('staging', IDBKeyRange.bound([importId, 0], [importId, Infinity]));
  }
}
