/**
 * The in-memory IndexStore (Node, the CLI, tests).
 *
 * Postings live in typed arrays rather than a Map of arrays: one open-addressing table of
 * (band key, value) pairs side by side, so a look-up touches one cache line. Almost every band key
 * belongs to a single unit, so the value is that document's key itself; only keys shared by
 * several units point (high bit set) into a linked list of postings (document, next), whose last
 * `next` holds the list's last document itself, as -(document + 2): a key shared by two documents
 * takes one posting, not two.
 *
 *   slots:  [k0, d12] [0, 0] [k2, 0x80000000|p7] ...     0 = empty slot (band keys are never 0)
 *   p7: postDoc = 4, postNext = p3  ->  p3: postDoc = 9, postNext = -(12 + 2): documents 4, 9, 12
 *
 * At a load factor of at most 0.75 a unit's 42 band keys take about 42 x 8 / 0.6 = 560 bytes on
 * average, against ~70 bytes per entry for a Map<number, number[]> (`npm run bench` measures it).
 *
 * The table is far larger than the caches, and on a virtual machine a miss that waits for the one
 * before costs 100-180 ns, against ~15-20 ns when many are in flight at once. So keys are handled in
 * batches whose home slots are read first by a loop without branches (touch()), and a
 * check-and-record reads each of the article's keys once for both the look-up and the insert
 * (putDocumentAndLookup; `npm run bench:compare` against look-up then insert: fresh stories and
 * edited copies each about 10% faster).
 *
 * Tried and not kept (each measured on the check-then-record job of `npm run bench:compare`): a small
 * Bloom filter in front of the table (look-ups alone 3x faster, since most keys are absent; but the
 * record that follows a check then pays the cache misses the look-up used to pay for it, and the
 * whole job was no faster), one control byte per slot as in Swiss tables, and keys and values in
 * separate arrays (edited copies slower: a present key then costs two misses); a "spilled" bit on
 * each home slot so an absent key whose home holds another needs no probe (no faster than the
 * unrolled touch() alone), and inserting a document's units a few at a time (within the noise).
 */
import { sourcesOf, type IndexParams, type IndexStore, type NewDocument, type StoreStats, type StoredDocument, type UnitRecord } from './store';

const LIST = 0x80000000;
/** Queries longer than this (in band keys) are checked for repeated keys before counting. */
const REPEATS_WORTH_GROUPING = 4096;
/** A posting's `next` that ends its list with document d (d >= 0; -1 is never written). */
const last = (d: number) => -d - 2;

class PostingTable {
  private slots = new Uint32Array(2 << 12);
  private mask = (1 << 12) - 1;
  private used = 0;
  private postDoc = new Int32Array(1 << 10);
  private postNext = new Int32Array(1 << 10);
  private postings = 0;

  private slot(key: number): number {
    let i = (Math.imul(key, 0x9e3779b1) >>> 0) & this.mask;
    const slots = this.slots;
    while (slots[2 * i] !== 0 && slots[2 * i] !== key) i = (i + 1) & this.mask;
    return i;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Uint32Array(old.length * 2);
    this.mask = (this.slots.length >> 1) - 1;
    for (let i = 0; i < old.length; i += 2) {
      if (old[i] === 0) continue;
      const s = this.slot(old[i]);
      this.slots[2 * s] = old[i];
      this.slots[2 * s + 1] = old[i + 1];
    }
  }

  private posting(doc: number, next: number): number {
    if (this.postings === this.postDoc.length) {
      const size = this.postDoc.length + (this.postDoc.length >> 1);
      const d = new Int32Array(size);
      d.set(this.postDoc);
      this.postDoc = d;
      const nx = new Int32Array(size);
      nx.set(this.postNext);
      this.postNext = nx;
    }
    const p = this.postings++;
    this.postDoc[p] = doc;
    this.postNext[p] = next;
    return p;
  }

  add(key: number, doc: number): void {
    if ((this.used + 1) * 4 > (this.mask + 1) * 3) this.grow();
    const s = this.slot(key);
    const v = this.slots[2 * s + 1];
    if (this.slots[2 * s] === 0) {
      this.slots[2 * s] = key;
      this.slots[2 * s + 1] = doc;
      this.used++;
    } else if (v & LIST) {
      this.slots[2 * s + 1] = (this.posting(doc, v & ~LIST) | LIST) >>> 0;
    } else {
      this.slots[2 * s + 1] = (this.posting(doc, last(v)) | LIST) >>> 0;
    }
  }

