/**
 * Section 2 of the bench: time to check and index one article, per 1,000 words, with a MemoryStore
 * pre-loaded with Reuters stories; the same job with the `minhash` package (pkg-child.ts, in a
 * process of its own, between the engine's repetitions); and a staged replica of the engine's check
 * (prepare, signatures, look-up, candidate preparation, alignment, store) to see where the time goes.
 *
 * Queries (each >= minWords words): "fresh" = the stories that follow the pre-load in date order,
 * under another outlet name (so any Reuters story they repeat is aligned and reported); "edited" =
 * pre-loaded stories with 5% of words replaced or deleted, under a third outlet (every one has a
 * source to find and align).
 *
 * The engine keeps prepared sources within a budget of words (EngineOptions.cacheWords): the 2,000
 * pre-loaded stories fit in it, so their copies find their source prepared. The same job with room
 * for one article (every candidate prepared again from its text) is timed beside it.
 */
import { alignPrepared } from '../../src/engine/align';
import { defaultOptions, Engine, type EngineOptions } from '../../src/engine/engine';
import { MemoryStore } from '../../src/engine/memory-store';
import { prepare, type Prepared } from '../../src/engine/prepare';
import type { ArticleInput } from '../../src/engine/types';
import { editArticle, loadReuters } from './reuters';
import { mean, median, now, quantile, rng, shuffle, sum, tsxChild } from './util';

export interface ThroughputOptions {
  preload: number;
  queries: number;
  minWords: number;
  reps: number;
  editRate: number;
  /** Reuters as the CLI reads it (hard-wrapped lines joined into paragraphs); false: every line a paragraph. */
  reflow: boolean;
}

export interface Query {
  kind: 'fresh' | 'edited';
  article: ArticleInput;
  words: number;
}

const words = (a: ArticleInput) => prepare(a.paragraphs, defaultOptions.shingle).tokCount;

/** A new engine over a MemoryStore with `preload` recorded, and the milliseconds the recording took. */
export async function preloaded(preload: ArticleInput[], options: Partial<EngineOptions> = {}): Promise<{ engine: Engine; store: MemoryStore; ms: number }> {
  const store = new MemoryStore();
  const engine = await Engine.open(store, options);
  const t0 = now();
  for (const a of preload) await engine.record(a);
  return { engine, store, ms: now() - t0 };
}

/**
 * The articles of the job: the first `preload` Reuters stories in date order, to be recorded first,
 * and the queries in date order (fresh stories that follow them, under another outlet; edited copies
 * of pre-loaded ones, under a third), each with its word count.
 */
export async function throughputJob(o: Pick<ThroughputOptions, 'preload' | 'queries' | 'minWords' | 'editRate' | 'reflow'>) {
  const rand = rng(7);
  const stories = await loadReuters(() => 'Reuters', o.preload + 20 * o.queries, o.reflow);
  const preload = stories.slice(0, o.preload);
  const fresh: Query[] = [];
  for (const a of stories.slice(o.preload)) {
    if (fresh.length >= o.queries) break;
    const w = words(a);
    if (w >= o.minWords) fresh.push({ kind: 'fresh', article: { ...a, id: `fresh-${a.id}`, outlet: 'Wire B' }, words: w });
  }
  const edited: Query[] = [];
  for (const a of shuffle(preload, rand)) {
    if (edited.length >= o.queries) break;
    if (words(a) < o.minWords) continue;
    const paragraphs = editArticle(a, o.editRate, rand);
    const published = new Date(Date.parse(a.published!) + 3600_000).toISOString();
    const article: ArticleInput = { id: `copy-${a.id}`, outlet: 'Copycat', published, paragraphs };
    edited.push({ kind: 'edited', article, words: words(article) });
  }
  const queries = [...fresh, ...edited].sort((x, y) => Date.parse(x.article.published!) - Date.parse(y.article.published!));
  return { preload, preloadWords: sum(preload.map(words)), fresh, edited, queries };
}

