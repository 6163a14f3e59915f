/**
 * Imports under stress in Chromium, through the options page as a user imports: a file of several
 * chunks streamed from disk; two imports at once from two pages (both land whole); a check answered
 * while a long import runs (it waits for one chunk, not for the file); the worker stopped at random
 * moments during an import (the import ends whole, or nothing of it is visible, and the page says
 * which). Trials: 3 in npm test, 20 with WIRETRACE_LONG=1; what they measured goes to
 * docs/reliability.md (`npm run reliability`).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadReuters } from '../../scripts/bench/reuters';
import { CHUNK_CHARS } from '../../src/import-chunk';
import { count, long, medianMax, ORDER, RAW_BROWSER_TEXT, recordFigures, seconds, STOP_COLUMNS } from './figures';
import { articlePage } from './fixtures';
import { extensionPage, launch, openTab, serve, stopWorkers, type Harness } from './harness';

const TRIALS = long ? 20 : 3;
/** Rows of the page's table, one per test that has run. */
const rows: Array<Array<string | number>> = [];
function record(row: Array<string | number>): void {
  rows.push(row);
  recordFigures({
    section: 'Imports under stress',
    order: ORDER.import,
    method: `Index files of real stories (Reuters-21578, under fresh ids) imported through the options page as a user imports them, in Chromium (\`tests/extension/import-stress.test.ts\`): each file goes in chunks of at most ${(CHUNK_CHARS / 1e6).toLocaleString('en-GB')} M characters, each written unpublished, the last publishing the import. Two imports at once, each from its own page; a page checked while an import runs (it waits for one chunk, not for the file); and the worker stopped (CDP \`ServiceWorker.stopAllWorkers\`, as the browser stops an idle one) at a random moment during the import; then the page's last word and the index's count are read. *Nothing of it visible*: the page says the import failed and the count is what it was; *lost*: articles the page says it imported that the index lacks; *raw browser text*: the page showing the browser's own error (a closed message channel) instead of its message.`,
    columns: STOP_COLUMNS,
    rows,
  });
}
let h: Harness;
let server: Awaited<ReturnType<typeof serve>>;
let corpus: string[] = [];
let seed = 99;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);

/** `n` corpus lines under fresh ids; repeated to reach n (a file of several chunks). */
const file = (n: number, prefix: string) => ({
  name: `${prefix}.jsonl`,
  mimeType: 'application/x-ndjson',
  buffer: Buffer.from(Array.from({ length: n }, (_, i) => corpus[i % corpus.length].replace(/^\{"id":"[^"]*"/, `{"id":"${prefix}-${i}"`)).join('\n') + '\n'),
});
const status = (p: Page) => p.textContent('#io-status');
/** Chunks the options page cuts a file into (src/send-index-file.ts). */
function chunks(f: ReturnType<typeof file>): number {
  let n = 0;
  let chars = 0;
  for (const line of f.buffer.toString('utf8').split('\n').filter(Boolean)) {
    if (n === 0 || chars + line.length >= CHUNK_CHARS) n++, (chars = 0);
    chars += line.length;
  }
  return n;
}
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
    const t0 = Date.now();
    await Promise.all([importFile(a, file(6000, 'two-a')), importFile(b, file(6000, 'two-b'))]);
    await Promise.all([finished(a), finished(b)]);
    const ms = Date.now() - t0;
    const said = [(await status(a)) ?? '', (await status(b)) ?? ''];
    // Each page shows the count as its own import ended; the index's count now:
    await a.reload();
    await a.waitForSelector('[data-stat="articles"]');
    await expect.poll(() => articles(a), { timeout: 10_000 }).toBeGreaterThanOrEqual(before + said.filter((x) => /^Imported/.test(x)).length * 6000).catch(() => undefined);
    const held = (await articles(a)) - before;
    const whole = said.filter((x) => x === 'Imported 6,000 articles.').length;
    record(['two imports of 6,000 articles started at once from two pages', 2, whole, said.filter((x) => /^Import failed/.test(x)).length, 2 - whole - said.filter((x) => /^Import failed/.test(x)).length, Math.max(0, whole * 6000 - held), said.filter((x) => RAW_BROWSER_TEXT.test(x)).length, seconds(ms)]);
    expect(said).toEqual(['Imported 6,000 articles.', 'Imported 6,000 articles.']);
    expect(held).toBe(12_000);
    await Promise.all([a.close(), b.close()]);
  }, 300_000);

  it('answers a check while a long import runs', async () => {
    const p = await options();
    const started = Date.now();
    const before = await articles(p);
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
    const ms = Date.now() - started;
    const said = (await status(p)) ?? '';
    // The checked page is recorded too (after its report, between two chunks).
    await popup.waitForSelector('body:not([data-recording="pending"])', { timeout: 60_000 });
    const checked = (await popup.getAttribute('body', 'data-recorded')) === 'true' ? 1 : 0;
    await expect.poll(() => articles(p), { timeout: 10_000 }).toBe(before + 12_000 + checked).catch(() => undefined);
    const added = (await articles(p)) - before - checked;
    const whole = said === 'Imported 12,000 articles.' && added === 12_000;
    record([`a check of a page while an import of 12,000 articles (${chunks(file(12_000, 'long'))} chunks) runs, answered in ${seconds(waited)}, before the import ended`, 1, whole ? 1 : 0, 0, whole ? 0 : 1, Math.max(0, 12_000 - added), RAW_BROWSER_TEXT.test(said) ? 1 : 0, seconds(ms)]);
    expect(said).toBe('Imported 12,000 articles.');
    expect(added).toBe(12_000);
    await Promise.all([popup.close(), page.close(), p.close()]);
  }, 300_000);

  it(`ends an import whole or leaves nothing of it when the worker stops at random moments (${TRIALS} trials)`, async () => {
    const p = await options();
    const outcomes: Array<'finished' | 'nothing' | 'part'> = [];
    const times: number[] = [];
    let lost = 0;
    let raw = 0;
    for (let i = 0; i < TRIALS; i++) {
      const before = await articles(p);
      const t0 = Date.now();
      await importFile(p, file(6000, `stop-${i}`));
      await new Promise((r) => setTimeout(r, 200 + Math.floor(random() * 3000)));
      await stopWorkers(h, p);
      await finished(p);
      times.push(Date.now() - t0);
      const said = (await status(p)) ?? '';
      if (RAW_BROWSER_TEXT.test(said)) raw++;
      const imported = /^Imported 6,000 articles\.$/.test(said);
      // The page's count is refreshed after its last word: wait for it to settle on what was said.
      await expect.poll(() => articles(p), { timeout: 10_000 }).toBe(before + (imported ? 6000 : 0)).catch(() => undefined);
      const added = (await articles(p)) - before;
      outcomes.push(imported && added === 6000 ? 'finished' : !imported && added === 0 ? 'nothing' : 'part');
      if (imported) lost += Math.max(0, 6000 - added);
      expect(said).not.toMatch(RAW_BROWSER_TEXT);
      if (imported) expect(added, `the page says "${said}"`).toBe(6000);
      else {
        expect(said).toMatch(/^Import failed, nothing was changed/);
        expect(added).toBe(0);
      }
    }
    record([`the worker stopped at a random moment 0.2-3.2 s into an import of 6,000 articles (${chunks(file(6000, 'x'))} chunks)`, TRIALS, count(outcomes, 'finished'), count(outcomes, 'nothing'), count(outcomes, 'part'), lost, raw, medianMax(times)]);
    await p.close();
  }, long ? 1_800_000 : 600_000);
});
