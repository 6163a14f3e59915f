/**
 * The library page in the built extension, in Chromium: the demo's articles imported as an index file
 * through the options page; then library.html lists the outlets (with the copy figures of the
 * analysis it runs for a small index) and the articles, searches them, shows the syndication of the
 * demo story (the wire's arrows to its outlets, credited and uncredited apart, the passages of an
 * arrow side by side, by mouse and keyboard, the exports), the whole index over a range of days (kept
 * until the index changes; an empty range and a reversed one said in words) and deletes an article
 * (counts change).
 * No console error or CSP violation. Screenshots (light, dark, narrow) go to tests/artifacts/.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractHtml } from '../../cli/read-html';
import { Engine } from '../../src/engine/engine';
import { MemoryStore } from '../../src/engine/memory-store';
import { exportIndex } from '../../src/engine/serialize';
import { ARTIFACTS, collectPageErrors, extensionPage, launch, ROOT, type Harness } from './harness';

const DEMO = resolve(ROOT, 'demo');
const WIRE = 'Meridian Wire';

/** The demo's articles as an index file, extracted from its pages as the CLI reads them. */
async function demoIndex(): Promise<string> {
  const { pages } = JSON.parse(readFileSync(resolve(DEMO, 'articles.json'), 'utf8')) as { pages: Array<{ path: string; outlet: string }> };
  const engine = await Engine.open(new MemoryStore());
  for (const p of pages) {
    const url = `http://127.0.0.1:8080/${p.path}`;
    const r = extractHtml(readFileSync(resolve(DEMO, p.path), 'utf8'), url);
    if (r.status !== 'ok') continue;
    const a = r.article;
    await engine.record({ id: url, url, outlet: a.outlet ?? p.outlet, title: a.title, paragraphs: a.paragraphs, published: a.published, firstSeen: '2025-03-15T09:00:00Z' });
  }
  const lines: string[] = [];
  for await (const l of exportIndex(engine.store)) lines.push(l);
  return lines.join('\n') + '\n';
}

let h: Harness;
let lib: Page;
const errors: string[] = [];

const cell = (p: Page, outlet: string, col: string) => p.textContent(`#outlets tr:has(th:text-is("${outlet}")) td[data-col="${col}"]`);
const total = async (p: Page) => Number(await p.getAttribute('#articles', 'data-total'));

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  h = await launch();
  collectPageErrors(h, errors);
  const options = await h.context.newPage();
  await options.goto(extensionPage(h, 'options.html'));
  await options.waitForSelector('[data-stat="articles"]');
  await options.setInputFiles('#import', { name: 'demo.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(await demoIndex()) });
  await options.waitForFunction(() => /Imported 7 articles/.test(document.getElementById('io-status')?.textContent ?? ''), undefined, { timeout: 30_000 });
  // The options page opens the library.
  const [opened] = await Promise.all([h.context.waitForEvent('page'), options.click('#open-library')]);
  await opened.waitForLoadState();
  expect(opened.url()).toBe(extensionPage(h, 'library.html'));
  await opened.close();
  await options.close();
  lib = await h.context.newPage();
  await lib.setViewportSize({ width: 1200, height: 1000 });
  await lib.goto(extensionPage(h, 'library.html'));
});

afterAll(async () => {
  await h?.close();
});