  /** Adds one to counts[doc] for every document of the posting list at p, listing each the first time. */
  private countList(p: number, counts: Int32Array, touched: number[]): void {
    for (;;) {
      const d = this.postDoc[p];
      if (counts[d]++ === 0) touched.push(d);
      const next = this.postNext[p];
      if (next < 0) {
        const e = -next - 2; // the list's last document
        if (counts[e]++ === 0) touched.push(e);
        return;
      }
      p = next;
    }
  }

  /** countList() `w` times over, in one walk (a key met many times in one document or query). */
  private countListTimes(p: number, w: number, counts: Int32Array, touched: number[]): void {
    for (;;) {
      const d = this.postDoc[p];
      if (counts[d] === 0) touched.push(d);
      counts[d] += w;
      const next = this.postNext[p];
      if (next < 0) {
        const e = -next - 2;
        if (counts[e] === 0) touched.push(e);
        counts[e] += w;
        return;
      }
      p = next;
    }
  }

  /** Counts `w` hits of a slot value (a document, or LIST | a posting list), as count() does one. */
  private countValueTimes(v: number, w: number, counts: Int32Array, touched: number[]): void {
    if (!(v & LIST)) {
      if (counts[v] === 0) touched.push(v);
      counts[v] += w;
    } else this.countListTimes(v & ~LIST, w, counts, touched);
  }

  /** Scratch for the first pass of count() and addUnits(). */
  private home = new Uint32Array(1024);

  /**
   * Reads the home slot of every key into `home` from `at` on (0 = empty: the key is absent). The
   * table is far larger than the caches and each probe is a cache miss; these loads do not depend on
   * each other, so the processor can overlap their misses, while the probing loop that follows waits
   * for each in turn. (`npm run bench:compare` against the code before it: inserts about 15% faster,
   * look-ups within the noise of the whole job.) The loop is unrolled by four with the loads ahead of
   * the stores: the one-at-a-time loop kept fewer misses in flight (a throw-away A/B of the table
   * alone: look-ups 15-20% faster, inserts 10-15%; `npm run bench:compare`: fresh stories -5%,
   * edited copies -11% in median).
   */
  private touch(keys: Uint32Array, at = 0): Uint32Array {
    if (this.home.length < at + keys.length) this.home = new Uint32Array((at + keys.length) * 2);
    const home = this.home;
    const slots = this.slots;
    const mask = this.mask;
    const n = keys.length;
    let k = 0;
    for (; k + 4 <= n; k += 4) {
      const h0 = slots[((Math.imul(keys[k], 0x9e3779b1) >>> 0) & mask) << 1];
      const h1 = slots[((Math.imul(keys[k + 1], 0x9e3779b1) >>> 0) & mask) << 1];
      const h2 = slots[((Math.imul(keys[k + 2], 0x9e3779b1) >>> 0) & mask) << 1];
      const h3 = slots[((Math.imul(keys[k + 3], 0x9e3779b1) >>> 0) & mask) << 1];
      home[at + k] = h0;
      home[at + k + 1] = h1;
      home[at + k + 2] = h2;
      home[at + k + 3] = h3;
    }
    for (; k < n; k++) home[at + k] = slots[((Math.imul(keys[k], 0x9e3779b1) >>> 0) & mask) << 1];
    return home;
  }

  /**
   * Adds one to counts[doc] for every posting of every key, and lists each document the first time
   * it is counted (the look-up's inner loop, without a callback per posting).
   */
  count(keys: Uint32Array, counts: Int32Array, touched: number[]): void {
    // A long query that repeats keys (a page of one paragraph over and over) walks each key's postings
    // once, times its repeats, instead of once a repeat: the same counts, without the square.
    if (keys.length > REPEATS_WORTH_GROUPING) {
      const times = new Map<number, number>();
      for (const k of keys) times.set(k, (times.get(k) ?? 0) + 1);
      if (times.size < keys.length) {
        for (const [key, w] of times) {
          const i = this.slot(key);
          if (this.slots[2 * i] !== 0) this.countValueTimes(this.slots[2 * i + 1], w, counts, touched);
        }
        return;
      }
    }
    const home = this.touch(keys);
    const slots = this.slots;
    const mask = this.mask;
    for (let k = 0; k < keys.length; k++) {
      if (home[k] === 0) continue;
      const key = keys[k];
      let i = (Math.imul(key, 0x9e3779b1) >>> 0) & mask;
      while (slots[2 * i] !== 0 && slots[2 * i] !== key) i = (i + 1) & mask;
      if (slots[2 * i] === 0) continue;
      const v = slots[2 * i + 1];
      if (!(v & LIST)) {
        if (counts[v]++ === 0) touched.push(v);
        continue;
      }
      this.countList(v & ~LIST, counts, touched);
    }
  }

