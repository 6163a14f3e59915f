/**
 * FROZEN: the band-key filter of schema version 2, as it shipped (used by legacy/idb-store-v2.ts),
 * database with the old code and open it with the new one (tests/unit-ext/idb-upgrade.test.ts).
 *
 * An in-memory presence filter of the LSH band keys the IndexedDB index holds.
 *
 * Why: a check looks up ~1,000-1,500 band keys, one IndexedDB index request each (~0.1 ms), and
 * nearly all of them are absent. A Bloom filter answers "certainly absent" in memory, so lookup()
 * only asks IndexedDB for keys that may be present.
 *
 * What: a Bloom filter, ~10 bits per key and k = 7 probes (~1 % false positives at its design
 * load). Band keys are already uniform 32-bit hashes: probe i is h1 + i * h2 (double hashing) with
 * h1 = the key and h2 = a 32-bit mix of it (Math.imul). It grows without a rebuild: when the newest
 * layer passes its design load, a layer of twice the capacity is added; a key is present if any layer
 * has it (the false-positive rates add: at most ~1 % + 0.5 % + ...).
 *
 * No false negatives. Invariant: every band key of every stored document with key <= `watermark`
 * is in the bits (document keys are autoIncrement and readwrite transactions on 'documents' are
 * serialised, so once key K is committed no document with a smaller key can commit later).
 * Bits are only ever set, never cleared (only clear() drops the whole filter), and the watermark only
 * moves up when its justification holds:
 *   - top-up: read the units of every document in (watermark, D] in snapshots, D = the largest key
 *     committed before the reads began, then watermark = D;
 *   - every look-up first reads, in its own read-only transaction, the units of documents with key >
 *     watermark (normally none) and adds them before asking for any band key, so a document written
 *     by anyone (another context, a worker that died before saving) is never missed;
 *   - putDocuments adds its keys before it commits (an aborted write leaves extra keys: harmless) and
 *     moves the watermark to its largest key only when the largest key before it was <= watermark.
 *
 * Remembered answers. A re-checked article was recorded at its first check, so every one of its band
 * keys is present (in its own document) and passes the filter: at 10,000 articles that page asks for
 * ~2,300 keys, ~100 ms. So `multi`, a counting Bloom filter (4-bit counters), counts how often each
 * key was added beyond its first: 1 + its estimate is never below the number of stored units holding
 * the key. IndexedDB's answer for a key (the document of each unit holding it, c units) is remembered
 * in memory and used only while that bound equals c: the answer was true once and units are never
 * removed, so at most c units holding it means exactly those. Any unit written later is added (by the
 * same rules as above, before a look-up is answered) and raises the bound, which retires the answer,
 * whatever the order in which a late answer and the write arrive. Collisions and saturation (15 reads
 * as "many") only retire answers early. The answers live only in memory.
 *
 * Persistence: the bits and the watermark are saved together (one snapshot, taken synchronously) in
 * the meta store under 'bandFilter', at once after an import and otherwise 2 s after the last write
 * once 50 documents are unsaved (12.5 MB at 10,000 articles: not rewritten for every recorded article;
 * fewer unsaved documents only cost a top-up of a few ms on wake). A worker
 * stopped before saving loses nothing: on wake the filter is loaded with the first look-up and topped
 * up from the units of documents above the saved watermark. The save is refused if the index was
 * cleared since the filter was loaded (meta 'epoch' differs). A database without a saved filter (older
 * build) builds it from all units in one pass. If loading fails, look-ups ask for every key.
 */

import type { IDBPDatabase } from 'idb';

export const BITS_PER_KEY = 10;
export const PROBES = 7;
const MIN_CAPACITY = 1 << 16;

interface Layer {
  bits: Uint32Array;
  /** Number of bits (a multiple of 32). */
  m: number;
  /** Design load: keys this layer takes before a new one is added. */
  capacity: number;
  /** Keys added to this layer (keys already present are not added again). */
  count: number;
}

/** The saved form (structured-cloned into IndexedDB). */
type SavedLayers = Array<{ capacity: number; count: number; m: number; bits: ArrayBuffer }>;
export interface SavedBandFilter {
  v: 3;
  k: number;
  epoch: string | undefined;
  watermark: number;
  layers: SavedLayers;
  /** The `multi` counting filter's layers (4 bits per slot). */
  multi: SavedLayers;
}

/** Saved layers of `bitsPerSlot` bits per slot (1: Bloom, 4: counting). */
function loadLayers(saved: unknown, bitsPerSlot = 1): Layer[] | undefined {
  if (!Array.isArray(saved) || !saved.length) return undefined;
  const layers: Layer[] = [];
  for (const l of saved as SavedLayers) {
    if (!l || !(l.bits instanceof ArrayBuffer) || l.m % 32 !== 0 || l.bits.byteLength !== (l.m * bitsPerSlot) / 8 || !(l.capacity > 0)) return undefined;
    layers.push({ bits: new Uint32Array(l.bits.slice(0)), m: l.m, capacity: l.capacity, count: l.count | 0 });
  }
  return layers;
}

