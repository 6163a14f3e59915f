/**
 * Talking to the content script: inject it on demand (activeTab or host permission), then message it.
 */
import browser from 'webextension-polyfill';
import { CodedError } from '../src/errors';
import type { ContentRequest, ContentResponses } from '../src/extract-types';

type Reply<T extends ContentRequest> = ContentResponses[T['type']];

async function sendRaw<T extends ContentRequest>(tabId: number, message: T): Promise<Reply<T>> {
  return (await browser.tabs.sendMessage(tabId, message)) as Reply<T>;
}

/**
 * Injects content.js unless it already answers a ping. The script tolerates a second injection anyway.
 * Returns the milliseconds spent injecting (0 when it was there).
 */
export async function ensureContentScript(tabId: number): Promise<number> {
  try {
    const pong = await sendRaw(tabId, { type: 'wiretrace:ping' });
    if (pong && pong.ok) return 0;
  } catch {
    // not injected yet
  }
  const t0 = performance.now();
  await browser.scripting.executeScript({ target: { tabId }, files: ['content.js'] });
  return performance.now() - t0;
}

/** Sends `message` to the tab's content script, injected first when needed (`timing.inject`: how long that took). */
export async function sendToContent<T extends ContentRequest>(tabId: number, message: T, timing?: { inject: number }): Promise<Reply<T>> {
  const inject = await ensureContentScript(tabId);
  if (timing) timing.inject = inject;
  const reply = await sendRaw(tabId, message);
  if (reply === undefined) throw new CodedError('page-no-answer', 'the page did not answer (reload it and try again)');
  return reply;
}
