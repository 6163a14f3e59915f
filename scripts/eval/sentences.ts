/**
 * Partial reuse: one sentence of an indexed BBC 2004 article copied, word for word, into the middle
 * of a long paragraph (40+ words) of another BBC article that is not indexed, under another outlet.
 * Measures the share of such sentences the engine reports with their source (the article the
 * sentence was taken from, or another indexed article holding the same sentence word for word: the
 * corpus repeats some articles and sentences), by sentence length. A sentence is found when a unit
 * of the new paragraph shares a band key with the source paragraph (a 40-word window: about Jaccard
 * 0.25-0.35 for a 15-word sentence) or an anchor (anchors.ts: any 15 words outside quotation marks),
 * and a passage also needs 12 words in shared 4-grams.
 */
import { Engine, type EngineOptions } from '../../src/engine/engine';
import { prng } from '../../src/engine/hash';
import { MemoryStore } from '../../src/engine/memory-store';
import { readJsonl, requireShared } from './read';

interface Bbc { id: string; title: string; paragraphs: string[] }

const BUCKETS: Array<[string, number, number]> = [
  ['12-14', 12, 14],
  ['15-19', 15, 19],
  ['20-29', 20, 29],
  ['30-40', 30, 40],
];

export async function evaluateSentences(options: Partial<EngineOptions>, trials = 1500): Promise<Array<{ words: string; found: number; total: number }>> {
  const rows = await readJsonl<Bbc>(requireShared('corpora/bbc-news-2004.jsonl.gz'));
  const indexed = rows.slice(0, 1000);
  const hosts = rows.slice(1500).flatMap((r) => r.paragraphs).filter((p) => p.split(/\s+/).length >= 40);
  const engine = await Engine.open(new MemoryStore(), options);
  for (const r of indexed) await engine.record({ id: `bbc-${r.id}`, outlet: 'BBC News', title: r.title, paragraphs: r.paragraphs, published: '2005-01-01T00:00:00Z' });
  const rnd = prng(2011);
  const pick = <T>(xs: T[]) => xs[rnd() % xs.length];
  const counts = new Map(BUCKETS.map(([k]) => [k, { found: 0, total: 0 }]));
  for (let i = 0; i < trials; i++) {
    const src = pick(indexed);
    const sentences = src.paragraphs
      .flatMap((p) => p.match(/[^.!?]+[.!?]+(?=\s|$)/g) ?? [])
      .map((s) => s.trim())
      .filter((s) => {
        const w = s.split(/\s+/).length;
        return w >= 12 && w <= 40;
      });
    if (!sentences.length) continue;
    const sentence = pick(sentences);
    const words = sentence.split(/\s+/).length;
    const host = pick(hosts).split(/\s+/);
    const cut = host.length >> 1;
    const paragraph = [...host.slice(0, cut), sentence, ...host.slice(cut)].join(' ');
    const report = await engine.check({ id: `q${i}`, outlet: 'Other Outlet', published: '2006-01-01T00:00:00Z', paragraphs: [paragraph] });
    const bucket = BUCKETS.find(([, lo, hi]) => words >= lo && words <= hi)![0];
    const c = counts.get(bucket)!;
    c.total++;
    const holders = new Set(indexed.filter((r) => r === src || r.paragraphs.some((p) => p.includes(sentence))).map((r) => `bbc-${r.id}`));
    if (report.passages.some((p) => holders.has(p.source.id))) c.found++;
  }
  return BUCKETS.map(([k]) => ({ words: k, ...counts.get(k)! }));
}
