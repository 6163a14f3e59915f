/**
 * The provenance engine: record articles, and report for a new one which passages appeared
 * earlier in another outlet's article.
 *
 *   paragraphs -> prepare (normalise, tokens, shingles) -> units -> MinHash -> band keys
 *        record: store.putDocument(doc, band keys per unit, paragraph fingerprints)
 *        check:  store.lookup(band keys) -> candidate documents (top by hits)
 *                (check and record together: store.putDocumentAndLookup, where the store has it)
 *                -> alignPrepared (exact shingle seeds, chained, extended, verified)
 *                -> attribution: each token goes to the earliest other-outlet source covering it
 *                -> passages per paragraph, kinds (copied / quote), credits, shares
 *
 * Pure: no browser or Node API. The store decides where records live.
 */
import { alignPrepared, defaultAlignOptions, mapToken, type AlignOptions, type Alignment } from './align';
import { nonSpace } from './chars';
import { mayHoldCreditIn } from './credit-words';
import { creditMatchesOutlet, findCredits, lastNonEmpty, mayCreditArticle } from './credits';
import { bandKeys, bandSeed } from './lsh';
import { MinHasher } from './minhash';
import { MAX_SIMD_BANDS, type SignatureKernel } from './minhash-simd';
import { outletKey } from './outlet';
import { NOT_ASCII, paragraphWords, prepareArticle, unitShingles, units, type Prepared } from './prepare';
import { findQuoteSpans, quotedAtLeast, type Span } from './quotes';
import { ASCII_QUOTE_MARK } from './tokenize';
import type { IndexParams, IndexStore, NewDocument, StoredDocument, UnitRecord } from './store';
import type { ArticleInput, Credit, Passage, Report, ReuseRef, SourceSummary } from './types';
import { isoTime, parseTime, validateArticle } from './validate';

export { ArticleError } from './validate';

export interface EngineOptions extends IndexParams {
  /** Paragraphs with fewer words are not indexed as units (headlines, captions, bylines). */
  minUnitWords: number;
  /** Paragraphs longer than this many words are also indexed in windows of this size. */
  windowWords: number;
  /** Smallest reported passage, in words. */
  minPassageWords: number;
  /** Candidate documents verified per check, most band hits first. */
  maxCandidates: number;
  /** A paragraph found in at least this many other articles of the same outlet is furniture... */
  boilerplateMin: number;
  /** ...unless such paragraphs hold more than this share of the article's words (a version of an earlier article). */
  boilerplateMaxShare: number;
  /** A passage needs this many words covered by shared shingles, unless it covers most of a short paragraph. */
  minMatchedWords: number;
  /** Share of a paragraph's words a shorter passage (minPassageWords..minMatchedWords) must cover. */
  shortPassageShare: number;
  /** Passage share inside quotation marks (in both texts) from which it is a quote. */
  quoteShare: number;
  align: AlignOptions;
  /**
   * Prepared articles (tokens and shingle hashes, five 32-bit values a word) kept for reuse as sources,
   * most recently recorded or aligned first, up to this many words in all. Preparing a source costs
   * as much as preparing the article checked, and an audit meets the same sources again and again.
   */
  cacheWords: number;
  /**
   * Compute signatures with the WebAssembly SIMD kernel where it can run (the same signatures, 5-8x
   * faster); the extension sets false, its CSP allowing no WebAssembly.
   */
  wasm: boolean;
}

export const HASH_VERSION = 1;

export const defaultOptions: EngineOptions = {
  shingle: 4,
  hashes: 128,
  bands: 42,
  rows: 3,
  seed: 0x5eed,
  hashVersion: HASH_VERSION,
  minUnitWords: 8,
  windowWords: 40,
  minPassageWords: 8,
  maxCandidates: 64,
  boilerplateMin: 2,
  boilerplateMaxShare: 0.5,
  minMatchedWords: 12,
  shortPassageShare: 0.6,
  quoteShare: 0.6,
  align: defaultAlignOptions,
  cacheWords: 2_000_000,
  wasm: true,
};

export function indexParams(o: IndexParams): IndexParams {
  return { shingle: o.shingle, hashes: o.hashes, bands: o.bands, rows: o.rows, seed: o.seed, hashVersion: o.hashVersion };
}

function sameParams(a: IndexParams, b: IndexParams): boolean {
  return a.shingle === b.shingle && a.hashes === b.hashes && a.bands === b.bands && a.rows === b.rows && a.seed === b.seed && a.hashVersion === b.hashVersion;
}

