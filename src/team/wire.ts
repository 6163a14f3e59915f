/**
 * The team index service's wire format (docs/team-index.md, "The HTTP API"), shared by the service
 * (server/), its clients (server/remote-store.ts, the extension's team look-up) and their tests:
 * the JSON shapes of requests and answers, and their encodings. Band keys, fingerprints and counts
 * travel as base64 of little-endian uint32 (a 20-paragraph article's ~900 band keys are ~4.8 KB);
 * times as ISO 8601. Pure: no browser or Node API.
 */
import type { IndexParams, StoreStats, StoredDocument, UnitRecord } from '../engine/store';
import type { Credit } from '../engine/types';
import { isoTime, parseTime } from '../engine/validate';

/** Paths of the API, under the service's base URL. */
export const API = {
  index: '/v1/index',
  articles: '/v1/articles',
  get: '/v1/articles/get',
  remove: '/v1/articles/delete',
  lookup: '/v1/lookup',
  fingerprints: '/v1/fingerprints',
  addSource: '/v1/sources/add',
  removeSource: '/v1/sources/remove',
  clear: '/v1/articles/all',
} as const;

/** A stored article as the service gives it (StoredDocument with ISO times). */
export interface WireDocument {
  key: number;
  id: string;
  url?: string;
  outlet: string;
  outletKey: string;
  title?: string;
  published?: string;
  firstSeen: string;
  paragraphs: string[];
  lang?: string;
  guid?: string;
  sources?: string[];
  credits?: Credit[];
}

/** A candidate document of a look-up: the document and, for each of its paragraphs, how many of its outlet's documents hold that paragraph (furniture). */
export interface WireCandidate {
  document: WireDocument;
  /** base64 uint32: the outlet's count of each paragraph fingerprint of the document (fingerprintCounts). */
  counts: string;
  /** base64 uint32: the document's paragraph fingerprints (what `counts` are the counts of). */
  fingerprints: string;
}

/** An article to record. `units` and `fingerprints`, when both given, are stored as they are; otherwise the service computes them from the text. */
export interface WireArticle {
  id: string;
  outlet: string;
  url?: string;
  title?: string;
  published?: string;
  firstSeen?: string;
  paragraphs: string[];
  lang?: string;
  guid?: string;
  sources?: string[];
  credits?: Credit[];
  /** [paragraph, base64 uint32 keys] per unit, as in the index file (paragraph -1: the title). */
  units?: Array<[number, string]>;
  fingerprints?: string;
}

export interface RecordRequest {
  articles: WireArticle[];
  /**
   * Record one article and look up, in the same transaction and before it is stored, the band keys
   * of its units whose flag is 1 (base64 of one byte per unit): IndexStore.putDocumentAndLookup.
   */
  lookup?: { flags: string; candidates?: number };
}

export interface RecordResult {
  id: string;
  key: number;
  /** False when an article with this id was already stored (it is left as it was). */
  added: boolean;
}

export interface RecordResponse {
  results: RecordResult[];
  lookup?: LookupResponse;
}

export interface LookupRequest {
  /** base64 uint32: the band keys (a key given twice counts twice, as IndexStore.lookup does). */
  keys: string;
  /** How many of the documents with the most hits to send whole (default 64, at most 256). */
  candidates?: number;
}

export interface LookupResponse {
  /** Every document with a hit: [key, hits], most hits first, ties by key. */
  hits: Array<[number, number]>;
  /** The first `candidates` of them, whole, with their furniture counts. */
  candidates: WireCandidate[];
}

export interface IndexInfo {
  team: string;
  params: IndexParams | null;
  stats: StoreStats;
  /** The latest first-seen time of a stored article (ISO 8601), or null when there is none. */
  latestFirstSeen: string | null;
  /** Whether this token may record and delete. */
  scope: 'read' | 'write';
}

/** An error answer: `error` a short code, `message` a sentence a person can act on. */
export interface ErrorBody {
  error: string;
  message: string;
}

/** Whether two fingerprint lists hold the same values in the same order (a cached candidate's counts are for one list). */
export function sameU32(a: Uint32Array, b: Uint32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function u32ToBase64(a: Uint32Array): string {
  const bytes = new Uint8Array(a.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < a.length; i++) view.setUint32(i * 4, a[i], true);
  return bytesToBase64(bytes);
}

export function base64ToU32(s: string): Uint32Array {
  const bytes = base64ToBytes(s);
  if (bytes.length % 4 !== 0) throw new RangeError('the length of a list of 32-bit values must be a multiple of 4 bytes');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Uint32Array(bytes.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = view.getUint32(i * 4, true);
  return out;
}

export function bytesToBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

export function base64ToBytes(s: string): Uint8Array {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s)) throw new RangeError('not base64');
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** A stored document on the wire. */
export function toWireDocument(d: StoredDocument): WireDocument {
  return {
    key: d.key,
    id: d.id,
    url: d.url,
    outlet: d.outlet,
    outletKey: d.outletKey,
    title: d.title,
    published: d.published !== undefined ? isoTime(d.published) : undefined,
    firstSeen: isoTime(d.firstSeen),
    paragraphs: d.paragraphs,
    lang: d.lang,
    guid: d.guid,
    sources: d.sources,
    credits: d.credits,
  };
}

/** A document from the wire as the engine stores it (fields the service left out stay absent). */
export function fromWireDocument(w: WireDocument): StoredDocument {
  const doc: StoredDocument = { key: w.key, id: w.id, outlet: w.outlet, outletKey: w.outletKey, firstSeen: parseTime(w.firstSeen) ?? 0, paragraphs: w.paragraphs };
  if (w.url != null) doc.url = w.url;
  if (w.title != null) doc.title = w.title;
  const published = parseTime(w.published);
  if (published !== undefined) doc.published = published;
  if (w.lang != null) doc.lang = w.lang;
  if (w.guid != null) doc.guid = w.guid;
  if (w.sources != null) doc.sources = w.sources;
  if (w.credits != null) doc.credits = w.credits;
  return doc;
}

/** Units as the index file and the API write them: [paragraph, base64 keys]. */
export function unitsToWire(units: UnitRecord[]): Array<[number, string]> {
  return units.map((u) => [u.paragraph, u32ToBase64(u.bandKeys)]);
}

export function unitsFromWire(units: Array<[number, string]>): UnitRecord[] {
  return units.map(([paragraph, keys]) => ({ paragraph, bandKeys: base64ToU32(keys) }));
}
