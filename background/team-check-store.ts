/**
 * The store a check runs on when the team index is turned on: the browser's own index, with the team
 * index's documents added as candidates. Only a look-up goes to the service, and only with the
 * page's band keys: its text, its address, its outlet and its paragraphs' fingerprints stay here
 * (the article's own furniture is counted in the local index). The service answers with its best
 * candidates whole, which the engine then aligns here like local ones.
 *
 * Team documents get keys of their own (TEAM_KEY_BASE + the service's key) so they never collide
 * with local keys; a team document whose id the local index also holds is left out (the local copy
 * is the same article). Everything that writes goes to the local index only: recording to the team
 * index is a separate step (check-tab.ts), taken only when the user turned it on.
 */
import type { IndexParams, IndexStore, NewDocument, StoreStats, StoredDocument, UnitRecord } from '../src/engine/store';
import type { TeamClient } from '../src/team/client';
import { base64ToU32, fromWireDocument, sameU32, u32ToBase64 } from '../src/team/wire';

/** Keys of team documents start here: far above any local key, below 2^53. */
export const TEAM_KEY_BASE = 2 ** 52;

const CANDIDATES = 64;

interface TeamDoc {
  doc: StoredDocument;
  fingerprints: Uint32Array;
  counts: Uint32Array;
}

export class TeamCheckStore implements IndexStore {
  private readonly team = new Map<number, TeamDoc>();
  /** Ids of the team documents this store has given the engine (the popup labels them). */
  readonly teamIds = new Set<string>();

  constructor(
    private readonly local: IndexStore,
    private readonly client: TeamClient,
  ) {}

  getParams(): Promise<IndexParams | undefined> {
    return this.local.getParams();
  }

  setParams(params: IndexParams): Promise<void> {
    return this.local.setParams(params);
  }

  async lookup(bandKeys: Uint32Array): Promise<Map<number, number>> {
    // Both at once; the team's answer (or failure) does not hold up the local one.
    const [hits, answer] = await Promise.all([this.local.lookup(bandKeys), bandKeys.length ? this.client.lookup({ keys: u32ToBase64(bandKeys), candidates: CANDIDATES }) : undefined]);
    if (!answer) return hits;
    const teamHits = new Map(answer.hits);
    for (const c of answer.candidates) {
      const doc = fromWireDocument(c.document);
      if (await this.local.getDocumentById(doc.id)) continue;
      const key = TEAM_KEY_BASE + doc.key;
      this.team.set(key, { doc: { ...doc, key }, fingerprints: base64ToU32(c.fingerprints), counts: base64ToU32(c.counts) });
      hits.set(key, teamHits.get(doc.key) ?? 0);
    }
    return hits;
  }

  async getDocuments(keys: number[]): Promise<StoredDocument[]> {
    const local = await this.local.getDocuments(keys.filter((k) => k < TEAM_KEY_BASE));
    const byKey = new Map(local.map((d) => [d.key, d]));
    const out: StoredDocument[] = [];
    for (const k of keys) {
      const t = this.team.get(k);
      if (t) {
        this.teamIds.add(t.doc.id);
        out.push(t.doc);
      } else {
        const d = byKey.get(k);
        if (d) out.push(d);
      }
    }
    return out;
  }

  getDocumentById(id: string): Promise<StoredDocument | undefined> {
    return this.local.getDocumentById(id);
  }

  async fingerprintCounts(outletKey: string, fingerprints: Uint32Array): Promise<Uint32Array> {
    // A team document's furniture is counted in the team index (its counts came with it).
    for (const t of this.team.values()) if (t.doc.outletKey === outletKey && sameU32(t.fingerprints, fingerprints)) return t.counts.slice();
    return this.local.fingerprintCounts(outletKey, fingerprints);
  }

  putDocument(doc: NewDocument, units: UnitRecord[], fingerprints: Uint32Array): Promise<number> {
    return this.local.putDocument(doc, units, fingerprints);
  }

  deleteDocuments(keys: number[]): Promise<number> {
    return this.local.deleteDocuments(keys.filter((k) => k < TEAM_KEY_BASE));
  }

  addSource(keys: number[], source: string): Promise<number> {
    return this.local.addSource(keys.filter((k) => k < TEAM_KEY_BASE), source);
  }

  removeSource(source: string): Promise<{ untagged: number; deleted: number }> {
    return this.local.removeSource(source);
  }

  stats(): Promise<StoreStats> {
    return this.local.stats();
  }

  documents(): AsyncIterable<{ doc: StoredDocument; units: UnitRecord[]; fingerprints: Uint32Array }> {
    return this.local.documents();
  }

  clear(): Promise<void> {
    return this.local.clear();
  }
}
