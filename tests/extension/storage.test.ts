/**
 * The index's storage in the built extension, in Chromium: an import of real stories shows its
 * progress and can be cancelled (nothing stored), deleting an outlet takes its articles out (a large
 * deletion moves the index into its next database generation), and clearing gives the space back. (A full disk: disk-full.test.ts; Chromium's
 * Storage.overrideQuotaForOrigin leaves an extension origin's quota as it is.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { loadReuters } from '../../scripts/bench/reuters';
import { outletKey } from '../../src/engine/outlet';
import { extensionPage, launch, stopWorkers, type Harness } from './harness';

let h: Harness;
let lines: string[];

const file = (n: number, prefix = 'r') => ({ name: 'stories.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(lines.slice(0, n).map((l, i) => l.replace(/^\{"id":"[^"]*"/, `{"id":"${prefix}${i}"`)).join('\n') + '\n') });
const status = (p: Page) => p.textContent('#io-status');
const articles = async (p: Page) => Number((await p.textContent('[data-stat="articles"]'))?.replace(/\D/g, ''));
const usage = (p: Page) => p.evaluate(async () => (await navigator.storage.estimate()).usage ?? NaN);

async function options(): Promise<Page> {
  const p = await h.context.newPage();
  await p.goto(extensionPage(h, 'options.html'));
  await p.waitForSelector('[data-stat="articles"]');
  return p;
}

beforeAll(async () => {
  const stories = await loadReuters(() => 'Reuters', 3000, true);
  lines = stories.map((a) => JSON.stringify({ id: a.id, outlet: a.outlet, title: a.title, published: a.published, paragraphs: a.paragraphs }));
  h = await launch();
});
afterAll(async () => {
  await h?.close();
});

describe('index storage in Chromium', () => {
  it('an import shows its progress and a cancel leaves the index as it was', async () => {
    const p = await options();
    const before = await articles(p);
    await p.setInputFiles('#import', file(3000, 'cancel-'));
    await p.waitForSelector('#import-cancel:not([hidden])');
    await p.waitForFunction(() => /Indexing/.test(document.getElementById('io-status')?.textContent ?? ''));
    expect(await p.getAttribute('#progress', 'hidden')).toBeNull();
    await p.click('#import-cancel');
    await p.waitForFunction(() => /cancelled/i.test(document.getElementById('io-status')?.textContent ?? ''), undefined, { timeout: 30_000 });
    expect(await status(p)).toMatch(/Nothing of the file was added/);
    await p.waitForSelector('#import-cancel[hidden]', { state: 'attached' });
    expect(await articles(p)).toBe(before);
    await p.close();
  });

  it('imports real stories whole, and clearing gives the space back', async () => {
    const p = await options();
    const empty = await usage(p);
    await p.setInputFiles('#import', file(2000, 'clear-'));
    await p.waitForFunction(() => /Imported 2,000 articles/.test(document.getElementById('io-status')?.textContent ?? ''), undefined, { timeout: 60_000 });
    // The page refreshes its counts after the import says it is done.
    await expect.poll(() => articles(p), { timeout: 10_000 }).toBe(2000);
    const full = await usage(p);
    expect(full - empty).toBeGreaterThan(2_000_000);
    await p.click('#clear');
    await p.click('#clear-yes');
    await p.waitForFunction(() => document.querySelector('[data-stat="articles"]')?.textContent === '0');
    // Back to within 1 MB of the empty profile once Chromium has compacted the deleted database's
    // files, which the worker prompts 3 s after the delete, and again after 6 and 12 s more while the
    // space is still held (idb-store.ts, compactAfterDelete).
    await expect.poll(async () => usage(p), { timeout: 30_000, interval: 1000 }).toBeLessThan(empty + 1_000_000);
    await p.close();
  });

  it('deleting an outlet moves the index into its next database generation, whose size is what is left', async () => {
    const p = await options();
    const two = { ...file(2000, 'share-'), buffer: Buffer.from(lines.slice(0, 2000).map((l, i) => l.replace(/^\{"id":"[^"]*"/, `{"id":"share-${i}"`).replace('"outlet":"Reuters"', i % 2 ? '"outlet":"Harbour Wire"' : '"outlet":"Reuters"')).join('\n') + '\n') };
    await p.setInputFiles('#import', two);
    await p.waitForFunction(() => /Imported 2,000 articles/.test(document.getElementById('io-status')?.textContent ?? ''), undefined, { timeout: 60_000 });
    const databases = () => p.evaluate(async () => (await indexedDB.databases()).map((d) => d.name).filter((n) => n?.startsWith('wiretrace') && n !== 'wiretrace-library').sort());
    expect(await databases()).toEqual(['wiretrace']);
    const gone = (await p.evaluate((k) => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({ channel: 'wiretrace', type: 'deleteArticles', req: { outletKey: k } }), outletKey('Harbour Wire'))) as { ok: boolean; res: { deleted: number; stats: { documents: number } } };
    expect(gone.res).toMatchObject({ deleted: 1000, stats: { documents: 1000 } });
    // The 1,000 left were copied into "wiretrace.1" and the old database deleted: what the browser
    // gives back when it next compacts the origin's files (docs/design.md has the measured sizes).
    expect(await databases()).toEqual(['wiretrace.1']);
    // A new worker opens the new generation, with every article left.
    await stopWorkers(h, p);
    await p.reload();
    await p.waitForSelector('[data-stat="articles"]');
    await expect.poll(() => articles(p), { timeout: 10_000 }).toBe(1000);
    await p.close();
  });

  it('deletes a whole outlet: its articles and counts go, the rest stays', async () => {
    const p = await options();
    const before = await articles(p);
    const relabelled = { ...file(600, 'outlet-'), buffer: Buffer.from(lines.slice(0, 600).map((l, i) => l.replace(/^\{"id":"[^"]*"/, `{"id":"outlet-${i}"`).replace('"outlet":"Reuters"', i % 3 === 0 ? '"outlet":"Harbour Wire"' : '"outlet":"Reuters"')).join('\n') + '\n') };
    await p.setInputFiles('#import', relabelled);
    await p.waitForFunction(() => /Imported 600 articles/.test(document.getElementById('io-status')?.textContent ?? ''), undefined, { timeout: 60_000 });
    const send = (req: { outletKey: string }) =>
      p.evaluate((r) => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({ channel: 'wiretrace', type: 'deleteArticles', req: r }), req) as Promise<{ ok: boolean; res: { deleted: number; stats: { documents: number; outlets: number } } }>;
    const gone = await send({ outletKey: outletKey('Harbour Wire') });
    expect(gone.ok).toBe(true);
    expect(gone.res.deleted).toBe(200);
    expect(gone.res.stats.documents).toBe(before + 400);
    expect((await send({ outletKey: outletKey('Harbour Wire') })).res.deleted).toBe(0);
    await p.close();
  });
});
