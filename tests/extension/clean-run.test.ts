/**
 * The built extension loads and runs without a console error, and the Firefox build lints clean.
 * Chromium: the demo's wire story, then the outlet that copies it, each checked through the popup
 * with highlights; the options page opened; every console error and uncaught exception from the
 * pages, the popup, the options page and the service worker is collected and must be none.
 * Firefox: `web-ext lint` on dist/firefox must report 0 errors and 0 warnings.
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import type { ConsoleMessage } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic } from '../../demo/serve';
import { extensionPage, launch, openPopup, openTab, ROOT, type Harness } from './harness';

describe('a clean run', () => {
  let h: Harness;
  let server: { url: string; close(): Promise<void> };
  const errors: string[] = [];

  beforeAll(async () => {
    server = await serveStatic(resolve(ROOT, 'demo'));
    h = await launch();
    const watch = (where: string) => (m: ConsoleMessage) => {
      // The demo site has no favicon; Chromium's request for it is the site's 404, not the extension's.
      if (m.type() === 'error' && !m.location().url.endsWith('/favicon.ico')) errors.push(`${where}: ${m.text()} (${m.location().url})`);
    };
    h.sw.on('console', watch('service worker'));
    h.context.on('page', (p) => {
      p.on('console', watch(p.url()));
      p.on('pageerror', (e) => errors.push(`${p.url()}: ${e.message}`));
    });
  });
  afterAll(async () => {
    await h?.close();
    await server?.close();
  });

  it('checks, records and highlights without a console error', async () => {
    const base = server.url.replace(/\/$/, '');
    for (const path of ['meridian-wire/lennock-floodgate.html', 'coastline-daily/news/lennock-barrier-gate-fails.html', 'northshore-gazette/index.html']) {
      const { tabId, page } = await openTab(h, `${base}/${path}`);
      const popup = await openPopup(h, tabId);
      if (path.startsWith('coastline')) {
        expect(await popup.getAttribute('.report', 'data-state')).toBe('found');
        await popup.getByRole('button', { name: /highlight on page/i }).click();
        await page.waitForSelector('mark.wiretrace-mark');
      }
      await popup.close();
    }
    const options = await h.context.newPage();
    await options.goto(extensionPage(h, 'options.html'));
    await options.waitForLoadState('load');
    await options.waitForFunction(() => /\d/.test(document.body.textContent ?? ''));
    expect(errors).toEqual([]);
  });

  it('the Firefox build lints with 0 errors and 0 warnings', () => {
    const out = execFileSync(resolve(ROOT, 'node_modules/.bin/web-ext'), ['lint', '--source-dir', resolve(ROOT, 'dist/firefox'), '--output', 'json', '--no-config-discovery'], { encoding: 'utf8' });
    const report = JSON.parse(out.slice(out.indexOf('{'))) as { summary: { errors: number; warnings: number } };
    expect(report.summary).toMatchObject({ errors: 0, warnings: 0 });
  });
});
