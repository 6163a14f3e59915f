/**
 * Made-up articles in bulk for the attack tests: distinct prose of pseudo-words (seeded, so every run
 * writes the same bytes), one JSON Lines corpus line each. No two articles share a sentence, so the
 * engine's work per article stays that of ordinary news.
 */

/** mulberry32: a small seeded generator. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = ['ka', 'lo', 'mer', 'tan', 'vis', 'dor', 'pel', 'ru', 'sen', 'qua', 'bri', 'nod', 'hal', 'tes', 'gor', 'win', 'fa', 'zel', 'mon', 'ith'];

/** A paragraph of `words` pseudo-words. */
export function prose(rand: () => number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) {
    const n = 1 + Math.floor(rand() * 3);
    let w = '';
    for (let j = 0; j < n; j++) w += SYLLABLES[Math.floor(rand() * SYLLABLES.length)];
    out.push(w);
  }
  return `${out.join(' ')}.`;
}

/** `count` corpus lines with ids `${prefix}-0`, `${prefix}-1`, ...: 4 paragraphs of 30 words each. */
export function corpusLines(prefix: string, count: number, seed = 1): string[] {
  const rand = generator(seed);
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const paragraphs = [prose(rand, 30), prose(rand, 30), prose(rand, 30), prose(rand, 30)];
    lines.push(JSON.stringify({ id: `${prefix}-${i}`, outlet: `Outlet ${prefix}`, title: prose(rand, 6), paragraphs }));
  }
  return lines;
}
