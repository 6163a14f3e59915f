/**
 * An IndexStore over the team index service (`wiretrace audit --remote URL --token T`): the engine
 * runs here, the service keeps the index. Requests are few and batched:
 *   - a look-up brings its first candidates whole with their furniture counts (candidate-cache.ts),
 *     so the engine's getDocuments and fingerprintCounts that follow cost no request;
 *   - a check-and-record is one request (putDocumentAndLookup: look-up and record in one transaction);
 *   - putDocument calls made together (an import: many started before any is awaited) go in one
 *     request of up to 500 articles, or 8 MB.
 * Articles travel with their units and fingerprints, so the service stores what this engine made.
 */
import type { IndexParams, IndexStore, NewDocument, StoreStats, StoredDocument, UnitRecord } from '../src/engine/store';
import { TeamClient, type TeamClientOptions } from '../src/team/client';
import { API, base64ToU32, bytesToBase64, fromWireDocument, u32ToBase64, unitsFromWire, unitsToWire, type IndexInfo, type LookupResponse, type RecordResponse, type WireArticle, type WireDocument } from '../src/team/wire';
import { CandidateCache } from './candidate-cache';

const CANDIDATES = 64;
const BATCH_ARTICLES = 500;
const BATCH_BYTES = 8 * 1024 * 1024;

function toWireArticle(doc: NewDocument, units: UnitRecord[], fingerprints: Uint32Array): WireArticle {
  return {
    id: doc.id,
    outlet: doc.outlet,
    url: doc.url,
    title: doc.title,
    published: doc.published !== undefined ? new Date(doc.published).toISOString() : undefined,
    firstSeen: new Date(doc.firstSeen).toISOString(),
    paragraphs: doc.paragraphs,
    lang: doc.lang,
    guid: doc.guid,
    sources: doc.sources,
    credits: doc.credits,
    units: unitsToWire(units),
    fingerprints: u32ToBase64(fingerprints),
  };
}

interface Pending {
  article: WireArticle;
  bytes: number;
  resolve: (r: { key: number; added: boolean }) => void;
  reject: (e: unknown) => void;
}

export class RemoteStore implements IndexStore {
  readonly client: TeamClient;
  private readonly cache = new CandidateCache();
  private queue: Pending[] = [];
  private flushing: Promise<void> | undefined;

  constructor(url: string, token: string, o: TeamClientOptions = {}) {
    this.client = new TeamClient(url, token, o);
  }

  info(): Promise<IndexInfo> {
    return this.client.info();
  }

  async getParams(): Promise<IndexParams | undefined> {
    return (await this.client.info()).params ?? undefined;
  }

  async setParams(params: IndexParams): Promise<void> {
    await this.client.request('PUT', `${API.index}/params`, params);
  }

  /** Drops what was kept from earlier answers (before a write). */
  private forget(): void {
    this.cache.clear();
    this.lastById = undefined;
  }

  private found(r: LookupResponse): Map<number, number> {
    this.cache.fill(r.candidates.map((c) => ({ doc: fromWireDocument(c.document), fingerprints: base64ToU32(c.fingerprints), counts: base64ToU32(c.counts) })));
    return new Map(r.hits);
  }

  async lookup(bandKeys: Uint32Array): Promise<Map<number, number>> {
    if (!bandKeys.length) return new Map();
    return this.found(await this.client.lookup({ keys: u32ToBase64(bandKeys), candidates: CANDIDATES }));
  }

  async getDocuments(keys: number[]): Promise<StoredDocument[]> {
    const cached = this.cache.documents(keys);
    if (cached) return cached;
    const out: StoredDocument[] = [];
    for (let i = 0; i < keys.length; i += 1000) out.push(...(await this.client.documents({ keys: keys.slice(i, i + 1000) })).documents.map(fromWireDocument));
    return out;
  }

  /**
   * The last answer by id, until the next write: an audit asks whether an article is stored, then
   * the engine asks again as it checks it. Should another client record it in between, the record
   * that follows finds it stored, and the engine checks it against that record instead.
   */
  private lastById: { id: string; doc: StoredDocument | undefined } | undefined;

  async getDocumentById(id: string): Promise<StoredDocument | undefined> {
    if (this.lastById?.id === id) return this.lastById.doc;
    const { documents } = await this.client.documents({ ids: [id] });
    const doc = documents[0] ? fromWireDocument(documents[0]) : undefined;
    this.lastById = { id, doc };
    return doc;
  }

