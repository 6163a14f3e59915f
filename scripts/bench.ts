/**
 * `npm run bench` (`-- --quick` for a ~1 minute run, `-- --engine-only` without sections 6 and 7): speed and size of the provenance engine,
 * side by side with the `minhash` npm package (0.0.9) as the baseline. Prints Markdown tables, writes
 * them to docs/benchmarks.md (not for --quick or --no-doc; scripts/doc-page.ts) and the same numbers
 * as JSON to bench-results/engine.json.
 *
 * Design notes
 * - Real text only, read at run time from ../shared/corpora (never copied into the repository):
 *   BBC News 2004 paragraphs for signatures and the S-curve, Reuters-21578 for throughput and scale.
 * - Same shingles for both hashers: the engine's word 4-grams; the engine gets their 32-bit hashes,
 *   the package gets the "w1 w2 w3 w4" strings (it hashes strings itself). Exact Jaccard on strings.
 * - Timings: a warm-up pass first; per item the mean of several repetitions; medians over items.
 *   Per-article times are normalised per 1,000 words (the engine's own token count).
 * - Check-and-index (section 2) runs on a fresh MemoryStore pre-loaded with 2,000 Reuters stories
 *   per repetition, because checkAndRecord grows the store. A staged replica of check (prepare,
 *   signatures, look-up and store in one pass as checkAndRecord does, candidate prepare, align)
 *   shows where the time goes.
 * - The package "engine" does the same units (paragraphs + 40-word windows), a Minhash per unit,
 *   a guarded LshIndex query (its query throws on bands never inserted) and insert, bandSize 3
 *   (43 bands); it does no alignment, so the speed ratio against it is conservative.
 * - The whole-corpus audit (sections 3, 4) runs in a child process so peak RSS is its own; Reuters
 *   text is split into paragraphs as the CLI does (articleFromJson: blank lines or newlines). With
 *   one outlet for every story nothing is reported (same-outlet matches are excluded), so it also
 *   runs with one outlet per story, where every candidate is aligned (an upper bound). When the CLI
 *   exists (cli/main.ts) the full `wiretrace audit --json` run is timed under /usr/bin/time -v.
 * - Sections 2-4 import the engine dynamically: if it cannot load yet, they are reported as skipped.
 * - Section 6 (scripts/bench/browser.ts) measures the built extension in Debian's Chromium: import of
 *   real BBC and Reuters articles through the importIndex protocol, popup-to-report at 1,000 and
 *   10,000 articles (1,000 only with --quick; right after the import and 30 s later), the first popup
 *   after the worker stops, recording one article, IndexedDB bytes per paragraph.
 *   It builds dist/chrome-test first when that is missing or stale, and is skipped only without
 *   /usr/bin/chromium. The machine's load average is printed (the numbers move with it).
 * - Section 7 (scripts/bench/firefox.ts) measures the built add-on in Firefox ESR the same way, at
 *   1,000 and 10,000 articles: import, bytes a paragraph, popups over pages never checked, clear.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { bandsFor, candidateProbability } from '../src/engine/lsh';
import { pkgVersion } from './bench/minhash-pkg';
import { runSignatures } from './bench/signatures';
import { invokedAs, writeDocPage } from './doc-page';
import { fmt, machineInfo, mib, now, ROOT, sharedPath, tsxChild, yardstick } from './bench/util';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    cli: { type: 'boolean' },
    'engine-only': { type: 'boolean', default: false },
    'no-doc': { type: 'boolean', default: false },
    out: { type: 'string', default: 'bench-results/engine.json' },
  },
});
const quick = values.quick!;
const runCli = values.cli ?? !quick;

const HASHES = 128;
const BANDS = 42;
const ROWS = 3;
const SEED = 0x5eed;
const SHINGLE = 4;
const TARGET = { checkMsPer1k: 0.5, pkgRatio: 50, auditS: 20, bytesPerParagraph: 600 };

/** What docs/benchmarks.md measures and how to read it (written above the tables). */
const BENCH_INTRO = `
Speed and size of the engine and of the built extension, on real text read at run time from
\`../shared/corpora\` (BBC News 2004 paragraphs, Reuters-21578 stories). Medians unless marked. Ratios
against the \`minhash\` npm package (0.0.9, the baseline) are measured side by side in the same run: the
package does the same units (a Minhash per unit, LshIndex query and insert) in a process of its own,
between the engine's repetitions, on the same articles in the same order. This machine's speed drifts
from minute to minute by up to about 1.3x: the line under the table's title gives the load average and a
fixed loop's speed at start and end, and \`npm run bench:compare -- REV\` compares two revisions side by
side in one process.

1. Signatures: the engine (WebAssembly SIMD kernel in Node; the JavaScript loop the extension runs) and
   the package, per paragraph and per shingle, and the error of their Jaccard estimates.
2. Check + index, per 1,000 words, on 300 Reuters stories of at least 300 words (150 fresh, 150 edited
   copies of indexed stories) against a store pre-loaded with 2,000; where the time goes, from a staged
   replica of the check.
3. The whole Reuters corpus through the CLI and in-process, with peak memory.
4. Index size: bytes per paragraph in the index file and in the memory store's posting table.
5. The LSH S-curve: predicted and measured candidate rates by exact Jaccard.
6. The built extension in Chromium: articles imported through the options page's import path, the popup
   opened on a page checked before and on pages never checked, at 1,000, 10,000 and 100,000 indexed
   articles, and IndexedDB bytes per stored paragraph.
7. The built add-on in Firefox ESR: the same imports at 1,000 and 10,000 articles, bytes per stored
   paragraph, the popup on pages never checked, and *Clear*.
`;