/** An article's unit records; `keys` holds all their band keys in order (each record's are a view of it). */
export interface UnitKeys {
  records: UnitRecord[];
  keys: Uint32Array;
}

/**
 * The band keys to look up: those of units outside the skipped paragraphs (`skip` is indexed by
 * internal paragraph). Usually only the title's units, which come first, are skipped, and the
 * others' keys are a view of the article's key array rather than a copy.
 */
export function lookupKeys({ records, keys }: UnitKeys, skip: Uint8Array, bands: number): Uint32Array {
  let first = 0;
  while (first < records.length && skip[records[first].paragraph + 1]) first++;
  let contiguous = true;
  for (let r = first; r < records.length && contiguous; r++) contiguous = !skip[records[r].paragraph + 1];
  if (contiguous) return keys.subarray(first * bands);
  let n = 0;
  for (const r of records) if (!skip[r.paragraph + 1]) n++;
  const out = new Uint32Array(n * bands);
  let at = 0;
  for (const r of records) {
    if (skip[r.paragraph + 1]) continue;
    const bk = r.bandKeys; // copied in a loop: TypedArray.set costs more for 42 values
    for (let b = 0; b < bk.length; b++) out[at++] = bk[b];
  }
  return out;
}

interface Candidate {
  doc: StoredDocument;
  /** docRef(doc), made once: every passage from this source carries it. */
  ref: ReturnType<typeof docRef>;
  prep: Prepared;
  time: number;
  alignments: Alignment[];
}

export class Engine {
  private readonly hasher: MinHasher;
  /** The WebAssembly kernel, where it runs: it makes the units' band keys too (computeUnitRecordsSimd). */
  private readonly kernel: SignatureKernel | undefined;
  private readonly alignOptions: AlignOptions;
  /** Prepared stored documents by key, least recently used first, and their words (tokens) in all. */
  private readonly cache = new Map<number, Prepared>();
  private cachedWords = 0;

  private constructor(
    readonly store: IndexStore,
    readonly options: EngineOptions,
  ) {
    this.hasher = new MinHasher(options.hashes, options.seed, { wasm: options.wasm });
    this.kernel = options.bands <= MAX_SIMD_BANDS ? this.hasher.simd : undefined;
    this.kernel?.bandSeeds(new Uint32Array(options.bands).map((_, b) => bandSeed(b)));
    this.alignOptions = { ...options.align, minWords: options.minPassageWords };
    this.sigScratch = new Uint32Array(options.hashes);
  }

  /** Opens an engine over a store; rejects with a clear error if the store was built with other parameters. */
  static async open(store: IndexStore, options: Partial<EngineOptions> = {}): Promise<Engine> {
    const o: EngineOptions = { ...defaultOptions, ...options, align: { ...defaultOptions.align, ...(options.align ?? {}) } };
    if (o.bands * o.rows > o.hashes) throw new RangeError(`bands x rows (${o.bands} x ${o.rows}) exceeds hashes (${o.hashes})`);
    if (!(o.cacheWords >= 0)) throw new RangeError(`cacheWords must be a number of words >= 0, got ${o.cacheWords}`);
    const stored = await store.getParams();
    if (stored && !sameParams(stored, o)) {
      const stats = await store.stats();
      if (stats.documents > 0) {
        throw new Error(`the index was built with other parameters (${JSON.stringify(stored)}); it cannot be queried with ${JSON.stringify(indexParams(o))}`);
      }
    }
    if (!stored || !sameParams(stored, o)) await store.setParams(indexParams(o));
    return new Engine(store, o);
  }

  /**
   * The preparation of a stored document, from the cache when it holds this document's text. (A key
   * names another document after the store is cleared or replaced, so the text is compared: the same
   * strings in a memory store, equal ones read back from IndexedDB.)
   */
  private prepared(doc: StoredDocument): Prepared {
    const cached = this.cache.get(doc.key);
    if (cached && sameText(cached, doc)) {
      this.cache.delete(doc.key); // to the most recently used end
      this.cache.set(doc.key, cached);
      return cached;
    }
    const p = prepareArticle(doc.title, doc.paragraphs, this.options.shingle);
    this.remember(doc.key, p); // replaces a stale entry under this key
    return p;
  }

