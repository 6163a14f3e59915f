/**
 * Article extraction over any DOM Document (the page's own in the content script, a linkedom one in
 * the CLI): Readability on a clone (the document itself is never touched), split into paragraphs,
 * plus metadata read from the document. No browser or Node API beyond the DOM. Never throws.
 */
import { Readability, isProbablyReaderable } from '@mozilla/readability';
import type { ExtractResult } from '../extract-types';
import { jsonLdObjects } from './json-ld';
import { findByline, findLang, findOutlet, findPublished, findTitle } from './metadata';
import { dropTitleEcho, paragraphsOf } from './paragraphs';
import { canonicalUrl, withoutHash } from './urls';

export interface ExtractOptions {
  /** Extract even when the page does not look like an article. */
  force?: boolean;
}

/** The reasons of not-article answers, shown in the popup. */
const NOT_READERABLE = 'The page does not look like an article.';
const NO_TEXT = 'No article text was found on the page.';

/** `location.href` is the address the document was read from (its URL, or a file: URL). */
export function extractArticle(doc: Document, location: { href: string }, opts: ExtractOptions = {}): ExtractResult {
  try {
    return extractOrThrow(doc, location.href, opts);
  } catch (err) {
    return { status: 'error', message: err instanceof Error ? err.message : String(err) };
  }
}

function extractOrThrow(doc: Document, href: string, opts: ExtractOptions): ExtractResult {
  const { url, urlSource } = canonicalUrl(doc, href);
  const readerable = isProbablyReaderable(doc);
  if (!readerable && !opts.force) return { status: 'not-article', reason: NOT_READERABLE, url, title: findTitle(doc, undefined), readerable };
  const clone = doc.cloneNode(true) as Document;
  const parsed = new Readability<Node>(clone, { serializer: (node) => node, keepClasses: true }).parse();
  const paragraphs = parsed?.content ? paragraphsOf(parsed.content) : [];
  const ld = jsonLdObjects(doc);
  const outlet = findOutlet(doc, [withoutHash(href), url], ld);
  const title = findTitle(doc, parsed?.title, outlet.outlet);
  if (paragraphs.length === 0) return { status: 'not-article', reason: NO_TEXT, url, title, readerable };
  const byline = findByline(doc, parsed?.byline, ld);
  const lang = findLang(doc, parsed?.lang);
  return {
    status: 'ok',
    readerable,
    article: {
      id: url,
      url,
      urlSource,
      ...outlet,
      ...(title ? { title } : {}),
      ...findPublished(doc, ld),
      ...(byline ? { byline } : {}),
      paragraphs: dropTitleEcho(paragraphs, title),
      ...(lang ? { lang } : {}),
    },
  };
}