describe('the library page', () => {
  it('lists the outlets with their articles and, once analysed, their copy and credit', async () => {
    await lib.waitForSelector('#outlets tbody tr[data-outlet]');
    expect(await lib.locator('#outlets tbody tr[data-outlet]').count()).toBe(6);
    expect(await lib.textContent(`#outlets tr:has(th:text-is("${WIRE}")) td[data-col="articles"]`)).toBe('2');
    // An index of 7 articles is analysed at once.
    await lib.waitForFunction(() => document.querySelector('#outlets td[data-col="with-copy"]')?.textContent !== '–', undefined, { timeout: 30_000 });
    expect(await cell(lib, 'Coastline Daily', 'with-copy')).toBe('100%');
    expect(await cell(lib, 'Coastline Daily', 'credited')).toBe('0%');
    expect(await cell(lib, 'Northshore Gazette', 'credited')).toBe('100%');
    expect(await cell(lib, WIRE, 'with-copy')).toBe('0%');
    expect(await cell(lib, WIRE, 'credited')).toBe('–');
    expect(await lib.textContent('#library-stats [data-stat="articles"]')).toBe('7');
  });

  it('lists and searches the articles, newest or oldest first', async () => {
    await lib.waitForSelector('#articles tbody tr[data-key]');
    expect(await total(lib)).toBe(7);
    const firstTitle = () => lib.textContent('#articles tbody tr[data-key] th');
    await lib.selectOption('#article-order', 'oldest');
    await expect.poll(firstTitle).toMatch(/Floodgate failure forces 4,000/);
    await lib.fill('#article-search', 'coastline');
    await expect.poll(() => total(lib)).toBe(1);
    await lib.fill('#article-search', 'lennock floodgate');
    await expect.poll(() => total(lib)).toBeGreaterThanOrEqual(2);
    await lib.fill('#article-search', '');
    await expect.poll(() => total(lib)).toBe(7);
    // An outlet's articles, from the outlets list.
    await lib.click(`#outlets tr:has(th:text-is("${WIRE}")) button:text-is("Articles")`);
    await expect.poll(() => total(lib)).toBe(2);
    await lib.click('#all-outlets');
    await expect.poll(() => total(lib)).toBe(7);
  });

  it('shows the syndication of the demo story: the wire story arrows to its outlets, and their passages', async () => {
    await lib.click('#articles tr:has(td:text-is("Coastline Daily")) button:text-is("Syndication")');
    await lib.waitForSelector('#syndication[data-render-ms]', { timeout: 30_000 });
    const rows = lib.locator('#graph-links tbody tr');
    const links = await rows.evaluateAll((trs) => trs.map((tr) => [tr.children[0].firstChild?.textContent, tr.children[1].firstChild?.textContent, tr.getAttribute('data-kind')]));
    expect(links).toEqual(
      expect.arrayContaining([
        [WIRE, 'Northshore Gazette', 'credited'],
        [WIRE, 'Coastline Daily', 'uncredited'],
        [WIRE, 'The Estuary Post', 'uncredited'],
        [WIRE, 'The Morning Ledger', 'quote'],
      ]),
    );
    expect(await lib.textContent('#graph-summary')).toMatch(/^\d articles · \d links · 7 articles checked/);
    await lib.screenshot({ path: resolve(ARTIFACTS, 'library-syndication.png'), fullPage: true });
    // A link's passages, side by side with the wire's text.
    await lib.click(`#graph-links tr:has(td:text-is("Coastline Daily")) button`);
    await lib.waitForSelector('#edge-passages .passage');
    expect(await lib.textContent('#edge-passages-h')).toBe(`${WIRE} → Coastline Daily`);
    expect(await lib.locator('#edge-passages .passage').count()).toBeGreaterThan(5);
    expect(await lib.locator('#edge-passages .passage .tag-warn').count()).toBeGreaterThan(0);
    await lib.locator('#edge-passages').screenshot({ path: resolve(ARTIFACTS, 'library-passages.png') });
    await lib.click('#edge-passages .close');
    // The keyboard: the picture takes the focus, arrow keys move between arrows, Enter opens one.
    expect(await lib.evaluate(() => document.activeElement?.id)).toBe('graph');
    await lib.keyboard.press('ArrowRight');
    await expect.poll(() => lib.textContent('#graph-selected')).toMatch(/→/);
    await lib.keyboard.press('Enter');
    await lib.waitForSelector('#edge-passages:not([hidden]) .passage');
  });

  it('exports the links as CSV and JSON and the picture as SVG and PNG', async () => {
    const save = async (id: string) => {
      const [d] = await Promise.all([lib.waitForEvent('download'), lib.click(id)]);
      return { name: d.suggestedFilename(), body: readFileSync((await d.path())!) };
    };
    const csv = await save('#export-csv');
    expect(csv.name).toMatch(/\.csv$/);
    expect(csv.body.toString()).toMatch(/^from_id,from_outlet,/);
    expect(csv.body.toString()).toContain('Northshore Gazette');
    const json = JSON.parse((await save('#export-graph-json')).body.toString());
    expect(json.edges.length).toBeGreaterThanOrEqual(5);
    const svg = (await save('#export-svg')).body.toString();
    expect(svg).toMatch(/^<svg /);
    expect(svg).toContain('stroke-dasharray');
    const png = (await save('#export-png')).body;
    expect(png.subarray(1, 4).toString()).toBe('PNG');
  });

  it('shows the whole index over a range of days, keeps that graph, and names a range that is no range', async () => {
    const summary = () => lib.textContent('#graph-summary');
    const showRange = async (from: string, to: string) => {
      await lib.fill('#range-from', from);
      await lib.fill('#range-to', to);
      expect(await lib.isChecked('#scope-range')).toBe(true);
      await lib.evaluate(() => (document.getElementById('graph-summary')!.textContent = ''));
      await lib.click('#graph-go');
      await expect.poll(summary, { timeout: 30_000 }).not.toBe('');
    };
    await showRange('2025-03-14', '2025-03-14');
    expect(await summary()).toMatch(/^\d articles · 6 links · 7 articles checked .*built in/);
    const links = await lib.locator('#graph-links tbody tr').evaluateAll((trs) => trs.map((tr) => `${tr.children[0].firstChild?.textContent} → ${tr.children[1].firstChild?.textContent}`));
    expect(links).toEqual(expect.arrayContaining([`${WIRE} → Coastline Daily`, `${WIRE} → Northshore Gazette`, `${WIRE} → Quayside Tech & Town`]));
    // The same range again, the index unchanged: the kept graph.
    await showRange('2025-03-14', '2025-03-14');
    expect(await summary()).toMatch(/kept from an earlier analysis of the same index$/);
    // A day with no article, and a first day after the last.
    await showRange('2024-01-01', '2024-01-02');
    expect(await summary()).toMatch(/^0 articles · 0 links · 0 articles checked/);
    expect(await lib.textContent('#graph-links')).toBe('No article of your index was published (or, without a publication time, first seen) in that range of days.');
    await showRange('2025-03-20', '2025-03-10');
    expect(await summary()).toBe('The first day (20 Mar 2025) is after the last day (10 Mar 2025): swap them, or leave one empty.');
    expect(await lib.evaluate(() => document.activeElement?.id)).toBe('range-from');
  });

  it('deletes one article and the counts change', async () => {
    await lib.fill('#article-search', 'Quayside');
    await expect.poll(() => total(lib)).toBe(1);
    // Every line the status region took away: the deletion's must stay while the analysis is said.
    await lib.evaluate(() => {
      const status = document.getElementById('status')!;
      const removed: string[] = [];
      (globalThis as unknown as { removed: string[] }).removed = removed;
      new MutationObserver((records) => {
        for (const r of records) for (const n of r.removedNodes) removed.push(n.textContent ?? '');
        for (const r of records) if (r.type === 'characterData') removed.push(r.oldValue ?? '');
      }).observe(status, { childList: true, characterData: true, characterDataOldValue: true, subtree: true });
    });
    await lib.click('#articles tbody tr[data-key] button:text-is("Delete")');
    await lib.click('#articles .confirm-inline button:text-is("Delete")');
    await expect.poll(() => lib.textContent('#status')).toMatch(/^Deleted 1 article from the index\./);
    // The index changed, so it is analysed again: at once, or on the button once a run under way is
    // over (the button is disabled while one runs, and gone when an analysis is current).
    await expect
      .poll(
        async () => {
          const start = lib.locator('#analyse:enabled');
          if (await start.count()) await start.click({ timeout: 1000 }).catch(() => undefined);
          return lib.textContent('#status');
        },
        { timeout: 30_000 },
      )
      .toBe('Deleted 1 article from the index. Analysed 6 articles.');
    expect(await lib.locator('#status[role="status"][aria-live="polite"] > .status-line').allTextContents()).toEqual(['Deleted 1 article from the index.', 'Analysed 6 articles.']);
    expect(await lib.evaluate(() => (globalThis as unknown as { removed: string[] }).removed.filter((t) => /Deleted/.test(t)))).toEqual([]);
    await expect.poll(() => total(lib)).toBe(0);
    await lib.fill('#article-search', '');
    await expect.poll(() => total(lib)).toBe(6);
    await expect.poll(() => lib.locator('#outlets tbody tr[data-outlet]').count()).toBe(5);
    await expect.poll(() => lib.textContent('#library-stats [data-stat="articles"]')).toBe('6');
    // The index changed: the range's graph is built again, without the deleted article.
    await lib.fill('#range-from', '2025-03-14');
    await lib.fill('#range-to', '2025-03-14');
    await lib.evaluate(() => (document.getElementById('graph-summary')!.textContent = ''));
    await lib.click('#graph-go');
    await expect.poll(() => lib.textContent('#graph-summary'), { timeout: 30_000 }).toMatch(/^\d articles · 5 links · 6 articles checked .*built in/);
  });

  it('looks right in light, dark and at a narrow width, without a console error', async () => {
    await lib.screenshot({ path: resolve(ARTIFACTS, 'library-light.png'), fullPage: true });
    await lib.emulateMedia({ colorScheme: 'dark' });
    await lib.reload();
    await lib.waitForSelector('#articles tbody tr[data-key]');
    await lib.click('#articles tr:has(td:text-is("Coastline Daily")) button:text-is("Syndication")');
    await lib.waitForSelector('#syndication[data-render-ms]', { timeout: 30_000 });
    await lib.screenshot({ path: resolve(ARTIFACTS, 'library-dark.png'), fullPage: true });
    await lib.emulateMedia({ colorScheme: 'light' });
    await lib.setViewportSize({ width: 400, height: 900 });
    // The picture follows the width and the colours.
    await lib.waitForFunction(() => (document.querySelector('#graph canvas') as HTMLCanvasElement | null)?.getBoundingClientRect().width! <= 400);
    expect(await lib.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(400);
    await lib.screenshot({ path: resolve(ARTIFACTS, 'library-narrow.png'), fullPage: true });
    await lib.locator('#syndication').screenshot({ path: resolve(ARTIFACTS, 'library-narrow-syndication.png') });
    expect(errors).toEqual([]);
  });
});
