/**
 * The popup's report view in Chromium, the built extension end to end: the demo's same-day story
 * (times with the zone, punctuation marks in the diff), then hand-built reports with findings the
 * engine does not fill yet (a wire credit, who had it first, the outlet's own earlier text, an
 * update, later reuse's kind and credit), a page sharing only quotations, an earliest version and a
 * page with no match. A hand-built report reaches the real popup through the worker's report
 * cache (background/report-cache.ts): the demo page is checked, its cached entry gets the
 * hand-built report, and the next check of that same page answers with it, badge included.
 * Light, dark, narrow and German; screenshots in tests/artifacts/popup-report-*.png.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic } from '../../demo/serve';
import type { Report } from '../../src/engine/types';
import { english } from '../../src/i18n-english';
import { toMarkdown } from '../../src/report-format';
import { newFieldsReport } from '../unit-ext/report-fixtures';
import { ARTIFACTS, CHROMIUM, launch, openPopup, openTab, ROOT, type Harness } from './harness';

if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);

const WIRE = 'meridian-wire/lennock-floodgate.html';
const COPY = 'coastline-daily/news/lennock-barrier-gate-fails.html';
const shot = (name: string) => join(ARTIFACTS, `popup-report-${name}.png`);

interface SessionArea {
  chrome: { storage: { session: { get(k: string | null): Promise<Record<string, { article?: string; version?: number; report?: unknown }>>; set(v: Record<string, unknown>): Promise<void> } } };
}

/** The worker's cached entry for the article at `path`: its key and the index it was checked against. */
async function cacheEntry(h: Harness, path: string): Promise<{ key: string; version: number } | null> {
  return h.sw.evaluate(async (p) => {
    const all = await (globalThis as unknown as SessionArea).chrome.storage.session.get(null);
    for (const [key, v] of Object.entries(all)) if (key.startsWith('report:') && v.article?.includes(p)) return { key, version: v.version ?? -1 };
    return null;
  }, path);
}

/** Waits for the cache entry of `path` checked against an index other than `before`'s. */
async function freshEntry(h: Harness, path: string, before: number | null): Promise<{ key: string; version: number }> {
  for (let i = 0; i < 200; i++) {
    const e = await cacheEntry(h, path);
    if (e && e.version !== before) return e;
    await new Promise((ok) => setTimeout(ok, 25));
  }
  throw new Error(`no fresh report cache entry for ${path}`);
}

/** Puts `report` in the cache entry `key`: the next check of that page answers with it. */
async function inject(h: Harness, key: string, report: Report): Promise<void> {
  await h.sw.evaluate(
    async ({ key, report }) => {
      const area = (globalThis as unknown as SessionArea).chrome.storage.session;
      const entry = (await area.get(key))[key];
      await area.set({ [key]: { ...entry, report } });
    },
    { key, report },
  );
}

/**
 * Checks the wire story, then the copy (recorded), then the copy again (already recorded: its
 * report cached against the index as it stays). Returns the copy's tab and cache key.
 */
async function prepare(h: Harness, demo: (p: string) => string): Promise<{ tabId: number; key: string; first: Page }> {
  await (await openPopup(h, (await openTab(h, demo(WIRE))).tabId)).close();
  const { tabId } = await openTab(h, demo(COPY));
  const first = await openPopup(h, tabId);
  const before = (await cacheEntry(h, COPY))?.version ?? null;
  await (await openPopup(h, tabId)).close();
  const { key } = await freshEntry(h, COPY, before);
  return { tabId, key, first };
}

