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
