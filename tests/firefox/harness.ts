/**
 * Drives the built Firefox add-on in Firefox ESR with puppeteer-core@24 over WebDriver BiDi
 * (see /work/shared/docs/browser-testing.md).
 *
 * How the test reaches the extension's own pages, since Firefox refuses to navigate a tab to
 * moz-extension:// from automation ("Navigation ... is not allowed in this context"):
 *   1. the add-on's UUID is fixed with the pref `extensions.webextensions.uuids`, so its pages have
 *      known URLs;
 *   2. the test copy of the add-on (firefoxTestCopy below, in a temp dir; dist/firefox is never
 *      changed) adds `host_permissions: ["http://127.0.0.1/*"]`, as dist/chrome-test does for
 *      Chromium: activeTab is only granted by a real toolbar click, which automation cannot make;
 *      and `web_accessible_resources` for popup.html matching http://127.0.0.1/*, so a local page can
 *      window.open() one extension page;
 *   3. from that extension page (it has the `browser.*` APIs) the test finds the article's tab id and
 *      opens popup.html?tabId=N with browser.tabs.create, the same page and the same
 *      popup -> background -> content script -> background -> popup round trip as a toolbar click.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type Page, type Target } from 'puppeteer-core';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const DIST_FIREFOX = resolve(ROOT, 'dist/firefox');
export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
/** A fixed UUID for the add-on's moz-extension:// origin (any valid UUID). */
export const UUID = '7d3f9a52-4c1e-4b6a-9e08-2a5c7b1d3e64';

/** Installs Firefox ESR with apt-get when it is missing and we are root; throws with the command otherwise. */
export function ensureFirefox(): void {
  if (existsSync(FIREFOX)) return;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (root && spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0) {
    spawnSync('apt-get', ['install', '-y', 'firefox-esr'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  }
  if (!existsSync(FIREFOX)) throw new Error(`${FIREFOX} is missing: run \`apt-get install -y firefox-esr\` (or set FIREFOX_PATH)`);
}

const SOURCES = ['manifest.json', 'package.json', 'vite.config.ts', 'background', 'content', 'popup', 'options', 'library', 'src', '_locales', 'icons', 'scripts/build.ts', 'scripts/build'];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

/** Runs `npm run build` (scripts/build.ts) when dist/firefox is missing or older than the sources. */
export function ensureBuilt(): void {
  const manifest = join(DIST_FIREFOX, 'manifest.json');
  const built = existsSync(manifest) ? statSync(manifest).mtimeMs : 0;
  const sources = Math.max(...SOURCES.map((s) => newestMtime(resolve(ROOT, s))));
  if (built > sources && existsSync(join(DIST_FIREFOX, 'content.js'))) return;
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/build.ts'], { cwd: ROOT, stdio: 'inherit' });
}

export interface FirefoxManifest {
  browser_specific_settings: { gecko: { id: string } };
  host_permissions?: string[];
  web_accessible_resources?: Array<{ resources: string[]; matches: string[] }>;
  [k: string]: unknown;
}

/** Copies dist/firefox to `dir` with the test-only manifest additions described at the top. */
export function firefoxTestCopy(dir: string): { dir: string; addonId: string } {
  for (const f of ['manifest.json', 'background.js', 'content.js', 'popup.html']) {
    if (!existsSync(join(DIST_FIREFOX, f))) throw new Error(`dist/firefox/${f} is missing: run npm run build`);
  }
  mkdirSync(dir, { recursive: true });
  cpSync(DIST_FIREFOX, dir, { recursive: true });
  const file = join(dir, 'manifest.json');
  const m = JSON.parse(readFileSync(file, 'utf8')) as FirefoxManifest;
  m.host_permissions = ['http://127.0.0.1/*'];
  m.web_accessible_resources = [{ resources: ['popup.html'], matches: ['http://127.0.0.1/*'] }];
  writeFileSync(file, JSON.stringify(m, null, 2) + '\n');
  return { dir, addonId: m.browser_specific_settings.gecko.id };
}

export async function serve(pages: Array<{ path: string; html: string }>): Promise<{ origin: string; close: () => Promise<void> }> {
  const byPath = new Map(pages.map((p) => [`/${p.path.replace(/^\//, '')}`, p.html]));
  const server: Server = createServer((req, res) => {
    const html = byPath.get(new URL(req.url ?? '/', 'http://x').pathname);
    res.writeHead(html ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html ?? 'not found');
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

export interface ConsoleEntry {
  where: string;
  type: string;
  text: string;
}

export interface FirefoxHarness {
  browser: Browser;
  addonId: string;
  /** moz-extension://UUID/name */
  extensionUrl(name: string): string;
  /** Console messages and page errors from the pages the test opened (articles and extension pages). */
  console: ConsoleEntry[];
  /** Firefox's own output (stdout/stderr), where the background page's console is echoed (see prefs). */
  output: string[];
  watch(page: Page, where: string): Page;
  close(): Promise<void>;
}

export async function launchFirefox(addonDir: string, addonId: string): Promise<FirefoxHarness> {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [addonId]: UUID }),
      // Echo console API calls of content processes (web pages, extension pages, the background page)
      // and of the parent process to Firefox's stdout, where the test reads them.
      'devtools.console.stdout.content': true,
      'devtools.console.stdout.chrome': true,
    },
  });
  const output: string[] = [];
  const proc = browser.process();
  for (const stream of [proc?.stdout, proc?.stderr]) {
    stream?.setEncoding('utf8');
    stream?.on('data', (d: string) => output.push(...d.split('\n').filter(Boolean)));
  }
  const installed = await browser.installExtension(addonDir);
  if (installed !== addonId) throw new Error(`installed add-on id ${installed}, expected ${addonId}`);
  const consoleEntries: ConsoleEntry[] = [];
  const extensionUrl = (name: string) => `moz-extension://${UUID}/${name.replace(/^\//, '')}`;
  return {
    browser,
    addonId,
    extensionUrl,
    console: consoleEntries,
    output,
    watch(page, where) {
      page.on('console', (m) => consoleEntries.push({ where, type: m.type(), text: m.text() }));
      page.on('pageerror', (e) => consoleEntries.push({ where, type: 'pageerror', text: String(e) }));
      return page;
    },
    close: () => browser.close(),
  };
}

