/**
 * What the background reports by code, in the page's language: errors, progress steps, pages it
 * cannot read. An error without a code (an unexpected failure) shows its own message as the detail.
 */
import type { ErrorCode } from '../src/errors';
import type { Translator } from '../src/i18n';
import type { Events, UnsupportedCode } from '../src/protocol';

export function errorText(t: Translator, e: { error: string; code?: ErrorCode }): string {
  switch (e.code) {
    case 'no-answer':
      return t('errorNoAnswer');
    case 'page-no-answer':
      return t('errorPageNoAnswer');
    case 'read-failed':
      return t('errorReadFailed');
    case 'import-interrupted':
      return t('errorImportInterrupted');
    case 'storage-full':
      return t('errorStorageFull');
    case 'import-cancelled':
      return t('errorImportCancelled');
    case 'worker-stopped':
      return t('errorWorkerStopped');
    case 'internal':
      return t('errorInternal');
    case 'feed-gone':
      return t('errorFeedGone');
    default:
      return e.error;
  }
}

/** An exception's text: by its code when it has one (ProtocolError from call()), else its message. */
export function exceptionText(t: Translator, e: unknown): string {
  const x = e as { message?: string; code?: ErrorCode } | null;
  return errorText(t, { error: x?.message ?? String(e), code: x?.code });
}

export function progressText(t: Translator, d: Events['progress']): string {
  switch (d.code) {
    case 'reading':
      return t('progressReading');
    case 'comparing':
      return t('progressComparing');
    case 'indexing':
      // The file's article count is known when its header says it; else only how many so far.
      return d.total ? t('progressIndexing', d.done ?? 0, d.total) : t('progressIndexingSoFar', d.done ?? 0);
    case 'saving':
      return t('progressSaving');
    case 'analysing':
      return t('analysingProgress', d.done ?? 0, d.total ?? 0);
    default:
      return d.text;
  }
}

export function unsupportedText(t: Translator, code: UnsupportedCode | undefined): string {
  return code === 'no-access' ? t('unsupportedNoAccess') : t('unsupportedReason');
}
