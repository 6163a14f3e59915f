/**
 * Chromium's offscreen document: reads feeds, feed items and their pages for the service worker,
 * which has no HTML parser of its own (background/feeds/offscreen-parsers.ts opens it when a feed is
 * read and closes it when idle). Answers only the worker's messages on the offscreen channel; the
 * markup is parsed by DOMParser into detached documents, never run.
 */
import browser from 'webextension-polyfill';
import type { Runtime } from 'webextension-polyfill';
import { domParserDocument } from '../src/extract/dom-parser-document';
import { isOffscreenEnvelope } from '../src/protocol';
import { answerOffscreen } from './answer';

/** The worker: the extension itself, from no tab and no page of its own. */
function fromWorker(sender: Runtime.MessageSender): boolean {
  return sender.id === browser.runtime.id && !sender.tab && sender.url === browser.runtime.getURL('background.js');
}

browser.runtime.onMessage.addListener(((message: unknown, sender: Runtime.MessageSender) => {
  if (!isOffscreenEnvelope(message) || !fromWorker(sender)) return undefined;
  return Promise.resolve(answerOffscreen(message, domParserDocument));
}) as never);
