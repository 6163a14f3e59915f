/**
 * The built extension in a German Chromium (--lang=de, LANGUAGE=de, locale de-DE): on the demo's
 * wire story and the outlet that copies it, the popup, the highlight labels on the page, the
 * toolbar tooltip and the options page speak German, with German numbers and dates. Both browser
 * builds carry the catalogues. Screenshots go to tests/artifacts/ (popup-de-*.png, options-de.png).
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic } from '../../demo/serve';
import { ARTIFACTS, CHROMIUM, extensionPage, launch, openPopup, openTab, ROOT, type Harness } from './harness';

if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);

/** Texts of the popup's own words (not the article text it quotes). */
const uiTexts = async (popup: Page) => [
  ...(await popup.$$eval('h1, h2, h3, h5:first-child, button, .tag, .source-meta, .note, .lead, #status, .article-line, .legend, .first-seen, .update-of', (els) => els.map((e) => e.textContent ?? ''))),
  ...(await popup.$$eval('[aria-label], [title]', (els) => els.flatMap((e) => [e.getAttribute('aria-label') ?? '', e.getAttribute('title') ?? '']))),
];
/** English words of the popup's English messages: none may show in German. */
const ENGLISH = /\b(of the|appeared|earlier|Sources|credited|Copied|passages?|paragraphs?|Recorded|Highlight|Export|Copy|Options|Report|Checking|article)\b/;

