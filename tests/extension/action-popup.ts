/**
 * The toolbar popup as a reader opens it, in Chromium: `chrome.action.openPopup()` called from an
 * extension page for the window of a tab brought to the front; the popup then checks the active tab,
 * as after a click (no ?tabId). Nothing but the popup's own message wakes a stopped worker, where
 * popup.html opened in a tab of its own (harness.ts openPopup) fires tab events that wake the worker
 * while the popup is still loading (seen: the worker started 32-57 ms before that popup's page).
 *
 * The popup is not a page Playwright lists; it is driven by CDP (Target.attachToTarget) through a
 * session of the extension page.
 */
import type { CDPSession, Page } from 'playwright-core';
import type { Harness } from './harness';
import { attachTarget, listTargets, type TargetInfo } from './target-session';

export interface ActionPopup {
  /** Evaluates `expression` in the popup (awaiting a promise it returns); the value as JSON allows. */
  evaluate<T>(expression: string): Promise<T>;
  /** Closes the popup and the CDP session. */
  close(): Promise<void>;
}

const POPUP_TIMEOUT_MS = 15_000;

async function popupTarget(cdp: CDPSession, extensionId: string, before: Set<string>): Promise<TargetInfo> {
  const deadline = Date.now() + POPUP_TIMEOUT_MS;
  for (;;) {
    const t = (await listTargets(cdp)).find((x) => x.type === 'page' && !before.has(x.targetId) && x.url.startsWith(`chrome-extension://${extensionId}/popup.html`));
    if (t) return t;
    if (Date.now() > deadline) throw new Error('the toolbar popup did not open');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Opens the toolbar popup over `tab` (made the active tab first), through the extension page `via`. */
export async function openActionPopup(h: Harness, via: Page, tab: Page): Promise<ActionPopup> {
  await tab.bringToFront();
  const cdp = await h.context.newCDPSession(via);
  const before = new Set((await listTargets(cdp)).map((t) => t.targetId));
  const url = tab.url();
  const opened = await via.evaluate(async (u) => {
    const c = (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<Array<{ windowId: number }>> }; action: { openPopup(o: object): Promise<void> } } }).chrome;
    const [t] = await c.tabs.query({ url: u });
    if (!t) return `no tab at ${u}`;
    try {
      await c.action.openPopup({ windowId: t.windowId });
      return 'ok';
    } catch (e) {
      return String(e);
    }
  }, url);
  if (opened !== 'ok') {
    await cdp.detach();
    throw new Error(`chrome.action.openPopup: ${opened}`);
  }
  const target = await popupTarget(cdp, h.extensionId, before);
  const popup = await attachTarget(cdp, target.targetId);
  type Evaluated = { result?: { value?: unknown }; exceptionDetails?: { text?: string } };
  const evaluate = async <T>(expression: string): Promise<T> => {
    // Right after it opens, the popup's document may be replaced under a call: asked again then.
    for (let attempt = 0; ; attempt++) {
      const m = (await popup.call('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true }))!;
      const r = m.result as Evaluated | undefined;
      const failed = m.error?.message ?? r?.exceptionDetails?.text;
      if (!failed) return r?.result?.value as T;
      if (attempt >= 20) throw new Error(`in the toolbar popup: ${failed}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  return {
    evaluate,
    close: async () => {
      // The popup may be gone before it answers.
      await popup.call('Runtime.evaluate', { expression: 'window.close()' }, 2_000);
      await popup.detach();
      await cdp.detach().catch(() => undefined);
    },
  };
}

/** An expression that resolves once the popup has shown its answer and any recording has ended. */
export const POPUP_SETTLED = `new Promise((ok) => {
  const timer = setInterval(() => {
    if (document.readyState !== 'loading' && document.body && document.body.getAttribute('aria-busy') === 'false' && document.body.dataset.recording !== 'pending') {
      clearInterval(timer);
      ok(true);
    }
  }, 20);
})`;