const saveLayers = (layers: Layer[]): SavedLayers => layers.map((l) => ({ capacity: l.capacity, count: l.count, m: l.m, bits: l.bits.slice().buffer }));

/** A growing Bloom filter (a list of layers). */
class Bloom {
  constructor(readonly layers: Layer[]) {}

  has(key: number): boolean {
    for (const l of this.layers) if (layerHas(l, key)) return true;
    return false;
  }

  /** Adds a key known to be absent. */
  insert(key: number): void {
    let last = this.layers[this.layers.length - 1];
    if (last.count >= last.capacity) this.layers.push((last = layer(last.capacity * 2)));
    layerAdd(last, key);
    last.count++;
  }
}

/**
 * A counting Bloom filter (4-bit counters, 15 = saturated = "many"), grown by layers like Bloom. The
 * estimate for a key (the sum over layers of its smallest counter) is never below the number of times
 * it was added, and every add raises it by one unless a counter saturated (then it reads "many").
 */
class Counting {
  constructor(readonly layers: Layer[]) {}

  static layer(capacity: number): Layer {
    const m = Math.ceil((capacity * BITS_PER_KEY) / 32) * 32;
    return { bits: new Uint32Array(m / 8), m, capacity, count: 0 };
  }

  /** Times `key` was added, or more; Infinity when saturated. */
  estimate(key: number): number {
    let total = 0;
    const h2 = mix(key);
    for (const l of this.layers) {
      let min = 15;
      let h = key >>> 0;
      for (let i = 0; i < PROBES && min > 0; i++) {
        const b = Math.floor((h * l.m) / 4294967296);
        const c = (l.bits[b >>> 3] >>> ((b & 7) * 4)) & 15;
        if (c < min) min = c;
        h = (h + h2) >>> 0;
      }
      if (min === 15) return Infinity;
      total += min;
    }
    return total;
  }

  increment(key: number): void {
    let last = this.layers[this.layers.length - 1];
    if (last.count >= last.capacity) this.layers.push((last = Counting.layer(last.capacity * 2)));
    const h2 = mix(key);
    let h = key >>> 0;
    for (let i = 0; i < PROBES; i++) {
      const b = Math.floor((h * last.m) / 4294967296);
      const shift = (b & 7) * 4;
      if (((last.bits[b >>> 3] >>> shift) & 15) < 15) last.bits[b >>> 3] += 1 << shift;
      h = (h + h2) >>> 0;
    }
    last.count++;
  }
}

/** Remembered look-up answers; dropped whole past this many keys. */
const ANSWERS_MAX = 100_000;

function mix(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) | 1; // odd
}

function layer(capacity: number): Layer {
  const m = Math.ceil((capacity * BITS_PER_KEY) / 32) * 32;
  return { bits: new Uint32Array(m / 32), m, capacity, count: 0 };
}

function layerHas(l: Layer, key: number): boolean {
  const h2 = mix(key);
  let h = key >>> 0;
  for (let i = 0; i < PROBES; i++) {
    const b = Math.floor((h * l.m) / 4294967296); // h uniform in [0, 2^32) -> [0, m)
    if ((l.bits[b >>> 5] & (1 << (b & 31))) === 0) return false;
    h = (h + h2) >>> 0;
  }
  return true;
}

function layerAdd(l: Layer, key: number): void {
  const h2 = mix(key);
  let h = key >>> 0;
  for (let i = 0; i < PROBES; i++) {
    const b = Math.floor((h * l.m) / 4294967296);
    l.bits[b >>> 5] |= 1 << (b & 31);
    h = (h + h2) >>> 0;
  }
}

export class BandFilter {
  private readonly all: Bloom;
  /**
   * How many times each key was added beyond its first (counting Bloom filter): 1 + this is never
   * below the number of stored units holding a key that `all` has.
   */
  private readonly multi: Counting;
  /** Remembered look-up answers: key -> the document of each unit holding it. */
  private readonly answers = new Map<number, number[]>();

  private constructor(
    all: Layer[],
    multi: Layer[],
    /** Every band key of every stored document with key <= watermark is in the filter. */
    public watermark: number,
    /** meta 'epoch' of the index this filter belongs to (changes with clear()). */
    readonly epoch: string | undefined,
  ) {
    this.all = new Bloom(all);
    this.multi = new Counting(multi);
  }

