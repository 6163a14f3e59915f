/**
 * Drives the built extension (dist/chrome-test) in Debian's Chromium with playwright-core, against
 * pages served from 127.0.0.1 (see /work/shared/docs/browser-testing.md). Waits are on conditions.
 */
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import type { Page as Fixture } from './fixtures';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const DIST = resolve(ROOT, 'dist/chrome-test');
export const ARTIFACTS = resolve(ROOT, 'tests/artifacts');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function serve(pages: Fixture[]): Promise<{ origin: string; close: () => Promise<void> }> {
  const byPath = new Map(pages.map((p) => [p.path, p.html]));
  const server: Server = createServer((req, res) => {
    const html = byPath.get(new URL(req.url ?? '/', 'http://x').pathname);
    res.writeHead(html ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html ?? 'not found');
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise((ok) => server.close(() => ok())) };
}

/** The little of the `chrome` global the tests use inside the service worker. */
export interface ChromeLike {
  chrome: {
    tabs: { query(q: { url?: string }): Promise<Array<{ id?: number; url?: string }>> };
    storage: { local: { get(k: string): Promise<Record<string, unknown>>; set(v: Record<string, unknown>): Promise<void> } };
    action: { getBadgeText(d: { tabId: number }): Promise<string> };
  };
}

export interface Harness {
  context: BrowserContext;
  /** The extension's service worker (replace it after stopping the worker). */
  sw: Worker;
  extensionId: string;
  /** The browser's profile directory (its processes carry it: process-memory.ts finds them by it). */
  profile: string;
  close: () => Promise<void>;
}

/**
 * Starts Chromium with the extension. `locale` is the browser's language: its language part, as
 * --lang and LANGUAGE, picks the extension's message catalogue (Chromium knows "de", not "de-DE");
 * Playwright's locale is what i18n.getUILanguage() and Intl report to the pages. en-GB by default,
 * so English pages show dates as "26 Aug 2016". `profileParent`: where the profile directory is made
 * (a small file system, to fill the disk). `profile`: a profile directory to use (and keep) instead,
 * to start the browser again on what an earlier launch stored.
 */
export async function launch(options: { colorScheme?: 'light' | 'dark'; locale?: string; profileParent?: string; profile?: string } = {}): Promise<Harness> {
  const profile = options.profile ?? mkdtempSync(join(options.profileParent ?? tmpdir(), 'wiretrace-e2e-'));
  const locale = options.locale ?? 'en-GB';
  const language = locale.split('-')[0];
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    colorScheme: options.colorScheme ?? 'light',
    locale,
    env: { ...process.env, LANGUAGE: language },
    args: [
      `--disable-extensions-except=${DIST}`,
      `--load-extension=${DIST}`,
      `--lang=${language}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(sw.url()).host;
  return {
    context,
    sw,
    extensionId,
    profile,
    close: async () => {
      await context.close();
      if (!options.profile) rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Opens a page in a new tab and returns it with its tab id (from the service worker). */
export async function openTab(h: Harness, url: string): Promise<{ page: Page; tabId: number }> {
  const page = await h.context.newPage();
  await page.goto(url, { waitUntil: 'load' });
  const tabId = await h.sw.evaluate(async (u) => {
    const tabs = await (globalThis as unknown as ChromeLike).chrome.tabs.query({ url: u });
    return tabs[0]?.id ?? -1;
  }, url);
  if (tabId < 0) throw new Error(`no tab found for ${url}`);
  return { page, tabId };
}

/** Opens the popup for a tab (popup.html?tabId=N in its own tab) and waits until it has finished. */
export async function openPopup(h: Harness, tabId: number): Promise<Page> {
  const popup = await h.context.newPage();
  await popup.setViewportSize({ width: 560, height: 900 });
  await popup.goto(`chrome-extension://${h.extensionId}/popup.html?tabId=${tabId}`);
  await popup.waitForSelector('body[aria-busy="false"]:not([data-recording="pending"])');
  return popup;
}

/**
 * Collects into `errors` every console error and uncaught exception of the pages opened in `h` from
 * now on (as "URL: message"), for a test to expect none.
 */
export function collectPageErrors(h: Harness, errors: string[]): void {
  h.context.on('page', (p) => {
    p.on('console', (m) => {
      if (m.type() === 'error') errors.push(`${p.url()}: ${m.text()}`);
    });
    p.on('pageerror', (e) => errors.push(`${p.url()}: ${e.message}`));
  });
}

/**
 * Stops every service worker of the browser (the extension's too), as the browser stops an idle one
 * (CDP ServiceWorker.stopAllWorkers, through `page`'s session). The next message or event wakes it.
 */
export async function stopWorkers(h: Harness, page: Page): Promise<void> {
  const cdp = await h.context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
}

/** The index as stored: its segments, their postings, and blocks whose segment has no head (a merge's, unpublished). */
export interface IndexSegments {
  segments: number;
  postings: number;
  orphans: number;
}

/**
 * Reads the index's current database generation from `page`, an extension page (same origin), in a
 * read-only transaction beside the worker's. Throws when the worker has not created the index yet
 * (opening a database that is not there would create it empty).
 */
export function indexSegments(page: Page): Promise<IndexSegments> {
  return page.evaluate(async () => {
    const names = (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => /^wiretrace(\.\d+)?$/.test(n));
    const name = names.sort((a, b) => Number(a.split('.')[1] ?? 0) - Number(b.split('.')[1] ?? 0)).pop();
    if (!name) throw new Error('no index database yet');
    const db: IDBDatabase = await new Promise((ok, ko) => {
      const q = indexedDB.open(name);
      q.onsuccess = () => ok(q.result);
      q.onerror = () => ko(q.error);
    });
    // No named inner functions: tsx (the bench) wraps them in a helper the page does not have.
    try {
      const tx = db.transaction(['segments', 'postings'], 'readonly');
      const [heads, blocks] = await Promise.all(
        [tx.objectStore('segments').getAll(), tx.objectStore('postings').getAllKeys()].map((r) => new Promise<unknown>((ok, ko) => ((r.onsuccess = () => ok(r.result)), (r.onerror = () => ko(r.error))))),
      ) as [Array<{ id: number; postings: number }>, number[][]];
      const live = new Set(heads.map((h) => h.id));
      return { segments: heads.length, postings: heads.reduce((n, h) => n + h.postings, 0), orphans: blocks.filter((k) => !live.has(k[0])).length };
    } finally {
      db.close();
    }
  });
}

/**
 * Waits until the background merges are done: the worker says none is running, no block is
 * unpublished, and the index has not changed for `quietMs` (longer than the 5 s a woken worker waits
 * before it merges what a stopped one left).
 */
export async function mergesSettled(page: Page, quietMs = 6000, timeoutMs = 600_000): Promise<IndexSegments> {
  let last = '';
  let since = Date.now();
  for (const t0 = Date.now(); Date.now() - t0 < timeoutMs; await new Promise((r) => setTimeout(r, 500))) {
    const now = await indexSegments(page);
    const merging = await page.evaluate(async () => {
      const g = globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<{ res?: { merging?: boolean } }> } } };
      return !!(await g.chrome.runtime.sendMessage({ channel: 'wiretrace', type: 'indexStats', req: {} })).res?.merging;
    });
    const key = JSON.stringify(now);
    if (key !== last || merging) (last = key), (since = Date.now());
    else if (now.orphans === 0 && Date.now() - since >= quietMs) return now;
  }
  throw new Error(`the index's merges did not settle in ${timeoutMs / 1000} s: ${last}`);
}

export function extensionPage(h: Harness, name: string): string {
  return `chrome-extension://${h.extensionId}/${name}`;
}
