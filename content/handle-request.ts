/** Answers one ContentRequest against a document (no extension API: the entry passes messages in). */
import type { ContentRequest, ContentResponses } from '../src/extract-types';
import { extractArticle } from '../src/extract/extract-article';
import { clearHighlights, highlight } from './highlight';

export interface ContentState {
  /** The paragraphs of the last successful extraction: highlight offsets refer to them. */
  paragraphs: string[];
}

export function handleContentRequest<T extends ContentRequest>(
  doc: Document,
  location: { href: string },
  state: ContentState,
  request: T,
): ContentResponses[T['type']];
export function handleContentRequest(
  doc: Document,
  location: { href: string },
  state: ContentState,
  request: ContentRequest,
): ContentResponses[ContentRequest['type']] {
  switch (request.type) {
    case 'wiretrace:ping':
      return { ok: true };
    case 'wiretrace:extract': {
      const result = extractArticle(doc, location, { force: request.force });
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
