/**
 * Chromium with the test build of the extension (dist/chrome-test: the extension plus host access to
 * 127.0.0.1, because activeTab is only granted by a real toolbar click), driven by playwright-core.
 * The popup is opened for a tab as popup.html?tabId=N, the page the toolbar button opens, so each
 * page is checked and recorded exactly as on a click. See /work/shared/docs/browser-testing.md.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import type { CheckResult, Reply } from '../../src/protocol';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface Session {
  context: BrowserContext;
  sw: Worker;
  extensionId: string;
  profile: string;
  close(): Promise<void>;
}

interface ChromeApi {
  chrome: {
    tabs: { query(q: object): Promise<Array<{ id?: number; url?: string; windowId?: number }>>; update(id: number, p: object): Promise<unknown> };
    windows: { create(p: object): Promise<{ id?: number }>; update(id: number, p: object): Promise<unknown> };
    runtime: { sendMessage(...args: unknown[]): unknown };
  };
}

export function assertChromium(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM}. Install Debian's Chromium with:\n\n    apt-get install -y chromium\n\n(or set CHROMIUM_PATH to a Chromium binary)`);
  }
}

export async function launch(opts: { extensionDir: string; headless: boolean }): Promise<Session> {
  assertChromium();
  const profile = mkdtempSync(join(tmpdir(), 'wiretrace-start-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: opts.headless,
    // npm start closes the browser itself on Ctrl+C (and removes the profile).
    handleSIGINT: false,
    handleSIGTERM: false,
    colorScheme: 'light',
    viewport: opts.headless ? { width: 1100, height: 900 } : null,
    args: [
      `--disable-extensions-except=${opts.extensionDir}`,
      `--load-extension=${opts.extensionDir}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--no-default-browser-check',
    ],
  });
  const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  return {
    context,
    sw,
    extensionId: new URL(sw.url()).host,
    profile,
    close: async () => {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export async function openTab(s: Session, url: string): Promise<{ page: Page; tabId: number }> {
  const page = await s.context.newPage();
  await page.goto(url, { waitUntil: 'load' });
  const tabId = await s.sw.evaluate(async (u) => {
    const tabs = await (globalThis as unknown as ChromeApi).chrome.tabs.query({});
    return tabs.find((t) => t.url === u)?.id ?? -1;
  }, url);
  if (tabId < 0) throw new Error(`no tab found for ${url}`);
  return { page, tabId };
}

/**
 * Keeps the popup's own `check` reply (the Report the popup renders) in window.__wiretraceCheck, so
 * the report printed on stdout is the one on screen. The popup calls runtime.sendMessage (Chromium's
 * `browser.runtime` is `chrome.runtime`), which is read at call time. A string, not a function:
 * tsx's transform adds helpers (__name) to functions that do not exist in the page.
 */
const CAPTURE_CHECK_REPLY = `(() => {
  const runtime = globalThis.chrome && globalThis.chrome.runtime;
  if (!runtime || typeof runtime.sendMessage !== 'function') return;
  const original = runtime.sendMessage;
  const keep = (reply) => { globalThis.__wiretraceCheck = reply; return reply; };
  runtime.sendMessage = function (...args) {
    const m = args[0];
    if (!m || m.channel !== 'wiretrace' || m.type !== 'check') return original.apply(this, args);
    const last = args[args.length - 1];
    if (typeof last === 'function') return original.apply(this, [...args.slice(0, -1), (reply) => { keep(reply); last(reply); }]);
    return original.apply(this, args).then(keep);
  };
})();`;

export interface PopupResult {
  popup: Page;
  /** The background's reply to the popup's check. */
  reply: Reply<CheckResult>;
  state: string;
  /** Whether the check recorded the page (body data-recorded, set once a recording has ended). */
  recorded: boolean;
}

/** Opens the popup for a tab (popup.html?tabId=N, in its own tab), waits until it has finished. */
export async function openPopup(s: Session, tabId: number, size = { width: 420, height: 800 }): Promise<PopupResult> {
  const popup = await s.context.newPage();
  await popup.addInitScript(CAPTURE_CHECK_REPLY);
  await popup.setViewportSize(size).catch(() => undefined);
  await popup.goto(`chrome-extension://${s.extensionId}/popup.html?tabId=${tabId}`);
  await popup.waitForSelector('body[aria-busy="false"]:not([data-recording="pending"])', { timeout: 60_000 });
  await popup.waitForFunction(() => '__wiretraceCheck' in globalThis, undefined, { timeout: 5_000 }).catch(() => {
    throw new Error("could not read the popup's report (the capture of its check reply did not run)");
  });
  const reply = (await popup.evaluate(() => (globalThis as unknown as { __wiretraceCheck: unknown }).__wiretraceCheck)) as Reply<CheckResult>;
  const state = (await popup.getAttribute('body', 'data-state')) ?? '';
  const recorded = (await popup.getAttribute('body', 'data-recorded')) === 'true';
  return { popup, reply, state, recorded };
}

/**
 * Clicks "Highlight on page" and waits for the popup to say how many passages it placed (body
 * data-highlighted, the same in every UI language); returns the popup's status line.
 */
export async function highlight(popup: Page): Promise<string> {
  await popup.click('#highlight');
  const placed = await popup.waitForSelector('body[data-highlighted]', { timeout: 20_000 }).then((b) => b.getAttribute('data-highlighted'));
  const text = (await popup.textContent('#status')) ?? '';
  if (!(Number(placed) > 0)) throw new Error(`highlighting failed: ${text}`);
  return text;
}

/** Headed mode: the article in front, its popup beside it in a small window (as the toolbar popup would sit). */
export async function showWithPopup(s: Session, page: Page, tabId: number): Promise<void> {
  await page.bringToFront();
  const url = `chrome-extension://${s.extensionId}/popup.html?tabId=${tabId}`;
  await s.sw.evaluate(async (u) => {
    await (globalThis as unknown as ChromeApi).chrome.windows.create({ url: u, type: 'popup', width: 460, height: 820, left: 900, top: 40, focused: true });
  }, url);
}