const started = now();
const machine = machineInfo();
const log = (s: string) => process.stderr.write(`[bench ${((now() - started) / 1000).toFixed(0)}s] ${s}\n`);
const loadAtStart = os.loadavg();
const speedAtStart = yardstick();
const results: Record<string, unknown> = { date: new Date().toISOString(), quick, machine, loadAverageAtStart: loadAtStart, minhashPackage: pkgVersion, params: { hashes: HASHES, bands: BANDS, rows: ROWS, shingle: SHINGLE } };

// 1 and 5: signatures, error, S-curve.
log('signatures (BBC paragraph pairs)');
const sig = await runSignatures({
  paragraphs: quick ? 200 : 1500,
  rates: [0.02, 0.05, 0.1, 0.2, 0.3, 0.4],
  hashes: HASHES,
  bands: BANDS,
  rows: ROWS,
  seed: SEED,
  shingle: SHINGLE,
  engineReps: 20,
  pkgReps: 2,
});
results.signatures = sig;

// 2-4 need the whole engine.
type Throughput = Awaited<ReturnType<typeof import('./bench/throughput').runThroughput>>;
let tp: Throughput | undefined;
let tpReflow: Throughput | undefined;
let engineError: string | undefined;
try {
  const { runThroughput } = await import('./bench/throughput');
  log('check and index (Reuters with every line a paragraph, pre-loaded MemoryStore)');
  const tpOpts = quick
    ? { preload: 500, queries: 30, minWords: 300, reps: 1, editRate: 0.05, reflow: false }
    : { preload: 2000, queries: 150, minWords: 300, reps: 3, editRate: 0.05, reflow: false };
  tp = await runThroughput(tpOpts);
  log('check and index, Reuters as the CLI reads it (hard-wrapped lines joined into paragraphs)');
  tpReflow = await runThroughput({ ...tpOpts, reflow: true });
  results.checkAndIndex = tp;
  results.checkAndIndexReflowed = tpReflow;
} catch (e) {
  engineError = (e as Error).message;
  log(`engine not runnable: ${engineError}`);
  results.engineError = engineError;
}

