/**
 * Paragraph mapping and highlighting in real Chromium (linkedom has no Text.splitText or layout):
 * the DOM modules are bundled with esbuild and injected into demo and seed pages served locally.
 */
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { serveStatic } from '../../demo/serve';
import { buildSeedPages } from '../fixtures/seed-pages';
import { bundleIife, hasChromium, launchChromium } from './browser';
import type { ExtractResult, HighlightMark } from '../../src/extract-types';

const ROOT = resolve(import.meta.dirname, '../..');
const DEMO = resolve(ROOT, 'demo');
const demoPages = (JSON.parse(readFileSync(resolve(DEMO, 'articles.json'), 'utf8')) as { pages: Array<{ path: string; role: string }> }).pages;

interface TestApi {
  extractArticle(doc: Document, location: { href: string }, opts: { force?: boolean }): ExtractResult;
  highlight(doc: Document, paragraphs: string[], marks: HighlightMark[]): { placed: number; missed: number };
  clearHighlights(doc: Document): { removed: number };
  shownLabel(doc: Document): string | undefined;
}
declare global {
  interface Window {
    wiretraceTest: TestApi;
    __pwned?: unknown;
    __quaysidePageScript?: { ran: boolean };
    __saved?: unknown;
    __seen?: string[];
  }
}

