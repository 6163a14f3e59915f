/**
 * Paragraph mapping on real, messy news pages (../shared/pages/article-extraction-benchmark): every
 * extracted paragraph should be found again on the live page and highlighted whole.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { BENCH_DIR, benchmarkIds } from './extraction-benchmark';
import { bundleIife, hasChromium, launchChromium } from './browser';
import type { ExtractResult, HighlightMark } from '../../src/extract-types';

interface TestApi {
  extractArticle(doc: Document, location: { href: string }, opts: { force?: boolean }): ExtractResult;
  highlight(doc: Document, paragraphs: string[], marks: HighlightMark[]): { placed: number; missed: number };
  clearHighlights(doc: Document): { removed: number };
}

describe.skipIf(!hasChromium)('highlighting real pages in Chromium', () => {
  let browser: Browser;
  let bundle: string;

  beforeAll(async () => {
    bundle = bundleIife('tests/content/browser-entry.ts');
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('finds and highlights the extracted paragraphs of 10 real pages', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    // Only the page itself: no network at all.
    await context.route('**/*', (route) => route.abort());
    let total = 0;
    let placed = 0;
    for (const id of benchmarkIds(10)) {
      const html = gunzipSync(readFileSync(resolve(BENCH_DIR, 'html', `${id}.html.gz`))).toString('utf8');
      const page = await context.newPage();
      await page.setContent(html, { waitUntil: 'domcontentloaded' });
      // The page's scripts are off; the test bundle is evaluated directly.
      const out = await page.evaluate(`(() => { ${bundle}
        const w = globalThis.wiretraceTest;
        const r = w.extractArticle(document, { href: 'https://example.com/a' }, { force: true });
        if (r.status !== 'ok') return { n: 0, result: { placed: 0, missed: 0 }, bad: [r.status] };
        const ps = r.article.paragraphs;
        const html = document.documentElement.outerHTML;
        const result = w.highlight(document, ps, ps.map((p, i) => ({ paragraph: i, start: 0, end: p.length, label: 'x', kind: 'copied' })));
        // Compared without whitespace: a <br> is a space in the paragraph but no text node on the page.
        const bad = ps.filter((p, i) => Array.from(document.querySelectorAll('mark[data-wiretrace-mark="' + i + '"]')).map((m) => m.textContent).join('').replace(/\\s+/g, '') !== p.replace(/\\s+/g, '') && document.querySelector('mark[data-wiretrace-mark="' + i + '"]'));
        w.clearHighlights(document);
        return { n: ps.length, result, bad, restored: document.documentElement.outerHTML === html };
      })()`) as { n: number; result: { placed: number; missed: number }; bad: string[]; restored: boolean };
      expect(out.bad, id).toEqual([]);
      expect(out.restored, id).toBe(true);
      expect(out.result.placed + out.result.missed, id).toBe(out.n);
      total += out.n;
      placed += out.result.placed;
      await page.close();
    }
    console.info(`paragraph map on real pages: ${placed}/${total} paragraphs placed`);
    expect(placed / total).toBeGreaterThanOrEqual(0.97);
    await context.close();
  }, 120_000);
});
