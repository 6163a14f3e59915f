/**
 * The worker stopped at random moments (as the browser stops an idle service worker), in Chromium:
 * - while a long article is being recorded after its report: the popup notices the recording never
 *   ended, checks again in a new worker, and the article ends up stored exactly once, or the popup
 *   says it was not recorded and it is not stored; never "Recording…" for ever;
 * - while an outlet is being deleted: each batch goes whole or not at all, and the counts agree
 *   with the articles left.
 * Trials: 5 each in npm test, 20 with WIRETRACE_LONG=1. Figures go to docs/reliability.md.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadReuters } from '../../scripts/bench/reuters';
import { outletKey } from '../../src/engine/outlet';
import { articlePage } from './fixtures';
import { extensionPage, launch, openTab, serve, type Harness } from './harness';

const TRIALS = process.env.WIRETRACE_LONG ? 20 : 5;
let h: Harness;
let server: Awaited<ReturnType<typeof serve>>;
let stories: Array<{ title?: string; paragraphs: string[] }> = [];
let ui: Page;

/** A reproducible random number in [0, 1). */
let seed = 4242;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);

async function stopWorker(page: Page): Promise<void> {
  const cdp = await h.context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
}

type Reply<T> = { ok: boolean; res: T; code?: string };
const send = <T>(type: string, req: object) =>
  ui.evaluate(({ type, req }) => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({ channel: 'wiretrace', type, req }), { type, req }) as Promise<Reply<T>>;
const documents = async () => (await send<{ documents: number }>('indexStats', {})).res.documents;

beforeAll(async () => {
  const reuters = await loadReuters(() => 'Reuters', 4000, true);
  stories = reuters.filter((a) => a.paragraphs.length >= 3);
  // Long articles: 800 paragraphs each, every trial its own text.
  const pages = Array.from({ length: TRIALS }, (_, i) => ({
    path: `/long/${i}.html`,
    html: articlePage({ outlet: 'Long Post', title: `Long article ${i}`, published: '2020-01-01T00:00:00Z', byline: 'A. Writer', paragraphs: stories.slice(i * 200, i * 200 + 200).flatMap((s) => s.paragraphs).slice(0, 800) }),
  }));
  server = await serve(pages);
  h = await launch();
  ui = await h.context.newPage();
  await ui.goto(extensionPage(h, 'options.html'));
}, 120_000);

afterAll(async () => {
  await h?.close();
  await server?.close();
});

describe('the worker stopped mid-work', () => {
  it(`a record cut off by the worker's stop is finished in a new worker, or said not to be (${TRIALS} trials)`, async () => {
    const outcomes: string[] = [];
    for (let i = 0; i < TRIALS; i++) {
      const { page, tabId } = await openTab(h, `${server.origin}/long/${i}.html`);
      const before = await documents();
      const popup = await h.context.newPage();
      await popup.goto(`chrome-extension://${h.extensionId}/popup.html?tabId=${tabId}`);
      await popup.waitForSelector('body[data-recording="pending"], body[data-recorded]', { timeout: 60_000 });
      await new Promise((r) => setTimeout(r, Math.floor(random() * 40)));
      await stopWorker(page);
      await popup.waitForSelector('body[data-recording="done"], body[data-recorded]:not([data-recording="pending"])', { timeout: 60_000 });
      const recorded = await popup.getAttribute('body', 'data-recorded');
      const note = (await popup.textContent('#recording')) ?? '';
      const after = await documents();
      const stored = (await send<{ state: string }>('recordingState', { id: `${server.origin}/long/${i}.html` })).res.state;
      outcomes.push(recorded === 'true' ? 'finished' : 'not recorded');
      if (recorded === 'true') {
        expect(stored).toBe('recorded');
        expect(after).toBe(before + 1);
      } else {
        expect(note).toMatch(/not recorded|stopped/i);
        expect(stored).toBe('idle');
        expect(after).toBe(before);
      }
      expect(note).not.toMatch(/Recording this article/);
      await popup.close();
      await page.close();
    }
    expect(outcomes.filter((o) => o === 'finished').length).toBeGreaterThan(0);
  }, 600_000);

  it(`a delete cut off by the worker's stop leaves whole batches and true counts (${TRIALS} trials)`, async () => {
    for (let i = 0; i < TRIALS; i++) {
      const outlet = `Trial Wire ${i}`;
      const lines = stories.slice(1000 + i * 150, 1000 + i * 150 + 1200).map((s, j) => JSON.stringify({ id: `del-${i}-${j}`, outlet, title: s.title, paragraphs: s.paragraphs }));
      const before = await documents();
      const imported = await send<{ status: string; documents: number }>('importIndex', { importId: `del-${i}`, seq: 0, lines, last: true });
      expect(imported.res).toMatchObject({ status: 'done', documents: lines.length });
      const deleting = send<{ deleted: number }>('deleteArticles', { outletKey: outletKey(outlet) }).catch(() => undefined);
      await new Promise((r) => setTimeout(r, Math.floor(random() * 300)));
      await stopWorker(ui);
      await deleting;
      // What is left of the outlet is whole batches of 500, and the counters agree with it.
      const left = (await documents()) - before;
      expect([0, 200, 700, 1200]).toContain(left);
      const again = await send<{ deleted: number; stats: { documents: number } }>('deleteArticles', { outletKey: outletKey(outlet) });
      expect(again.res.deleted).toBe(left);
      expect(again.res.stats.documents).toBe(before);
    }
  }, 600_000);
});
