/**
 * `npm run bench:tradeoff`: what fewer band keys would buy in speed and cost in recall.
 *
 * Much of a fresh story's check + index is per band key: each is looked up, then inserted, in a
 * table far larger than the caches (bench section 2). The default LSH (42 bands of 3 rows over
 * every paragraph and its 40-word windows) has about 1,800 band keys per 1,000 words. This runs the
 * same check + index job as section 2 (Reuters as the CLI reads it, fresh stories and edited copies) and the
 * recall measures of `npm run eval` (news clusters, light editing, single sentences copied into
 * long paragraphs) for the default and for configurations with fewer keys: fewer bands, longer
 * windows, no windows. Speed repetitions alternate the configurations (rotating their order), so
 * the rows are measured side by side in the same minutes.
 *
 * Flags: --reps N (speed repetitions, default 5), --quick (2 repetitions, fewer eval trials).
 */
import { parseArgs } from 'node:util';
import type { EngineOptions } from '../../src/engine/engine';
import { prepareArticle } from '../../src/engine/prepare';
import { evaluateClusters } from '../eval/clusters';
import { evaluateEdits } from '../eval/edits';
import { evaluateSentences } from '../eval/sentences';
import { preloaded, throughputJob } from './throughput';
import { machineInfo, median, now, sum } from './util';

const { values } = parseArgs({ options: { reps: { type: 'string' }, quick: { type: 'boolean', default: false } } });
const quick = values.quick!;
const reps = values.reps ? Number(values.reps) : quick ? 2 : 5;
if (!Number.isInteger(reps) || reps < 1) {
  console.error('--reps takes a whole number of at least 1');
  process.exit(2);
}

/** No windows: longer than any paragraph. */
const NO_WINDOWS = 1e9;
const CONFIGS: Array<{ label: string; options: Partial<EngineOptions> }> = [
  { label: '42x3, windows of 40 (the default)', options: {} },
  { label: '42x3, windows of 80', options: { windowWords: 80 } },
  { label: '42x3, no windows', options: { windowWords: NO_WINDOWS } },
  { label: '21x3, windows of 40', options: { bands: 21 } },
  { label: '32x4, windows of 40', options: { bands: 32, rows: 4 } },
  { label: '21x3, no windows', options: { bands: 21, windowWords: NO_WINDOWS } },
];

const log = (s: string) => process.stderr.write(`${s}\n`);
const job = await throughputJob({ preload: 2000, queries: quick ? 100 : 150, minWords: 300, editRate: 0.05, reflow: true });
const queryWords = sum(job.queries.map((q) => q.words));
log(`tradeoff: ${job.preload.length} stories pre-loaded, ${job.fresh.length} fresh + ${job.edited.length} edited queries; ${CONFIGS.length} configurations x ${reps} repetitions (+1 warm-up)`);

interface Speed {
  perQuery: number[][];
  preloadMs: number[];
  keysPer1k: number;
  unitsPer1k: number;
}
const speed: Speed[] = CONFIGS.map(() => ({ perQuery: job.queries.map(() => []), preloadMs: [], keysPer1k: 0, unitsPer1k: 0 }));

for (let rep = 0; rep <= reps; rep++) {
  for (let j = 0; j < CONFIGS.length; j++) {
    const c = (j + rep) % CONFIGS.length;
    const { engine, ms: preloadMs } = await preloaded(job.preload, CONFIGS[c].options);
    for (let i = 0; i < job.queries.length; i++) {
      const t = now();
      await engine.checkAndRecord(job.queries[i].article);
      const dt = now() - t;
      if (rep > 0) speed[c].perQuery[i].push(dt);
    }
    if (rep === 0) {
      // Units of the queries (the same for every repetition; unitRecords reads no store), untimed.
      let units = 0;
      let keys = 0; // band keys and anchors
      for (const q of job.queries) {
        const records = engine.unitRecords(prepareArticle(q.article.title, q.article.paragraphs, engine.options.shingle));
        units += records.length;
        for (const r of records) keys += r.bandKeys.length;
      }
      speed[c].unitsPer1k = (units * 1000) / queryWords;
      speed[c].keysPer1k = (keys * 1000) / queryWords;
    } else speed[c].preloadMs.push(preloadMs);
  }
  log(`tradeoff: speed repetition ${rep}${rep === 0 ? ' (warm-up)' : ''} done`);
}

const preloadWords = job.preloadWords;
const rows: string[] = [];
for (let c = 0; c < CONFIGS.length; c++) {
  const s = speed[c];
  const perK = job.queries.map((q, i) => (median(s.perQuery[i]) * 1000) / q.words);
  const kind = (k: string) => perK.filter((_, i) => job.queries[i].kind === k);
  const cl = await evaluateClusters(CONFIGS[c].options);
  const edits = await evaluateEdits(CONFIGS[c].options, [0.05, 0.1, 0.2], quick ? 100 : 300);
  const sentences = await evaluateSentences(CONFIGS[c].options, quick ? 500 : 1500);
  log(`tradeoff: accuracy of ${CONFIGS[c].label} done`);
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  rows.push(
    `| ${CONFIGS[c].label} | ${Math.round(s.keysPer1k)} (${s.unitsPer1k.toFixed(0)} units) | ${median(kind('fresh')).toFixed(3)} | ${median(kind('edited')).toFixed(3)} | ${median(perK).toFixed(3)} | ${((median(s.preloadMs) * 1000) / preloadWords).toFixed(3)} | ` +
      `${pct(cl.recall)}; ${pct(cl.falseFlagRate)} | ${edits.map((e) => pct(e.recall)).join(' / ')} | ${sentences.map((x) => pct(x.total ? x.found / x.total : 0)).join(' / ')} |`,
  );
}

const m = machineInfo();
console.log(`# What fewer band keys buy and cost${quick ? ' (--quick)' : ''}\n`);
console.log(`${m.cpus} x ${m.cpuModel}, Node ${m.node}; ${job.preload.length} Reuters stories (as the CLI reads them) pre-loaded; ${job.fresh.length} fresh stories and ${job.edited.length} edited copies (5% of words) of >= 300 words; medians over ${reps} repetitions per query, configurations alternating.\n`);
console.log('| LSH units | band keys per 1,000 words | fresh ms / 1k words | edited ms / 1k words | all ms / 1k words | index only ms / 1k words | news clusters: recall (target 97%); false flags (target 0.5%) | BBC paragraphs flagged at 5 / 10 / 20% of words edited | one sentence in a long paragraph found, 12-14 / 15-19 / 20-29 / 30-40 words |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const r of rows) console.log(r);