interface AuditResult {
  articles: number;
  outlets: string;
  loadMs: number;
  auditMs: number;
  totalMs: number;
  articlesWithPassages: number;
  passages: number;
  reusedBy: number;
  stats: { documents: number; units: number; paragraphs: number };
  peakRssSampled: number;
  maxRss: number;
  postingBytes: number;
  index?: Record<string, number>;
  loadNotes: { stories: number; datesCleaned: number; datesDropped: number; skipped: number };
}
function auditChild(args: string[]): AuditResult | { error: string } {
  return tsxChild<AuditResult>('scripts/bench/audit-child.ts', args);
}
let auditSingle: AuditResult | { error: string } | undefined;
let auditPerStory: AuditResult | { error: string } | undefined;
let auditReflow: AuditResult | { error: string } | undefined;
let cliRun: { wallS?: number; maxRss?: number; status: number | null; error?: string; command: string } | undefined;
const limitArgs = quick ? ['--limit', '3000'] : [];
if (!engineError) {
  log(`whole-corpus audit, one outlet${quick ? ' (3,000 stories)' : ''}`);
  auditSingle = auditChild([...limitArgs, '--outlets', 'single', '--export']);
  log('whole-corpus audit, one outlet per story');
  auditPerStory = auditChild([...limitArgs, '--outlets', 'per-story', '--reflow']);
  log('whole-corpus audit, one outlet, paragraphs as the CLI reads them');
  auditReflow = auditChild([...limitArgs, '--outlets', 'single', '--export', '--reflow']);
  results.audit = { single: auditSingle, perStory: auditPerStory, reflowed: auditReflow };
}
const corpusPath = sharedPath('corpora/reuters21578.jsonl.gz');
const cliCommand = `node bin/wiretrace.js audit ${corpusPath} --json > /dev/null`;
if (runCli && existsSync(resolve(ROOT, 'cli/main.ts'))) {
  log('CLI audit of the whole corpus');
  const t0 = now();
  const r = spawnSync('/usr/bin/time', ['-v', process.execPath, 'bin/wiretrace.js', 'audit', corpusPath, '--json'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 26 });
  const wall = (now() - t0) / 1000;
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr ?? '');
  const exit = /Exit status: (\d+)/.exec(r.stderr ?? '');
  const status = exit ? Number(exit[1]) : r.status;
  cliRun = { command: cliCommand, status, wallS: wall, maxRss: rss ? Number(rss[1]) * 1024 : undefined };
  if (status !== 0) cliRun.error = (r.stderr ?? '').split('\n').filter((l) => l.trim() && !/^\s+\S.*: /.test(l)).slice(-4).join(' | ');
  results.cli = cliRun;
} else {
  results.cli = { skipped: runCli ? 'cli/main.ts does not exist yet' : 'quick run (pass --cli to include it)', command: cliCommand };
}

// 6 and 7: the extension in Chromium, the add-on in Firefox.
type BrowserRow = import('./bench/browser').BrowserRow;
/** A browser's section: its rows, or one row saying it was skipped or why it failed. */
async function browserSection(name: string, what: string, run: () => Promise<BrowserRow[]>): Promise<BrowserRow[]> {
  if (values['engine-only']) return [{ measure: `in ${name}`, value: 'skipped: --engine-only', target: '' }];
  try {
    log(`in ${name}: ${what}`);
    return await run();
  } catch (e) {
    const msg = (e as Error).message.split('\n')[0];
    log(`in ${name} failed: ${msg}`);
    return [{ measure: `in ${name}`, value: `failed: ${msg}`, target: '' }];
  }
}
const browserRows = await browserSection('Chromium', 'import through the extension, popup to report, recording, IndexedDB size', async () =>
  (await import('./bench/browser')).runBrowserBench({ quick, log: (s) => log(`chromium: ${s.trim()}`) }),
);
results.browser = { loadAverageAfter: os.loadavg(), rows: browserRows };
const firefoxRows = await browserSection('Firefox', 'import through the add-on, bytes a paragraph, popup to report, clear', async () =>
  (await import('./bench/firefox')).runFirefoxBench({ quick, log: (s) => log(`firefox: ${s.trim()}`) }),
);
results.firefox = { rows: firefoxRows };
const speedAtEnd = yardstick();
results.yardstick = { start: speedAtStart, end: speedAtEnd };

