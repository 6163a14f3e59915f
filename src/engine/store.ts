/**
 * The storage interface behind the index. The engine computes everything (hashes, band keys,
 * paragraph fingerprints); a store only keeps records and answers look-ups, so an in-memory store
 * (Node, tests, CLI) and an IndexedDB store (the extension) behave identically.
 *
 * All methods are async so IndexedDB can implement them; the memory store resolves at once.
 * `putDocument` must be all-or-nothing: either the document, all its units and its paragraph
 * fingerprints are stored, or nothing is.
 */

import type { Credit } from './types';

/** Parameters an index was built with. An index can only be queried with the same parameters. */
export interface IndexParams {
  /** Words per shingle. */
  shingle: number;
  /** MinHash values per signature. */
  hashes: number;
  bands: number;
  rows: number;
  seed: number;
  /** Version of the hashing scheme (bumped whenever hashes of the same text would change). */
  hashVersion: number;
}

/** A document as stored. `key` is assigned by the store (1, 2, 3, ...). */
export interface StoredDocument {
  key: number;
  id: string;
  url?: string;
  /** The address the page was read at, when not `url` (ArticleInput.pageUrl). */
  pageUrl?: string;
  outlet: string;
  /** Normalised outlet name used to tell outlets apart ("bbc news"). */
  outletKey: string;
  title?: string;
  /** Epoch milliseconds, when known. */
  published?: number;
  /** Epoch milliseconds when first recorded. */
  firstSeen: number;
  paragraphs: string[];
  lang?: string;
  /** The feed item's guid, for articles read from a feed. */
  guid?: string;
  /** Where it came from ('pack:<id>', 'feed:<id>', 'read'); absent means ['read'] (sourcesOf). */
  sources?: string[];
  /** The credits the article gives (found in its text when it was recorded): what a wire credit passes on. */
  credits?: Credit[];
}

export type NewDocument = Omit<StoredDocument, 'key'>;

/** One indexed unit (a paragraph or a window of a long paragraph): its LSH band keys. */
export interface UnitRecord {
  paragraph: number;
  /** One 32-bit key per band (the band index is mixed into the key). */
  bandKeys: Uint32Array;
}

export interface StoreStats {
  documents: number;
  outlets: number;
  units: number;
  paragraphs: number;
}

export interface IndexStore {
  /** Parameters of the stored index, or undefined while it is empty and unparameterised. */
  getParams(): Promise<IndexParams | undefined>;
  setParams(params: IndexParams): Promise<void>;

  /** Documents whose units share at least one band key, with the number of (unit, band) hits. */
  lookup(bandKeys: Uint32Array): Promise<Map<number, number>>;
  getDocuments(keys: number[]): Promise<StoredDocument[]>;
  getDocumentById(id: string): Promise<StoredDocument | undefined>;

  /**
   * How many stored documents of `outletKey` contain each paragraph fingerprint
   * (same order as `fingerprints`). Used to recognise an outlet's recurring furniture.
   */
  fingerprintCounts(outletKey: string, fingerprints: Uint32Array): Promise<Uint32Array>;

  /** Store a document with its units and paragraph fingerprints, atomically. Returns the new key. */
  putDocument(doc: NewDocument, units: UnitRecord[], fingerprints: Uint32Array): Promise<number>;

  /**
   * Optional: putDocument() that also returns what lookup() of the band keys of the units with
   * `lookup[u]` = 1 would have returned just before it (the document's own postings not counted),
   * reading each band key once for both. The engine's check-and-record uses it where a store has it.
   */
  putDocumentAndLookup?(doc: NewDocument, units: UnitRecord[], fingerprints: Uint32Array, lookup: Uint8Array): Promise<{ key: number; hits: Map<number, number> }>;

  /**
   * Deletes the documents with these keys, with their postings and paragraph fingerprint counts,
   * atomically (all or none). Keys not stored are ignored; returns how many were deleted. Keys of
   * deleted documents are never given again.
   */
  deleteDocuments(keys: number[]): Promise<number>;

  /** Adds `source` to the sources of the documents with these keys; returns how many changed. */
  addSource(keys: number[], source: string): Promise<number>;

  /**
   * Takes `source` from every document that has it: a document left with no source is deleted (as
   * deleteDocuments does), the others keep their other sources. Removing an installed pack.
   */
  removeSource(source: string): Promise<{ untagged: number; deleted: number }>;

  stats(): Promise<StoreStats>;
  /** Every stored document, in key order (for export and serialisation). */
  documents(): AsyncIterable<{ doc: StoredDocument; units: UnitRecord[]; fingerprints: Uint32Array }>;
  clear(): Promise<void>;
}

/** A document's sources: absent means it was recorded from the user's reading. */
export function sourcesOf(doc: { sources?: string[] }): string[] {
  return doc.sources ?? ['read'];
}