  /** add(key, doc) for every band key of every unit, their home slots read first (see touch()). */
  addUnits(units: UnitRecord[], doc: number): void {
    let n = 0;
    for (const u of units) n += u.bandKeys.length;
    while ((this.used + n) * 4 > (this.mask + 1) * 3) this.grow();
    n = 0;
    for (const u of units) {
      this.touch(u.bandKeys, n);
      n += u.bandKeys.length;
    }
    for (const u of units) for (let k = 0; k < u.bandKeys.length; k++) this.add(u.bandKeys[k], doc);
  }

  /**
   * count() of the band keys of the units with lookup[u] = 1, then addUnits(units, doc), in one
   * pass: a check-and-record reads each key's slot once instead of twice (a throw-away A/B of the
   * table alone: 30-35% less time than the two calls). A key met a second time within the document
   * finds the document's own posting, so `doc` itself may be counted: the caller drops it.
   */
  countAndAddUnits(units: UnitRecord[], lookup: Uint8Array, counts: Int32Array, touched: number[], doc: number): void {
    let n = 0;
    for (const u of units) n += u.bandKeys.length;
    while ((this.used + n) * 4 > (this.mask + 1) * 3) this.grow();
    const slots = this.slots;
    const mask = this.mask;
    /**
     * Keys met again within this document while counting: the postings of the other documents (the
     * slot's value before this document's first posting; 0 for none) and how many more times to
     * count them. A key repeated r times would otherwise walk this document's own r postings r times.
     */
    let repeats: Map<number, { others: number; times: number }> | undefined;
    for (let u = 0; u < units.length; u++) {
      const keys = units[u].bandKeys;
      this.touch(keys); // the loads of the home slots, overlapped, before the probes that need them
      const counting = lookup[u] === 1;
      for (let k = 0; k < keys.length; k++) {
        const key = keys[k];
        // Always probe: the home slot read by touch() may have been taken since by an earlier key of
        // this document (two keys with one home slot, or a key that probed on into another's home).
        let i = (Math.imul(key, 0x9e3779b1) >>> 0) & mask;
        while (slots[2 * i] !== 0 && slots[2 * i] !== key) i = (i + 1) & mask;
        if (slots[2 * i] === 0) {
          slots[2 * i] = key;
          slots[2 * i + 1] = doc;
          this.used++;
          continue;
        }
        const v = slots[2 * i + 1];
        if (!(v & LIST)) {
          if (counting) {
            if (v === doc) this.repeat((repeats ??= new Map()), key, -1);
            else if (counts[v]++ === 0) touched.push(v);
          }
          slots[2 * i + 1] = (this.posting(doc, last(v)) | LIST) >>> 0;
          continue;
        }
        if (counting) {
          const p = v & ~LIST;
          if (this.postDoc[p] === doc) this.repeat((repeats ??= new Map()), key, p);
          else this.countList(p, counts, touched);
        }
        slots[2 * i + 1] = (this.posting(doc, v & ~LIST) | LIST) >>> 0;
      }
    }
    if (repeats) for (const r of repeats.values()) if (r.others !== 0) this.countValueTimes(r.others, r.times, counts, touched);
  }

  /**
   * A key met again in the document being added: `head` is the posting of the document that heads
   * the key's list, or -1 when the slot holds the document alone. Remembers, the first time, the
   * postings of the other documents, which follow the document's own (it is the newest, so its
   * postings lead the list); counts one more meeting.
   */
  private repeat(repeats: Map<number, { others: number; times: number }>, key: number, head: number): void {
    let r = repeats.get(key);
    if (!r) {
      let others = 0;
      if (head >= 0) {
        const doc = this.postDoc[head];
        for (let p = head; ; ) {
          const next = this.postNext[p];
          if (next < 0) {
            const e = -next - 2; // the list's last document
            others = e === doc ? 0 : e;
            break;
          }
          if (this.postDoc[next] !== doc) {
            others = (next | LIST) >>> 0;
            break;
          }
          p = next;
        }
      }
      repeats.set(key, (r = { others, times: 0 }));
    }
    r.times++;
  }

  bytes(): number {
    return this.slots.byteLength + this.postDoc.byteLength + this.postNext.byteLength;
  }
}

/**
 * Paragraph fingerprint -> number of documents (of one outlet) holding it: an open-addressing table
 * of (fingerprint, count) pairs side by side. A check reads the counts of its own paragraphs and
 * of each candidate's; a big outlet holds hundreds of thousands of fingerprints, and a Map's look-up
 * there waited for two or three cache misses where this waits for one.
 */