  /**
   * Keeps a document's preparation among the most recently used. Recording keeps it too: the
   * articles just recorded are the likeliest sources of the next ones checked (a wire story, then
   * the outlets that run it), and their preparation is already made.
   */
  private remember(key: number, p: Prepared): void {
    const old = this.cache.get(key);
    if (old) {
      this.cache.delete(key);
      this.cachedWords -= old.tokCount;
    }
    this.cache.set(key, p);
    this.cachedWords += p.tokCount;
    // Oldest out until within the budget; the newest stays even when it alone exceeds it.
    while (this.cachedWords > this.options.cacheWords && this.cache.size > 1) {
      const [oldestKey, oldest] = this.cache.entries().next().value!;
      this.cache.delete(oldestKey);
      this.cachedWords -= oldest.tokCount;
    }
  }

  private readonly unitCache = new WeakMap<Prepared, UnitKeys>();
  private readonly refCache = new WeakMap<StoredDocument, ReturnType<typeof docRef>>();

  /** docRef(doc), remembered per stored document object (its two ISO times cost a microsecond each). */
  private ref(doc: StoredDocument): ReturnType<typeof docRef> {
    let r = this.refCache.get(doc);
    if (!r) this.refCache.set(doc, (r = docRef(doc)));
    return r;
  }

  /** Band keys of every unit of a prepared article (computed once per Prepared: check then record reuse them). */
  unitRecords(prep: Prepared): UnitRecord[] {
    return this.unitKeys(prep).records;
  }

  private unitKeys(prep: Prepared): UnitKeys {
    let cached = this.unitCache.get(prep);
    if (!cached) this.unitCache.set(prep, (cached = this.computeUnitRecords(prep)));
    return cached;
  }

  /**
   * Each shingle is hashed once: a long paragraph's windows are made of blocks of windowWords/2
   * tokens, so the signatures of its blocks are computed and every unit (the windows and the whole
   * paragraph) takes the element-wise minimum of the blocks it covers, which is exactly its own
   * signature (the minimum over a union is the minimum of the minima).
   */
  private computeUnitRecords(prep: Prepared): UnitKeys {
    if (this.kernel) return this.computeUnitRecordsSimd(prep, this.kernel);
    const { minUnitWords, windowWords, bands, rows, hashes } = this.options;
    const us = units(prep, minUnitWords, windowWords);
    // One array holds every unit's band keys (each record gets a view of it), and the shingle and
    // block buffers are the engine's own scratch: small typed arrays are costly to create.
    const keys = new Uint32Array(us.length * bands);
    const buf = this.scratch(prep.tokCount);
    const sig = this.sigScratch;
    const step = Math.max(1, windowWords >> 1);
    let blocks = this.blockScratch;
    let blockPara = -1;
    const out: UnitRecord[] = [];
    for (let n = 0; n < us.length; n++) {
      const u = us[n];
      const from = prep.paraTok[u.paragraph];
      const to = prep.paraTok[u.paragraph + 1];
      const aligned = to - from > windowWords && (u.from - from) % step === 0 && (u.to === to || (u.to - from) % step === 0);
      if (!aligned) {
        const m = unitShingles(prep, u, buf);
        this.hasher.signature(buf, 0, m, sig);
      } else {
        if (blockPara !== u.paragraph) {
          blockPara = u.paragraph;
          const count = Math.ceil((to - from) / step);
          if (blocks.length < count * hashes) blocks = this.blockScratch = new Uint32Array(count * hashes * 2);
          for (let b = 0; b < count; b++) {
            const bf = from + b * step;
            const m = unitShingles(prep, { paragraph: u.paragraph, from: bf, to: Math.min(to, bf + step) }, buf);
            this.hasher.signature(buf, 0, m, sig);
            blocks.set(sig, b * hashes);
          }
        }
        sig.fill(0xffffffff);
        const last = Math.ceil((u.to - from) / step);
        for (let b = (u.from - from) / step; b < last; b++) {
          const base = b * hashes;
          for (let i = 0; i < hashes; i++) if (blocks[base + i] < sig[i]) sig[i] = blocks[base + i];
        }
      }
      out.push({ paragraph: u.paragraph - 1, bandKeys: bandKeys(sig, bands, rows, keys.subarray(n * bands, (n + 1) * bands)) });
    }
    return { records: out, keys };
  }