/** WCAG contrast of each element's text against the first opaque background behind it. */
async function contrasts(page: Page, selector: string): Promise<Array<{ text: string; ratio: number }>> {
  return page.$$eval(selector, (els) => {
    const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
    const lum = ([r, g, b]: number[]) => {
      const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    return els.map((e) => {
      let bg: number[] = [];
      for (let n: Element | null = e; n; n = n.parentElement) {
        const c = rgb(getComputedStyle(n).backgroundColor);
        if (c.length === 3 || (c.length === 4 && c[3] > 0.99)) {
          bg = c;
          break;
        }
      }
      const [a, b] = [lum(rgb(getComputedStyle(e).color)), lum(bg.length ? bg : [255, 255, 255])].sort((x, y) => y - x);
      return { text: (e.textContent ?? '').slice(0, 30), ratio: Math.round(((a + 0.05) / (b + 0.05)) * 10) / 10 };
    });
  });
}

const MARKED = '#summary, .lead, .article-line, .update-of, .first-seen, .legend, .tag, .source-meta, .note, ins, del, .punct, h5, a';

async function expectReadable(page: Page): Promise<void> {
  const low = (await contrasts(page, MARKED)).filter((c) => c.ratio < 4.5);
  expect(low).toEqual([]);
}

describe('the popup report in Chromium', () => {
  let h: Harness;
  let server: { url: string; close(): Promise<void> };
  let tabId: number;
  let key: string;
  const demo = (path: string) => new URL(path, server.url).href;

  /** The popup of the copy's tab answering with `report` (a fresh popup: the real flow). */
  async function popupWith(report: Report): Promise<Page> {
    await inject(h, key, report);
    const popup = await openPopup(h, tabId);
    expect(await popup.getAttribute('body', 'data-state')).not.toBe('error');
    return popup;
  }

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await serveStatic(resolve(ROOT, 'demo'));
    h = await launch();
    const prepared = await prepare(h, demo);
    ({ tabId, key } = prepared);
    // The demo's own report: the wire and the copy appeared on one day.
    const popup = prepared.first;
    await popup.screenshot({ path: shot('demo-times'), fullPage: true });
    await popup.locator('#copied li.passage').first().screenshot({ path: shot('demo-passage') });
    expect(await popup.textContent('#article-line')).toMatch(/^This article: Coastline Daily, 14 Mar 2025, \d\d:\d\d UTC$/);
    expect(await popup.textContent('#sources')).toMatch(/Meridian Wire14 Mar 2025, \d\d:\d\d UTC · \d+ passages/);
    expect(await popup.textContent('#copied h4')).toMatch(/^1\. Paragraph \d+: Meridian Wire, 14 Mar 2025, \d\d:\d\d UTC$/);
    // Punctuation differences are marked apart, with their meaning for screen readers and as a tooltip.
    const marks = await popup.$$eval('#copied .passage-text .punct', (els) => els.map((e) => ({ text: e.textContent, sr: e.getAttribute('data-sr'), title: e.getAttribute('title') })));
    expect(marks.length).toBeGreaterThan(0);
    for (const m of marks) {
      expect(m.text).toMatch(/^[^\p{L}\p{N}]+$/u);
      expect(m).toMatchObject({ sr: 'punctuation or quote marks differ', title: 'punctuation or quote marks differ' });
    }
    // The screen-reader text is generated content out of sight, not text of the page.
    const sr = await popup.$eval('#copied .passage-text .punct', (e) => ({ content: getComputedStyle(e, '::before').content, width: getComputedStyle(e, '::before').width }));
    expect(sr).toEqual({ content: '" [punctuation or quote marks differ: "', width: '1px' });
    await expectReadable(popup);
    await popup.close();
  });

  afterAll(async () => {
    await h?.close();
    await server?.close();
  });

  it('renders the newer findings: update, wire credit, who had it first, own earlier text, reuse kind and credit', async () => {
    const report = newFieldsReport();
    const popup = await popupWith(report);
    await popup.screenshot({ path: shot('new-fields'), fullPage: true });
    await popup.locator('#copied li.passage').first().screenshot({ path: shot('new-fields-passage') });
    expect(await popup.textContent('#summary')).toBe('2 of 6 paragraphs appeared earlier, mostly in dailymail.co.uk.');
    expect(await popup.textContent('#article-line')).toBe('This article: Coastline Daily, 14 Mar 2025, 10:15 UTC');
    expect(await popup.textContent('#update-of')).toBe('An updated version of Lennock barrier gate fails, 14 Mar 2025, 08:00 UTC; 35% of the text repeats it.');
    expect(await popup.getAttribute('#update-of a', 'href')).toBe('https://coast.example/gate');
    expect(await popup.textContent('#sources')).toContain('14 Mar 2025, 07:05 UTC · 1 passage · 40% of the text · credited');
    expect(await popup.textContent('#sources')).toContain('14 Mar 2025, 06:10 UTC · 1 passage · 10% of the text · quotes only');
    expect(await popup.textContent('#copied h4')).toBe('1. Paragraph 2: dailymail.co.uk, 14 Mar 2025, 07:05 UTC');
    expect(await popup.$$eval('#copied .tag', (els) => els.map((e) => e.textContent))).toEqual(['credited to Associated Press, via dailymail.co.uk', '100% same words']);
    expect(await popup.textContent('#copied .first-seen')).toBe('first seen in Meridian Wire, 14 Mar 2025, 06:10 UTC');
    expect(await popup.getAttribute('#copied .first-seen a', 'href')).toBe('https://wire.example/gate');
    // Words, punctuation and quote style apart: "on Friday" is removed words; commas and quotes are punctuation.
    expect(await popup.$$eval('#copied .passage-text del', (els) => els.map((e) => e.textContent))).toEqual(['on Friday,']);
    expect(await popup.$$eval('#copied .passage-text ins', (els) => els.map((e) => e.textContent))).toEqual([]);
    expect(await popup.$$eval('#copied .side:first-child .punct', (els) => els.map((e) => e.textContent))).toEqual(['’', ',', ',', '“', '”']);
    expect(await popup.$$eval('#copied .side:last-child .punct', (els) => els.map((e) => e.textContent))).toEqual(["'", '"', '"']);
    // A quotation: "shared quote", never a credit.
    expect(await popup.$$eval('#quotes .tag', (els) => els.map((e) => e.textContent))).toEqual(['shared quote', 'word for word']);
    expect(await popup.$$('#quotes .tag-ok, #quotes .tag-warn')).toHaveLength(0);
    expect(await popup.textContent('#own-earlier-h')).toBe("From Coastline Daily's own earlier articles (2)");
    expect(await popup.textContent('#own-earlier')).toContain('Text Coastline Daily had published itself before: not counted as copied.');
    expect(await popup.textContent('#own-earlier li')).toBe('Lennock barrier gate fails14 Mar 2025, 08:00 UTC · paragraphs 4 and 5');
    expect(await popup.$$eval('#reused li', (els) => els.map((e) => e.textContent))).toEqual([
      'Later Post15 Mar 2025 · 30% of this article · copied · not credited',
      'Quote Herald16 Mar 2025 · 5% of this article · quotes only',
    ]);
    // The Markdown export is the golden one (report-format.test.ts), in the browser's own Intl.
    const md = popup.waitForEvent('download');
    await popup.click('#export-md');
    const text = readFileSync(await (await md).path(), 'utf8');
    const golden = toMarkdown(report, english, new Date());
    expect(text.replace(/on \d{4}-\d\d-\d\d/, '')).toBe(golden.replace(/on \d{4}-\d\d-\d\d/, ''));
    await expectReadable(popup);

    // Dark theme: the same page, the colour scheme switched.
    await popup.emulateMedia({ colorScheme: 'dark' });
    expect(await popup.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(22, 25, 29)');
    await popup.screenshot({ path: shot('new-fields-dark'), fullPage: true });
    await popup.locator('#copied li.passage').first().screenshot({ path: shot('new-fields-passage-dark') });
    await expectReadable(popup);

    // The narrowest popup: nothing overflows sideways.
    await popup.emulateMedia({ colorScheme: 'light' });
    await popup.setViewportSize({ width: 420, height: 900 });
    await popup.screenshot({ path: shot('new-fields-narrow'), fullPage: true });
    expect(await popup.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(420);
    await popup.close();
  });

  it('reaches every control by keyboard, in reading order', async () => {
    const popup = await popupWith(newFieldsReport());
    const seen: string[] = [];
    for (let i = 0; i < 20; i++) {
      await popup.keyboard.press('Tab');
      seen.push(await popup.evaluate(() => document.activeElement?.id || document.activeElement?.textContent?.trim() || ''));
    }
    for (const id of ['options', 'highlight', 'clear-highlights', 'copy', 'export-md', 'export-json', 'Lennock barrier gate fails', 'Meridian Wire']) expect(seen).toContain(id);
    expect(seen.indexOf('options')).toBeLessThan(seen.indexOf('copy'));
    expect(seen.indexOf('copy')).toBeLessThan(seen.indexOf('export-json'));
    // The outcome of an action is announced: the status is a polite live region.
    expect(await popup.getAttribute('#status', 'aria-live')).toBe('polite');
    await popup.close();
  });

  it('gives a page sharing only quotations its own headline and badge, never a credit', async () => {
    const base = newFieldsReport();
    const quote = base.passages[1];
    const report = newFieldsReport({
      copiedShare: 0,
      quotedShare: 0.1,
      passages: [quote, { ...quote, paragraph: 4, group: 3 }],
      sources: [{ ...base.sources[1], passages: 2 }],
      ownEarlier: [],
      updateOf: undefined,
      reusedBy: [],
    });
    const popup = await popupWith(report);
    await popup.screenshot({ path: shot('quotes-only'), fullPage: true });
    expect(await popup.getAttribute('.report', 'data-quotes-only')).toBe('true');
    expect(await popup.textContent('#summary')).toBe('Only shared quotes: no copied prose');
    expect(await popup.textContent('.lead')).toBe('2 of 6 paragraphs quote what Meridian Wire quoted earlier. 10% in shared quotes.');
    expect(await popup.evaluate(() => getComputedStyle(document.getElementById('summary')!).color)).toBe('rgb(11, 92, 173)');
    expect(await popup.$$('.tag-ok, .tag-warn')).toHaveLength(0);
    expect(await popup.textContent('#sources')).toContain('quotes only');
    expect(await popup.textContent('#status')).toMatch(/^Only quotations are shared: 2 of 6 paragraphs/);
    const badge = await h.sw.evaluate(async (id) => {
      const action = (globalThis as unknown as { chrome: { action: { getBadgeText(d: { tabId: number }): Promise<string>; getBadgeBackgroundColor(d: { tabId: number }): Promise<number[]> } } }).chrome.action;
      return { text: await action.getBadgeText({ tabId: id }), color: await action.getBadgeBackgroundColor({ tabId: id }) };
    }, tabId);
    expect(badge).toEqual({ text: '\u201c10%', color: [11, 92, 173, 255] });
    await expectReadable(popup);
    await popup.emulateMedia({ colorScheme: 'dark' });
    await popup.screenshot({ path: shot('quotes-only-dark'), fullPage: true });
    await expectReadable(popup);
    await popup.close();
  });

  it('offers Copy and the exports on every report: earliest version, no match', async () => {
    const earliest = newFieldsReport({ passages: [], sources: [], ownEarlier: [], updateOf: undefined, earliest: true, copiedShare: 0, quotedShare: 0 });
    let popup = await popupWith(earliest);
    await popup.screenshot({ path: shot('earliest'), fullPage: true });
    expect(await popup.textContent('#summary')).toBe('No earlier source found: this looks like the earliest version; 2 later articles reused its text.');
    expect(await popup.$$eval('.actions button', (els) => els.map((e) => e.id))).toEqual(['copy', 'export-md', 'export-json']);
    const md = popup.waitForEvent('download');
    await popup.click('#export-md');
    expect(readFileSync(await (await md).path(), 'utf8')).toContain('- [Later Post](<https://later.example/1>), 15 Mar 2025: 30% of this article, copied, not credited');
    await h.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await popup.click('#copy');
    await popup.waitForFunction(() => /copied|Could not copy/.test(document.getElementById('status')?.textContent ?? ''));
    expect(await popup.textContent('#status')).toBe('Report copied as Markdown.');
    await popup.close();

    popup = await popupWith({ ...earliest, earliest: false, reusedBy: [] });
    expect(await popup.getAttribute('body', 'data-state')).toBe('nothing-found');
    expect(await popup.$$eval('.actions button', (els) => els.map((e) => e.id))).toEqual(['copy', 'export-md', 'export-json']);
    await popup.close();
  });
});

describe('the popup report in German', () => {
  it('writes the newer findings in German, at full and narrow width', async () => {
    const server = await serveStatic(resolve(ROOT, 'demo'));
    const h = await launch({ locale: 'de-DE' });
    try {
      const { tabId, key, first } = await prepare(h, (p) => new URL(p, server.url).href);
      await first.close();
      await inject(h, key, newFieldsReport());
      const popup = await openPopup(h, tabId);
      await popup.screenshot({ path: shot('de-new-fields'), fullPage: true });
      expect(await popup.textContent('#article-line')).toBe('Dieser Artikel: Coastline Daily, 14. März 2025, 10:15 UTC');
      expect(await popup.textContent('#update-of')).toBe('Aktualisierte Fassung von Lennock barrier gate fails, 14. März 2025, 08:00 UTC; 35\u00a0% des Textes stammen daraus.');
      expect(await popup.$$eval('#copied .tag', (els) => els.map((e) => e.textContent))).toEqual(['gekennzeichnet: Associated Press, über dailymail.co.uk', 'zu 100\u00a0% wortgleich']);
      expect(await popup.textContent('#copied .first-seen')).toBe('zuerst erschienen bei Meridian Wire, 14. März 2025, 06:10 UTC');
      expect(await popup.$$eval('#quotes .tag', (els) => els.map((e) => e.textContent))).toEqual(['gemeinsames Zitat', 'wörtlich']);
      expect(await popup.textContent('#own-earlier-h')).toBe('Aus früheren Artikeln von Coastline Daily (2)');
      expect(await popup.textContent('#own-earlier li')).toBe('Lennock barrier gate fails14. März 2025, 08:00 UTC · Absätze 4 und 5');
      expect(await popup.$$eval('#reused li', (els) => els.map((e) => e.textContent))).toEqual([
        'Later Post15. März 2025 · 30\u00a0% dieses Artikels · übernommen · nicht gekennzeichnet',
        'Quote Herald16. März 2025 · 5\u00a0% dieses Artikels · nur Zitate',
      ]);
      expect(await popup.getAttribute('#copied .passage-text .punct', 'data-sr')).toBe('Satz- oder Anführungszeichen weichen ab');
      await popup.setViewportSize({ width: 420, height: 900 });
      await popup.screenshot({ path: shot('de-new-fields-narrow'), fullPage: true });
      expect(await popup.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(420);
      await popup.close();
    } finally {
      await h.close();
      await server.close();
    }
  });
});
