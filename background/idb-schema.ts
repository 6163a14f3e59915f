/**
 * The IndexedDB schema of the extension's index, one migration per version step (idb-store.ts
 * opens the database and runs them inside onupgradeneeded, on the one versionchange transaction:
 * a failing step aborts the whole upgrade and the database stays as it was).
 *
 * v0 -> v1: params, documents (+ unique 'id'), units (+ multi-entry 'bandKeys'), fingerprints.
 * v1 -> v2: documents' 'outletKey' index, meta counters computed from the documents, staging.
 * v2 -> v3: each document's units packed into its record (`units`, `us`), the postings of every
 *           STEP documents built into a segment (segments.ts), 'units' and its index dropped, the
 *           saved band filter of v2 deleted, meta 'nextKey' set past the largest key; fingerprint
 *           rows gathered into buckets (fingerprints.ts).
 * v3 -> v4: documents' multi-entry 'sources' index (where an article came from: a pack, a feed; the
 *           articles of a pack are found by it when the pack is removed).
 */
import type { IDBPDatabase, IDBPTransaction } from 'idb';
import { FpIncrements, addCounts } from './fingerprints';
import { buildSegment } from './segments';
import { encodeBlock } from './posting-blocks';
import { packUnits } from './unit-pack';
import type { StoredDocument, UnitRecord } from '../src/engine/store';

// The schema changes over versions, so transactions are typed loosely; rows are typed at use.
export type DB = IDBPDatabase<unknown>;
export type UpgradeTx = IDBPTransaction<unknown, string[], 'versionchange'>;
export type Migration = (db: DB, tx: UpgradeTx) => Promise<void> | void;

export interface Counters {
  documents: number;
  outlets: number;
  paragraphs: number;
  units: number;
}
export const ZERO: Counters = { documents: 0, outlets: 0, paragraphs: 0, units: 0 };

/**
 * A document as stored (v3). `units`/`us`: its units packed (unit-pack.ts), absent where the store
 * computes them from the text instead (IdbStore.unitsOf, the extension: ~250 bytes a paragraph less).
 */
export interface DocRecord extends StoredDocument {
  fp: Uint32Array;
  /** Per unit: its paragraph + 1, then its band keys (`us` values a unit). */
  units?: Uint32Array;
  us?: number;
}

/** Documents per segment built by the v2 -> v3 migration. */
const STEP = 2000;

export const migrations: Migration[] = [
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
      const d = c.value as StoredDocument;
      counters.documents++;
      counters.paragraphs += d.paragraphs.length;
      outlets.add(d.outletKey);
    }
    counters.outlets = outlets.size;
    counters.units = await tx.objectStore('units').count();
    await tx.objectStore('meta').put(counters, 'counters');
  },
  // v2 -> v3
  async (db, tx) => {
    db.createObjectStore('segments');
    db.createObjectStore('postings');
    const docs = tx.objectStore('documents');
    const units = tx.objectStore('units');
    const segs = tx.objectStore('segments');
    const postings = tx.objectStore('postings');
    let last = 0;
    for (;;) {
      const recs = (await docs.getAll(IDBKeyRange.lowerBound(last, true), STEP)) as Array<StoredDocument & { fp?: Uint32Array }>;
      if (!recs.length) break;
      const hi = recs[recs.length - 1].key;
      const rows = (await units.getAll(IDBKeyRange.bound([last, Infinity], [hi, Infinity], true, false))) as Array<{ doc: number; n: number; paragraph: number; bandKeys: number[] }>;
      const byDoc = new Map<number, UnitRecord[]>();
      const keys: number[] = [];
      const owners: number[] = [];
      for (const r of rows) {
        const list = byDoc.get(r.doc) ?? [];
        list[r.n] = { paragraph: r.paragraph, bandKeys: Uint32Array.from(r.bandKeys) };
        byDoc.set(r.doc, list);
        for (const k of new Set(r.bandKeys)) keys.push(k), owners.push(r.doc);
      }
      for (const d of recs) {
        const us = byDoc.get(d.key)?.filter(Boolean) ?? [];
        void docs.put({ ...d, fp: d.fp ?? new Uint32Array(d.paragraphs.length), ...packUnits(us) } satisfies DocRecord);
      }
      if (keys.length) {
        const s = buildSegment(hi, Uint32Array.from(keys), Uint32Array.from(owners));
        void segs.put(s.head, hi);
        s.blocks.forEach((p, b) => void postings.put(encodeBlock(p), [hi, b]));
      }
      last = hi;
    }
    db.deleteObjectStore('units');
    const rows = (await tx.objectStore('fingerprints').getAll()) as Array<{ outletKey: string; fp: number; count: number }>;
    db.deleteObjectStore('fingerprints');
    const fps = db.createObjectStore('fingerprints');
    const inc = new FpIncrements();
    for (const r of rows) inc.add(r.outletKey, r.fp, r.count);
    for (const { key, add } of inc.byBucket.values()) void fps.put(addCounts(undefined, add), key);
    const meta = tx.objectStore('meta');
    void meta.delete('bandFilter');
    void meta.delete('epoch');
    await meta.put(last + 1, 'nextKey');
  },
  // v3 -> v4
  (_db, tx) => {
    tx.objectStore('documents').createIndex('sources', 'sources', { multiEntry: true });
  },
];
