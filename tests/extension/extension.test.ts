/**
 * The built extension in Chromium: check an original article, then a later copy of it from another
 * outlet; the popup names the source, shows the passages, highlights them on the page, exports and
 * copies the report to the real clipboard; a page that is not an article (checked on request, never
 * recorded); a denied site is checked but not recorded; the options page; the dark theme.
 * Screenshots go to tests/artifacts/.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORDER, recordFigures } from './figures';
import { fixturePages } from './fixtures';
import { ARTIFACTS, CHROMIUM, extensionPage, launch, openPopup, openTab, serve, type ChromeLike, type Harness } from './harness';

// Fail, never skip, without Chromium (`apt-get install -y chromium`; .ci/run installs it).
if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);

/** What the index knows of the source of a passage on the copy's page: a page script must see none of it. */
const INDEX_WORDS = /Wire Daily|26 Aug 2016|appeared earlier/i;

describe('Wiretrace in Chromium', () => {
  let h: Harness;
  let server: Awaited<ReturnType<typeof serve>>;
  const shot = (name: string) => join(ARTIFACTS, `${name}.png`);

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await serve(fixturePages());
    h = await launch();
  });

  afterAll(async () => {
    await h?.close();
    await server?.close();
  });

  it('checks the first article into an empty index and says how the index grows', async () => {
    const { tabId } = await openTab(h, `${server.origin}/wire/flood.html`);
    const popup = await openPopup(h, tabId);
    await popup.screenshot({ path: shot('popup-empty-index'), fullPage: true });
    expect(await popup.getAttribute('body', 'data-state')).toBe('empty-index');
    expect(await popup.textContent('main')).toContain('Wiretrace learns from the articles you check; nothing recorded yet');
    // A new article is recorded after the report is shown: the answer said so (data-recording),
    // and the worker's event turned "Recording…" into the outcome.
    expect(await popup.getAttribute('body', 'data-recording')).toBe('done');
    expect(await popup.getAttribute('body', 'data-recorded')).toBe('true');
    expect(await popup.textContent('#recording')).toBe('Recorded: your index now holds 1 article.');
    expect(JSON.parse((await popup.getAttribute('body', 'data-timings')) ?? '{}').record).toBeGreaterThan(0);
    expect(await popup.textContent('#status')).toBe('Nothing recorded yet.');
    await popup.close();
  });

  it('finds the copy in a later article of another outlet, side by side, and highlights it on the page', async () => {
    const { page, tabId } = await openTab(h, `${server.origin}/copy/flood.html`);
    const popup = await openPopup(h, tabId);
    await popup.screenshot({ path: shot('popup-found'), fullPage: true });
    expect(await popup.getAttribute('body', 'data-state')).toBe('found');
    const summary = await popup.textContent('#summary');
    expect(summary).toMatch(/^\d+ of \d+ paragraphs appeared earlier, in Wire Daily\.$/);
    expect(await popup.textContent('#sources')).toContain('Wire Daily');
    expect(await popup.textContent('#sources')).toContain('26 Aug 2016');
    const passages = await popup.$$('#copied li.passage');
    expect(passages.length).toBeGreaterThanOrEqual(3);
    // The edited words show as changes: "journalists" (this article) vs "reporters" (the source).
    expect(await popup.textContent('#copied')).toContain('journalists');
    expect(await popup.$$eval('#copied ins', (els) => els.map((e) => e.textContent?.trim()))).toContain('journalists');
    expect(await popup.$$eval('#copied del', (els) => els.map((e) => e.textContent?.trim()))).toContain('reporters');
    // The badge shows the copied share.
    const badge = await h.sw.evaluate((id) => (globalThis as unknown as ChromeLike).chrome.action.getBadgeText({ tabId: id }), tabId);
    expect(badge).toMatch(/^\d+%$/);

    // A script of the page's own watches its DOM from here on.
    await page.evaluate(() => {
      const w = window as unknown as { __seen: string[] };
      w.__seen = [];
      new MutationObserver((records) => {
        for (const r of records) {
          for (const n of r.addedNodes) w.__seen.push(n.nodeType === 1 ? (n as Element).outerHTML : (n.textContent ?? ''));
          if (r.attributeName) w.__seen.push(`${r.attributeName}=${(r.target as Element).getAttribute(r.attributeName)}`);
        }
      }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    });
    // Keyboard: the first action is a real, focusable button.
    await popup.focus('#highlight');
    await popup.keyboard.press('Enter');
    await popup.waitForFunction(() => /Highlighted \d+ of \d+/.test(document.getElementById('status')?.textContent ?? ''));
    expect(await popup.textContent('#status')).toMatch(/Highlighted [1-9]\d* of/);
    // The passages are marked, but nothing of the index (the source's outlet, its date) is in the
    // page's DOM, for the page's scripts to read: the labels show in a closed shadow root on hover.
    const dom = await page.evaluate(() => ({
      marks: new Set(Array.from(document.querySelectorAll('mark.wiretrace-mark'), (m) => m.getAttribute('data-wiretrace-mark'))).size,
      seen: (window as unknown as { __seen: string[] }).__seen.join('\n'),
      html: document.documentElement.outerHTML,
    }));
    expect(dom.marks).toBeGreaterThanOrEqual(passages.length);
    expect(dom.seen).toContain('wiretrace-mark');
    expect(dom.seen).not.toMatch(INDEX_WORDS);
    expect(dom.html).not.toMatch(INDEX_WORDS);
    await page.bringToFront();
    await page.screenshot({ path: shot('page-highlighted'), fullPage: true });
    await page.hover('mark.wiretrace-mark');
    // Shown on hover, and still out of the page's reach: in a closed shadow root.
    const hovered = await page.evaluate(() => ({
      seen: (window as unknown as { __seen: string[] }).__seen.join('\n'),
      html: document.documentElement.outerHTML,
      open: Array.from(document.querySelectorAll('*'), (e) => e.shadowRoot?.textContent ?? '').join(''),
    }));
    await page.screenshot({ path: shot('page-highlight-label') });
    const found = (text: string) => text.match(new RegExp(INDEX_WORDS, 'gi'))?.length ?? 0;
    recordFigures({
      section: 'Page scripts watching the highlights',
      order: ORDER.pageScripts,
      method:
        "A copied article highlighted on its page in Chromium while a script of the page's own watches the whole document with a `MutationObserver` (`tests/extension/extension.test.ts`; also `tests/content/highlight.browser.test.ts`). What the index knows of a passage (the source's outlet, its date, the label's words) is looked for in every change the script saw, in the page's markup and in the shadow roots the page can open, after the highlighting and again with the pointer on a mark (its label showing, in a closed shadow root).",
      columns: ['marks placed', 'changes the page saw', 'index words in them', "in the page's markup", 'in shadow roots the page can read', 'the same with a label showing'],
      rows: [[dom.marks, dom.seen.split('\n').length, found(dom.seen), found(dom.html), found(hovered.open), `${found(hovered.seen) + found(hovered.html) + found(hovered.open)} words`]],
    });
    expect(found(hovered.seen) + found(hovered.html) + found(hovered.open)).toBe(0);
    // Export JSON: the engine's report in a versioned envelope.
    const download = popup.waitForEvent('download');
    await popup.click('#export-json');
    const saved = JSON.parse(readFileSync(await (await download).path(), 'utf8'));
    expect(saved).toMatchObject({ format: 'wiretrace-report', version: 1, report: { outlet: 'Copy Times' } });
    expect(saved.report.passages).toHaveLength(passages.length);
    const md = popup.waitForEvent('download');
    await popup.click('#export-md');
    expect((await md).suggestedFilename()).toMatch(/^wiretrace-copy-times-.*\.md$/);
    // Copy report: the same Markdown on the real clipboard.
    await h.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await popup.bringToFront();
    await popup.click('#copy');
    await popup.waitForFunction(() => /copied|Could not copy/.test(document.getElementById('status')?.textContent ?? ''));
    expect(await popup.textContent('#status')).toBe('Report copied as Markdown.');
    const copied = await popup.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain('Copy Times');
    expect(copied).toContain('Wire Daily');
    expect(copied).toContain('journalists');
    await popup.click('#clear-highlights');
    await popup.waitForFunction(() => document.getElementById('status')?.textContent === 'Highlights cleared.');
    expect(await page.evaluate(() => document.querySelectorAll('mark.wiretrace-mark, [data-wiretrace-ui]').length)).toBe(0);
    await popup.close();
    await page.close();
  });

  it('says when a page is not an article, and checks it anyway on request', async () => {
    const { tabId } = await openTab(h, `${server.origin}/index.html`);
    const popup = await openPopup(h, tabId);
    await popup.screenshot({ path: shot('popup-not-article'), fullPage: true });
    expect(await popup.getAttribute('body', 'data-state')).toBe('not-article');
    expect(await popup.evaluate(() => document.activeElement?.id)).toBe('force');
    await popup.click('#force');
    await popup.waitForFunction(() => document.body.getAttribute('aria-busy') === 'false' && document.body.dataset.state !== 'not-article' && document.body.dataset.state !== 'loading');
    expect(['nothing-found', 'found', 'error']).toContain(await popup.getAttribute('body', 'data-state'));
    // Checked, never recorded: a page that is not an article must not count for later checks.
    expect(await popup.getAttribute('body', 'data-recorded')).toBe('false');
    expect(await popup.textContent('#recording')).toMatch(/^Not recorded: this page is not an article/);
    await popup.close();
  });

  it('checks but never records articles from a denied site', async () => {
    const options = await h.context.newPage();
    await options.goto(extensionPage(h, 'options.html'));
    await options.waitForSelector('[data-stat="articles"]');
    const before = await options.textContent('[data-stat="articles"]');
    await options.fill('#denied-input', 'http://127.0.0.1:1234/anything');
    await options.click('#denied-form button[type="submit"]');
    await options.waitForSelector('li[data-host="127.0.0.1"]');
    await options.screenshot({ path: shot('options'), fullPage: true });

    const { tabId } = await openTab(h, `${server.origin}/local/cycling.html`);
    const popup = await openPopup(h, tabId);
    await popup.screenshot({ path: shot('popup-denied'), fullPage: true });
    expect(await popup.getAttribute('body', 'data-recorded')).toBe('false');
    expect(await popup.getAttribute('body', 'data-recording')).toBeNull(); // decided before the answer: nothing under way
    expect(await popup.textContent('#recording')).toContain('never to record');

    await options.reload();
    await options.waitForSelector('[data-stat="articles"]');
    expect(await options.textContent('[data-stat="articles"]')).toBe(before);
    await options.click('li[data-host="127.0.0.1"] button');
    await options.waitForSelector('li[data-host="127.0.0.1"]', { state: 'detached' });
    await popup.close();
    await options.close();
  });

  it('exports the index and clears it after confirmation', async () => {
    const options = await h.context.newPage();
    await options.goto(extensionPage(h, 'options.html'));
    await options.waitForSelector('[data-stat="articles"]');
    const download = options.waitForEvent('download');
    await options.click('#export');
    const file = await (await download).path();
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    // A (Wire Daily) and B (Copy Times); not the links page checked with "Check anyway", not the denied site.
    expect(JSON.parse(lines[0])).toMatchObject({ format: 'wiretrace-index', documents: 2 });
    expect(lines).toHaveLength(3);
    expect(lines.slice(1).map((l) => JSON.parse(l).outlet)).toEqual(expect.arrayContaining(['Copy Times', 'Wire Daily']));

    await options.click('#clear');
    await options.waitForSelector('#clear-confirm:not([hidden])');
    await options.click('#clear-yes');
    await options.waitForFunction(() => document.querySelector('[data-stat="articles"]')?.textContent === '0');

    // Import it back: all of it.
    await options.setInputFiles('#import', file);
    await options.waitForFunction(() => /Imported 2 articles/.test(document.getElementById('io-status')?.textContent ?? ''));
    await options.waitForFunction(() => document.querySelector('[data-stat="articles"]')?.textContent === '2');
    await options.close();
  });

  it('rejects a bad index file without changing anything, naming the bad line', async () => {
    const options = await h.context.newPage();
    await options.goto(extensionPage(h, 'options.html'));
    await options.waitForSelector('[data-stat="articles"]');
    const good = JSON.stringify({ id: 'x1', outlet: 'Somewhere', paragraphs: ['One paragraph of text that is long enough to be indexed as a unit here.'] });
    await options.setInputFiles('#import', { name: 'bad.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(`${good}\n{"id": "x2", "outlet": \n`) });
    await options.waitForFunction(() => /Import failed/.test(document.getElementById('io-status')?.textContent ?? ''));
    expect(await options.textContent('#io-status')).toMatch(/nothing was changed: line 2/);
    await options.waitForFunction(() => document.querySelector('[data-stat="articles"]')?.textContent === '2');
    await options.screenshot({ path: shot('options-import-error'), fullPage: true });
    await options.close();
  });
});

describe('Wiretrace popup, dark theme', () => {
  it('renders the report in the dark colour scheme', async () => {
    const server = await serve(fixturePages());
    const h = await launch({ colorScheme: 'dark' });
    try {
      await (await openPopup(h, (await openTab(h, `${server.origin}/wire/flood.html`)).tabId)).close();
      const popup = await openPopup(h, (await openTab(h, `${server.origin}/copy/flood.html`)).tabId);
      expect(await popup.getAttribute('body', 'data-state')).toBe('found');
      const bg = await popup.evaluate(() => getComputedStyle(document.body).backgroundColor);
      expect(bg).toBe('rgb(22, 25, 29)');
      await popup.screenshot({ path: join(ARTIFACTS, 'popup-found-dark.png'), fullPage: true });
    } finally {
      await h.close();
      await server.close();
    }
  });
});
