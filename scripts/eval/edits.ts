/**
 * Light editing: BBC 2004 paragraphs (../shared) copied into another outlet with words replaced,
 * dropped or inserted at a given rate (seeded). Measures the share of copied paragraphs (15+ words)
 * the engine still flags, for choosing the shingle size: shorter shingles survive more editing,
 * longer ones match fewer stock phrases.
 */
import { Engine, type EngineOptions } from '../../src/engine/engine';
import { prng } from '../../src/engine/hash';
import { MemoryStore } from '../../src/engine/memory-store';
import { readJsonl, requireShared } from './read';

interface Bbc { id: string; title: string; paragraphs: string[] }

function edit(text: string, rate: number, rnd: () => number, vocab: string[]): string {
  const out: string[] = [];
  for (const w of text.split(/\s+/)) {
    const r = rnd() / 2 ** 32;
    if (r < rate / 3) continue; // dropped
    if (r < (2 * rate) / 3) out.push(vocab[rnd() % vocab.length]); // replaced
    else {
      out.push(w);
      if (r < rate) out.push(vocab[rnd() % vocab.length]); // inserted after
    }
  }
  return out.join(' ');
}

export async function evaluateEdits(options: Partial<EngineOptions>, rates: number[], articles = 300): Promise<Array<{ rate: number; recall: number; paragraphs: number }>> {
  const rows = (await readJsonl<Bbc>(requireShared('corpora/bbc-news-2004.jsonl.gz'))).slice(0, articles);
  const vocab = [...new Set(rows.slice(0, 50).flatMap((r) => r.paragraphs.join(' ').toLowerCase().match(/[a-z]+/g) ?? []))];
  const engine = await Engine.open(new MemoryStore(), options);
  for (const r of rows) await engine.record({ id: `bbc-${r.id}`, outlet: 'BBC News', title: r.title, paragraphs: r.paragraphs, published: '2005-01-01T00:00:00Z' });
  const out = [];
  for (const rate of rates) {
    const rnd = prng(Math.round(rate * 1000) + 17);
    let total = 0;
    let found = 0;
    for (const r of rows) {
      const paragraphs = r.paragraphs.map((p) => edit(p, rate, rnd, vocab));
      const report = await engine.check({ id: `copy-${rate}-${r.id}`, outlet: 'Copycat Daily', paragraphs, published: '2005-02-01T00:00:00Z' });
      const flagged = new Set(report.passages.map((p) => p.paragraph));
      paragraphs.forEach((p, i) => {
        if (r.paragraphs[i].split(/\s+/).length < 15) return;
        total++;
        if (flagged.has(i)) found++;
      });
    }
    out.push({ rate, recall: total ? found / total : 0, paragraphs: total });
  }
  return out;
}
