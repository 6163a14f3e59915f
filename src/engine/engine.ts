/**
 * The provenance engine: record articles, and report for a new one which passages appeared
 * earlier in another outlet's article. This file is the pipeline; each stage is a file of its own.
 *
 *   paragraphs -> prepare.ts (normalise, tokens, shingles) -> unit-keys.ts (units, MinHash, band keys)
 *        record: store.putDocument(doc, band keys per unit, paragraph fingerprints)
 *        check:  furniture.ts (the outlet's recurring paragraphs, left out)
 *                -> store.lookup(band keys) -> candidates.ts (top by hits, aligned: align.ts)
 *                (check and record together: store.putDocumentAndLookup, where the store has it)
 *                -> attribution.ts (claims.ts): the outlet's own earlier text, then per paragraph
 *                   the closest source (most words matched, the earliest among equals)
 *                -> passages.ts: per paragraph, spans in both texts, kind (copied / quote)
 *                -> passage-credits.ts -> report-shares.ts: shares, sources, later reuse
 *                -> own-earlier.ts: the outlet's own earlier text, an update
 *   Prepared sources are kept for the next checks (source-cache.ts).
 *
 * Pure: no browser or Node API. The store decides where records live.
 */
import { defaultAlignOptions, type AlignOptions } from './align';
import { attribute, type AttributionOptions } from './attribution';
import { alignCandidates, byTime, rankCandidates } from './candidates';
import { articleCredits, storedCredits } from './document-credits';
import { newDocument, storedArticle } from './documents';
import { markClaimedTimes } from './claimed-times';
import { checkedFurniture, type FurnitureOptions } from './furniture';
import { outletKey } from './outlet';
import { ownEarlier } from './own-earlier';
import { creditPassages } from './passage-credits';
import { prepareArticle, units, type Prepared } from './prepare';
import { shares } from './report-shares';
import { SourceCache } from './source-cache';
import type { IndexParams, IndexStore, NewDocument, UnitRecord } from './store';
import type { ArticleInput, Credit, Report } from './types';
import { lookupFlags, lookupKeys, UnitKeyMaker, type UnitKeyOptions } from './unit-keys';
import { isoTime, parseTime, validateArticle } from './validate';

export { docRef } from './documents';
export { lookupKeys, type UnitKeys } from './unit-keys';
export { ArticleError } from './validate';

/**
 * The engine's options: each stage's own (the fields' meanings are there), and the candidates
 * verified per check, the alignment's options and the words of prepared sources kept.
 */
export interface EngineOptions extends IndexParams, UnitKeyOptions, FurnitureOptions, AttributionOptions {
  /** Candidate documents verified per check, most band hits first. */
  maxCandidates: number;
  align: AlignOptions;
  /**
   * Prepared articles (tokens and shingle hashes, five 32-bit values a word) kept for reuse as sources,
   * most recently recorded or aligned first, up to this many words in all (source-cache.ts).
   */
  cacheWords: number;
}

/**
 * Bumped whenever the band keys of the same text would change, which makes every stored index be
 * hashed again. A paragraph's anchors (anchors.ts) are keys added after its 42 band keys, which they
 * leave as they are: an article recorded without anchors is still found by its band keys, and keeps
 * its reports, so they need no new version.
 */
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
  anchorWindow: 8,
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

/**
 * How many units a stored article has, from its title and paragraphs without hashing them (what
 * unitsFromText(...)(doc).length gives, at a fraction of the cost): a store deleting many articles
 * takes them out of its counters with it.
 */
export function unitCountFromText(options: Partial<EngineOptions> = {}): (doc: { title?: string; paragraphs: string[] }) => number {
  const o: EngineOptions = { ...defaultOptions, ...options };
  return (doc) => units(prepareArticle(doc.title, doc.paragraphs, o.shingle), o.minUnitWords, o.windowWords).length;
}

/**
 * The units (band keys) of a stored article, computed again from its title and paragraphs: what a
 * store that does not keep them (the extension's) gives for export and deletion. The same keys as
 * when it was recorded, since an index is only ever queried with the parameters it was built with.
 */