/** The next page target the browser opens, once `open()` has run. */
async function nextPage(browser: Browser, open: () => Promise<unknown>): Promise<Page> {
  const created = new Promise<Target>((ok) => {
    const on = (t: Target) => {
      if (t.type() !== 'page') return;
      browser.off('targetcreated', on);
      ok(t);
    };
    browser.on('targetcreated', on);
  });
  await open();
  const page = await (await created).page();
  if (!page) throw new Error('the new tab has no page');
  return page;
}

/**
 * Waits until `fn(arg)` is true in the page, evaluating it again every 50 ms. Not puppeteer's
 * waitForFunction or waitForSelector: they build their pollers with Function() inside the page,
 * which an extension page's content security policy blocks in Firefox ESR 140 ("call to Function()
 * blocked by CSP"); a plain evaluate() is not made in the page's realm that way.
 */
export async function until<A>(page: Page, fn: (arg: A) => boolean, arg: A, what: string, timeout = 20_000): Promise<void> {
  const end = Date.now() + timeout;
  for (;;) {
    if (await page.evaluate(fn as never, arg as never).catch(() => false)) return;
    if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * An extension page the test can evaluate `browser.*` calls in: a local page window.open()s
 * popup.html (web-accessible in the test copy). Without ?tabId that popup checks itself (its own tab
 * is active), which answers "unsupported" and changes nothing.
 */
export async function openLauncher(h: FirefoxHarness, fromPage: Page): Promise<Page> {
  const launcher = await nextPage(h.browser, () => fromPage.evaluate((u) => void window.open(u), h.extensionUrl('popup.html')));
  h.watch(launcher, 'launcher');
  await until(launcher, () => typeof (globalThis as { browser?: { tabs?: unknown } }).browser?.tabs === 'object', undefined, 'browser.tabs in the launcher');
  return launcher;
}

interface BrowserApi {
  browser: {
    tabs: {
      query(q: { url?: string }): Promise<Array<{ id?: number; url?: string }>>;
      create(p: { url: string; active?: boolean }): Promise<{ id?: number }>;
    };
    runtime: { getURL(p: string): string; sendMessage(m: unknown): Promise<unknown> };
  };
}

export async function tabIdOf(launcher: Page, url: string): Promise<number> {
  const id = await launcher.evaluate(async (u) => {
    // Not query({ url }): Firefox's match patterns have no port.
    const tabs = await (globalThis as unknown as BrowserApi).browser.tabs.query({});
    return tabs.find((t) => t.url === u)?.id ?? -1;
  }, url);
  if (id < 0) throw new Error(`no tab found for ${url}`);
  return id;
}

/** Opens an extension page (`library.html`, `exercise.html?pack=…`) in a new tab, from the extension. */
export async function openExtensionPage(h: FirefoxHarness, launcher: Page, path: string, where: string): Promise<Page> {
  const page = await nextPage(h.browser, () =>
    launcher.evaluate(async (p) => {
      const api = (globalThis as unknown as BrowserApi).browser;
      await api.tabs.create({ url: api.runtime.getURL(p) });
    }, path),
  );
  h.watch(page, where);
  return page;
}

/** Opens popup.html?tabId=N in a new tab (from the extension) and waits until it has finished. */
export async function openPopup(h: FirefoxHarness, launcher: Page, tabId: number, where: string): Promise<Page> {
  const popup = await openExtensionPage(h, launcher, `popup.html?tabId=${tabId}`, where);
  await until(popup, (sel) => document.querySelector(sel) !== null, 'body[aria-busy="false"]:not([data-recording="pending"])', `${where} to finish`, 60_000);
  return popup;
}

/** Sends one protocol message to the background from an extension page and returns its reply. */
export async function sendFrom<T>(launcher: Page, type: string, req: unknown): Promise<T> {
  return (await launcher.evaluate(
    (t, r) => (globalThis as unknown as BrowserApi).browser.runtime.sendMessage({ channel: 'wiretrace', type: t, req: r }),
    type,
    req as never,
  )) as T;
}
