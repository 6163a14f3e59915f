/**
 * An IndexStore directly over PostgreSQL (`wiretrace audit --store postgres://…`): one team's index
 * in the team index's schema (team-db.ts), for a machine that may reach the database itself. The
 * engine runs in the caller; the database keeps the records and answers look-ups.
 *
 * putDocumentAndLookup is one transaction (the look-up as the index stands before the article, then
 * the article stored), and a look-up brings the first candidates whole with their furniture counts,
 * which getDocuments and fingerprintCounts then answer from without asking again, until the next
 * look-up or write.
 */
import type pg from 'pg';
import type { IndexParams, IndexStore, NewDocument, StoreStats, StoredDocument, UnitRecord } from '../src/engine/store';
import { CandidateCache } from './candidate-cache';
import { TeamDb, teamId, type Found } from './team-db';

/** Candidates sent whole with a look-up: the engine's maxCandidates. */
const CANDIDATES = 64;

export class PgStore implements IndexStore {
  private readonly cache = new CandidateCache();

  private constructor(readonly db: TeamDb) {}

  /** The store of team `team` (created when missing) in a database whose schema is up to date. */
  static async open(pool: pg.Pool, team: string): Promise<PgStore> {
    return new PgStore(new TeamDb(pool, await teamId(pool, team)));
  }

  getParams(): Promise<IndexParams | undefined> {
    return this.db.params();
  }

  setParams(params: IndexParams): Promise<void> {
    return this.db.setParams(params);
  }

  async lookup(bandKeys: Uint32Array): Promise<Map<number, number>> {
    return this.found(await this.db.find(bandKeys, CANDIDATES));
  }

  private found(f: Found): Map<number, number> {
    this.cache.fill(f.candidates);
    return f.hits;
  }

  async getDocuments(keys: number[]): Promise<StoredDocument[]> {
    const cached = this.cache.documents(keys);
    if (cached) return cached;
    return this.db.documents(keys);
  }

  getDocumentById(id: string): Promise<StoredDocument | undefined> {
    return this.db.documentById(id);
  }

  async fingerprintCounts(outletKey: string, fingerprints: Uint32Array): Promise<Uint32Array> {
    return this.cache.counts(outletKey, fingerprints) ?? this.db.fingerprintCounts(outletKey, fingerprints);
  }

  async putDocument(doc: NewDocument, units: UnitRecord[], fingerprints: Uint32Array): Promise<number> {
    this.cache.clear();
    const [r] = await this.db.record([{ doc, units, fingerprints }]);
    if (!r.added) throw new Error(`document ${JSON.stringify(doc.id)} is already stored`);
    return r.key;
  }

  /** Stores a batch in one transaction; ids already stored are left as they are. */
  async putDocuments(items: Array<{ doc: NewDocument; units: UnitRecord[]; fingerprints: Uint32Array }>): Promise<Array<{ id: string; key: number; added: boolean }>> {
    this.cache.clear();
    return this.db.record(items);
  }

  async putDocumentAndLookup(doc: NewDocument, units: UnitRecord[], fingerprints: Uint32Array, lookup: Uint8Array): Promise<{ key: number; hits: Map<number, number> }> {
    this.cache.clear();
    const { recorded, found } = await this.db.recordAndFind({ doc, units, fingerprints }, lookup, CANDIDATES);
    if (!recorded.added) throw new Error(`document ${JSON.stringify(doc.id)} is already stored`);
    return { key: recorded.key, hits: this.found(found) };
  }

  async deleteDocuments(keys: number[]): Promise<number> {
    this.cache.clear();
    return this.db.deleteDocuments(keys);
  }

  async addSource(keys: number[], source: string): Promise<number> {
    this.cache.clear();
    return this.db.addSource(keys, source);
  }

  async removeSource(source: string): Promise<{ untagged: number; deleted: number }> {
    this.cache.clear();
    return this.db.removeSource(source);
  }

  stats(): Promise<StoreStats> {
    return this.db.stats();
  }

  latestFirstSeen(): Promise<number | undefined> {
    return this.db.latestFirstSeen();
  }

  async *documents(): AsyncIterable<{ doc: StoredDocument; units: UnitRecord[]; fingerprints: Uint32Array }> {
    let after = 0;
    for (;;) {
      const page = await this.db.page(after, 500);
      yield* page;
      if (page.length < 500) return;
      after = page[page.length - 1].doc.key;
    }
  }

  async clear(): Promise<void> {
    this.cache.clear();
    await this.db.clear();
  }
}