describe('Wiretrace in German', () => {
  let h: Harness;
  let server: { url: string; close(): Promise<void> };
  const shot = (name: string) => join(ARTIFACTS, `${name}.png`);
  const demo = (path: string) => new URL(path, server.url).href;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await serveStatic(resolve(ROOT, 'demo'));
    h = await launch({ locale: 'de-DE' });
  });

  afterAll(async () => {
    await h?.close();
    await server?.close();
  });

  it('ships the catalogues in both browser builds', () => {
    for (const target of ['chrome', 'chrome-test', 'firefox']) {
      for (const lang of ['en', 'de']) {
        expect(readFileSync(resolve(ROOT, 'dist', target, '_locales', lang, 'messages.json'), 'utf8')).toBe(readFileSync(resolve(ROOT, '_locales', lang, 'messages.json'), 'utf8'));
      }
      expect(JSON.parse(readFileSync(resolve(ROOT, 'dist', target, 'manifest.json'), 'utf8'))).toMatchObject({ name: '__MSG_extName__', default_locale: 'en' });
    }
  });

  it('records the wire story into an empty index, in German', async () => {
    const { tabId } = await openTab(h, demo('meridian-wire/lennock-floodgate.html'));
    const popup = await openPopup(h, tabId);
    await popup.screenshot({ path: shot('popup-de-empty-index'), fullPage: true });
    expect(await popup.getAttribute('html', 'lang')).toBe('de');
    expect(await popup.textContent('#options')).toBe('Einstellungen');
    expect(await popup.textContent('#summary')).toBe('Noch nichts aufgenommen');
    expect(await popup.textContent('#recording')).toBe('Aufgenommen: Ihr Archiv enthält jetzt 1 Artikel.');
    expect(await popup.textContent('#status')).toBe('Noch nichts aufgenommen.');
    await popup.close();
  });

  it('traces the copy to the wire in German: summary, sources, passages, highlights, tooltip', async () => {
    const { page, tabId } = await openTab(h, demo('coastline-daily/news/lennock-barrier-gate-fails.html'));
    const popup = await openPopup(h, tabId);
    await popup.screenshot({ path: shot('popup-de-found'), fullPage: true });
    // The narrowest popup (body min-width): long German words must wrap, not overflow.
    await popup.setViewportSize({ width: 420, height: 700 });
    await popup.screenshot({ path: shot('popup-de-found-narrow') });
    expect(await popup.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(420);
    await popup.setViewportSize({ width: 560, height: 900 });
    expect(await popup.getAttribute('body', 'data-state')).toBe('found');
    expect(await popup.textContent('#summary')).toMatch(/^Schon früher erschienen: \d+ von \d+ Absätzen, bei Meridian Wire\.$/);
    expect(await popup.textContent('.lead')).toMatch(/^\d+\u00a0% des Textes übernommen/);
    const sources = (await popup.textContent('#sources')) ?? '';
    expect(sources).toContain('Quellen');
    // The wire and this article appeared on one day: times, with the zone.
    expect(sources).toMatch(/14\. März 2025, \d\d:\d\d UTC/);
    expect(await popup.textContent('#article-line')).toMatch(/^Dieser Artikel: Coastline Daily, 14\. März 2025, \d\d:\d\d UTC$/);
    expect(sources).toMatch(/\d+ Passagen · \d+\u00a0% des Textes · nicht gekennzeichnet/);
    expect(await popup.textContent('#copied-h')).toMatch(/^Übernommene Passagen \(\d+\)$/);
    expect(await popup.textContent('#copied h4')).toMatch(/^1\. Absatz \d+: Meridian Wire, 14\. März 2025, \d\d:\d\d UTC$/);
    expect(await popup.textContent('#copied .legend')).toBe('In den Texten: nur in diesem Artikel · nur in der Quelle · Satz- oder Anführungszeichen weichen ab');
    expect(await popup.textContent('#copied h5')).toBe('Dieser Artikel (Coastline Daily)');
    expect(await popup.textContent('#highlight')).toBe('Auf der Seite markieren');
    expect((await uiTexts(popup)).filter((s) => ENGLISH.test(s))).toEqual([]);

    const badgeTitle = await h.sw.evaluate((id) => (globalThis as unknown as { chrome: { action: { getTitle(d: { tabId: number }): Promise<string> } } }).chrome.action.getTitle({ tabId: id }), tabId);
    expect(badgeTitle).toMatch(/^Wiretrace: \d+\u00a0% des Textes übernommen/);

    await popup.click('#highlight');
    await popup.waitForFunction(() => /von \d+ Passagen auf der Seite markiert\.$/.test(document.getElementById('status')?.textContent ?? ''));
    expect(await popup.textContent('#status')).toMatch(/^[1-9]\d* von \d+ Passagen auf der Seite markiert\.$/);
    expect(Number(await popup.getAttribute('body', 'data-highlighted'))).toBeGreaterThan(0);
    // The marks carry no label for the page to read; the German label shows on hover (closed shadow root).
    const titles = await page.$$eval('mark.wiretrace-mark', (ms) => ms.map((m) => m.getAttribute('title')));
    expect(titles.length).toBeGreaterThan(0);
    expect(titles.every((t) => t === null)).toBe(true);
    expect(await page.evaluate(() => document.documentElement.outerHTML)).not.toMatch(/früher erschienen|Zitat auch/);
    await page.bringToFront();
    await page.hover('mark.wiretrace-mark');
    await page.screenshot({ path: `${ARTIFACTS}/page-highlight-label-de.png` });

    // The Markdown export in German too.
    await popup.bringToFront();
    const md = popup.waitForEvent('download');
    await popup.click('#export-md');
    const text = readFileSync(await (await md).path(), 'utf8');
    expect(text).toMatch(/^# Wiretrace-Bericht: /);
    expect(text).toContain('| Medium | Datum | Passagen | Anteil | Gekennzeichnet |');
    expect(text).toMatch(/\| 14\. März 2025, \d\d:\d\d UTC \|/);
    expect(text).toMatch(/\n_Von Wiretrace am \d{4}-\d\d-\d\d mit 1 Artikel verglichen\\._\n$/);
    await popup.close();
  });

  it('says in German that a section front is not an article', async () => {
    const { tabId } = await openTab(h, demo('northshore-gazette/index.html'));
    const popup = await openPopup(h, tabId);
    await popup.screenshot({ path: shot('popup-de-not-article'), fullPage: true });
    expect(await popup.getAttribute('body', 'data-state')).toBe('not-article');
    expect(await popup.textContent('main h2')).toBe('Kein Artikel');
    expect(await popup.textContent('main')).toContain('Diese Seite sieht nicht nach einem Artikel aus.');
    expect(await popup.textContent('#force')).toBe('Trotzdem prüfen');
    // Checked on request, never recorded: the note says so in German (the options page below still counts 2).
    await popup.click('#force');
    await popup.waitForFunction(() => document.body.getAttribute('aria-busy') === 'false' && !['not-article', 'loading'].includes(document.body.dataset.state ?? ''));
    await popup.screenshot({ path: shot('popup-de-check-anyway'), fullPage: true });
    expect(await popup.textContent('#recording')).toBe('Nicht aufgenommen: Diese Seite ist kein Artikel. Sie wurde geprüft, doch Seiten, die keine Artikel sind, kommen nie in Ihr Archiv.');
    await popup.close();
  });

  it('shows the options page in German', async () => {
    const options = await h.context.newPage();
    await options.setViewportSize({ width: 720, height: 900 });
    await options.goto(extensionPage(h, 'options.html'));
    await options.waitForFunction(() => document.querySelector('[data-stat="articles"]')?.textContent === '2');
    await options.screenshot({ path: shot('options-de'), fullPage: true });
    expect(await options.title()).toBe('Wiretrace – Einstellungen');
    expect(await options.textContent('#checking-h')).toBe('Prüfen');
    expect(await options.textContent('#index-h')).toBe('Ihr Archiv');
    expect(await options.textContent('#stats')).toContain('Belegter Speicher');
    expect(await options.textContent('#denied-list')).toBe('Noch keine Websites.');
    expect(await options.textContent('#clear')).toBe('Archiv leeren …');
    expect(await options.$$eval('[data-i18n]', (els) => els.filter((e) => !e.textContent?.trim()).length)).toBe(0);
    await options.close();
  });
});