  static empty(expectedKeys: number, epoch: string | undefined): BandFilter {
    const capacity = Math.max(MIN_CAPACITY, Math.ceil(expectedKeys * 1.5));
    return new BandFilter([layer(capacity)], [Counting.layer(Math.max(MIN_CAPACITY, Math.ceil(capacity / 6)))], 0, epoch);
  }

  /** A saved filter, or undefined when it is malformed or from another layout. */
  static fromSaved(s: unknown): BandFilter | undefined {
    const v = s as SavedBandFilter | undefined;
    if (!v || v.v !== 3 || v.k !== PROBES || !Number.isInteger(v.watermark)) return undefined;
    const all = loadLayers(v.layers);
    const multi = loadLayers(v.multi, 4);
    return all && multi ? new BandFilter(all, multi, v.watermark, v.epoch) : undefined;
  }

  /** May the index hold `key`? (Never false for a key it holds.) */
  has(key: number): boolean {
    return this.all.has(key);
  }

  /** Adds one unit's key (call once per stored unit holding it). */
  add(key: number): void {
    if (this.all.has(key)) this.multi.increment(key);
    else this.all.insert(key);
  }

  addAll(keys: ArrayLike<number>): void {
    for (let i = 0; i < keys.length; i++) this.add(keys[i]);
  }

  /** At least the number of stored units holding `key` (exact unless hashes collide). */
  private units(key: number): number {
    return this.all.has(key) ? 1 + this.multi.estimate(key) : 0;
  }

  /**
   * The documents of the units holding `key` (one entry per unit), when a remembered answer is
   * still complete; else undefined. An answer of c units was true at some point and units are never
   * removed (only clear() drops the filter); if at most c units hold the key now, it still is.
   */
  holders(key: number): number[] | undefined {
    const docs = this.answers.get(key);
    return docs && docs.length > 0 && this.units(key) === docs.length ? docs : undefined;
  }

  /** Remembers a look-up answer for `key` (the document of each unit holding it). */
  remember(key: number, docs: number[]): void {
    if (!docs.length || this.units(key) !== docs.length) return;
    if (this.answers.size >= ANSWERS_MAX) this.answers.clear();
    this.answers.set(key, docs);
  }

  /** Keys added (an upper bound on distinct keys) and bytes of bits. */
  get size(): { keys: number; multi: number; bytes: number; layers: number } {
    const count = (b: { layers: Layer[] }) => b.layers.reduce((a, l) => a + l.count, 0);
    const bytes = (b: { layers: Layer[] }) => b.layers.reduce((a, l) => a + l.bits.byteLength, 0);
    return { keys: count(this.all), multi: count(this.multi), bytes: bytes(this.all) + bytes(this.multi), layers: this.all.layers.length };
  }

  /** A consistent copy of bits + watermark, taken synchronously. */
  snapshot(): SavedBandFilter {
    return { v: 3, k: PROBES, epoch: this.epoch, watermark: this.watermark, layers: saveLayers(this.all.layers), multi: saveLayers(this.multi.layers) };
  }
}

// --- keeping it: load, top-up, save -----------------------------------------------------------

type DB = IDBPDatabase<unknown>;

/**
 * The newest document key, 0 when there is none. Keys come from the documents store's key
 * generator, which a clear does not reset: every document added changes it, and apart from 0 (an
 * empty index) no value ever comes back.
 */
export async function newestDocumentKey(db: DB): Promise<number> {
  const last = await db.transaction('documents', 'readonly').store.openKeyCursor(null, 'prev');
  return (last?.primaryKey as number | undefined) ?? 0;
}
interface UnitRowLike {
  doc: number;
  bandKeys: number[];
}
export const FILTER_KEY = 'bandFilter';
export const EPOCH_KEY = 'epoch';
/** Save once the filter is this many documents past the saved one (or after an import). */
export const SAVE_AFTER_DOCS = 50;
/** Documents per top-up read (~20 units of 42 keys each per article). */
const TOPUP_DOCS = 500;

export interface FilterTimings {
  loadMs: number;
  topUpMs: number;
  toppedUpDocs: number;
  fromSaved: boolean;
  /** The saved filter's watermark, before the top-up. */
  savedWatermark?: number;
}

export class BandFilterKeeper {
  /** The loaded filter; undefined until the first look-up (or after clear()). */
  current: BandFilter | undefined;
  private loading: Promise<BandFilter | undefined> | undefined;
  private generation = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;
  lastLoad: FilterTimings | undefined;
  /** Watermark of the last saved filter (approximately: only decides when to save). */
  private savedWatermark = -Infinity;
  /** false: look up every key (tests compare with and without the filter). */
  enabled = true;

  constructor(
    private readonly db: DB,
    private readonly saveDelayMs = 2000,
  ) {}