// Output.
const x = (v: number) => `${fmt(v, 1)}x`;
const ok = (met: boolean) => (met ? 'met' : '**MISSED**');
const lines: string[] = [];
const row = (...cells: string[]) => lines.push(`| ${cells.join(' | ')} |`);
lines.push(`# Wiretrace engine bench${quick ? ' (--quick)' : ''}`, '');
lines.push(`${machine.cpus} x ${machine.cpuModel}, ${machine.memoryGiB} GiB, ${machine.platform}, Node ${machine.node} (V8 ${machine.v8}); minhash package ${pkgVersion}; engine ${HASHES} hashes, ${BANDS}x${ROWS} bands, word ${SHINGLE}-grams. Load average at start (1, 5, 15 min): ${loadAtStart.map((l) => l.toFixed(2)).join(', ')}. Machine speed at start / end (lower is faster; compare runs by it): ${fmt(speedAtStart.loopNs, 2)} / ${fmt(speedAtEnd.loopNs, 2)} ns per iteration of a fixed integer loop, ${fmt(speedAtStart.randomReadNs, 0)} / ${fmt(speedAtEnd.randomReadNs, 0)} ns per random read in 64 MiB.`, '');
row('#', 'measure', 'engine', `minhash ${pkgVersion}`, 'ratio (pkg/engine)', 'target');
row('---', '---', '---', '---', '---', '---');
const s1 = sig.signature;
row('1', `signature, median µs (${sig.texts} BBC paragraphs and edits, median ${sig.medianShingles} shingles)`, fmt(s1.engineMedianUs, 1), fmt(s1.pkgMedianUs, 1), x(s1.ratio), '');
row('1', `signature, ns per shingle (all texts)${s1.engineWasm ? '; the engine here uses its WebAssembly SIMD kernel' : ' (WebAssembly unavailable: JavaScript loop)'}`, fmt(s1.engineNsPerShingle, 0), fmt(s1.pkgNsPerShingle, 0), x(s1.pkgNsPerShingle / s1.engineNsPerShingle), '');
row('1', 'signature in the JavaScript loop (the extension\'s; the same signatures), median µs; ns per shingle', `${fmt(s1.jsMedianUs, 1)}; ${fmt(s1.jsNsPerShingle, 0)}`, '', `${x(s1.pkgMedianUs / s1.jsMedianUs)}; kernel ${x(s1.jsMedianUs / s1.engineMedianUs)} faster than it`, '');
row('1', 'engine prepare (normalise, tokenise, shingle hashes), median µs per paragraph', fmt(s1.enginePrepareMedianUs, 1), '(inside update)', '', '');
const e1 = sig.error;
row('1', `Jaccard estimate bias, mean signed error (${e1.engine.n} pairs incl. unrelated)`, fmt(e1.engine.bias, 4), fmt(e1.pkg.bias, 4), '', '≈ 0');
row('1', 'Jaccard estimate mean absolute error, all pairs', fmt(e1.engine.mae, 4), fmt(e1.pkg.mae, 4), '', '');
row('1', `mean absolute error, edited pairs only (${e1.related.engine.n}); RMSE`, `${fmt(e1.related.engine.mae, 4)}; ${fmt(e1.related.engine.rmse, 4)}`, `${fmt(e1.related.pkg.mae, 4)}; ${fmt(e1.related.pkg.rmse, 4)}`, '', `binomial sd ≈ ${fmt(e1.expectedSd, 3)}`);
function throughputRows(tp: Throughput, label: string) {
  const t = tp.engine;
  row('2', `**${label}**: check + index, median ms per 1,000 words (${tp.queries.fresh + tp.queries.edited} Reuters articles >= ${tp.queries.minWords} words, median ${tp.queries.medianWords}; store pre-loaded with ${tp.preloadArticles})`, fmt(t.medianMsPer1kWords, 3), '', '', `<= ${TARGET.checkMsPer1k} (${ok(t.medianMsPer1kWords <= TARGET.checkMsPer1k)})`);
  row('2', '... fresh stories / edited copies of indexed stories; p90 of all', `${fmt(t.freshMedianMsPer1kWords, 3)} / ${fmt(t.editedMedianMsPer1kWords, 3)}; p90 ${fmt(t.p90MsPer1kWords, 3)}`, '', '', '');
  row('2', '... all of them as one: total time over total words (the two kinds are two clusters, and the median of a 50:50 mix falls in the gap between them)', fmt(t.meanMsPer1kWordsAggregate, 3), '', '', '');
  const cold = t.coldSources;
  row('2', '... with no prepared source kept (room for one article: every candidate prepared again from its text); all, fresh / edited', `${fmt(cold.medianMsPer1kWords, 3)}; ${fmt(cold.freshMedianMsPer1kWords, 3)} / ${fmt(cold.editedMedianMsPer1kWords, 3)}`, '', '', '');
  const pk = tp.pkg;
  if ('error' in pk) row('2', 'check + index with the package', `failed: ${pk.error}`, '', '', '');
  else {
    row('2', `check + index vs the package doing the same units, Minhash + LshIndex query and insert, in a process of its own between the engine's repetitions (all ${pk.queries} articles), median ms per 1,000 words; ratio: median of the per-article ratios, package / engine (p10-p90 ${x(pk.ratioP10)}-${x(pk.ratioP90)})`, fmt(t.medianMsPer1kWords, 3), fmt(pk.medianMsPer1kWords, 2), x(pk.ratio), `>= ${TARGET.pkgRatio}x (${ok(pk.ratio >= TARGET.pkgRatio)})`);
    row('2', 'index only (the pre-load), ms per 1,000 words', fmt(t.indexOnlyMsPer1kWords, 3), fmt(pk.indexOnlyMsPer1kWords, 2), x(pk.indexOnlyRatio), '');
  }
  const st = tp.stagesMsPer1kWords as Record<string, number>;
  const sh = tp.stagesShare as Record<string, number>;
  row('2', 'where the time goes (staged replica, ms per 1,000 words, share)', Object.keys(st).map((k) => `${k} ${fmt(st[k], 3)} (${fmt(100 * sh[k], 0)}%)`).join('; ') + (tp.otherMsPer1kWords >= 0 ? `; rest of check ${fmt(tp.otherMsPer1kWords, 3)}` : `; rest of check not measurable here (the replica's stages sum to ${fmt(-tp.otherMsPer1kWords, 3)} more than the engine's median job)`), '', '', '');
  row('2', 'LSH units per 1,000 words; candidates verified per article (median, mean); articles with passages (fresh, edited)', `${fmt(tp.unitsPer1kWords, 0)}; ${tp.engine.medianCandidates}, ${fmt(tp.engine.meanCandidates, 1)}; ${t.queriesWithPassages.fresh}/${tp.queries.fresh}, ${t.queriesWithPassages.edited}/${tp.queries.edited}`, '', '', '');
}
if (tp) {
  if (tpReflow) throughputRows(tpReflow, 'Reuters as the CLI reads it (hard-wrapped lines joined into their paragraphs)');
  throughputRows(tp, 'Reuters with every hard-wrapped line a paragraph (twice the units)');
} else row('2-4', 'engine', `skipped: ${engineError}`, '', '', '');
const isAudit = (a: unknown): a is AuditResult => !!a && typeof a === 'object' && !('error' in a);
for (const [label, a] of [['one outlet ("Reuters"), paragraphs as the CLI reads them', auditReflow], ['one outlet per story (every candidate aligned), paragraphs as the CLI reads them', auditPerStory], ['one outlet, every hard-wrapped line a paragraph', auditSingle]] as const) {
  if (!a) continue;
  if (!isAudit(a)) {
    row('3', `audit, ${label}`, `failed: ${a.error}`, '', '', '');
    continue;
  }
  row('3', `whole-corpus audit in-process, ${label}: ${a.articles} stories, ${a.stats.paragraphs} paragraphs; wall s (load + check&index)`, `${fmt(a.totalMs / 1000, 1)} (${fmt(a.loadMs / 1000, 1)} + ${fmt(a.auditMs / 1000, 1)})`, '', '', `<= ${TARGET.auditS} s (${ok(a.totalMs / 1000 <= TARGET.auditS)})`);
  row('3', `... peak RSS; articles with passages, passages`, `${mib(a.maxRss)}; ${a.articlesWithPassages}, ${a.passages}`, '', '', '');
}
if (cliRun) row('3', `CLI: \`${cliRun.command}\` wall s, peak RSS`, cliRun.status === 0 ? `${fmt(cliRun.wallS, 1)}, ${mib(cliRun.maxRss ?? NaN)}` : `failed (exit ${cliRun.status}): ${cliRun.error}`, '', '', `<= ${TARGET.auditS} s${cliRun.status === 0 ? ` (${ok(cliRun.wallS! <= TARGET.auditS)})` : ''}`);
else row('3', 'CLI audit', `skipped: ${(results.cli as { skipped: string }).skipped}`, '', '', '');
if (isAudit(auditSingle)) {
  const n = auditSingle.loadNotes;
  row('3', 'Reuters loading notes', `${n.stories} stories; ${n.datesCleaned} dates had junk after the time (articleFromJson rejects them as they are: cut to the time here); ${n.datesDropped} dropped; ${n.skipped} skipped`, '', '', '');
}
for (const [label, a] of [['paragraphs as the CLI reads them', auditReflow], ['every line a paragraph', auditSingle]] as const) {
  if (!isAudit(a) || !a.index) continue;
  const ix = a.index;
  row('4', `${label}: index file bytes beyond the text JSON, per paragraph (${mib(ix.bytes)} file, ${fmt(ix.unitsPerParagraph, 2)} units per paragraph)`, `${fmt(ix.beyondTextPerParagraph, 0)} (units + fingerprints ${fmt(ix.unitsAndFingerprintsPerParagraph, 0)}; per unit ${fmt(ix.beyondTextPerUnit, 0)})`, '', '', `<= ${TARGET.bytesPerParagraph} (${ok(ix.beyondTextPerParagraph <= TARGET.bytesPerParagraph)})`);
  row('4', 'in-memory posting table bytes per paragraph (postingBytes / paragraphs)', `${fmt(ix.postingBytesPerParagraph, 0)} (per unit ${fmt(ix.postingBytesPerUnit, 0)})`, '', '', `<= ${TARGET.bytesPerParagraph} (${ok(ix.postingBytesPerParagraph <= TARGET.bytesPerParagraph)})`);
}
const half = Math.pow(1 - Math.pow(0.5, 1 / BANDS), 1 / ROWS);
const chosen = bandsFor(0.25, HASHES);
row('5', `LSH ${BANDS}x${ROWS}: P(candidate) = 0.5 at s`, fmt(half, 3), '', '', `bandsFor(0.25, ${HASHES}) = ${chosen.bands}x${chosen.rows}`);

