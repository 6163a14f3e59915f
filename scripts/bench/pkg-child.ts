/**
 * Section 2's baseline in a process of its own: the `minhash` package doing the engine's job (see
 * PkgJob) on the same articles as runThroughput(): it indexes the same pre-load, then checks and
 * indexes each query in the same order, each timed.
 *
 *   node --import tsx scripts/bench/pkg-child.ts '{"preload":2000,"queries":150,...}'
 *
 * Why a process of its own: run in the engine's process, each side pays for the other's garbage
 * and finds the caches full of the other's index (the engine takes about 2.4x longer per query there than
 * alone), so the ratio would measure how the two interfere. runThroughput()
 * runs this between its timed repetitions, so both sides share the machine's minutes.
 * Prints one JSON object on stdout: { preloadMs, queryMs: [per query, in the job's order] }.
 */
import { defaultOptions } from '../../src/engine/engine';
import { PkgJob } from './minhash-pkg';
import { throughputJob, type ThroughputOptions } from './throughput';
import { now } from './util';

const o = JSON.parse(process.argv[2] ?? '{}') as ThroughputOptions;
const { preload, queries } = await throughputJob(o);
const d = defaultOptions;
const job = new PkgJob({ shingle: d.shingle, numPerm: d.hashes, bandSize: d.rows, minUnitWords: d.minUnitWords, windowWords: d.windowWords, maxCandidates: d.maxCandidates });
const t0 = now();
for (const a of preload) job.record(a.paragraphs);
const preloadMs = now() - t0;
const queryMs: number[] = [];
for (const q of queries) {
  const t = now();
  job.checkAndRecord(q.article.paragraphs);
  queryMs.push(now() - t);
}
console.log(JSON.stringify({ preloadMs, queryMs }));