  /** The filter, loading and topping it up on first use; undefined when unavailable (look up every key). */
  get(): Promise<BandFilter | undefined> {
    if (!this.enabled) return Promise.resolve(undefined);
    if (this.current) return Promise.resolve(this.current);
    const gen = this.generation;
    this.loading ??= this.load().then(
      (f) => {
        if (gen === this.generation) {
          this.current = f;
          this.savedWatermark = this.lastLoad?.savedWatermark ?? -Infinity;
          this.changed();
        }
        this.loading = undefined;
        return f;
      },
      (e) => {
        this.loading = undefined;
        console.warn('wiretrace: band filter unavailable, looking up every key', e);
        return undefined;
      },
    );
    return this.loading;
  }

  private async load(): Promise<BandFilter> {
    const t0 = performance.now();
    const tx = this.db.transaction(['meta', 'params'], 'readonly');
    const [saved, epoch, counters, params] = await Promise.all([
      tx.objectStore('meta').get(FILTER_KEY),
      tx.objectStore('meta').get(EPOCH_KEY) as Promise<string | undefined>,
      tx.objectStore('meta').get('counters') as Promise<{ units?: number } | undefined>,
      tx.objectStore('params').get('params') as Promise<{ bands?: number } | undefined>,
    ]);
    await tx.done;
    let f = BandFilter.fromSaved(saved);
    const fromSaved = !!f && f.epoch === epoch;
    if (!fromSaved) f = BandFilter.empty((counters?.units ?? 0) * (params?.bands ?? 42), epoch);
    const t1 = performance.now();
    const savedWatermark = fromSaved ? f!.watermark : undefined;
    const toppedUpDocs = await this.topUp(f!);
    this.lastLoad = { loadMs: t1 - t0, topUpMs: performance.now() - t1, toppedUpDocs, fromSaved, savedWatermark };
    return f!;
  }

  /** Adds the units of every document above the watermark; returns how many documents. */
  private async topUp(f: BandFilter): Promise<number> {
    const top = await newestDocumentKey(this.db);
    let docs = 0;
    while (f.watermark < top) {
      const hi = Math.min(top, f.watermark + TOPUP_DOCS);
      const rows = (await this.db.getAll('units', IDBKeyRange.bound([f.watermark, Infinity], [hi, Infinity], true, false))) as UnitRowLike[];
      for (const r of rows) f.addAll(r.bandKeys);
      docs += new Set(rows.map((r) => r.doc)).size;
      f.watermark = Math.max(f.watermark, hi);
    }
    return docs;
  }

  /** Adds units read (in one snapshot) above the watermark the read started from. */
  absorb(f: BandFilter, rows: UnitRowLike[]): void {
    let max = f.watermark;
    for (const r of rows) {
      f.addAll(r.bandKeys);
      if (r.doc > max) max = r.doc;
    }
    if (max > f.watermark) {
      f.watermark = max;
      if (f === this.current) this.changed();
    }
  }

  /** After clear(): forget the filter (the next look-up builds an empty one). */
  reset(): void {
    this.generation++;
    this.current = undefined;
    this.loading = undefined;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  close(): void {
    this.closed = true;
    this.reset();
  }

  /**
   * After the filter took new documents: save it (debounced) once it is SAVE_AFTER_DOCS documents past
   * the saved watermark, or at once after an import. Fewer unsaved documents cost a top-up of a few
   * milliseconds on the next wake, cheaper than rewriting the whole filter after every recorded article.
   */
  changed(importDone = false): void {
    const f = this.current;
    if (!f) return;
    if (importDone) this.scheduleSave(0);
    else if (f.watermark - this.savedWatermark >= SAVE_AFTER_DOCS) this.scheduleSave();
  }

  scheduleSave(delayMs: number = this.saveDelayMs): void {
    if (this.closed || !this.current) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.save().catch(() => undefined); // a failed save only costs a longer top-up on the next wake
    }, delayMs);
    (this.timer as { unref?: () => void }).unref?.(); // Node (tests): do not hold the process open
  }

  /** Saves bits + watermark, unless the index was cleared since the filter was loaded. */
  async save(): Promise<boolean> {
    const f = this.current;
    if (!f || this.closed) return false;
    const snap = f.snapshot();
    const tx = this.db.transaction('meta', 'readwrite');
    const epoch = (await tx.store.get(EPOCH_KEY)) as string | undefined;
    if (epoch !== snap.epoch) {
      await tx.done;
      return false;
    }
    tx.store.put(snap, FILTER_KEY).catch(() => undefined);
    await tx.done;
    if (f === this.current) this.savedWatermark = Math.max(this.savedWatermark, snap.watermark);
    return true;
  }
}
