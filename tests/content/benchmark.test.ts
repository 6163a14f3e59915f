/**
 * Extraction quality on 20 of the 181 real pages in ../shared/pages/article-extraction-benchmark
 * (every 9th page by id). The full run: npx tsx tests/content/extraction-benchmark.ts --all
 */
import { describe, expect, it } from 'vitest';
import { benchmarkIds, scorePages, summarise } from './extraction-benchmark';

describe('extraction benchmark sample', () => {
  it('covers the gold article text of real pages', () => {
    const scores = scorePages(benchmarkIds(20));
    const summary = summarise(scores);
    // Measured 2025: mean recall 0.999, mean precision 0.937 on this sample (0.994 / 0.939 on all 181).
    expect(summary.pages).toBe(20);
    expect(summary.meanRecall).toBeGreaterThanOrEqual(0.95);
    expect(summary.meanPrecision).toBeGreaterThanOrEqual(0.85);
    for (const s of scores) {
      expect(s.status, s.id).toBe('ok');
      expect(s.recall, s.id).toBeGreaterThanOrEqual(0.8);
    }
  }, 60_000);
});
