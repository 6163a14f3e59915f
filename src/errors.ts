/**
 * Errors the pages show by code rather than by their (English) message: the background throws a
 * CodedError, the reply carries `code`, and the page picks its own message for it (popup/messages.ts).
 */
export type ErrorCode =
  /** No answer from the background (runtime.sendMessage found no listener, or the answer was not a reply). */
  | 'no-answer'
  /** The content script did not answer in the page (it was reloaded or closed meanwhile). */
  | 'page-no-answer'
  /** The content script failed reading the article. */
  | 'read-failed'
  /** A chunk of an index import is missing: the upload was interrupted. */
  | 'import-interrupted'
  /** The browser refused a write of the index for lack of space; nothing of it was stored. */
  | 'storage-full'
  /** The user cancelled an index import; nothing of it was stored. */
  | 'import-cancelled'
  /** The background stopped (the browser stops an idle service worker) before it answered. */
  | 'worker-stopped'
  /** The browser failed a request of the background (storage, messaging) with an error of its own. */
  | 'internal'
  /** A feed named in a message is not (or no longer) among the user's feeds. */
  | 'feed-gone';

export class CodedError extends Error {
  override name = 'CodedError';
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** The code of an error thrown anywhere, if it carries one. */
export function errorCode(e: unknown): ErrorCode | undefined {
  return e instanceof CodedError ? e.code : undefined;
}

/**
 * Whether an error comes from the browser itself (a DOMException: IndexedDB, messaging) rather than
 * from Wiretrace's own checks, whose messages are written for people. A browser's text is never
 * shown as it is: the page says 'internal' in its own words.
 */
export function isBrowserError(e: unknown): boolean {
  return typeof DOMException !== 'undefined' && e instanceof DOMException;
}

/** Messaging failures that mean the background stopped before it answered (Chromium, Firefox). */
export const WORKER_STOPPED = /message (?:channel|port) closed|receiving end does not exist|went out of scope|message manager disconnected|extension context invalidated/i;