describe.skipIf(!hasChromium)('highlighting in Chromium', () => {
  let browser: Browser;
  let demo: Awaited<ReturnType<typeof serveStatic>>;
  let seeds: Awaited<ReturnType<typeof serveStatic>>;
  let seedDir: string;
  let bundle: string;
  const seedPages = buildSeedPages(resolve(ROOT, '../shared/seeds'));

  beforeAll(async () => {
    bundle = bundleIife('tests/content/browser-entry.ts');
    seedDir = mkdtempSync(join(tmpdir(), 'wiretrace-seed-pages-'));
    for (const page of seedPages) {
      mkdirSync(dirname(join(seedDir, page.path)), { recursive: true });
      writeFileSync(join(seedDir, page.path), page.html);
    }
    [browser, demo, seeds] = await Promise.all([launchChromium(), serveStatic(DEMO), serveStatic(seedDir)]);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await demo?.close();
    await seeds?.close();
    if (seedDir) rmSync(seedDir, { recursive: true, force: true });
  });

  async function open(url: string): Promise<Page> {
    const page = await browser.newPage();
    // Nothing leaves the machine.
    await page.route(/^(?!http:\/\/127\.0\.0\.1)/, (route) => route.abort());
    await page.goto(url);
    await page.addScriptTag({ content: bundle });
    return page;
  }

  const demoUrl = (role: string) => demo.url + demoPages.find((p) => p.role === role)!.path;

  it('wraps a passage that spans links and <strong> in inline marks, splitting only text nodes', async () => {
    const page = await open(demoUrl('mixed'));
    const out = await page.evaluate(() => {
      const w = window.wiretraceTest;
      const r = w.extractArticle(document, location, {});
      if (r.status !== 'ok') throw new Error(r.status);
      const ps = r.article.paragraphs;
      const i = ps.findIndex((p) => p.startsWith('The Carrow Estuary Authority'));
      const start = ps[i].indexOf('one of six');
      const end = ps[i].indexOf('harbour basin') + 'harbour basin'.length;
      const p = Array.from(document.querySelectorAll('article p')).find((el) => el.textContent!.startsWith('The Carrow'))!;
      const strong = p.querySelector('strong')!;
      const link = p.querySelector('a')!;
      // A page script watching the DOM: everything the highlight adds or changes.
      window.__seen = [];
      new MutationObserver((records) => {
        for (const r of records) {
          for (const n of r.addedNodes) window.__seen!.push(n.nodeType === 1 ? (n as Element).outerHTML : (n.textContent ?? ''));
          if (r.attributeName) window.__seen!.push(`${r.attributeName}=${(r.target as Element).getAttribute(r.attributeName)}`);
        }
      }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
      const result = w.highlight(document, ps, [{ paragraph: i, start, end, label: 'Appeared earlier in Secret Source Weekly, 2 Jan 2024', kind: 'copied' }]);
      const marks = Array.from(document.querySelectorAll<HTMLElement>('mark.wiretrace-mark'));
      return {
        result,
        text: marks.map((m) => m.textContent).join(''),
        expected: ps[i].slice(start, end),
        count: marks.length,
        sameElements: p.querySelector('strong') === strong && p.querySelector('a') === link && link.isConnected,
        insideStrong: !!strong.querySelector('mark'),
        insideLink: !!link.querySelector('mark'),
        elementsInsideMarks: marks.some((m) => m.children.length > 0),
        displays: [...new Set(marks.map((m) => getComputedStyle(m).display))],
        background: getComputedStyle(marks[0]).backgroundColor,
        attrs: marks.map((m) => [m.dataset.wiretrace, m.dataset.wiretraceMark, m.getAttribute('title'), m.getAttribute('aria-describedby')]),
        styles: document.querySelectorAll('style#wiretrace-highlight-style').length,
      };
    });
    expect(out.result).toEqual({ placed: 1, missed: 0 });
    expect(out.text.replace(/\s+/g, ' ')).toBe(out.expected);
    expect(out.count).toBe(4); // "one of six on the ", <strong>, " barrier, ... into the ", <a>
    expect(out.sameElements).toBe(true);
    expect(out.insideStrong).toBe(true);
    expect(out.insideLink).toBe(true);
    expect(out.elementsInsideMarks).toBe(false);
    expect(out.displays).toEqual(['inline']);
    expect(out.background).toBe('rgb(255, 213, 79)');
    for (const attrs of out.attrs) expect(attrs).toEqual(['copied', '0', null, null]);
    expect(out.styles).toBe(1);
    // Nothing of the label reached the page's DOM: not in what its observer saw, not in the markup.
    const seen = await page.evaluate(() => ({ seen: window.__seen!.join('\n'), html: document.documentElement.outerHTML }));
    expect(seen.seen).toContain('wiretrace-mark');
    expect(seen.seen).not.toMatch(/Secret Source|2 Jan 2024/);
    expect(seen.html).not.toMatch(/Secret Source|2 Jan 2024/);
    // The label shows on hover, in the closed shadow root, and goes when the pointer leaves.
    await page.hover('mark.wiretrace-mark');
    expect(await page.evaluate(() => window.wiretraceTest.shownLabel(document))).toBe('Appeared earlier in Secret Source Weekly, 2 Jan 2024');
    await page.mouse.move(0, 0);
    expect(await page.evaluate(() => window.wiretraceTest.shownLabel(document))).toBeUndefined();
    await page.close();
  });

  it('clearHighlights restores the original nodes and markup exactly', async () => {
    const page = await open(demoUrl('verbatim-credited'));
    const out = await page.evaluate(() => {
      const w = window.wiretraceTest;
      const collectText = () => {
        const nodes: Text[] = [];
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
        return nodes;
      };
      const before = { html: document.documentElement.outerHTML, nodes: collectText() };
      const data = before.nodes.map((n) => n.data);
      const r = w.extractArticle(document, location, {});
      if (r.status !== 'ok') throw new Error(r.status);
      const ps = r.article.paragraphs;
      const marks: HighlightMark[] = [
        { paragraph: 2, start: 5, end: 60, label: 'a', kind: 'quote' },
        { paragraph: 2, start: 30, end: 90, label: 'overlapping', kind: 'copied' },
        { paragraph: 3, start: 0, end: ps[3].length, label: 'whole', kind: 'copied' },
        { paragraph: 4, start: 10, end: 11, label: 'one char', kind: 'copied' },
      ];
      const placed = w.highlight(document, ps, marks);
      const again = w.highlight(document, ps, marks); // replaces, never nests
      const markCount = document.querySelectorAll('mark.wiretrace-mark').length;
      const nestedTwice = document.querySelectorAll('mark.wiretrace-mark mark.wiretrace-mark mark.wiretrace-mark').length;
      const cleared = w.clearHighlights(document);
      const after = collectText();
      return {
        placed,
        again,
        markCount,
        nestedTwice,
        cleared,
        sameHtml: document.documentElement.outerHTML === before.html,
        sameNodes: after.length === before.nodes.length && after.every((n, i) => n === before.nodes[i] && n.data === data[i]),
        leftovers: document.querySelectorAll('mark, [data-wiretrace-ui], #wiretrace-highlight-style').length,
        clearedAgain: w.clearHighlights(document),
      };
    });
    expect(out.placed).toEqual({ placed: 4, missed: 0 });
    expect(out.again).toEqual({ placed: 4, missed: 0 });
    expect(out.markCount).toBeGreaterThanOrEqual(4);
    expect(out.nestedTwice).toBe(0);
    expect(out.cleared).toEqual({ removed: 4 });
    expect(out.sameHtml).toBe(true);
    expect(out.sameNodes).toBe(true);
    expect(out.leftovers).toBe(0);
    expect(out.clearedAgain).toEqual({ removed: 0 });
    await page.close();
  });

  it('reports marks it cannot place as missed', async () => {
    const page = await open(demoUrl('light-edit-uncredited'));
    const out = await page.evaluate(() => {
      const w = window.wiretraceTest;
      const r = w.extractArticle(document, location, {});
      if (r.status !== 'ok') throw new Error(r.status);
      const ps = r.article.paragraphs;
      // The page changes after extraction: paragraph 5 disappears.
      Array.from(document.querySelectorAll('article p')).find((p) => p.textContent === ps[5])!.remove();
      return w.highlight(document, ps, [
        { paragraph: 0, start: 0, end: 40, label: 'ok', kind: 'copied' },
        { paragraph: 5, start: 0, end: 40, label: 'gone', kind: 'quote' },
        { paragraph: 99, start: 0, end: 10, label: 'no such paragraph', kind: 'copied' },
        { paragraph: 1, start: 20, end: 20, label: 'empty', kind: 'copied' },
      ]);
    });
    expect(out).toEqual({ placed: 1, missed: 3 });
    await page.close();
  });

  it('maps every paragraph of every demo article and seed page back onto the page', async () => {
    const urls = [
      ...demoPages.filter((p) => p.role !== 'not-article').map((p) => demo.url + p.path),
      ...seedPages.map((p) => seeds.url + p.path),
    ];
    for (const url of urls) {
      const page = await open(url);
      const out = await page.evaluate(() => {
        const w = window.wiretraceTest;
        const r = w.extractArticle(document, location, {});
        if (r.status !== 'ok') throw new Error(r.status);
        const ps = r.article.paragraphs;
        const marks = ps.map((p, i) => ({ paragraph: i, start: 0, end: p.length, label: `paragraph ${i}`, kind: 'copied' as const }));
        const result = w.highlight(document, ps, marks);
        const texts = ps.map((_, i) =>
          Array.from(document.querySelectorAll(`mark[data-wiretrace-mark="${i}"]`)).map((m) => m.textContent).join(''),
        );
        return { result, ps, texts };
      });
      expect(out.result, url).toEqual({ placed: out.ps.length, missed: 0 });
      out.texts.forEach((t, i) => expect(t.replace(/\s+/g, ' ').trim(), url).toBe(out.ps[i]));
      await page.close();
    }
  }, 60_000);

  it('treats markup in article text as text on a hostile page', async () => {
    const page = await open(demoUrl('hostile'));
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const out = await page.evaluate(() => {
      const w = window.wiretraceTest;
      const before = document.documentElement.outerHTML;
      const r = w.extractArticle(document, location, {});
      if (r.status !== 'ok') throw new Error(r.status);
      const unchanged = document.documentElement.outerHTML === before;
      const ps = r.article.paragraphs;
      const marks = ps.map((p, i) => ({ paragraph: i, start: 0, end: p.length, label: `<img src=x onerror=alert(${i})>`, kind: 'quote' as const }));
      const result = w.highlight(document, ps, marks);
      return {
        unchanged,
        result,
        title: r.article.title,
        images: document.querySelectorAll('img, svg, iframe').length,
        scripts: document.scripts.length,
        markText: Array.from(document.querySelectorAll('mark')).map((m) => m.textContent).join(''),
        pwned: window.__pwned,
        pageScript: window.__quaysidePageScript,
        decoration: getComputedStyle(document.querySelector('mark')!).textDecorationStyle,
      };
    });
    expect(out.unchanged).toBe(true);
    expect(out.result.missed).toBe(0);
    expect(out.title).toContain('<script>window.__pwned=1</script>');
    expect(out.images).toBe(0);
    expect(out.scripts).toBe(2); // the page's own inline script and the injected test bundle
    expect(out.markText).toContain('<img src=x onerror=alert(1)>');
    expect(out.pwned).toBeUndefined();
    expect(out.pageScript).toEqual({ ran: true });
    expect(out.decoration).toBe('dotted');
    await new Promise((r) => setTimeout(r, 50)); // let any (wrongly) created image fire its error
    expect(dialogs).toEqual([]);
    await page.close();
  });
});

describe.skipIf(!hasChromium)('content script entry', () => {
  let browser: Browser;
  let demo: Awaited<ReturnType<typeof serveStatic>>;
  let script: string;

  beforeAll(async () => {
    script = bundleIife('content/content-script.ts');
    [browser, demo] = await Promise.all([launchChromium(), serveStatic(DEMO)]);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await demo?.close();
  });

  it('bundles to one classic script with no imports', () => {
    expect(script).not.toMatch(/\bimport\s*\(/);
    expect(script).not.toMatch(/^\s*(import|export)\s/m);
  });

  it('answers each request once even when injected twice', async () => {
    const page = await browser.newPage();
    await page.route(/^(?!http:\/\/127\.0\.0\.1)/, (route) => route.abort());
    await page.goto(demo.url + 'meridian-wire/lennock-floodgate.html');
    // A stand-in for the extension's chrome.runtime, enough for webextension-polyfill.
    await page.evaluate(() => {
      const listeners: Array<(m: unknown, s: unknown, r: (x: unknown) => void) => unknown> = [];
      (window as unknown as { chrome: unknown }).chrome = {
        runtime: {
          id: 'test',
          onMessage: { addListener: (l: (typeof listeners)[0]) => listeners.push(l), removeListener() {}, hasListener: () => false },
        },
      };
      (window as unknown as { __listeners: unknown }).__listeners = listeners;
    });
    await page.addScriptTag({ content: script });
    await page.addScriptTag({ content: script });
    const out = await page.evaluate(async () => {
      const listeners = (window as unknown as { __listeners: Array<(m: unknown, s: unknown, r: (x: unknown) => void) => unknown> }).__listeners;
      const send = (message: unknown) =>
        new Promise((resolve) => {
          const keep = listeners[0](message, { id: 'test' }, resolve);
          if (keep !== true) resolve({ notAnswered: keep ?? null });
        });
      const ping = await send({ type: 'wiretrace:ping' });
      const other = await send({ type: 'something-else' });
      const extract = (await send({ type: 'wiretrace:extract' })) as ExtractResult;
      const paragraphs = extract.status === 'ok' ? extract.article.paragraphs : [];
      const highlight = await send({ type: 'wiretrace:highlight', marks: [{ paragraph: 1, start: 0, end: paragraphs[1].length, label: 'x', kind: 'copied' }] });
      const marks = document.querySelectorAll('mark.wiretrace-mark').length;
      const clear = await send({ type: 'wiretrace:clear-highlights' });
      return { listeners: listeners.length, ping, other, status: extract.status, count: paragraphs.length, highlight, marks, clear };
    });
    expect(out.listeners).toBe(1);
    expect(out.ping).toEqual({ ok: true });
    expect(out.other).toEqual({ notAnswered: false });
    expect(out.status).toBe('ok');
    expect(out.count).toBe(13);
    expect(out.highlight).toEqual({ placed: 1, missed: 0 });
    expect(out.marks).toBeGreaterThan(0);
    expect(out.clear).toEqual({ removed: 1 });
    await page.close();
  });
});
