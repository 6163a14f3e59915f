/**
 * Chromium's offscreen document (offscreen/offscreen.html), opened when the worker has HTML or a feed
 * to read and closed 5 s after its last answer: a document of its own costs a renderer's memory, and
 * the worker has no HTML parser (offscreen-parsers.ts). Why 5 s: the timer lives in the worker, which
 * Chromium stops 30 s after its last event or API call (the last request is one); a longer wait
 * could outlast the worker and leave the document open until the next feed is read. Requests share one opening; the answers
 * come back typed (src/protocol.ts, OffscreenRequests), a FeedError as a FeedError.
 */
import browser from 'webextension-polyfill';
import { FeedError, type FeedErrorCode } from '../../src/feeds/feed-types';
import { OFFSCREEN_CHANNEL, type OffscreenEnvelope, type OffscreenReply, type OffscreenRequests, type OffscreenType } from '../../src/protocol';

const PAGE = 'offscreen.html';
/** Milliseconds without a request after which the document is closed. */
export const OFFSCREEN_IDLE_MS = 5_000;

/** The little of Chromium's API this needs (not in webextension-polyfill: Chromium only). */
interface OffscreenApi {
  runtime: { getURL(path: string): string; getContexts(filter: { contextTypes: string[]; documentUrls: string[] }): Promise<unknown[]> };
  offscreen: { createDocument(p: { url: string; reasons: string[]; justification: string }): Promise<void>; closeDocument(): Promise<void> };
}

const api = () => (globalThis as unknown as { chrome: OffscreenApi }).chrome;

let opening: Promise<void> | undefined;
let pending = 0;
let idle: ReturnType<typeof setTimeout> | undefined;

async function open(): Promise<void> {
  const c = api();
  const there = await c.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'], documentUrls: [c.runtime.getURL(PAGE)] });
  if (there.length) return;
  await c.offscreen.createDocument({ url: PAGE, reasons: ['DOM_PARSER'], justification: 'Reads the feeds the user added, and their articles, with the browser\'s HTML parser.' });
}

async function closeIfIdle(): Promise<void> {
  if (pending) return;
  try {
    await api().offscreen.closeDocument();
  } catch {
    // already closed
  }
}

/** Asks the offscreen document, opening it first when it is not open. Throws its failure. */
export async function askOffscreen<K extends OffscreenType>(type: K, req: OffscreenRequests[K]['req']): Promise<OffscreenRequests[K]['res']> {
  pending++;
  clearTimeout(idle);
  try {
    opening ??= open().finally(() => {
      opening = undefined;
    });
    await opening;
    const envelope: OffscreenEnvelope<K> = { channel: OFFSCREEN_CHANNEL, type, req };
    const reply = (await browser.runtime.sendMessage(envelope)) as OffscreenReply<K> | undefined;
    if (!reply || typeof reply !== 'object') throw new Error('the offscreen document did not answer');
    if (!reply.ok) throw reply.feedCode ? new FeedError(reply.feedCode as FeedErrorCode, reply.error) : new Error(reply.error);
    return reply.res;
  } finally {
    pending--;
    if (!pending) idle = setTimeout(() => void closeIfIdle(), OFFSCREEN_IDLE_MS);
  }
}
