/**
 * The built add-on in Firefox ESR (puppeteer-core@24 over WebDriver BiDi, /usr/bin/firefox-esr):
 * it installs, the page -> background -> report round trip works there too, a feed served from
 * 127.0.0.1 is polled by the background page and its items recorded, and an index file of 6,000
 * Reuters stories (three chunks, two in flight at once) imports through the options page's file input.
 *
 * Two seed articles are served from 127.0.0.1: 000 (BBC News, the original) and 001 (The Nation
 * Online, a later copy). The popup is opened for each (popup.html?tabId=N, as a toolbar click would):
 * the first goes into the empty index, the second names the BBC page as its source with passages,
 * and its passages are highlighted on the page. The Library lists them, and a student does a step of
 * the demo exercise (its reveal draws the story's lanes) and finds it kept after a reload. No errors
 * may appear in the console of the pages or of the extension (Firefox echoes console calls to its
 * output; see harness.ts).
 *
 * Runs in the `unit` vitest project (tests/**), with its own long timeouts. It never skips: when
 * Firefox ESR is missing it installs it with apt-get (as root), else it fails saying what to install.
 * dist/firefox is built first when missing or older than the sources; the test runs a temp copy with
 * the test-only manifest additions explained in harness.ts (the Firefox twin of dist/chrome-test).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedStatus } from '../../src/feed-status';
import { outletKey } from '../../src/engine/outlet';
import { CHUNK_CHARS } from '../../src/import-chunk';
import { loadReuters } from '../../scripts/bench/reuters';
import type { CheckResult, ExportPage, Reply, Res } from '../../src/protocol';
import { serveFeeds } from '../fixtures/feed-server';
import { buildSeedPages } from '../fixtures/seed-pages';
import { ensureBuilt, ensureFirefox, firefoxTestCopy, launchFirefox, openExtensionPage, openLauncher, openPopup, sendFrom, serve, tabIdOf, until, UUID, type FirefoxHarness } from './harness';

const SEED_DIR = resolve(import.meta.dirname, '../../../shared/seeds');

/**
 * Firefox's remote agent (the WebDriver BiDi server puppeteer talks to) logs these itself when tabs
 * open and close under automation; they name Firefox's own modules, never the add-on. So does one
 * of Firefox's own built-in add-ons.
 */
const AUTOMATION_NOISE = [
  // Firefox ESR 140's built-in Web Compatibility Interventions add-on, listing the site fixes it skips.
  /^console\.warn: "Skipping" \d+ "un-needed interventions"/,
  /chrome:\/\/remote\//,
  /JSWindowActorChild/,
  /^Handler function threw an exception/,
  /^Stack: /,
  /^Line: \d+, column: \d+$/,
  /^\S+@(chrome|resource):\/\//,
  // Firefox's own services, which try the network (there is none but 127.0.0.1) or a profile backup.
  /resource:\/\/services-settings\//,
  /resource:\/\/\/modules\/backup\//,
];

/**
 * Errors and warnings in the console: from the pages puppeteer reports on, and Firefox's output,
 * which carries the console of every page and of the background (prefs devtools.console.stdout.*)
 * as `console.error: ...` / `console.warn: ...`, and uncaught errors as `JavaScript error: URL, line N: ...`.
 */
function consoleProblems(h: FirefoxHarness): string[] {
  const fromPages = h.console.filter((c) => c.type === 'error' || c.type === 'warn' || c.type === 'pageerror').map((c) => `${c.where} ${c.type}: ${c.text}`);
  const fromOutput = h.output.filter((l) => /^(console\.(error|warn)|JavaScript (error|warning)):/.test(l) && !AUTOMATION_NOISE.some((re) => re.test(l)));
  return [...fromPages, ...fromOutput];
}

async function waitFor(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 100 && !condition(); i++) await new Promise((r) => setTimeout(r, 100));
  if (!condition()) throw new Error(`timed out waiting for ${what}`);
}

