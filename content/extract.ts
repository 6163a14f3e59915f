/**
 * Article extraction: Readability on a clone of the page (the live page is never touched), split
 * into paragraphs, plus metadata read from the live document. Never throws.
 */
import { Readability, isProbablyReaderable } from '@mozilla/readability';
import type { ExtractResult } from '../src/extract-types';
import { paragraphsOf } from './paragraphs';
import { collapseWhitespace } from './text';
import { jsonLdAuthorName } from './json-ld';
import { canonicalUrl, findLang, findOutlet, findPublished, findTitle, jsonLdObjects, meta, withoutHash } from './metadata';

export interface ExtractOptions {
  /** Extract even when the page does not look like an article. */
  force?: boolean;
}

export function extractArticle(doc: Document, location: { href: string }, opts: ExtractOptions = {}): ExtractResult {
  try {
    return extractOrThrow(doc, location.href, opts);
  } catch (err) {
    return { status: 'error', message: err instanceof Error ? err.message : String(err) };
  }
}

function extractOrThrow(doc: Document, href: string, opts: ExtractOptions): ExtractResult {
  const url = canonicalUrl(doc, href);
  const readerable = isProbablyReaderable(doc);
  if (!readerable && !opts.force) {
    return { status: 'not-article', reason: 'The page does not look like an article.', url, title: findTitle(doc, undefined) };
  }
  const clone = doc.cloneNode(true) as Document;
  const parsed = new Readability<Node>(clone, { serializer: (node) => node, keepClasses: true }).parse();
  const paragraphs = parsed?.content ? paragraphsOf(parsed.content) : [];
  const ld = jsonLdObjects(doc);
  const outlet = findOutlet(doc, [withoutHash(href), url], ld);
  const title = withoutOutletSuffix(findTitle(doc, parsed?.title), outlet.outlet);
  if (paragraphs.length === 0) {
    return { status: 'not-article', reason: 'No article text was found on the page.', url, title };
  }
  const byline = collapseWhitespace(parsed?.byline ?? '') || meta(doc, 'author') || jsonLdAuthorName(ld);
  return {
    status: 'ok',
    readerable,
    article: {
      id: url,
      url,
      ...outlet,
      ...(title ? { title } : {}),
      ...findPublished(doc, ld),
      ...(byline ? { byline: byline.slice(0, 200) } : {}),
      paragraphs: dropTitleEcho(paragraphs, title),
      ...optional('lang', findLang(doc, parsed?.lang)),
    },
  };
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

/** Readability sometimes keeps the headline as the first block; it is the title, not body text. */
function dropTitleEcho(paragraphs: string[], title: string | undefined): string[] {
  if (title && paragraphs.length > 1 && paragraphs[0].toLowerCase() === title.toLowerCase()) return paragraphs.slice(1);
  return paragraphs;
}

/** "Headline — The Morning Ledger" -> "Headline" (Readability leaves some separators in). */
function withoutOutletSuffix(title: string | undefined, outlet: string): string | undefined {
  if (!title) return title;
  const suffix = new RegExp(`\\s+[|\\-\u2013\u2014:\u00b7]\\s+${outlet.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`, 'i');
  const stripped = title.replace(suffix, '').trim();
  return stripped || title;
}