export function unitsFromText(options: Partial<EngineOptions> = {}): (doc: { title?: string; paragraphs: string[] }) => UnitRecord[] {
  const o: EngineOptions = { ...defaultOptions, ...options };
  const maker = new UnitKeyMaker(o);
  return (doc) => {
    const prep = prepareArticle(doc.title, doc.paragraphs, o.shingle);
    const records = maker.of(prep).records;
    maker.forget(prep);
    return records;
  };
}

export function indexParams(o: IndexParams): IndexParams {
  return { shingle: o.shingle, hashes: o.hashes, bands: o.bands, rows: o.rows, seed: o.seed, hashVersion: o.hashVersion };
}

function sameParams(a: IndexParams, b: IndexParams): boolean {
  return a.shingle === b.shingle && a.hashes === b.hashes && a.bands === b.bands && a.rows === b.rows && a.seed === b.seed && a.hashVersion === b.hashVersion;
}

export class Engine {
  private readonly unitKeys: UnitKeyMaker;
  private readonly sources: SourceCache;
  private readonly alignOptions: AlignOptions;

  private constructor(
    readonly store: IndexStore,
    readonly options: EngineOptions,
  ) {
    this.unitKeys = new UnitKeyMaker(options);
    this.sources = new SourceCache(options.cacheWords, options.shingle);
    this.alignOptions = { ...options.align, minWords: options.minPassageWords };
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

  /** Band keys of every unit of a prepared article (computed once per Prepared: check then record reuse them). */
  unitRecords(prep: Prepared): UnitRecord[] {
    return this.unitKeys.of(prep).records;
  }

  /** The stored form of an article (without units), with its credits (found in its text unless given). */
  newDocument(article: ArticleInput, credits: Credit[] = articleCredits(article.paragraphs)): NewDocument {
    return newDocument(article, credits);
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
    return this.storeNew(article, prepared ?? prepareArticle(article.title, article.paragraphs, this.options.shingle));
  }

  /**
   * Stores a validated article not found in the index a moment ago. The store refuses an id it
   * holds (its unique id), so should another caller have recorded it meanwhile, the answer is that
   * record's key and added=false, as record() gives.
   */
  private async storeNew(article: ArticleInput, prep: Prepared): Promise<{ key: number; added: boolean }> {
    try {
      const key = await this.store.putDocument(this.newDocument(article, articleCredits(article.paragraphs, prep)), this.unitRecords(prep), prep.fingerprint.slice(1));
      this.stored(key, prep);
      return { key, added: true };
    } catch (e) {
      // Another caller recorded the same id meanwhile (several tabs at once): not an error.
      const again = await this.store.getDocumentById(article.id);
      if (again) return { key: again.key, added: false };
      throw e;
    }
  }

  /**
   * A recorded article's preparation kept as a source (the articles just recorded are the likeliest
   * sources of the next ones checked), without its band keys, which a source does not need.
   */
  private stored(key: number, prep: Prepared): void {
    this.unitKeys.forget(prep);
    this.sources.remember(key, prep);
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

  /**
   * check(), and the record of the same article for later: `record()` stores it with the check's
   * preparation and band keys rather than making them again (the extension shows the report, then
   * records). It does not look the id up first, for a caller that has just done so; a duplicate id
   * is refused by the store and answered added=false.
   */
  async checkThenRecord(input: ArticleInput): Promise<{ report: Report; record: () => Promise<{ key: number; added: boolean }> }> {
    const article = validateArticle(input);
    const prep = prepareArticle(article.title, article.paragraphs, this.options.shingle);
    const report = await this.checkPrepared(article, prep);
    return { report, record: () => this.storeNew(article, prep) };
  }

  /** Reports which passages of `article` appeared earlier in other outlets' indexed articles. Does not modify the index. */
  async check(input: ArticleInput): Promise<Report> {
    const article = validateArticle(input);
    return this.checkPrepared(article, prepareArticle(article.title, article.paragraphs, this.options.shingle));
  }

  /**
   * Reports a stored document against the rest of the index, as check() would report it arriving
   * now: its own record is left out (check() finds it by its id), so its sources are the earlier
   * articles of other outlets and its reusers the later ones. Undefined when no document has `key`.
   */
  async checkStored(key: number): Promise<Report | undefined> {
    const [doc] = await this.store.getDocuments([key]);
    return doc ? this.check(storedArticle(doc)) : undefined;
  }

  /** check(); with `record`, also records the article (not yet stored) through putDocumentAndLookup. */
  private async checkPrepared(article: ArticleInput, q: Prepared, record = false): Promise<Report> {
    const o = this.options;
    const myOutlet = outletKey(article.outlet);
    // Asked together: each is a round trip to the store, and none needs another's answer. The
    // counts are of the furniture: paragraphs this outlet prints in other articles too (skipped, as
    // is the title).
    const [self, stats, counts] = await Promise.all([
      record ? undefined : this.store.getDocumentById(article.id),
      this.store.stats(),
      this.store.fingerprintCounts(myOutlet, q.fingerprint.subarray(1)),
    ]);
    const indexSize = stats.documents;
    const myTime = parseTime(article.published) ?? parseTime(article.firstSeen) ?? (self ? self.published ?? self.firstSeen : Date.now());
    const { skip, boilerplate } = checkedFurniture(q, counts, self && self.outletKey === myOutlet ? 1 : 0, o);

    // Candidates from the LSH index, aligned.
    let hits: Map<number, number>;
    let ownCredits: Credit[] | undefined; // the article's credits, found for its record
    if (record) {
      const { records } = this.unitKeys.of(q);
      ownCredits = articleCredits(article.paragraphs, q);
      let put: { key: number; hits: Map<number, number> };
      try {
        put = await this.store.putDocumentAndLookup!(this.newDocument(article, ownCredits), records, q.fingerprint.slice(1), lookupFlags(records, skip));
      } catch (e) {
        // Another caller recorded the same id meanwhile (several tabs at once): check against it.
        if (await this.store.getDocumentById(article.id)) return this.checkPrepared(article, q);
        throw e;
      }
      this.stored(put.key, q);
      hits = put.hits;
    } else {
      const keys = lookupKeys(this.unitKeys.of(q), skip, o.bands);
      hits = keys.length ? await this.store.lookup(keys) : new Map<number, number>();
    }
    if (self) hits.delete(self.key);
    // The outlet's own earlier articles are candidates too: its earlier text is its own.
    const docs = (await this.store.getDocuments(rankCandidates(hits, o.maxCandidates))).filter((d) => d.id !== article.id);
    const candidates = await alignCandidates(this.store, this.sources, q, skip, docs, this.alignOptions, o);
    const { earlier, later } = byTime(candidates, myTime);

    // Passages from the closest sources, the outlet's own earlier text, credits (never for a quote:
    // a quotation is attributed to its speaker), and the shares.
    const { passages, own } = attribute(q, earlier, o, myOutlet, skip);
    const byId = new Map(docs.map((d) => [d.id, d]));
    const credits = creditPassages(article.paragraphs, q, passages, (id) => {
      const d = byId.get(id);
      return d ? storedCredits(d) : [];
    }, ownCredits);
    for (const p of passages) if (p.kind === 'quote' && p.credited) {
      p.credited = false;
      delete p.creditedVia;
    }
    const laterOthers = later.filter((c) => c.doc.outletKey !== myOutlet);
    const { copiedShare, quotedShare, sources, reusedBy, textChars } = shares(article.paragraphs, q, skip, passages, laterOthers, article.outlet, o.quoteShare, own.length);
    const report: Report = {
      id: article.id,
      outlet: article.outlet,
      url: article.url,
      title: article.title,
      published: article.published,
      firstSeen: article.firstSeen ?? (self ? isoTime(self.firstSeen) : undefined),
      paragraphs: article.paragraphs.length,
      copiedShare,
      quotedShare,
      passages,
      sources,
      reusedBy,
      ...ownEarlier(q, textChars, own),
      earliest: passages.length === 0 && own.length === 0 && reusedBy.length > 0,
      boilerplate,
      credits,
      indexSize,
    };
    markClaimedTimes(report);
    return report;
  }
}