  /**
   * computeUnitRecords() in the WebAssembly kernel: the same blocks, minima and band keys (a property
   * test compares the two), with the minima taken four lanes at a time. A paragraph's shingles are
   * copied in once; a paragraph short enough to have no windows is one block.
   */
  private computeUnitRecordsSimd(prep: Prepared, kernel: SignatureKernel): UnitKeys {
    const { minUnitWords, windowWords, bands, rows } = this.options;
    const us = units(prep, minUnitWords, windowWords);
    const keys = new Uint32Array(us.length * bands);
    const step = Math.max(1, windowWords >> 1);
    const n = prep.shingleSize;
    const out: UnitRecord[] = [];
    let para = -1;
    let from = 0;
    let valid = 0; // the paragraph's shingles: at its first `valid` tokens (the last n - 1 start none)
    for (let i = 0; i < us.length; i++) {
      const u = us[i];
      if (u.paragraph !== para) {
        para = u.paragraph;
        from = prep.paraTok[para];
        const words = prep.paraTok[para + 1] - from;
        valid = Math.max(0, words - n + 1);
        kernel.loadBlocks(prep.shingle, from, from + valid, words > windowWords ? step : valid);
      }
      kernel.unitKeys(u.from - from, Math.min(u.to - from, valid), bands, rows, keys, i * bands);
      out.push({ paragraph: u.paragraph - 1, bandKeys: keys.subarray(i * bands, (i + 1) * bands) });
    }
    return { records: out, keys };
  }

  private shingleScratch = new Uint32Array(1024);
  private readonly sigScratch: Uint32Array;
  private blockScratch = new Uint32Array(0);
  private ownerScratch = new Int32Array(1024);

  private scratch(n: number): Uint32Array {
    if (this.shingleScratch.length < n) this.shingleScratch = new Uint32Array(Math.max(n, this.shingleScratch.length * 2));
    return this.shingleScratch;
  }

  /** The stored form of an article (without units). */
  newDocument(article: ArticleInput): NewDocument {
    return {
      id: article.id,
      url: article.url,
      outlet: article.outlet,
      outletKey: outletKey(article.outlet),
      title: article.title,
      published: parseTime(article.published),
      firstSeen: parseTime(article.firstSeen) ?? Date.now(),
      paragraphs: article.paragraphs,
      lang: article.lang,
    };
  }

  /**
   * Records the article (idempotent by id: a second record of the same id returns added=false).
   * `prepared`, when given, must be prepareArticle() of this article's title and paragraphs.
   */
  async record(input: ArticleInput, prepared?: Prepared): Promise<{ key: number; added: boolean }> {
    return this.recordValid(validateArticle(input), prepared);
  }

  /** record() of an article validateArticle() has returned. */
  private async recordValid(article: ArticleInput, prepared?: Prepared): Promise<{ key: number; added: boolean }> {
    const existing = await this.store.getDocumentById(article.id);
    if (existing) return { key: existing.key, added: false };
    const prep = prepared ?? prepareArticle(article.title, article.paragraphs, this.options.shingle);
    try {
      const key = await this.store.putDocument(this.newDocument(article), this.unitRecords(prep), prep.fingerprint.slice(1));
      this.unitCache.delete(prep); // stored: a source needs its tokens, not its band keys
      this.remember(key, prep);
      return { key, added: true };
    } catch (e) {
      // Another caller recorded the same id meanwhile (several tabs at once): not an error.
      const again = await this.store.getDocumentById(article.id);
      if (again) return { key: again.key, added: false };
      throw e;
    }
  }

  /**
   * check() then record(), with the same report. Where the store can (putDocumentAndLookup), a new
   * article is recorded in the middle of its check, when its band keys are looked up, so each key
   * is read once for both; the report is then made as if the article were not yet recorded (and
   * should making it fail, the article stays recorded, as a record() would have left it).
   */
  async checkAndRecord(input: ArticleInput): Promise<Report> {
    const article = validateArticle(input);
    const prep = prepareArticle(article.title, article.paragraphs, this.options.shingle);
    const recordInCheck = this.store.putDocumentAndLookup !== undefined && !(await this.store.getDocumentById(article.id));
    const report = await this.checkPrepared(article, prep, recordInCheck);
    if (!recordInCheck) await this.recordValid(article, prep);
    return report;
  }

  /** Reports which passages of `article` appeared earlier in other outlets' indexed articles. Does not modify the index. */
  async check(input: ArticleInput): Promise<Report> {
    const article = validateArticle(input);
    return this.checkPrepared(article, prepareArticle(article.title, article.paragraphs, this.options.shingle));
  }

