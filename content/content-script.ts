/**
 * The content script entry (bundled as one classic IIFE, injected on demand). It answers the
 * ContentRequest messages; everything it does is in the DOM modules beside it.
 */
import browser from 'webextension-polyfill';
import type { ContentRequest, ContentResponses } from '../src/extract-types';
import { handleContentRequest, readEarly, type ContentState } from './handle-request';

const FLAG = '__wiretraceContentScript';
const globals = globalThis as unknown as Record<string, unknown>;

// A second injection into the same page (the background injects whenever a ping fails) must not add
// a second listener, or every message would be answered twice.
if (!globals[FLAG]) {
  globals[FLAG] = true;
  const state: ContentState = { paragraphs: [] };
  browser.runtime.onMessage.addListener((message: unknown): Promise<ContentResponses[ContentRequest['type']]> | undefined => {
    if (!isContentRequest(message)) return undefined;
    return Promise.resolve(handleContentRequest(document, location, state, message));
  });
  // Injected for a check (by the popup beside the check it sends, or by the worker), or after a reload
  // for highlighting: read the page now, for the check's request (handle-request.ts, readEarly).
  readEarly(document, location, state, performance.now());
}

function isContentRequest(message: unknown): message is ContentRequest {
  const type = (message as { type?: unknown } | null)?.type;
  return typeof type === 'string' && type.startsWith('wiretrace:');
}