class CountTable {
  private slots = new Int32Array(2 << 6);
  private mask = (1 << 6) - 1;
  private used = 0;

  /** The count of fingerprint fp (fp !== 0, as a signed 32-bit integer). */
  get(fp: number): number {
    const slots = this.slots;
    const mask = this.mask;
    for (let i = Math.imul(fp, 0x9e3779b1) >>> 0 & mask; ; i = (i + 1) & mask) {
      const k = slots[2 * i];
      if (k === fp) return slots[2 * i + 1];
      if (k === 0) return 0;
    }
  }

  /** Adds `n` (one, or -1 for a deleted document) to the count of fp (fp !== 0). */
  add(fp: number, n = 1): void {
    if ((this.used + 1) * 2 > this.mask + 1) this.grow();
    const slots = this.slots;
    const mask = this.mask;
    let i = Math.imul(fp, 0x9e3779b1) >>> 0 & mask;
    while (slots[2 * i] !== 0 && slots[2 * i] !== fp) i = (i + 1) & mask;
    if (slots[2 * i] === 0) {
      slots[2 * i] = fp;
      this.used++;
    }
    slots[2 * i + 1] += n;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    this.mask = (this.slots.length >> 1) - 1;
    for (let j = 0; j < old.length; j += 2) {
      if (old[j] === 0) continue;
      let i = Math.imul(old[j], 0x9e3779b1) >>> 0 & this.mask;
      while (this.slots[2 * i] !== 0) i = (i + 1) & this.mask;
      this.slots[2 * i] = old[j];
      this.slots[2 * i + 1] = old[j + 1];
    }
  }
}

interface Entry {
  doc: StoredDocument;
  units: UnitRecord[];
  fingerprints: Uint32Array;
}

export class MemoryStore implements IndexStore {
  private params: IndexParams | undefined;
  /** entries[key - 1]; undefined once deleted (keys are not given again). */
  private entries: Array<Entry | undefined> = [];
  /** Deleted document keys: their postings stay in the table and are left out of answers. */
  private deleted = new Set<number>();
  /** Stored documents per outlet key (an outlet whose last document is deleted is no longer counted). */
  private outletDocs = new Map<string, number>();
  private byId = new Map<string, number>();
  private table = new PostingTable();
  /**
   * outletKey -> fingerprint -> number of documents of that outlet containing it. The fingerprint is
   * kept as a signed 32-bit integer (fp | 0).
   */
  private fps = new Map<string, CountTable>();
  private unitCount = 0;
  private paragraphCount = 0;

  async getParams(): Promise<IndexParams | undefined> {
    return this.params;
  }
  async setParams(params: IndexParams): Promise<void> {
    this.params = { ...params };
  }

  private counts = new Int32Array(1024);

  async lookup(bandKeys: Uint32Array): Promise<Map<number, number>> {
    // Count hits in a dense array indexed by document key (keys are 1..n), then read out the few touched.
    if (this.counts.length <= this.entries.length) this.counts = new Int32Array(this.entries.length * 2 + 1);
    const touched: number[] = [];
    this.table.count(bandKeys, this.counts, touched);
    return this.hits(touched);
  }