  /** check(); with `record`, also records the article (not yet stored) through putDocumentAndLookup. */
  private async checkPrepared(article: ArticleInput, q: Prepared, record = false): Promise<Report> {
    const o = this.options;
    const myOutlet = outletKey(article.outlet);
    const self = record ? undefined : await this.store.getDocumentById(article.id);
    const indexSize = (await this.store.stats()).documents;
    const myTime = parseTime(article.published) ?? parseTime(article.firstSeen) ?? (self ? self.published ?? self.firstSeen : Date.now());

    // Furniture: paragraphs this outlet prints in other articles too.
    // (Internal paragraph 0 is the title: a source's title can be copied, the checked article's is not reported.)
    const counts = await this.store.fingerprintCounts(myOutlet, q.fingerprint.subarray(1));
    const boilerplateMask = this.furniture(q, counts, self && self.outletKey === myOutlet ? 1 : 0) ?? new Uint8Array(q.paragraphs.length);
    const boilerplate: number[] = [];
    for (let p = 1; p < q.paragraphs.length; p++) if (boilerplateMask[p]) boilerplate.push(p - 1);
    boilerplateMask[0] = 1;

    // Candidates from the LSH index.
    let hits: Map<number, number>;
    if (record) {
      const { records } = this.unitKeys(q);
      const lookup = new Uint8Array(records.length);
      for (let u = 0; u < records.length; u++) lookup[u] = boilerplateMask[records[u].paragraph + 1] ? 0 : 1;
      let put: { key: number; hits: Map<number, number> };
      try {
        put = await this.store.putDocumentAndLookup!(this.newDocument(article), records, q.fingerprint.slice(1), lookup);
      } catch (e) {
        // Another caller recorded the same id meanwhile (several tabs at once): check against it.
        if (await this.store.getDocumentById(article.id)) return this.checkPrepared(article, q);
        throw e;
      }
      this.unitCache.delete(q);
      this.remember(put.key, q);
      hits = put.hits;
    } else {
      const keys = lookupKeys(this.unitKeys(q), boilerplateMask, o.bands);
      hits = keys.length ? await this.store.lookup(keys) : new Map<number, number>();
    }
    if (self) hits.delete(self.key);
    const ranked = hits.size === 1 && o.maxCandidates >= 1 ? [...hits.keys()] : [...hits.entries()].sort((x, y) => y[1] - x[1] || x[0] - y[0]).slice(0, o.maxCandidates).map((e) => e[0]);
    const docs = (await this.store.getDocuments(ranked)).filter((d) => d.outletKey !== myOutlet && d.id !== article.id);

    const candidates: Candidate[] = [];
    for (const doc of docs) {
      const prep = this.prepared(doc);
      const skipB = this.furniture(prep, await this.store.fingerprintCounts(doc.outletKey, prep.fingerprint.subarray(1)), 1);
      const alignments = alignPrepared(q, prep, this.alignOptions, boilerplateMask, skipB);
      if (alignments.length) candidates.push({ doc, ref: this.ref(doc), prep, time: doc.published ?? doc.firstSeen, alignments });
    }

    const earlier = candidates.filter((c) => c.time < myTime).sort((x, y) => x.time - y.time || x.doc.key - y.doc.key);
    const later = candidates.filter((c) => c.time > myTime).sort((x, y) => x.time - y.time || x.doc.key - y.doc.key);

    const passages = this.attribute(q, earlier);
    // Credits qualify passages: they are looked for (a few costly regexes per paragraph) only when
    // there are passages, and only in their paragraphs and those that can credit the whole article.
    let credits: Credit[] = [];
    if (passages.length) {
      const inPassage = new Uint8Array(article.paragraphs.length);
      for (const p of passages) inPassage[p.paragraph] = 1;
      const last = lastNonEmpty(article.paragraphs);
      credits = findCredits(article.paragraphs, (i) => mayHoldCreditIn(q, i + 1) && (inPassage[i] === 1 || mayCreditArticle(article.paragraphs, i, last)));
    }
    const names = new Map<string, boolean>(); // creditMatchesOutlet per (credit, outlet): passages repeat them
    for (const p of passages) p.credited = credits.some((c) => (c.scope === 'article' || c.paragraph === p.paragraph) && namesMatch(names, c.name, p.source.outlet));
    // The text's size matters only for shares, and there are none without passages or later reuse.
    const textChars = passages.length || later.length ? countChars(q, boilerplateMask) : 0;
    let copied = 0;
    let quoted = 0;
    const lengths = passages.map((p) => {
      // A passage that is its whole paragraph (the usual copy) has the length counted when preparing it.
      const len = p.start === 0 && p.end === article.paragraphs[p.paragraph].length ? q.paraChars[p.paragraph + 1] : nonSpace(p.text);
      if (p.kind === 'copied') copied += len;
      else quoted += len;
      return len;
    });
    const sources = summariseSources(passages, lengths, textChars);
    const reusedBy: ReuseRef[] = later.map((c) => {
      let chars = 0;
      for (const al of c.alignments) chars += spanChars(q, al.aFrom, al.aTo);
      const r = c.ref;
      return { id: r.id, outlet: r.outlet, url: r.url, title: r.title, published: r.published, firstSeen: r.firstSeen, share: textChars ? Math.min(1, chars / textChars) : 0 };
    });

    return {
      id: article.id,
      outlet: article.outlet,
      url: article.url,
      title: article.title,
      published: article.published,
      firstSeen: article.firstSeen ?? (self ? isoTime(self.firstSeen) : undefined),
      paragraphs: article.paragraphs.length,
      copiedShare: textChars ? copied / textChars : 0,
      quotedShare: textChars ? quoted / textChars : 0,
      passages,
      sources,
      reusedBy,
      earliest: passages.length === 0 && reusedBy.length > 0,
      boilerplate,
      credits,
      indexSize,
    };
  }

