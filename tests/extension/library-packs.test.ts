/**
 * Packs in the library, in the built extension in Chromium: the demo pack's description and counts
 * shown before anything is imported; installed, listed with its articles; one of them then read on
 * its page (so it stays); removed whole (the rest go); a malformed pack refused naming the line and
 * field; a selection (one outlet, then a range of days) exported as a pack that reads back, a reversed
 * range named in words; the installed demo pack's syndication view, the wire's arrows to its outlets;
 * an installed article opened from the library at the demo's fixed address (demo/address.ts, where
 * the demo is served here as `npm start` serves it) and that page, visited, known as already recorded
 * (no second copy); the popup's Library button.
 * Screenshots in tests/artifacts/.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PORT, DEMO_URL } from '../../demo/address';
import { serveStatic } from '../../demo/serve';
import { sealLine } from '../../src/engine/line-check';
import { previewIndexFile } from '../../src/pack-file';
import { ARTIFACTS, extensionPage, launch, openPopup, openTab, ROOT, type Harness } from './harness';

/** The demo pack as shipped: its articles' ids are their pages' addresses at DEMO_URL. */
const lines = readFileSync(resolve(ROOT, 'demo/demo.pack.jsonl'), 'utf8').trim().split('\n');
const header = JSON.parse(lines[0]) as { pack: { title: string } };

let h: Harness;
let lib: Page;
let demo: Awaited<ReturnType<typeof serveStatic>>;
const status = () => lib.textContent('#packs-status');
const articles = async () => Number((await lib.textContent('#library-stats [data-stat="articles"]'))?.replace(/\D/g, ''));

beforeAll(async () => {
  h = await launch();
  demo = await serveStatic(resolve(ROOT, 'demo'), { port: DEMO_PORT });
  lib = await h.context.newPage();
  await lib.setViewportSize({ width: 1200, height: 1000 });
  await lib.goto(extensionPage(h, 'library.html'));
  await lib.waitForSelector('#packs table');
});

afterAll(async () => {
  await h?.close();
  await demo?.close();
});