lines.push('', `## 5. S-curve, ${BANDS} bands x ${ROWS} rows: P(candidate) = 1 - (1 - s^${ROWS})^${BANDS}`, '');
lines.push(`| s | ${sig.scurve.theory.map((t) => t.s).join(' | ')} |`);
lines.push(`| --- | ${sig.scurve.theory.map(() => '---').join(' | ')} |`);
lines.push(`| P | ${sig.scurve.theory.map((t) => fmt(t.p, 4)).join(' | ')} |`);
lines.push('', `Measured on ${sig.pairs} BBC paragraph pairs (edits at ${[0.02, 0.05, 0.1, 0.2, 0.3, 0.4].join(', ')} and unrelated), by exact Jaccard of their 4-gram sets:`, '');
lines.push('| exact Jaccard | pairs | mean J | candidate rate measured | predicted (mean of P(J)) |', '| --- | --- | --- | --- | --- |');
for (const b of sig.scurve.buckets) lines.push(`| ${b.from.toFixed(1)}-${b.to.toFixed(1)} | ${b.pairs} | ${fmt(b.meanExact, 3)} | ${fmt(b.measured, 3)} | ${fmt(b.predicted, 3)} |`);
lines.push('', 'Jaccard estimate error by edit rate (bias / MAE):', '', '| pairs | mean exact J | engine bias | engine MAE | package bias | package MAE |', '| --- | --- | --- | --- | --- | --- |');
for (const k of sig.error.byKind) lines.push(`| ${k.kind} (${k.pairs}) | ${fmt(k.meanExact, 3)} | ${fmt(k.engine.bias, 4)} | ${fmt(k.engine.mae, 4)} | ${fmt(k.pkg.bias, 4)} | ${fmt(k.pkg.mae, 4)} |`);
lines.push('', `## 6. In Chromium (the built extension, dist/chrome-test, in headless /usr/bin/chromium)`, '');
lines.push('| # | measure | value | target |', '| --- | --- | --- | --- |');
for (const r of browserRows) lines.push(`| 6 | ${r.measure.replace(/\|/g, '\\|')} | ${r.value.replace(/\|/g, '\\|')} | ${r.target} |`);
lines.push('', `## 7. In Firefox (the built add-on, dist/firefox, in headless /usr/bin/firefox-esr)`, '');
lines.push('| # | measure | value | target |', '| --- | --- | --- | --- |');
for (const r of firefoxRows) lines.push(`| 7 | ${r.measure.replace(/\|/g, '\\|')} | ${r.value.replace(/\|/g, '\\|')} | ${r.target} |`);
const totalS = (now() - started) / 1000;
lines.push('', `Bench took ${fmt(totalS, 0)} s. JSON: ${values.out}`);
results.benchSeconds = totalS;
results.scurveCheck = { pHalf: half, bandsFor025: chosen, p: [0.1, 0.2, 0.3, 0.4, 0.5].map((s) => candidateProbability(s, BANDS, ROWS)) };

const outPath = resolve(ROOT, values.out!);
mkdirSync(resolve(outPath, '..'), { recursive: true });
writeFileSync(outPath, JSON.stringify(results, null, 2) + '\n');
console.log(lines.join('\n'));
if (!quick && !values['no-doc']) {
  const out = writeDocPage({ path: 'docs/benchmarks.md', title: 'Benchmarks', command: invokedAs('bench'), intro: BENCH_INTRO, body: lines.slice(2).join('\n') });
  console.log(`\nWritten to ${out}`);
}