  /**
   * The outlet's furniture in an article (internal paragraph indices), from how many stored
   * articles of its outlet hold each paragraph (`counts`, one per given paragraph; `own` is 1 when
   * the article itself is among them). Furniture is a small part of a page: when such paragraphs
   * hold most of the article's words, it is another version of an earlier article (an update, a
   * re-scrape, a live page) and its text is judged like any other. Undefined when there is none.
   */
  private furniture(prep: Prepared, counts: Uint32Array, own: number): Uint8Array | undefined {
    const o = this.options;
    let mask: Uint8Array | undefined;
    let words = 0;
    for (let p = 1; p < prep.paragraphs.length; p++) {
      if (prep.fingerprint[p] !== 0 && counts[p - 1] - own >= o.boilerplateMin) {
        (mask ??= new Uint8Array(prep.paragraphs.length))[p] = 1;
        words += paragraphWords(prep, p);
      }
    }
    return mask && words <= o.boilerplateMaxShare * (prep.tokCount - paragraphWords(prep, 0)) ? mask : undefined;
  }

  /** Gives each token to the earliest source covering it, then cuts runs into per-paragraph passages. */
  private attribute(q: Prepared, earlier: Candidate[]): Passage[] {
    const o = this.options;
    // The owner of each token, in the engine's scratch (this runs without awaiting anything).
    if (this.ownerScratch.length < q.tokCount) this.ownerScratch = new Int32Array(Math.max(q.tokCount, this.ownerScratch.length * 2));
    const owner = this.ownerScratch.fill(-1, 0, q.tokCount);
    const owners: Array<{ cand: Candidate; al: Alignment }> = [];
    for (const cand of earlier) {
      for (const al of cand.alignments) {
        // A match too thin to be reported on its own must not take words from a later source's run.
        if (!this.convincing(q, al.aFrom, al.aTo, al)) continue;
        const id = owners.length;
        owners.push({ cand, al });
        for (let t = al.aFrom; t < al.aTo; t++) if (owner[t] === -1) owner[t] = id;
      }
    }
    // Runs of one owner, split at paragraph boundaries; a run is one group.
    const out: Passage[] = [];
    const quoteSpans = new Map<string, Span[]>();
    let group = 0;
    let t = 0;
    while (t < q.tokCount) {
      const id = owner[t];
      if (id === -1) {
        t++;
        continue;
      }
      if (q.tokPara[t] === 0) {
        t++; // the checked article's own title
        continue;
      }
      let e = t;
      while (e < q.tokCount && owner[e] === id) e++;
      const runWords = e - t;
      if (runWords >= o.minPassageWords && this.convincing(q, t, e, owners[id].al)) {
        const pieces: Passage[] = [];
        for (let s = t; s < e; ) {
          const p = q.tokPara[s];
          const pe = Math.min(e, q.paraTok[p + 1]);
          const words = pe - s;
          if (words >= 4) {
            const piece = this.passage(q, s, pe, owners[id], group, quoteSpans);
            if (piece.coverage >= o.align.minCoverage) pieces.push(piece);
          }
          s = pe;
        }
        if (pieces.length) {
          out.push(...pieces);
          group++;
        }
      }
      t = e;
    }
    return out;
  }

  /**
   * Whether a run of copy [from, to) is more than a stock phrase: enough exactly shared words, or
   * most of a short paragraph ("Mr Kerry said they were close but would not rush into an agreement.").
   */
  private convincing(q: Prepared, from: number, to: number, al: Alignment): boolean {
    const o = this.options;
    // The whole alignment's covered tokens are its `matched` (the same union pieceCoverage() counts).
    const matched = from === al.aFrom && to === al.aTo ? al.matched : Math.round(pieceCoverage(al, from, to, q.shingleSize) * (to - from));
    if (matched >= o.minMatchedWords) return true;
    if (matched < o.minPassageWords) return false;
    const p = q.tokPara[from];
    return to - from >= o.shortPassageShare * paragraphWords(q, p);
  }