export async function runThroughput(o: ThroughputOptions) {
  const { preload, preloadWords, fresh, edited, queries } = await throughputJob(o);

  // Engine: checkAndRecord on a fresh pre-loaded store per repetition; repetition 0 warms up.
  // The package does the same job in a process of its own (pkg-child.ts) between repetitions 1
  // and 2, so the engine's times of each query bracket the package's; each query's ratio is the
  // package's time over the engine's median.
  let pkgRun: PkgRun | undefined;
  const perQuery: number[][] = queries.map(() => []);
  const preloadMs: number[] = [];
  let found = { fresh: 0, edited: 0, passages: 0 };
  for (let rep = 0; rep <= o.reps; rep++) {
    if (rep === 2) pkgRun = pkgChild(o);
    const { engine, ms } = await preloaded(preload);
    if (rep > 0) preloadMs.push(ms);
    const f = { fresh: 0, edited: 0, passages: 0 };
    for (let i = 0; i < queries.length; i++) {
      const t0 = now();
      const report = await engine.checkAndRecord(queries[i].article);
      const dt = now() - t0;
      if (rep > 0) perQuery[i].push(dt);
      if (report.passages.length) f[queries[i].kind]++;
      f.passages += report.passages.length;
    }
    found = f;
  }
  const pkgTimes = pkgRun ?? pkgChild(o); // fewer than two repetitions: after them

  // The same job with no prepared source kept (room for one article): every candidate is prepared
  // again from its text, as the first audit of an index loaded from a file does. With the default
  // budget (engine.options.cacheWords) the whole pre-load stays prepared.
  const coldPerQuery: number[][] = queries.map(() => []);
  for (let rep = 0; rep <= Math.min(3, o.reps); rep++) {
    const { engine } = await preloaded(preload, { cacheWords: 1 });
    for (let i = 0; i < queries.length; i++) {
      const t0 = now();
      await engine.checkAndRecord(queries[i].article);
      if (rep > 0) coldPerQuery[i].push(now() - t0);
    }
  }
  const coldMsPerK = queries.map((q, i) => (median(coldPerQuery[i]) * 1000) / q.words);
  const coldPick = (kind: string) => coldMsPerK.filter((_, i) => queries[i].kind === kind);
  const msPerK = queries.map((q, i) => (median(perQuery[i]) * 1000) / q.words);
  const pick = (kind?: string) => msPerK.filter((_, i) => !kind || queries[i].kind === kind);
  const engineTotalMs = sum(queries.map((_, i) => median(perQuery[i])));
  const totalWords = sum(queries.map((q) => q.words));

  // Staged replica of check + record, on the warm engine code, to see where the time goes.
  // (Like checkAndRecord, the look-up and the insert of a new article are one call, one pass over its band keys.)
  // Four passes, each on a fresh pre-loaded store; the first warms the code up and is not counted
  // (one pass alone was timed partly before the stages' code was optimised); each stage's figure is
  // its median over the other three (a single pass took the collector's pauses wherever they fell).
  const stages = { prepare: 0, signatures: 0, lookupAndStore: 0, candidatePrepare: 0, align: 0 };
  const stagePasses: Record<keyof typeof stages, number[]> = { prepare: [], signatures: [], lookupAndStore: [], candidatePrepare: [], align: [] };
  let candidatesPerQuery: number[] = [];
  let unitCount = 0;
  for (let pass = 0; pass < 4; pass++) {
    if (pass > 1) for (const k of Object.keys(stages) as Array<keyof typeof stages>) stagePasses[k].push(stages[k]);
    for (const k of Object.keys(stages) as Array<keyof typeof stages>) stages[k] = 0;
    candidatesPerQuery = [];
    unitCount = 0;
    const { engine, store } = await preloaded(preload);
    // The engine's cache of prepared sources, as it is after the pre-load (the most recent within
    // its budget of words), replayed here.
    const cache = new Map<number, Prepared>();
    const oo = engine.options;
    let cachedWords = 0;
    const keep = (key: number, p: Prepared) => {
      cache.set(key, p);
      cachedWords += p.tokCount;
      while (cachedWords > oo.cacheWords && cache.size > 1) {
        const [k, old] = cache.entries().next().value!;
        cache.delete(k);
        cachedWords -= old.tokCount;
      }
    };
    for (const a of preload) {
      const d = await store.getDocumentById(a.id);
      if (d) keep(d.key, prepare([d.title ?? '', ...d.paragraphs], oo.shingle));
    }
    for (const q of queries) {
      const a = q.article;
      let t = now();
      const lap = (k: keyof typeof stages) => {
        const n2 = now();
        stages[k] += n2 - t;
        t = n2;
      };
      const prep = prepare(a.paragraphs, oo.shingle);
      lap('prepare');
      const records = engine.unitRecords(prep);
      unitCount += records.length;
      lap('signatures');
      const { hits } = await store.putDocumentAndLookup(engine.newDocument(a), records, prep.fingerprint, new Uint8Array(records.length).fill(1));
      const ranked = [...hits.entries()].sort((x, y) => y[1] - x[1] || x[0] - y[0]).slice(0, oo.maxCandidates).map((e) => e[0]);
      const docs = (await store.getDocuments(ranked)).filter((d) => d.outlet !== a.outlet);
      candidatesPerQuery.push(docs.length);
      lap('lookupAndStore');
      for (const d of docs) {
        let dp = cache.get(d.key);
        if (dp) {
          cache.delete(d.key);
          cache.set(d.key, dp);
        } else {
          dp = prepare([d.title ?? '', ...d.paragraphs], oo.shingle);
          keep(d.key, dp);
        }
        lap('candidatePrepare');
        alignPrepared(prep, dp, { ...oo.align, minWords: oo.minPassageWords });
        lap('align');
      }
    }
  }
  for (const k of Object.keys(stages) as Array<keyof typeof stages>) {
    stagePasses[k].push(stages[k]);
    stages[k] = median(stagePasses[k]);
  }
  const stagedTotal = sum(Object.values(stages));

  const engineMedian = median(msPerK);
  return {
    corpus: 'reuters21578',
    reflow: o.reflow,
    unitsPer1kWords: (unitCount * 1000) / totalWords,
    preloadArticles: preload.length,
    preloadWords,
    queries: { fresh: fresh.length, edited: edited.length, minWords: o.minWords, medianWords: median(queries.map((q) => q.words)), editRate: o.editRate },
    reps: o.reps,
    engine: {
      medianMsPer1kWords: engineMedian,
      p90MsPer1kWords: quantile(msPerK, 0.9),
      freshMedianMsPer1kWords: median(pick('fresh')),
      editedMedianMsPer1kWords: median(pick('edited')),
      meanMsPer1kWordsAggregate: (engineTotalMs * 1000) / totalWords,
      indexOnlyMsPer1kWords: (median(preloadMs) * 1000) / preloadWords,
      freshP90MsPer1kWords: quantile(pick('fresh'), 0.9),
      editedP10MsPer1kWords: quantile(pick('edited'), 0.1),
      queriesWithPassages: found,
      coldSources: { medianMsPer1kWords: median(coldMsPerK), freshMedianMsPer1kWords: median(coldPick('fresh')), editedMedianMsPer1kWords: median(coldPick('edited')) },
      medianCandidates: median(candidatesPerQuery),
      meanCandidates: mean(candidatesPerQuery),
    },
    stagesMsPer1kWords: Object.fromEntries(Object.entries(stages).map(([k, v]) => [k, (v * 1000) / totalWords])),
    stagesShare: Object.fromEntries(Object.entries(stages).map(([k, v]) => [k, v / stagedTotal])),
    otherMsPer1kWords: ((engineTotalMs - stagedTotal) * 1000) / totalWords,
    pkg: pkgSummary(pkgTimes, queries, perQuery, preloadMs, preloadWords),
  };
}

type PkgRun = { preloadMs: number; queryMs: number[] } | { error: string };

/** Runs pkg-child.ts with the job's options: the package's times, or why it failed. */
function pkgChild(o: ThroughputOptions): PkgRun {
  return tsxChild<PkgRun>('scripts/bench/pkg-child.ts', [JSON.stringify(o)]);
}

/** The package's times beside the engine's: per 1,000 words, and per query the ratio of the package's time to the engine's median. */
function pkgSummary(run: PkgRun, queries: Query[], perQuery: number[][], preloadMs: number[], preloadWords: number) {
  if ('error' in run) return run;
  const ratios = queries.map((_, i) => run.queryMs[i] / median(perQuery[i]));
  return {
    queries: run.queryMs.length,
    medianMsPer1kWords: median(queries.map((q, i) => (run.queryMs[i] * 1000) / q.words)),
    /** Median over the queries of (package time / engine's median time). */
    ratio: median(ratios),
    ratioP10: quantile(ratios, 0.1),
    ratioP90: quantile(ratios, 0.9),
    indexOnlyMsPer1kWords: (run.preloadMs * 1000) / preloadWords,
    indexOnlyRatio: run.preloadMs / median(preloadMs),
  };
}