describe('Wiretrace in Firefox ESR', { timeout: 120_000 }, () => {
  let h: FirefoxHarness;
  let server: Awaited<ReturnType<typeof serve>>;
  let launcher: Page;
  let tmp: string;
  const seeds = buildSeedPages(SEED_DIR);
  const original = seeds.find((s) => s.file.startsWith('000_'))!;
  const copy = seeds.find((s) => s.file.startsWith('001_'))!;
  const url = (p: { path: string }) => `${server.origin}/${p.path}`;

  beforeAll(async () => {
    ensureFirefox();
    ensureBuilt();
    tmp = mkdtempSync(join(tmpdir(), 'wiretrace-firefox-'));
    const addon = firefoxTestCopy(join(tmp, 'addon'));
    server = await serve([original, copy]);
    h = await launchFirefox(addon.dir, addon.addonId);
  }, 180_000);

  afterAll(async () => {
    await h?.close();
    await server?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('installs as a temporary add-on with the Gecko id from the build', () => {
    expect(h.addonId).toBe('wiretrace@wiretrace.org');
  });

  it('checks the original into the empty index, then names it as the source of the later copy', async () => {
    const first = h.watch(await h.browser.newPage(), 'article 000');
    await first.goto(url(original), { waitUntil: 'load' });
    launcher = await openLauncher(h, first);

    const popupA = await openPopup(h, launcher, await tabIdOf(launcher, url(original)), 'popup 000');
    expect(await popupA.$eval('body', (b) => b.dataset.state)).toBe('empty-index');
    expect(await popupA.$eval('body', (b) => b.dataset.recorded)).toBe('true');
    await popupA.close();

    const second = h.watch(await h.browser.newPage(), 'article 001');
    await second.goto(url(copy), { waitUntil: 'load' });
    const tabB = await tabIdOf(launcher, url(copy));
    const popupB = await openPopup(h, launcher, tabB, 'popup 001');
    expect(await popupB.$eval('body', (b) => b.dataset.state)).toBe('found');
    expect(await popupB.$eval('#summary', (e) => e.textContent)).toMatch(/^\d+ of \d+ paragraphs appeared earlier, (mostly )?in BBC News\.$/);
    const sourceLinks = await popupB.$$eval('#sources a', (as) => as.map((a) => ({ text: a.textContent, href: a.getAttribute('href') })));
    expect(sourceLinks).toContainEqual({ text: 'BBC News', href: url(original) });
    expect((await popupB.$$('li.passage')).length).toBeGreaterThanOrEqual(3);

    // Highlight on page: popup -> background -> content script in the article's tab.
    await popupB.click('#highlight');
    await until(popupB, () => /Highlighted \d+ of \d+/.test(document.getElementById('status')?.textContent ?? ''), undefined, 'the highlight status');
    expect(await popupB.$eval('#status', (e) => e.textContent)).toMatch(/Highlighted [1-9]\d* of/);
    expect(await second.$$eval('[data-wiretrace-mark]', (els) => els.length)).toBeGreaterThan(0);
    await popupB.close();

    // The structured report from the background (the same message the popup sends): checking again
    // finds the same source and says the article is already in the index.
    const reply = await sendFrom<Reply<CheckResult>>(launcher, 'check', { tabId: tabB });
    expect(reply.ok).toBe(true);
    if (!reply.ok || reply.res.status !== 'report') throw new Error(`unexpected reply ${JSON.stringify(reply)}`);
    const { report } = reply.res;
    expect(reply.res.notRecorded).toBe('already-recorded');
    expect(report.outlet).toBe('The Nation Online');
    expect(report.sources[0]).toMatchObject({ outlet: 'BBC News', url: url(original) });
    expect(report.passages.length).toBeGreaterThanOrEqual(3);
    expect(report.passages.every((p) => p.source.outlet === 'BBC News')).toBe(true);
  });

  it('polls a feed served from 127.0.0.1 and records its items, a link-only one through its page', async () => {
    const feeds = await serveFeeds();
    try {
      const url = `${feeds.origin}/rss2.xml`;
      const added = await sendFrom<Reply<Res<'addFeed'>>>(launcher, 'addFeed', { url, intervalMinutes: 60 });
      if (!added.ok || added.res.status !== 'added') throw new Error(`addFeed: ${JSON.stringify(added)}`);
      let feed: FeedStatus | undefined;
      for (let i = 0; i < 200; i++) {
        const list = await sendFrom<Reply<Res<'listFeeds'>>>(launcher, 'listFeeds', {});
        feed = list.ok ? list.res.feeds.find((f) => f.url === url) : undefined;
        if (feed?.lastFetch && !feed.polling) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(feed).toMatchObject({ outlet: 'Tidewater Wire', itemsAdded: 3, failures: 0, lastPoll: { items: 3, added: 3 } });
      const exported = await sendFrom<Reply<ExportPage>>(launcher, 'exportIndex', { limit: 100 });
      if (!exported.ok) throw new Error(exported.error);
      const docs = exported.res.lines.map((l) => JSON.parse(l) as { id?: string; outlet?: string; guid?: string; paragraphs?: string[] }).filter((d) => d.outlet === 'Tidewater Wire');
      expect(docs.map((d) => d.guid).sort()).toEqual(['https://tidewater.example/world/kestrel-rationing.html', 'tidewater-2025-0001', 'tidewater-2025-0003']);
      expect(docs.find((d) => d.guid === 'tidewater-2025-0003')).toMatchObject({ id: `${feeds.origin}/pages/ferry.html` });
      expect(docs.find((d) => d.guid === 'tidewater-2025-0003')?.paragraphs).toHaveLength(4);
      // The feed read once for its name (no outlet given), once by the poll; the page once.
      expect(feeds.requests.map((r) => r.path)).toEqual(['/rss2.xml', '/rss2.xml', '/pages/ferry.html']);
      const removed = await sendFrom<Reply<Res<'removeFeed'>>>(launcher, 'removeFeed', { id: feed!.id });
      expect(removed).toEqual({ ok: true, res: { removed: true } });
    } finally {
      await feeds.close();
    }
  });

  it('shows the Library, and a student does a step of the demo exercise, which a reload keeps', async () => {
    const library = await openExtensionPage(h, launcher, 'library.html', 'library');
    await until(library, () => document.querySelectorAll('#articles tbody tr[data-key]').length >= 2, undefined, 'the Library to list the articles');
    expect(await library.$$eval('#articles tbody tr[data-key] td[data-label="Outlet"]', (tds) => tds.map((td) => td.textContent).sort())).toEqual(expect.arrayContaining(['BBC News', 'The Nation Online']));
    await library.close();

    const ex = await openExtensionPage(h, launcher, 'exercise.html?pack=lennock-floodgate', 'exercise');
    await until(ex, () => document.querySelector('#ex-step[data-state="open"]') !== null, undefined, 'the exercise to open');
    expect(await ex.$eval('#ex-step-h', (e) => e.textContent)).toBe('Step 1 of 4: the article from Coastline Daily');
    await ex.type('#student-name', 'Kim');
    await ex.click('#mark-0');
    await ex.click('#ex-lock');
    await until(ex, () => document.querySelector('#ex-step[data-state="locked"]') !== null, undefined, 'the answers to lock');
    await ex.click('#ex-reveal');
    await until(ex, () => document.querySelector('.ex-lanes[data-rendered="true"]') !== null, undefined, 'the story lanes', 30_000);
    expect(await ex.$eval('#step0-results-h', (e) => e.textContent)).toMatch(/^Your answers: [\d.]+ of 8 points$/);
    expect(await ex.$$eval('.ex-article mark.ex-mark-copied', (m) => m.length)).toBeGreaterThan(0);
    await ex.evaluate(() => location.reload());
    await until(ex, () => document.querySelector('#ex-restored') !== null, undefined, 'the work to come back');
    expect(await ex.$eval('#student-name', (e) => (e as HTMLInputElement).value)).toBe('Kim');
    expect(await ex.$eval('#ex-step', (e) => e.getAttribute('data-state'))).toBe('revealed');
    await ex.close();
  });

  it('deletes an outlet: the index moves to its next database generation and still finds the original', async () => {
    const deleted = await sendFrom<Reply<Res<'deleteArticles'>>>(launcher, 'deleteArticles', { outletKey: outletKey('The Nation Online') });
    expect(deleted.ok && deleted.res.deleted).toBe(1);
    // In a small index every deletion is followed by the copy into "wiretrace.1" and the old database
    // deleted (whose space Firefox gives back then).
    const names = await launcher.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
    expect(names).toContain('wiretrace.1');
    expect(names).not.toContain('wiretrace');
    const reply = await sendFrom<Reply<CheckResult>>(launcher, 'check', { tabId: await tabIdOf(launcher, url(copy)) });
    if (!reply.ok || reply.res.status !== 'report') throw new Error(`unexpected reply ${JSON.stringify(reply)}`);
    expect(reply.res.report.sources[0]).toMatchObject({ outlet: 'BBC News', url: url(original) });
  });

  it("imports an index file through the options page's file input, two chunks in flight, every article counted", async () => {
    // Real stories, enough for several chunks: the page keeps two unanswered while the background reads one and writes the other.
    const stories = await loadReuters(() => 'Reuters', 6000, true);
    const lines = stories.map((st, i) => JSON.stringify({ id: `https://reuters.example/ff-import/${i}`, outlet: 'Reuters', title: st.title, paragraphs: st.paragraphs }));
    expect(lines.join('\n').length).toBeGreaterThan(2 * CHUNK_CHARS);
    const file = join(tmp, 'reuters-import.jsonl');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const before = await sendFrom<Reply<Res<'indexStats'>>>(launcher, 'indexStats', {});
    const options = await openExtensionPage(h, launcher, 'options.html', 'options');
    // The new tab may still be on its first blank document: asked through until(), which tries again.
    await until(options, () => document.readyState === 'complete' && document.getElementById('import') !== null, undefined, 'the options page');
    const input = await options.$('#import');
    await (input as unknown as { uploadFile(path: string): Promise<void> }).uploadFile(file);
    await until(options, () => /^Imported [\d,]+ articles\.$/.test(document.getElementById('io-status')?.textContent ?? ''), undefined, 'the import to end', 120_000);
    expect(await options.$eval('#io-status', (e) => e.textContent)).toBe(`Imported ${lines.length.toLocaleString('en-GB')} articles.`);
    const after = await sendFrom<Reply<Res<'indexStats'>>>(launcher, 'indexStats', {});
    if (!before.ok || !after.ok) throw new Error('indexStats failed');
    expect(after.res.documents - before.res.documents).toBe(lines.length);
    await options.close();
  });

  it('logs no errors from the extension or the pages', async () => {
    // The background's console reaches the output we read: a marker from the background page proves it
    // (and that everything logged before it has arrived).
    await launcher.evaluate(async () => {
      const api = (globalThis as unknown as { browser: { runtime: { getBackgroundPage(): Promise<{ console: Console }> } } }).browser;
      (await api.runtime.getBackgroundPage()).console.log('wiretrace-test: background marker');
    });
    await waitFor(() => h.output.some((l) => l.includes('wiretrace-test: background marker')), "the background's console in Firefox's output");
    const problems = consoleProblems(h);

    // And an uncaught error in an extension page would be seen (so the empty list below means something).
    await launcher.evaluate(() => void setTimeout(() => { throw new Error('wiretrace-test: deliberate'); }));
    await waitFor(() => consoleProblems(h).some((l) => l.startsWith(`JavaScript error: moz-extension://${UUID}/`) && l.includes('wiretrace-test: deliberate')), 'the deliberate error');

    expect(problems).toEqual([]);
  });
});