  /** The counted documents with their counts, the counts reset to 0 for the next look-up. */
  private hits(touched: number[]): Map<number, number> {
    const counts = this.counts;
    const hits = new Map<number, number>();
    const deleted = this.deleted.size ? this.deleted : undefined;
    for (const d of touched) {
      if (!deleted?.has(d)) hits.set(d, counts[d]);
      counts[d] = 0;
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
    return k === undefined ? undefined : this.entries[k - 1]?.doc;
  }

  async fingerprintCounts(outletKey: string, fingerprints: Uint32Array): Promise<Uint32Array> {
    const m = this.fps.get(outletKey);
    const out = new Uint32Array(fingerprints.length);
    if (m) for (let i = 0; i < fingerprints.length; i++) if (fingerprints[i] !== 0) out[i] = m.get(fingerprints[i] | 0);
    return out;
  }

  async putDocument(doc: NewDocument, units: UnitRecord[], fingerprints: Uint32Array): Promise<number> {
    const key = this.newKey(doc);
    this.table.addUnits(units, key);
    this.keep(key, doc, units, fingerprints);
    return key;
  }

  async putDocumentAndLookup(doc: NewDocument, units: UnitRecord[], fingerprints: Uint32Array, lookup: Uint8Array): Promise<{ key: number; hits: Map<number, number> }> {
    const key = this.newKey(doc);
    if (this.counts.length <= key) this.counts = new Int32Array(key * 2 + 1);
    const touched: number[] = [];
    this.table.countAndAddUnits(units, lookup, this.counts, touched, key);
    this.keep(key, doc, units, fingerprints);
    const hits = this.hits(touched);
    hits.delete(key);
    return { key, hits };
  }

  /** The key a new document gets; throws if its id is stored. */
  private newKey(doc: NewDocument): number {
    if (this.byId.has(doc.id)) throw new Error(`document ${JSON.stringify(doc.id)} is already stored`);
    return this.entries.length + 1;
  }

  /** Keeps a document whose postings are in the table. */
  private keep(key: number, doc: NewDocument, units: UnitRecord[], fingerprints: Uint32Array): void {
    // Fields written out: a spread of an object with undefined fields is a slow path in V8.
    const stored: StoredDocument = { key, id: doc.id, url: doc.url, pageUrl: doc.pageUrl, outlet: doc.outlet, outletKey: doc.outletKey, title: doc.title, published: doc.published, firstSeen: doc.firstSeen, paragraphs: doc.paragraphs, lang: doc.lang, guid: doc.guid, sources: doc.sources, credits: doc.credits };
    this.entries.push({ doc: stored, units, fingerprints });
    this.byId.set(doc.id, key);
    this.outletDocs.set(doc.outletKey, (this.outletDocs.get(doc.outletKey) ?? 0) + 1);
    let m = this.fps.get(doc.outletKey);
    if (!m) this.fps.set(doc.outletKey, (m = new CountTable()));
    // Each fingerprint once per document (a paragraph repeated in it counts once); an article has a
    // few dozen paragraphs, where comparing with the earlier ones costs less than building a Set.
    if (fingerprints.length > 64) {
      for (const fp of new Set(fingerprints)) if (fp !== 0) m.add(fp | 0);
    } else {
      outer: for (let i = 0; i < fingerprints.length; i++) {
        const fp = fingerprints[i];
        if (fp === 0) continue;
        for (let j = 0; j < i; j++) if (fingerprints[j] === fp) continue outer;
        m.add(fp | 0);
      }
    }
    this.unitCount += units.length;
    this.paragraphCount += doc.paragraphs.length;
  }

  async deleteDocuments(keys: number[]): Promise<number> {
    let n = 0;
    for (const key of new Set(keys)) {
      const e = Number.isInteger(key) && key > 0 ? this.entries[key - 1] : undefined;
      if (!e) continue;
      this.entries[key - 1] = undefined;
      this.deleted.add(key);
      this.byId.delete(e.doc.id);
      const m = this.fps.get(e.doc.outletKey);
      for (const fp of new Set(e.fingerprints)) if (fp !== 0) m?.add(fp | 0, -1);
      const left = (this.outletDocs.get(e.doc.outletKey) ?? 1) - 1;
      if (left > 0) this.outletDocs.set(e.doc.outletKey, left);
      else {
        this.outletDocs.delete(e.doc.outletKey);
        this.fps.delete(e.doc.outletKey);
      }
      this.unitCount -= e.units.length;
      this.paragraphCount -= e.doc.paragraphs.length;
      n++;
    }
    return n;
  }

  async addSource(keys: number[], source: string): Promise<number> {
    let changed = 0;
    for (const k of new Set(keys)) {
      const e = Number.isInteger(k) && k > 0 ? this.entries[k - 1] : undefined;
      if (!e || sourcesOf(e.doc).includes(source)) continue;
      e.doc.sources = [...sourcesOf(e.doc), source];
      changed++;
    }
    return changed;
  }

  async removeSource(source: string): Promise<{ untagged: number; deleted: number }> {
    const orphans: number[] = [];
    let untagged = 0;
    for (const e of this.entries) {
      if (!e?.doc.sources?.includes(source)) continue;
      const rest = e.doc.sources.filter((s) => s !== source);
      if (rest.length) {
        e.doc.sources = rest;
        untagged++;
      } else orphans.push(e.doc.key);
    }
    return { untagged, deleted: await this.deleteDocuments(orphans) };
  }

  async stats(): Promise<StoreStats> {
    return { documents: this.entries.length - this.deleted.size, outlets: this.outletDocs.size, units: this.unitCount, paragraphs: this.paragraphCount };
  }

  async *documents(): AsyncIterable<Entry> {
    for (const e of this.entries) if (e) yield e;
  }

  async clear(): Promise<void> {
    this.params = undefined;
    this.entries = [];
    this.deleted.clear();
    this.outletDocs.clear();
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
