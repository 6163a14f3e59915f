/**
 * `npm run bench:compare -- REV [REPS]`: the engine at git revision REV against the working tree, in
 * one process, alternating (old, new, new, old, ...) so both see the same machine minute by minute.
 * This machine's speed drifts by 2x between days and 10-20% within minutes; only a side-by-side run
 * tells whether a change made the engine faster. Prints medians and minima over REPS repetitions of:
 *  - the whole job of section 2 (Reuters as the CLI reads it, 2,000 stories recorded, then 150 fresh stories and
 *    150 edited copies checked and recorded), per 1,000 words: record-only, fresh, edited;
 *  - the MemoryStore alone: 4,000 stories' units inserted, 2,000 stories' keys looked up;
 *  - findCredits over every article of the news clusters and BBC corpora, and findQuoteSpans over
 *    each of their paragraphs;
 *  - prepareArticle (tokens and shingle hashes) of 3,000 Reuters stories.
 * Identical code measured this way differs by up to ~4% in median (~10% for look-ups alone):
 * smaller differences are noise.
 * REV's src/engine is extracted with `git archive` into a temporary directory (it has no imports
 * outside itself), so this needs a git checkout.
 */
import * as newCredits from '../../src/engine/credits';
import * as newEngine from '../../src/engine/engine';
import * as newStore from '../../src/engine/memory-store';
import * as newQuotes from '../../src/engine/quotes';
import * as newPrepare from '../../src/engine/prepare';
import { engineAt } from './engine-at';
import { loadReuters } from './reuters';
import { throughputJob, type Query } from './throughput';
import { median, now, readJsonl, sharedPath } from './util';

const [rev, repsArg] = process.argv.slice(2);
if (!rev) {
  console.error('usage: npm run bench:compare -- REV [REPS]   (REV: a git revision, e.g. HEAD~3)');
  process.exit(2);
}
const reps = Number(repsArg ?? 10);
if (!Number.isInteger(reps) || reps < 1) {
  console.error(`REPS must be a positive integer, got ${repsArg}`);
  process.exit(2);
}

const load = engineAt(rev);
const old = { engine: (await load('engine.ts')) as typeof newEngine, store: (await load('memory-store.ts')) as typeof newStore, credits: (await load('credits.ts')) as typeof newCredits, quotes: (await load('quotes.ts')) as typeof newQuotes, prepare: (await load('prepare.ts')) as typeof newPrepare };
const cur = { engine: newEngine, store: newStore, credits: newCredits, quotes: newQuotes, prepare: newPrepare };
type Version = typeof cur;

// The job of section 2 (scripts/bench/throughput.ts), paragraphs as the CLI reads them.
const { preload, preloadWords: wPre, queries: jobQueries } = await throughputJob({ preload: 2000, queries: 150, minWords: 300, editRate: 0.05, reflow: true });
const sumWords = (kind: Query['kind']) => jobQueries.reduce((n, q) => n + (q.kind === kind ? q.words : 0), 0);
const wFresh = sumWords('fresh');
const wEdited = sumWords('edited');

async function job(v: Version) {
  const e = await v.engine.Engine.open(new v.store.MemoryStore());
  let t = now();
  for (const a of preload) await e.record(a);
  const pre = now() - t;
  let fresh = 0;
  let copies = 0;
  for (const q of jobQueries) {
    t = now();
    await e.checkAndRecord(q.article);
    if (q.kind === 'fresh') fresh += now() - t;
    else copies += now() - t;
  }
  return { record: (pre * 1000) / wPre, fresh: (fresh * 1000) / wFresh, edited: (copies * 1000) / wEdited };
}

// The store alone, on the units of 6,000 stories; prepare alone, on the first 3,000.
const stories = await loadReuters(() => 'R', 6000, true);
const storyUnits = await (async () => {
  const e = await newEngine.Engine.open(new newStore.MemoryStore());
  return stories.map((a) => ({ doc: e.newDocument(a), units: e.unitRecords(newPrepare.prepareArticle(a.title, a.paragraphs, e.options.shingle)) }));
})();
async function store(v: Version) {
  const s = new v.store.MemoryStore();
  await s.setParams(newEngine.indexParams(newEngine.defaultOptions));
  let t = now();
  for (const x of storyUnits.slice(0, 4000)) await s.putDocument(x.doc, x.units, new Uint32Array(0));
  const put = now() - t;
  t = now();
  for (const x of storyUnits.slice(4000)) {
    const keys = new Uint32Array(x.units.reduce((n, u) => n + u.bandKeys.length, 0));
    let at = 0;
    for (const u of x.units) {
      keys.set(u.bandKeys, at);
      at += u.bandKeys.length;
    }
    await s.lookup(keys);
  }
  return { insertMs: put, lookupMs: now() - t };
}

