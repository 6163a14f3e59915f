/** Answers one ContentRequest against a document (no extension API: the entry passes messages in). */
import type { ContentRequest, ContentResponses, ExtractResult } from '../src/extract-types';
import { extractArticle } from '../src/extract/extract-article';
import { clearHighlights, highlight } from './highlight';

export interface ContentState {
  /** The paragraphs of the last successful extraction: highlight offsets refer to them. */
  paragraphs: string[];
  /** The page as read when the script was injected (readEarly), for the check's first request. */
  early?: { href: string; at: number; result: ExtractResult };
}

/** How long a reading made at injection answers the first extraction request (ms). */
export const EARLY_READ_MS = 5_000;

/**
 * Reads the page as soon as the script is injected, before any request: the popup injects the script
 * beside the check it sends, so the page is read while the worker starts (a stopped worker takes
 * 40-90 ms to start: docs/design.md, "The background's start", "The popup's check"). A reading
 * that failed is not kept: the request reads again.
 */
export function readEarly(doc: Document, location: { href: string }, state: ContentState, now: number): void {
  let result: ExtractResult | undefined;
  try {
    result = extractArticle(doc, location);
  } catch {
    result = undefined;
  }
  state.early = result && result.status !== 'error' ? { href: location.href, at: now, result } : undefined;
}

/**
 * The early reading for an extraction request, used once: only for a request that does not force
 * the reading ("Check anyway" reads with other rules), from the same address, within EARLY_READ_MS.
 */
function takeEarly(state: ContentState, href: string, force: boolean | undefined, now: number): ExtractResult | undefined {
  const early = state.early;
  state.early = undefined;
  if (!early || force || early.href !== href || now - early.at > EARLY_READ_MS) return undefined;
  return early.result;
}

export function handleContentRequest<T extends ContentRequest>(
  doc: Document,
  location: { href: string },
  state: ContentState,
  request: T,
  now?: number,
): ContentResponses[T['type']];
export function handleContentRequest(
  doc: Document,
  location: { href: string },
  state: ContentState,
  request: ContentRequest,
  now = performance.now(),
): ContentResponses[ContentRequest['type']] {
  switch (request.type) {
    case 'wiretrace:ping':
      return { ok: true };
    case 'wiretrace:extract': {
      const result = takeEarly(state, location.href, request.force, now) ?? extractArticle(doc, location, { force: request.force });
      if (result.status === 'ok') state.paragraphs = result.article.paragraphs;
      return result;
    }
    case 'wiretrace:highlight': {
      if (state.paragraphs.length === 0) {
        // Highlight before any extraction in this page (e.g. the script was re-injected after a
        // reload): extract now so the offsets have paragraphs to refer to.
        const result = extractArticle(doc, location, { force: true });
        if (result.status === 'ok') state.paragraphs = result.article.paragraphs;
      }
      return highlight(doc, state.paragraphs, Array.isArray(request.marks) ? request.marks : []);
    }
    case 'wiretrace:clear-highlights':
      return clearHighlights(doc);
    default:
      return { status: 'error', message: `unknown request ${(request as { type: string }).type}` };
  }
}