  async fingerprintCounts(outletKey: string, fingerprints: Uint32Array): Promise<Uint32Array> {
    const cached = this.cache.counts(outletKey, fingerprints);
    if (cached) return cached;
    if (!fingerprints.length) return new Uint32Array(0);
    const r = await this.client.request<{ counts: string }>('POST', API.fingerprints, { outletKey, fingerprints: u32ToBase64(fingerprints) });
    return base64ToU32(r.counts);
  }

  async putDocument(doc: NewDocument, units: UnitRecord[], fingerprints: Uint32Array): Promise<number> {
    this.forget();
    const article = toWireArticle(doc, units, fingerprints);
    const r = await new Promise<{ key: number; added: boolean }>((resolve, reject) => {
      this.queue.push({ article, bytes: JSON.stringify(article).length, resolve, reject });
      this.flushing ??= Promise.resolve().then(() => this.flush());
    });
    if (!r.added) throw new Error(`document ${JSON.stringify(doc.id)} is already stored`);
    return r.key;
  }

  /** Sends the queued articles, in batches, in the order they were queued. */
  private async flush(): Promise<void> {
    while (this.queue.length) {
      let bytes = 0;
      let n = 0;
      while (n < this.queue.length && n < BATCH_ARTICLES && (n === 0 || bytes + this.queue[n].bytes < BATCH_BYTES)) bytes += this.queue[n++].bytes;
      const batch = this.queue.splice(0, n);
      try {
        const r = await this.client.record({ articles: batch.map((p) => p.article) });
        batch.forEach((p, i) => p.resolve(r.results[i]));
      } catch (e) {
        for (const p of batch) p.reject(e);
      }
    }
    this.flushing = undefined;
  }

  async putDocumentAndLookup(doc: NewDocument, units: UnitRecord[], fingerprints: Uint32Array, lookup: Uint8Array): Promise<{ key: number; hits: Map<number, number> }> {
    this.forget();
    const r = await this.client.request<RecordResponse>('POST', API.articles, { articles: [toWireArticle(doc, units, fingerprints)], lookup: { flags: bytesToBase64(lookup), candidates: CANDIDATES } });
    const [result] = r.results;
    if (!result.added) throw new Error(`document ${JSON.stringify(doc.id)} is already stored`);
    return { key: result.key, hits: r.lookup ? this.found(r.lookup) : new Map() };
  }

  async deleteDocuments(keys: number[]): Promise<number> {
    this.forget();
    let deleted = 0;
    for (let i = 0; i < keys.length; i += 1000) deleted += (await this.client.request<{ deleted: number }>('POST', API.remove, { keys: keys.slice(i, i + 1000) })).deleted;
    return deleted;
  }

  async addSource(keys: number[], source: string): Promise<number> {
    this.forget();
    let changed = 0;
    for (let i = 0; i < keys.length; i += 1000) changed += (await this.client.request<{ changed: number }>('POST', API.addSource, { keys: keys.slice(i, i + 1000), source })).changed;
    return changed;
  }

  async removeSource(source: string): Promise<{ untagged: number; deleted: number }> {
    this.forget();
    return this.client.request('POST', API.removeSource, { source });
  }

  async stats(): Promise<StoreStats> {
    return (await this.client.info()).stats;
  }

  async latestFirstSeen(): Promise<number | undefined> {
    const t = (await this.client.info()).latestFirstSeen;
    return t ? Date.parse(t) : undefined;
  }

  async *documents(): AsyncIterable<{ doc: StoredDocument; units: UnitRecord[]; fingerprints: Uint32Array }> {
    let after = 0;
    for (;;) {
      const page = await this.client.request<{ documents: Array<WireDocument & { units: Array<[number, string]>; fingerprints: string }>; next: number | null }>('GET', `${API.articles}?after=${after}&limit=500`);
      for (const d of page.documents) yield { doc: fromWireDocument(d), units: unitsFromWire(d.units), fingerprints: base64ToU32(d.fingerprints) };
      if (page.next === null) return;
      after = page.next;
    }
  }

  async clear(): Promise<void> {
    this.forget();
    const { team } = await this.client.info();
    await this.client.request('DELETE', API.clear, { team });
  }
}
