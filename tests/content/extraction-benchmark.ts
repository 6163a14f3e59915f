/**
 * Word-level recall and precision of extractArticle's paragraphs against the gold articleBody of
 * the real pages in ../shared/pages/article-extraction-benchmark.
 *
 *   npx tsx tests/content/extraction-benchmark.ts          # the 20-page sample the test uses
 *   npx tsx tests/content/extraction-benchmark.ts --all    # all 181 pages
 */
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { extractArticle } from '../../src/extract/extract-article';
import { pageDocument } from './linkedom-doc';

export const BENCH_DIR = resolve(import.meta.dirname, '../../../shared/pages/article-extraction-benchmark');

export interface PageScore {
  id: string;
  status: string;
  recall: number;
  precision: number;
  goldWords: number;
}

function words(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const w of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) counts.set(w, (counts.get(w) ?? 0) + 1);
  return counts;
}

function total(counts: Map<string, number>): number {
  let n = 0;
  for (const c of counts.values()) n += c;
  return n;
}

/** Multiset overlap of words: recall over gold, precision over extracted. */
export function wordOverlap(gold: string, extracted: string): { recall: number; precision: number } {
  const g = words(gold);
  const e = words(extracted);
  let common = 0;
  for (const [w, c] of e) common += Math.min(c, g.get(w) ?? 0);
  const gt = total(g);
  const et = total(e);
  return { recall: gt ? common / gt : 1, precision: et ? common / et : 0 };
}

/** Page ids in a fixed order; `sample` takes every k-th for a spread-out, reproducible sample. */
export function benchmarkIds(sample?: number): string[] {
  const ids = readdirSync(resolve(BENCH_DIR, 'html'))
    .filter((f) => f.endsWith('.html.gz'))
    .map((f) => f.replace(/\.html\.gz$/, ''))
    .sort();
  if (!sample || sample >= ids.length) return ids;
  const step = ids.length / sample;
  return Array.from({ length: sample }, (_, i) => ids[Math.floor(i * step)]);
}

export function scorePages(ids: string[]): PageScore[] {
  const truth = JSON.parse(readFileSync(resolve(BENCH_DIR, 'ground-truth.json'), 'utf8')) as Record<string, { articleBody: string; url: string }>;
  return ids.map((id) => {
    const html = gunzipSync(readFileSync(resolve(BENCH_DIR, 'html', `${id}.html.gz`))).toString('utf8');
    const { articleBody, url } = truth[id];
    const result = extractArticle(pageDocument(html, url), { href: url }, { force: true });
    const text = result.status === 'ok' ? result.article.paragraphs.join('\n') : '';
    return { id, status: result.status, goldWords: total(words(articleBody)), ...wordOverlap(articleBody, text) };
  });
}

export function summarise(scores: PageScore[]): { pages: number; meanRecall: number; meanPrecision: number; meanF1: number; medianRecall: number } {
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const f1 = scores.map((s) => (s.recall + s.precision ? (2 * s.recall * s.precision) / (s.recall + s.precision) : 0));
  const recalls = scores.map((s) => s.recall).sort((a, b) => a - b);
  return {
    pages: scores.length,
    meanRecall: mean(scores.map((s) => s.recall)),
    meanPrecision: mean(scores.map((s) => s.precision)),
    meanF1: mean(f1),
    medianRecall: recalls[Math.floor(recalls.length / 2)] ?? 0,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const started = Date.now();
  const scores = scorePages(benchmarkIds(process.argv.includes('--all') ? undefined : 20));
  for (const s of scores) {
    console.log(`${s.id.slice(0, 12)}  ${s.status.padEnd(11)} recall ${s.recall.toFixed(3)}  precision ${s.precision.toFixed(3)}  (${s.goldWords} gold words)`);
  }
  const sum = summarise(scores);
  console.log(
    `\n${sum.pages} pages: mean recall ${sum.meanRecall.toFixed(3)}, mean precision ${sum.meanPrecision.toFixed(3)}, ` +
      `mean F1 ${sum.meanF1.toFixed(3)}, median recall ${sum.medianRecall.toFixed(3)} (${Date.now() - started} ms)`,
  );
}
