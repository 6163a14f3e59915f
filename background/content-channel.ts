/**
 * Talking to the content script: inject it on demand (activeTab or host permission;
 * src/ensure-content-script.ts), then message it.
 */
import browser from 'webextension-polyfill';
import { CodedError } from '../src/errors';
import { ensureContentScript } from '../src/ensure-content-script';
import type { ContentRequest, ContentResponses } from '../src/extract-types';

type Reply<T extends ContentRequest> = ContentResponses[T['type']];

async function sendRaw<T extends ContentRequest>(tabId: number, message: T): Promise<Reply<T>> {
  return (await browser.tabs.sendMessage(tabId, message)) as Reply<T>;
}

/**
 * Sends `message` to the tab's content script, injected first when needed (`timing.inject`: how long
 * that took); `injectedElsewhere`: the popup injects it too (ensure-content-script.ts).
 */
export async function sendToContent<T extends ContentRequest>(tabId: number, message: T, timing?: { inject: number }, injectedElsewhere = false): Promise<Reply<T>> {
  const inject = await ensureContentScript(browser, tabId, injectedElsewhere);
  if (timing) timing.inject = inject;
  const reply = await sendRaw(tabId, message);
  if (reply === undefined) throw new CodedError('page-no-answer', 'the page did not answer (reload it and try again)');
  return reply;
}
