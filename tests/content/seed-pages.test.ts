import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/extract-article';
import { buildSeedPages, escapeHtml } from '../fixtures/seed-pages';
import { pageDocument } from './linkedom-doc';

const SEED_DIR = resolve(import.meta.dirname, '../../../shared/seeds');

describe('seed pages', () => {
  const pages = buildSeedPages(SEED_DIR);

  it('builds the five seeds in time order with distinct paths', () => {
    expect(pages.map((p) => p.file.slice(0, 3))).toEqual(['000', '004', '001', '002', '003']);
    expect(new Set(pages.map((p) => p.path)).size).toBe(5);
    expect(pages.map((p) => p.outlet)).toEqual(['BBC News', 'dpa international', 'The Nation Online', 'Financial Tribune', 'World Aggregator']);
    const tail = pages.find((p) => p.file.startsWith('004'))!;
    expect(tail.paragraphs.join(' ')).not.toContain('In depth coverage');
    expect(tail.html).toContain('<aside class="more-coverage"');
  });

  it('escapes text', () => {
    expect(escapeHtml(`<a href="x">Tom & 'Jerry'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;');
  });

  for (const page of pages) {
    it(`extractArticle recovers ${page.file}: outlet, time and >= 90% of paragraphs`, () => {
      const url = `http://127.0.0.1:8080/${page.path}`;
      const result = extractArticle(pageDocument(page.html, url), { href: url });
      if (result.status !== 'ok') throw new Error(JSON.stringify(result));
      expect(result.article.outlet).toBe(page.outlet);
      expect(result.article.published).toBe(page.published);
      const got = new Set(result.article.paragraphs);
      const found = page.paragraphs.filter((p) => got.has(p)).length;
      expect(found / page.paragraphs.length).toBeGreaterThanOrEqual(0.9);
      // 004's teasers are furniture, not article text.
      expect(result.article.paragraphs.join(' ')).not.toMatch(/Last update|More from World/);
    });
  }
});
