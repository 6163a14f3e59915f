/**
 * The in-memory IndexStore (Node, the CLI, tests).
 *
 * Postings live in typed arrays rather than a Map of arrays: an open-addressing table from band
 * key to the head of a singly linked list of postings, each posting 8 bytes (document key, next).
 * For 200,000 units x 42 bands that is about 70 MB instead of the ~600 MB a Map<number, number[]>
 * takes (measured by `npm run bench`, "index bytes").
 *
 *   keys:  [k0][ 0][k2][k3] ...      (0 = empty slot; band keys are never 0)
 *   heads: [p7][-1][p3][p9] ...  ->  postDoc[p7] = 12, postNext[p7] = p2 -> postDoc[p2] = 4 ...
 */
import type { IndexParams, IndexStore, NewDocument, StoreStats, StoredDocument, UnitRecord } from './store';

class PostingTable {
  private keys = new Uint32Array(1 << 12);
  private heads = new Int32Array(1 << 12).fill(-1);
  private used = 0;
  private postDoc = new Int32Array(1 << 12);
  private postNext = new Int32Array(1 << 12);
  private postings = 0;

  private slot(key: number): number {
    const mask = this.keys.length - 1;
    let i = Math.imul(key, 0x9e3779b1) >>> 0 & mask;
    while (this.keys[i] !== 0 && this.keys[i] !== key) i = (i + 1) & mask;
    return i;
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldHeads = this.heads;
    this.keys = new Uint32Array(oldKeys.length * 2);
    this.heads = new Int32Array(oldKeys.length * 2).fill(-1);
    for (let i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] === 0) continue;
      const s = this.slot(oldKeys[i]);
      this.keys[s] = oldKeys[i];
      this.heads[s] = oldHeads[i];
    }
  }

  add(key: number, doc: number): void {
    if ((this.used + 1) * 2 > this.keys.length) this.grow();
    const s = this.slot(key);
    if (this.keys[s] === 0) {
      this.keys[s] = key;
      this.used++;
    }
    if (this.postings === this.postDoc.length) {
      const d = new Int32Array(this.postDoc.length * 2);
      d.set(this.postDoc);
      this.postDoc = d;
      const nx = new Int32Array(this.postNext.length * 2);
      nx.set(this.postNext);
      this.postNext = nx;
    }
    const p = this.postings++;
    this.postDoc[p] = doc;
    this.postNext[p] = this.heads[s];
    this.heads[s] = p;
  }

  forEach(key: number, fn: (doc: number) => void): void {
    const s = this.slot(key);
    if (this.keys[s] === 0) return;
    for (let p = this.heads[s]; p !== -1; p = this.postNext[p]) fn(this.postDoc[p]);
  }

  bytes(): number {
    return this.keys.byteLength + this.heads.byteLength + this.postDoc.byteLength + this.postNext.byteLength;
  }
}

interface Entry {
  doc: StoredDocument;
  units: UnitRecord[];
  fingerprints: Uint32Array;
}

export class MemoryStore implements IndexStore {
  private params: IndexParams | undefined;
  private entries: Entry[] = [];
  private byId = new Map<string, number>();
  private table = new PostingTable();
  /** outletKey -> fingerprint -> number of documents of that outlet containing it. */
  private fps = new Map<string, Map<number, number>>();
  private unitCount = 0;
  private paragraphCount = 0;

  async getParams(): Promise<IndexParams | undefined> {
    return this.params;
  }
  async setParams(params: IndexParams): Promise<void> {
    this.params = { ...params };
  }

  async lookup(bandKeys: Uint32Array): Promise<Map<number, number>> {
    const hits = new Map<number, number>();
    for (let i = 0; i < bandKeys.length; i++) {
      this.table.forEach(bandKeys[i], (doc) => hits.set(doc, (hits.get(doc) ?? 0) + 1));
    }
    return hits;
  }

  async getDocuments(keys: number[]): Promise<StoredDocument[]> {
    const out: StoredDocument[] = [];
    for (const k of keys) {
      const e = this.entries[k - 1];
      if (e) out.push(e.doc);
    }
    return out;
  }

  async getDocumentById(id: string): Promise<StoredDocument | undefined> {
    const k = this.byId.get(id);
    return k === undefined ? undefined : this.entries[k - 1].doc;
  }

  async fingerprintCounts(outletKey: string, fingerprints: Uint32Array): Promise<Uint32Array> {
    const m = this.fps.get(outletKey);
    const out = new Uint32Array(fingerprints.length);
    if (m) for (let i = 0; i < fingerprints.length; i++) out[i] = m.get(fingerprints[i]) ?? 0;
    return out;
  }

  async putDocument(doc: NewDocument, units: UnitRecord[], fingerprints: Uint32Array): Promise<number> {
    if (this.byId.has(doc.id)) throw new Error(`document ${JSON.stringify(doc.id)} is already stored`);
    const key = this.entries.length + 1;
    const stored: StoredDocument = { ...doc, key };
    this.entries.push({ doc: stored, units, fingerprints });
    this.byId.set(doc.id, key);
    for (const u of units) for (let i = 0; i < u.bandKeys.length; i++) this.table.add(u.bandKeys[i], key);
    let m = this.fps.get(doc.outletKey);
    if (!m) this.fps.set(doc.outletKey, (m = new Map()));
    for (const fp of new Set(fingerprints)) if (fp !== 0) m.set(fp, (m.get(fp) ?? 0) + 1);
    this.unitCount += units.length;
    this.paragraphCount += doc.paragraphs.length;
    return key;
  }

  async stats(): Promise<StoreStats> {
    return { documents: this.entries.length, outlets: this.fps.size, units: this.unitCount, paragraphs: this.paragraphCount };
  }

  async *documents(): AsyncIterable<Entry> {
    for (const e of this.entries) yield e;
  }

  async clear(): Promise<void> {
    this.params = undefined;
    this.entries = [];
    this.byId.clear();
    this.table = new PostingTable();
    this.fps.clear();
    this.unitCount = 0;
    this.paragraphCount = 0;
  }

  /** Bytes held by the posting table (for the bench). */
  postingBytes(): number {
    return this.table.bytes();
  }
}
