/**
 * The content script injected into a tab unless it is there already (it answers a ping): by the
 * worker before it messages the page (background/content-channel.ts), and by the popup beside its
 * check (popup/early-check.ts). Takes the extension API as a parameter, the popup's first script
 * having no extension API wrapper (the browser's own `browser` or `chrome` object does).
 *
 * A check the popup sent says the popup injects the script itself; the worker then waits for that
 * injection (pinging again) before it injects a second copy. Why: an awake worker gets the check
 * before the popup's injection is in, and its own injection then waits behind the popup's on the
 * page's thread and evaluates the whole script again (the two together took a median 86 ms in
 * Chromium 156, against 67 for one, 8 pages each).
 */
import type { ContentRequest } from './extract-types';

/** The little of the extension API this needs. */
export interface InjectApi {
  tabs: { sendMessage(tabId: number, message: unknown): Promise<unknown> };
  scripting: { executeScript(injection: { target: { tabId: number }; files: string[] }): Promise<unknown> };
}

/** Pings while another injection may still come in: every PING_EVERY_MS, at most INJECTION_WAIT_MS. */
export const PING_EVERY_MS = 10;
export const INJECTION_WAIT_MS = 300;

/** Whether the tab's content script answers a ping. */
function answers(api: InjectApi, tabId: number): Promise<boolean> {
  const ping: ContentRequest = { type: 'wiretrace:ping' };
  return api.tabs.sendMessage(tabId, ping).then(
    (pong) => (pong as { ok?: unknown } | undefined)?.ok === true,
    () => false, // not injected yet
  );
}

/**
 * Injects content.js unless it already answers a ping (it tolerates a second injection anyway); the
 * ms spent waiting and injecting (0 when it was there). With `injectedElsewhere` (the popup injects
 * it too), pings again for up to INJECTION_WAIT_MS before injecting.
 */
export async function ensureContentScript(api: InjectApi, tabId: number, injectedElsewhere = false): Promise<number> {
  if (await answers(api, tabId)) return 0;
  const t0 = performance.now();
  if (injectedElsewhere) {
    while (performance.now() - t0 < INJECTION_WAIT_MS) {
      await new Promise((r) => setTimeout(r, PING_EVERY_MS));
      if (await answers(api, tabId)) return performance.now() - t0;
    }
  }
  await api.scripting.executeScript({ target: { tabId }, files: ['content.js'] });
  return performance.now() - t0;
}