describe('packs in the library', () => {
  it('refuses a malformed pack, naming the line and the field, and imports nothing', async () => {
    const { sum: _sum, ...bad } = JSON.parse(lines[0]);
    bad.pack.created = 'last Tuesday';
    await lib.setInputFiles('#pack-file', { name: 'bad.pack.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from([sealLine(JSON.stringify(bad)), ...lines.slice(1)].join('\n')) });
    await lib.waitForFunction(() => /was not installed/.test(document.getElementById('packs-status')?.textContent ?? ''));
    expect(await status()).toMatch(/^bad\.pack\.jsonl was not installed: line 1: pack\.created: must be an ISO 8601 time/);
    expect(await lib.isHidden('#pack-preview')).toBe(true);
    expect(await articles()).toBe(0);
  });

  it('shows the pack before installing it, installs it, and lists it', async () => {
    await lib.setInputFiles('#pack-file', { name: 'demo.pack.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(lines.join('\n') + '\n') });
    await lib.waitForSelector('#pack-preview:not([hidden])');
    const shown = await lib.textContent('#pack-preview');
    expect(shown).toContain(header.pack.title);
    expect(shown).toContain('Meridian Wire (2)');
    expect(shown).toMatch(new RegExp(`Articles${lines.length - 1}`));
    expect(await articles()).toBe(0); // nothing before the user confirms
    await lib.screenshot({ path: `${ARTIFACTS}/library-pack-preview.png`, fullPage: true });
    await lib.click('#pack-install');
    await lib.waitForFunction(() => /Installed/.test(document.getElementById('packs-status')?.textContent ?? ''), undefined, { timeout: 30_000 });
    expect(await status()).toBe(`Installed “${header.pack.title}”: ${lines.length - 1} new articles (0 already in your index).`);
    await expect.poll(() => lib.textContent('#packs tbody')).toContain(header.pack.title);
    expect(await lib.textContent('#packs tbody td[data-col="articles"]')).toBe(String(lines.length - 1));
    await expect.poll(articles).toBe(lines.length - 1);
    await lib.screenshot({ path: `${ARTIFACTS}/library-packs.png`, fullPage: true });
  });

  it('exports one outlet as a pack that reads back', async () => {
    await lib.fill('#pack-title', 'Meridian only');
    await lib.fill('#pack-creator', 'Wiretrace tests');
    await lib.fill('#pack-outlets', 'meridian wire');
    const download = lib.waitForEvent('download');
    await lib.click('#pack-export-button');
    const file = readFileSync(await (await download).path(), 'utf8').trim().split('\n');
    const r = previewIndexFile(file);
    if (!r.ok) throw new Error(r.message);
    expect(r.preview).toMatchObject({ pack: { title: 'Meridian only', creator: 'Wiretrace tests' }, articles: 2, outlets: [{ name: 'Meridian Wire', articles: 2 }] });
    expect(await status()).toBe('Exported “Meridian only” with 2 articles.');
  });

  it('exports a range of days as a pack, and names a range whose first day is after its last', async () => {
    const exportRange = async (from: string, to: string) => {
      await lib.fill('#pack-title', 'Lennock day');
      await lib.fill('#pack-outlets', '');
      await lib.fill('#pack-from', from);
      await lib.fill('#pack-to', to);
      await lib.evaluate(() => (document.getElementById('packs-status')!.textContent = ''));
      await lib.click('#pack-export-button');
      await expect.poll(status).not.toBe('');
    };
    const download = lib.waitForEvent('download');
    await exportRange('2025-03-14', '2025-03-14');
    const file = readFileSync(await (await download).path(), 'utf8').trim().split('\n');
    const r = previewIndexFile(file);
    if (!r.ok) throw new Error(r.message);
    expect(r.preview).toMatchObject({ pack: { title: 'Lennock day' }, articles: lines.length - 1 });
    expect(await status()).toBe(`Exported “Lennock day” with ${lines.length - 1} articles.`);
    await exportRange('2025-03-15', '2025-03-31');
    expect(await status()).toBe('No article of your index is in that selection: nothing was exported.');
    await exportRange('2025-03-20', '2025-03-10');
    expect(await status()).toBe('The first day (20 Mar 2025) is after the last day (10 Mar 2025): swap them, or leave one empty.');
    await lib.fill('#pack-from', '');
    await lib.fill('#pack-to', '');
  });

  it("draws the installed demo pack's syndication: the wire story's arrows to its outlets", async () => {
    await lib.click('#articles tr:has(td:text-is("Coastline Daily")) button:text-is("Syndication")');
    await lib.waitForSelector('#syndication[data-render-ms]', { timeout: 30_000 });
    const links = await lib.locator('#graph-links tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.children[0].firstChild?.textContent, tr.children[1].firstChild?.textContent, tr.getAttribute('data-kind')]));
    expect(links).toEqual(
      expect.arrayContaining([
        ['Meridian Wire', 'Northshore Gazette', 'credited'],
        ['Meridian Wire', 'Coastline Daily', 'uncredited'],
        ['Meridian Wire', 'The Estuary Post', 'uncredited'],
        ['Meridian Wire', 'Quayside Tech & Town', 'uncredited'],
        ['Meridian Wire', 'The Morning Ledger', 'quote'],
      ]),
    );
    await lib.locator('#syndication').screenshot({ path: `${ARTIFACTS}/library-pack-syndication.png` });
  });

  it('opens an installed article at its address, and that page visited is already recorded: no second copy', async () => {
    await lib.fill('#article-search', '');
    await expect.poll(articles).toBe(lines.length - 1);
    const row = lib.locator('#articles tbody tr[data-key]:has(td:text-is("Coastline Daily"))');
    const address = new URL('coastline-daily/news/lennock-barrier-gate-fails.html', DEMO_URL).href;
    expect(await row.locator('th a').first().getAttribute('href')).toBe(address);
    // The reader opens it from the library: the page itself, served where the pack says it is.
    const [page] = await Promise.all([h.context.waitForEvent('page'), row.locator('th a').first().click()]);
    await page.waitForLoadState('load');
    expect(page.url()).toBe(address);
    expect(await page.title()).toMatch(/Lennock barrier gate fails/);
    const tabId = await h.sw.evaluate(async (u) => {
      const tabs = await (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<Array<{ id?: number }>> } } }).chrome.tabs.query({ url: u });
      return tabs[0]?.id ?? -1;
    }, address);
    expect(tabId).toBeGreaterThan(0);
    // Checked as on a toolbar click: the report names the wire, and the article is the pack's, not a new one.
    const popup = await openPopup(h, tabId);
    expect(await popup.textContent('#recording')).toBe('Already in your index.');
    expect(await popup.getAttribute('body', 'data-recorded')).toBe('false');
    expect(await popup.textContent('#sources')).toContain('Meridian Wire');
    await Promise.all([popup.close(), page.close()]);
    await lib.bringToFront();
    await lib.reload();
    await lib.waitForSelector('#articles tbody tr[data-key]');
    await expect.poll(articles).toBe(lines.length - 1);
    expect(await lib.locator('#articles tbody tr[data-key]:has(td:text-is("Coastline Daily"))').count()).toBe(1);
  });

  it('removes the pack whole, except the articles the user read on their pages', async () => {
    // The reader opens one of the pack's stories and checks it: already in the index, now also read.
    const { page, tabId } = await openTab(h, JSON.parse(lines[2]).id as string);
    const checked = (await lib.evaluate(async (id) => {
      const g = globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } };
      return g.chrome.runtime.sendMessage({ channel: 'wiretrace', type: 'check', req: { tabId: id } });
    }, tabId)) as { ok: boolean; res: { status: string; notRecorded?: string } };
    expect(checked).toMatchObject({ ok: true, res: { status: 'report', notRecorded: 'already-recorded' } });
    await page.close();
    await lib.bringToFront();
    await lib.click(`#packs tbody tr button:has-text("Remove")`);
    await lib.click('#packs .confirm-inline button:has-text("Delete")');
    await lib.waitForFunction(() => /Removed/.test(document.getElementById('packs-status')?.textContent ?? '') || /Removed/.test(document.querySelector('[role=status]')?.textContent ?? ''));
    await expect.poll(() => lib.textContent('#packs tbody')).toContain('No pack is installed.');
    // This one and the Coastline Daily story read in the test before: both read, both kept.
    await expect.poll(articles).toBe(2);
  });

  it("opens the library from the popup's Library button", async () => {
    const { page, tabId } = await openTab(h, JSON.parse(lines[3]).id as string);
    const popup = await openPopup(h, tabId);
    const [opened] = await Promise.all([h.context.waitForEvent('page'), popup.click('#library')]);
    await opened.waitForSelector('#packs table');
    expect(opened.url()).toBe(extensionPage(h, 'library.html'));
    await Promise.all([opened.close(), popup.close(), page.close()]);
  });
});