// findCredits and findQuoteSpans on real news text.
const articles: string[][] = [];
for (const r of await readJsonl<{ paragraphs: string[] }>(sharedPath('corpora/news-clusters-dev.jsonl.gz'))) articles.push(r.paragraphs);
for (const r of await readJsonl<{ paragraphs?: string[]; text?: string }>(sharedPath('corpora/bbc-news-2004.jsonl.gz'))) articles.push(r.paragraphs ?? String(r.text).split(/\n+/));
function parts(v: Version) {
  let t = now();
  for (const a of articles) v.credits.findCredits(a);
  const creditsMs = now() - t;
  t = now();
  for (const a of articles) for (const p of a) v.quotes.findQuoteSpans(p);
  const quotesMs = now() - t;
  t = now();
  for (const a of stories.slice(0, 3000)) v.prepare.prepareArticle(a.title, a.paragraphs, newEngine.defaultOptions.shingle);
  return { creditsMs, quotesMs, prepareMs: now() - t };
}

const runs: Record<'old' | 'new', Array<Record<string, number>>> = { old: [], new: [] };
for (let r = 0; r <= reps; r++) {
  for (const name of r % 2 ? (['new', 'old'] as const) : (['old', 'new'] as const)) {
    const v = name === 'old' ? (old as Version) : cur;
    const m = { ...(await job(v)), ...(await store(v)), ...parts(v) };
    if (r > 0) runs[name].push(m); // repetition 0 warms both up
  }
}
// The job again, paired query by query: both engines pre-loaded side by side, each query checked
// and recorded by one then the other (the order alternating), so both see the machine of the same
// millisecond. The machine's speed drifts between repetitions far more than these ratios do.
const paired: Record<Query['kind'], number[]> = { fresh: [], edited: [] };
const pairedTotals: Record<Query['kind'], number[]> = { fresh: [], edited: [] };
for (let r = 0; r <= Math.max(2, Math.ceil(reps / 2)); r++) {
  const eo = await old.engine.Engine.open(new old.store.MemoryStore());
  const en = await cur.engine.Engine.open(new cur.store.MemoryStore());
  for (const a of preload) {
    await eo.record(a);
    await en.record(a);
  }
  const tot = { fresh: [0, 0], edited: [0, 0] };
  for (let i = 0; i < jobQueries.length; i++) {
    const q = jobQueries[i];
    const dt = [0, 0];
    for (const which of (i + r) % 2 ? [1, 0] : [0, 1]) {
      const t = now();
      await (which ? en : eo).checkAndRecord(q.article);
      dt[which] = now() - t;
    }
    if (r === 0) continue; // repetition 0 warms both up
    paired[q.kind].push(dt[1] / dt[0]);
    tot[q.kind][0] += dt[0];
    tot[q.kind][1] += dt[1];
  }
  if (r > 0) for (const k of ['fresh', 'edited'] as const) pairedTotals[k].push(tot[k][1] / tot[k][0]);
}

const unit: Record<string, string> = { record: 'ms / 1k words', fresh: 'ms / 1k words', edited: 'ms / 1k words', insertMs: 'ms', lookupMs: 'ms', creditsMs: 'ms', quotesMs: 'ms', prepareMs: 'ms' };
console.log(`src/engine at ${rev} (old) vs the working tree (new), ${reps} repetitions each, alternating\n`);
console.log('| measure | old median | new median | new / old | old min | new min | new / old |');
console.log('| --- | --- | --- | --- | --- | --- | --- |');
for (const k of Object.keys(unit)) {
  const o = runs.old.map((m) => m[k]);
  const n = runs.new.map((m) => m[k]);
  const f = (x: number) => x.toFixed(3);
  console.log(`| ${k} (${unit[k]}) | ${f(median(o))} | ${f(median(n))} | ${(median(n) / median(o)).toFixed(3)} | ${f(Math.min(...o))} | ${f(Math.min(...n))} | ${(Math.min(...n) / Math.min(...o)).toFixed(3)} |`);
}
console.log(`\nPaired query by query (${pairedTotals.fresh.length} repetitions): new / old time, median over the queries; median over repetitions of the total's ratio\n`);
console.log('| kind | per-query ratio, median | total ratio, median | total ratio, range |');
console.log('| --- | --- | --- | --- |');
for (const k of ['fresh', 'edited'] as const) {
  const t = pairedTotals[k];
  console.log(`| ${k} | ${median(paired[k]).toFixed(3)} | ${median(t).toFixed(3)} | ${Math.min(...t).toFixed(3)}-${Math.max(...t).toFixed(3)} |`);
}
