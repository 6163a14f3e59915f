/**
 * The founding example in the built extension: the five seed articles as pages (tests/fixtures/
 * seed-pages.ts, served by demo/serve.ts). Check the BBC text first, then the Nigerian outlet's
 * version of it: the popup must say it came mostly from BBC News, dated 26 Aug 2016, and highlight
 * the passages on the page with that label.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, CHROMIUM, launch, openPopup, openTab, ROOT, type Harness } from './harness';

const SEEDS = resolve(ROOT, '../shared/seeds');
const SEED_PAGES = resolve(ROOT, 'tests/fixtures/seed-pages.ts');
const SERVE = resolve(ROOT, 'demo/serve.ts');
if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
const ready = existsSync(SEEDS) && existsSync(SEED_PAGES) && existsSync(SERVE);

describe.skipIf(!ready)('Wiretrace on the seed articles', () => {
  let h: Harness;
  let server: { url: string; close(): Promise<void> };
  let dir: string;
  const url: Record<string, string> = {};

  beforeAll(async () => {
    const { buildSeedPages } = (await import(SEED_PAGES)) as typeof import('../fixtures/seed-pages');
    const { serveStatic } = (await import(SERVE)) as typeof import('../../demo/serve');
    dir = mkdtempSync(join(tmpdir(), 'wiretrace-seeds-'));
    for (const p of buildSeedPages(SEEDS)) {
      mkdirSync(dirname(join(dir, p.path)), { recursive: true });
      writeFileSync(join(dir, p.path), p.html);
      url[p.file.slice(0, 3)] = p.path;
    }
    server = await serveStatic(dir);
    h = await launch();
  });

  afterAll(async () => {
    await h?.close();
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('traces the Nigerian version back to BBC News and highlights it', async () => {
    const bbc = await openTab(h, new URL(url['000'], server.url).href);
    await (await openPopup(h, bbc.tabId)).close();
    const { page, tabId } = await openTab(h, new URL(url['001'], server.url).href);
    const popup = await openPopup(h, tabId);
    await popup.screenshot({ path: join(ARTIFACTS, 'popup-seeds.png'), fullPage: true });
    expect(await popup.getAttribute('body', 'data-state')).toBe('found');
    expect(await popup.textContent('#summary')).toMatch(/^\d+ of \d+ paragraphs appeared earlier, in BBC News\.$/);
    expect(await popup.textContent('#sources')).toContain('26 Aug 2016');
    await popup.click('#highlight');
    await popup.waitForFunction(() => /Highlighted [1-9]\d* of/.test(document.getElementById('status')?.textContent ?? ''));
    // Marked on the page, with nothing of the index (the source, its date) in the page's DOM.
    const dom = await page.evaluate(() => ({ marks: document.querySelectorAll('mark.wiretrace-mark').length, html: document.documentElement.outerHTML }));
    expect(dom.marks).toBeGreaterThan(5);
    expect(dom.html).not.toContain('appeared earlier in BBC News');
    await page.bringToFront();
    await page.screenshot({ path: join(ARTIFACTS, 'page-seeds-highlighted.png'), fullPage: true });
  });
});
