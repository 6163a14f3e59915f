/**
 * Imports under stress in Chromium, through the options page as a user imports: a file of several
 * chunks streamed from disk; two imports at once from two pages (both land whole); a check answered
 * while a long import runs (it waits for one chunk, not for the file); the worker stopped at random
 * moments during an import (the import ends whole, or nothing of it is visible, and the page says
 * which). Trials: 3 in npm test, 20 with WIRETRACE_LONG=1.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadReuters } from '../../scripts/bench/reuters';
import { articlePage } from './fixtures';
import { extensionPage, launch, openTab, serve, type Harness } from './harness';

const TRIALS = process.env.WIRETRACE_LONG ? 20 : 3;
let h: Harness;
let server: Awaited<ReturnType<typeof serve>>;
let corpus: string[] = [];
let seed = 99;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);

/** `n` corpus lines under fresh ids; repeated to reach n (a file of several 4 MB chunks). */
const file = (n: number, prefix: string) => ({
  name: `${prefix}.jsonl`,
  mimeType: 'application/x-ndjson',
  buffer: Buffer.from(Array.from({ length: n }, (_, i) => corpus[i % corpus.length].replace(/^\{"id":"[^"]*"/, `{"id":"${prefix}-${i}"`)).join('\n') + '\n'),
});
const status = (p: Page) => p.textContent('#io-status');
const articles = async (p: Page) => Number((await p.textContent('[data-stat="articles"]'))?.replace(/\D/g, ''));

async function options(): Promise<Page> {
  const p = await h.context.newPage();
  await p.goto(extensionPage(h, 'options.html'));
  await p.waitForSelector('[data-stat="articles"]');
  return p;
}

async function importFile(p: Page, f: ReturnType<typeof file>): Promise<void> {
  await p.evaluate(() => document.getElementById('io-status')?.replaceChildren());
  await p.setInputFiles('#import', f);
}
const finished = (p: Page) => p.waitForFunction(() => /Imported|failed|cancelled/i.test(document.getElementById('io-status')?.textContent ?? ''), undefined, { timeout: 180_000 });

async function stopWorker(page: Page): Promise<void> {
  const cdp = await h.context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
}

beforeAll(async () => {
  const stories = await loadReuters(() => 'Reuters', 6000, true);
  corpus = stories.map((a) => JSON.stringify({ id: a.id, outlet: a.outlet, title: a.title, published: a.published, paragraphs: a.paragraphs }));
  server = await serve([{ path: '/page.html', html: articlePage({ outlet: 'Check Post', title: 'Checked during an import', published: '2024-01-01T00:00:00Z', byline: 'B. Writer', paragraphs: stories.slice(0, 4).flatMap((s) => s.paragraphs) }) }]);
  h = await launch();
}, 120_000);

afterAll(async () => {
  await h?.close();
  await server?.close();
});

describe('imports under stress', () => {
  it('lands two multi-chunk imports started at once from two pages, both whole', async () => {
    const [a, b] = [await options(), await options()];
    const before = await articles(a);
    await Promise.all([importFile(a, file(6000, 'two-a')), importFile(b, file(6000, 'two-b'))]);
    await Promise.all([finished(a), finished(b)]);
    expect(await status(a)).toBe('Imported 6,000 articles.');
    expect(await status(b)).toBe('Imported 6,000 articles.');
    // Each page shows the count as its own import ended; the index's count now:
    await a.reload();
    await a.waitForSelector('[data-stat="articles"]');
    await expect.poll(() => articles(a), { timeout: 10_000 }).toBe(before + 12_000);
    await Promise.all([a.close(), b.close()]);
  }, 300_000);

  it('answers a check while a long import runs', async () => {
    const p = await options();
    await importFile(p, file(12_000, 'long'));
    await p.waitForFunction(() => /Indexing/.test(document.getElementById('io-status')?.textContent ?? ''), undefined, { timeout: 60_000 });
    const { page, tabId } = await openTab(h, `${server.origin}/page.html`);
    const popup = await h.context.newPage();
    const t0 = Date.now();
    await popup.goto(`chrome-extension://${h.extensionId}/popup.html?tabId=${tabId}`);
    await popup.waitForSelector('body[aria-busy="false"]', { timeout: 60_000 });
    const waited = Date.now() - t0;
    const importStillRunning = !/Imported|failed/.test((await status(p)) ?? '');
    expect(await popup.getAttribute('body', 'data-state')).toMatch(/found|nothing|empty-index/);
    expect(importStillRunning, `the check waited ${waited} ms, until the import had finished`).toBe(true);
    await finished(p);
    expect(await status(p)).toBe('Imported 12,000 articles.');
    await Promise.all([popup.close(), page.close(), p.close()]);
  }, 300_000);

  it(`ends an import whole or leaves nothing of it when the worker stops at random moments (${TRIALS} trials)`, async () => {
    const p = await options();
    for (let i = 0; i < TRIALS; i++) {
      const before = await articles(p);
      await importFile(p, file(6000, `stop-${i}`));
      await new Promise((r) => setTimeout(r, 200 + Math.floor(random() * 3000)));
      await stopWorker(p);
      await finished(p);
      const said = (await status(p)) ?? '';
      expect(said).not.toMatch(/listener|message channel|receiving end/i);
      if (/^Imported 6,000 articles\.$/.test(said)) await expect.poll(() => articles(p), { timeout: 10_000, message: `the page says "${await p.textContent('#status')}"` }).toBe(before + 6000);
      else {
        expect(said).toMatch(/^Import failed, nothing was changed/);
        await expect.poll(() => articles(p), { timeout: 10_000 }).toBe(before);
      }
    }
    await p.close();
  }, 600_000);
});
