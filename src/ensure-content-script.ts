/**
 * The content script injected into a tab unless it is there already (it answers a ping): by the
 * worker before it messages the page (background/content-channel.ts), and by the popup beside its
 * check (popup/early-check.ts). Takes the extension API as a parameter, the popup's first script
 * having no extension API wrapper (the browser's own `browser` or `chrome` object does).
 */
import type { ContentRequest } from './extract-types';

/** The little of the extension API this needs. */
export interface InjectApi {
  tabs: { sendMessage(tabId: number, message: unknown): Promise<unknown> };
  scripting: { executeScript(injection: { target: { tabId: number }; files: string[] }): Promise<unknown> };
}

/** Injects content.js unless it already answers a ping (it tolerates a second injection anyway); the ms spent injecting (0 when it was there). */
export async function ensureContentScript(api: InjectApi, tabId: number): Promise<number> {
  const ping: ContentRequest = { type: 'wiretrace:ping' };
  const there = await api.tabs.sendMessage(tabId, ping).then(
    (pong) => (pong as { ok?: unknown } | undefined)?.ok === true,
    () => false, // not injected yet
  );
  if (there) return 0;
  const t0 = performance.now();
  await api.scripting.executeScript({ target: { tabId }, files: ['content.js'] });
  return performance.now() - t0;
}