  /** One passage (credited is settled by the caller, once credits are known). */
  private passage(q: Prepared, from: number, to: number, own: { cand: Candidate; al: Alignment }, group: number, quoteSpans: Map<string, Span[]>): Passage {
    const { cand, al } = own;
    const p = q.tokPara[from];
    const start = extendOpening(q.paragraphs[p], q.tokStart[from]);
    const end = extendPunctuation(q.paragraphs[p], q.tokEnd[to - 1]);
    const text = q.paragraphs[p].slice(start, end);
    // Source span: map the first and last tokens through the alignment's seeds.
    const d = cand.prep;
    const bFrom = mapToken(al, from);
    let bLast = Math.max(bFrom, mapToken(al, to - 1));
    const sp = d.tokPara[bFrom];
    if (d.tokPara[bLast] !== sp) bLast = d.paraTok[sp + 1] - 1;
    const sStart = extendOpening(d.paragraphs[sp], d.tokStart[bFrom]);
    const sEnd = extendPunctuation(d.paragraphs[sp], d.tokEnd[bLast]);
    const sourceText = d.paragraphs[sp].slice(sStart, sEnd);
    // Coverage: tokens of the piece covered by shared shingles of this alignment.
    const coverage = pieceCoverage(al, from, to, q.shingleSize);
    const isQuote = quotedAtLeast(q.paragraphs[p], start, end, spansOf(quoteSpans, q, p), this.options.quoteShare, wordChars(q, from, to)) && quotedAtLeast(d.paragraphs[sp], sStart, sEnd, spansOf(quoteSpans, d, sp), 0.5, wordChars(d, bFrom, bLast + 1));
    return {
      paragraph: p - 1,
      start,
      end,
      text,
      kind: isQuote ? 'quote' : 'copied',
      coverage,
      credited: false,
      // docRef's fields written out: spreading an object with undefined fields into a literal is
      // a slow path in V8 (microseconds per passage).
      source: { id: cand.ref.id, outlet: cand.ref.outlet, url: cand.ref.url, title: cand.ref.title, published: cand.ref.published, firstSeen: cand.ref.firstSeen, paragraph: sp - 1, start: sStart, end: sEnd, text: sourceText },
      group,
    };
  }
}

/** Whether `p` is prepareArticle() of this document's title and paragraphs. */
function sameText(p: Prepared, doc: StoredDocument): boolean {
  const ps = p.paragraphs;
  if (ps.length !== doc.paragraphs.length + 1 || ps[0] !== (doc.title ?? '')) return false;
  for (let i = 1; i < ps.length; i++) if (ps[i] !== doc.paragraphs[i - 1]) return false;
  return true;
}

/** creditMatchesOutlet(name, outlet), remembered in `cache` (a check's passages repeat the same pairs). */
function namesMatch(cache: Map<string, boolean>, name: string, outlet: string): boolean {
  const key = `${name}\u0000${outlet}`;
  let m = cache.get(key);
  if (m === undefined) cache.set(key, (m = creditMatchesOutlet(name, outlet)));
  return m;
}

const NO_SPANS: Span[] = [];

/** Quote spans of paragraph p, scanned once per check, and only where it may hold a quotation. */
function spansOf(cache: Map<string, Span[]>, prep: Prepared, p: number): Span[] {
  if (!(prep.paraFlags[p] & ASCII_QUOTE_MARK)) return NO_SPANS;
  const text = prep.paragraphs[p];
  let spans = cache.get(text);
  if (!spans) cache.set(text, (spans = findQuoteSpans(text)));
  return spans;
}

/** A stored document as plain, JSON-ready data (times as ISO strings): for reports and the index file. */
export function docRef(doc: StoredDocument) {
  return {
    id: doc.id,
    outlet: doc.outlet,
    url: doc.url,
    title: doc.title,
    published: doc.published !== undefined ? isoTime(doc.published) : undefined,
    firstSeen: isoTime(doc.firstSeen),
  };
}

/** " ' ( [ “ ‘ « „ (by character code: a Set of one-character strings costs a string and a hash per test). */
function isOpening(c: number): boolean {
  return c === 34 || c === 39 || c === 40 || c === 91 || c === 0x201c || c === 0x2018 || c === 0xab || c === 0x201e;
}
/** Includes an opening quotation mark or bracket right before a passage's first word. */
function extendOpening(text: string, start: number): number {
  let s = start;
  while (s > 0 && start - s < 2 && isOpening(text.charCodeAt(s - 1))) s--;
  return s;
}

/** . , ; : ! ? " ' ) ] ” ’ » */
function isClosing(c: number): boolean {
  return c === 46 || c === 44 || c === 59 || c === 58 || c === 33 || c === 63 || c === 34 || c === 39 || c === 41 || c === 93 || c === 0x201d || c === 0x2019 || c === 0xbb;
}
/** Includes closing punctuation right after a passage's last word (". or ,” or ')"). */
function extendPunctuation(text: string, end: number): number {
  let e = end;
  while (e < text.length && e - end < 3 && isClosing(text.charCodeAt(e))) e++;
  return e;
}

/** Share of tokens [from, to) covered by the alignment's seed shingles or its exact extensions. */
function pieceCoverage(al: Alignment, from: number, to: number, n: number): number {
  // The covering intervals in ascending order, so their union is counted in one sweep:
  // i = -1 the leading extension [aFrom, first seed), 0..m-1 the seed shingles, m the trailing extension.
  // Seeds ending at or before `from`, or starting at or after `to`, add nothing: only those between
  // are visited (a long alignment has hundreds, a piece is one paragraph of it).
  // (Written without a helper closure: tsx, which runs the CLI, wraps every named closure made at
  // run time in a call that names it, and this runs once per passage piece.)
  const s = al.seeds;
  const m = s.length / 2;
  let lo = 0;
  let hi = m;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (s[2 * mid] + n <= from) lo = mid + 1;
    else hi = mid;
  }
  let covered = 0;
  let reach = from;
  for (let i = -1; i <= m; i = i === -1 ? lo : i + 1) { // -1, then the seeds from lo, then m
    let x: number;
    let y: number;
    if (i === -1) {
      x = al.aFrom;
      y = s[0];
    } else if (i === m) {
      x = s[2 * m - 2] + n;
      y = al.aTo;
    } else {
      x = s[2 * i];
      if (x >= to) {
        i = m - 1; // no later seed reaches the piece: go on to the trailing extension
        continue;
      }
      y = x + n;
    }
    const a = Math.max(x, reach);
    const b = Math.min(y, to);
    if (b > a) {
      covered += b - a;
      reach = b;
    }
  }
  return Math.round((covered / (to - from)) * 1000) / 1000;
}

/**
 * Characters of tokens [from, to) of one paragraph, a lower bound of the non-space characters they
 * span: in ASCII text a token is letters, digits and inner apostrophes. (Elsewhere a token's span in
 * the original may hold characters normalising dropped, a BOM among them: 0, no bound.)
 */
function wordChars(q: Prepared, from: number, to: number): number {
  if (from >= to || q.paraFlags[q.tokPara[from]] & NOT_ASCII) return 0;
  let n = 0;
  for (let t = from; t < to; t++) n += q.tokEnd[t] - q.tokStart[t];
  return n;
}

function countChars(q: Prepared, skip: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < q.paragraphs.length; i++) if (!skip[i]) n += q.paraChars[i];
  return n;
}

function spanChars(q: Prepared, from: number, to: number): number {
  let n = 0;
  for (let t = from; t < to; t++) n += q.tokEnd[t] - q.tokStart[t];
  return n;
}

/** Per source: its passages, share of the text (`lengths`: each passage's non-space characters) and credit. */
function summariseSources(passages: Passage[], lengths: number[], textChars: number): SourceSummary[] {
  const by = new Map<string, { s: SourceSummary; chars: number; credited: number }>();
  for (let i = 0; i < passages.length; i++) {
    const p = passages[i];
    const r = p.source;
    let e = by.get(r.id);
    if (!e) {
      // Fields written out: a rest/spread of objects with undefined fields is a V8 slow path.
      e = { s: { id: r.id, outlet: r.outlet, url: r.url, title: r.title, published: r.published, firstSeen: r.firstSeen, passages: 0, share: 0, credited: 'no' }, chars: 0, credited: 0 };
      by.set(r.id, e);
    }
    e.s.passages++;
    e.chars += lengths[i];
    if (p.credited) e.credited++;
  }
  const out: SourceSummary[] = [];
  for (const e of by.values()) {
    e.s.share = textChars ? e.chars / textChars : 0;
    e.s.credited = e.credited === 0 ? 'no' : e.credited === e.s.passages ? 'yes' : 'partly';
    out.push(e.s);
  }
  return out.sort((a, b) => b.share - a.share);
}
