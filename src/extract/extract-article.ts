/**
 * Article extraction over any DOM Document (the page's own in the content script, a linkedom one in
 * the CLI): Readability on a clone (the document itself is never touched), split into paragraphs,
 * plus metadata read from the document. No browser or Node API beyond the DOM. Never throws.
 *
 * A page is an article when it looks like one (isProbablyReaderable, with thresholds for its script:
 * thresholds.ts) and its article text holds at least MIN_ARTICLE_WORDS words as the engine counts
 * them. `force` reads any page with article text, and says in `notArticle` when it is not an article
 * (such a page is checked, never recorded).
 *
 * Bounded work (page-limits.ts): a DOM nested deeper than MAX_DEPTH or holding more than MAX_ELEMENTS
 * elements is not read (an error that says so), and the clock is checked between stages.
 */
import { Readability, isProbablyReaderable } from '@mozilla/readability';
import { wordCount } from '../engine/word-count';
import type { ExtractResult, NotArticleWhy } from '../extract-types';
import { jsonLdObjects } from './json-ld';
import { findByline, findLang, findOutlet, findPublished, findTitle } from './metadata';
import { dropTitleEcho, paragraphsOf } from './paragraphs';
import { deadline, MAX_DEPTH, MAX_ELEMENTS, measureTree } from './page-limits';
import { pageThresholds } from './thresholds';
import { canonicalUrl, readAtUrl, withoutHash } from './urls';

export interface ExtractOptions {
  /** Extract even when the page does not look like an article. */
  force?: boolean;
  /** Milliseconds the extraction may take, checked between its stages (default MAX_MS). */
  budgetMs?: number;
}

/** Fewer words of article text than this is not an article (a teaser, an error page, a login form). */
export const MIN_ARTICLE_WORDS = 20;

/** Why a page is not an article, in English (logs, scripts; the popup says it in the user's language). */
export function notArticleReason(why: NotArticleWhy, words = 0): string {
  switch (why) {
    case 'not-readerable':
      return 'The page does not look like an article (a contents page, a section front, search results).';
    case 'no-text':
      return 'Readability found no article text on the page.';
    case 'too-short':
      return `The article text on the page is ${words} ${words === 1 ? 'word' : 'words'}; an article needs at least ${MIN_ARTICLE_WORDS}.`;
  }
}

/** `location.href` is the address the document was read from (its URL, or a file: URL). */
export function extractArticle(doc: Document, location: { href: string }, opts: ExtractOptions = {}): ExtractResult {
  try {
    return extractOrThrow(doc, location.href, opts);
  } catch (err) {
    return { status: 'error', message: err instanceof Error ? err.message : String(err) };
  }
}

/** `pageUrl`: the address the page was read at, when the article is recorded under another (readAtUrl). */
function withPageUrl(href: string, url: string): { pageUrl?: string } {
  const pageUrl = readAtUrl(href, url);
  return pageUrl ? { pageUrl } : {};
}

/** The page's size when it is over a limit, in words. */
function overLimits(doc: Document): string | undefined {
  const size = measureTree(doc);
  if (size.over === 'depth') return `the page nests its elements more than ${MAX_DEPTH} deep, deeper than a browser builds a page it parses; not read`;
  if (size.over === 'elements') return `the page has more than ${MAX_ELEMENTS.toLocaleString('en-GB')} elements, more than a page is read with`;
  return undefined;
}

function extractOrThrow(doc: Document, href: string, opts: ExtractOptions): ExtractResult {
  const over = overLimits(doc);
  if (over) return { status: 'error', message: over };
  const clock = deadline(opts.budgetMs);
  const late = (): ExtractResult => ({ status: 'error', message: `reading the page took more than ${clock.ms / 1000} s; not read` });
  const { url, urlSource } = canonicalUrl(doc, href);
  const limits = pageThresholds(doc);
  const readerable = isProbablyReaderable(doc, { minContentLength: limits.minContentLength, minScore: limits.minScore });
  if (clock.over()) return late();
  const notArticle = (why: NotArticleWhy, title: string | undefined, words?: number): ExtractResult => ({
    status: 'not-article',
    why,
    reason: notArticleReason(why, words),
    url,
    title,
    readerable,
    ...(words !== undefined ? { words } : {}),
  });
  if (!readerable && !opts.force) return notArticle('not-readerable', findTitle(doc, undefined));
  const clone = doc.cloneNode(true) as Document;
  if (clock.over()) return late();
  const parsed = new Readability<Node>(clone, { serializer: (node) => node, keepClasses: true, charThreshold: limits.charThreshold }).parse();
  if (clock.over()) return late();
  const paragraphs = parsed?.content ? paragraphsOf(parsed.content) : [];
  if (clock.over()) return late();
  const ld = jsonLdObjects(doc);
  const outlet = findOutlet(doc, [withoutHash(href), url], ld);
  const title = findTitle(doc, parsed?.title, outlet.outlet);
  if (paragraphs.length === 0) return notArticle('no-text', title);
  const body = dropTitleEcho(paragraphs, title);
  const words = body.reduce((n, p) => n + wordCount(p), 0);
  const short = words < MIN_ARTICLE_WORDS;
  if (short && !opts.force) return notArticle('too-short', title, words);
  const forcedBecause: Exclude<NotArticleWhy, 'no-text'> | undefined = !readerable ? 'not-readerable' : short ? 'too-short' : undefined;
  const byline = findByline(doc, parsed?.byline, ld);
  const lang = findLang(doc, parsed?.lang);
  return {
    status: 'ok',
    readerable,
    ...(forcedBecause ? { notArticle: forcedBecause } : {}),
    article: {
      id: url,
      url,
      urlSource,
      ...withPageUrl(href, url),
      ...outlet,
      ...(title ? { title } : {}),
      ...findPublished(doc, ld),
      ...(byline ? { byline } : {}),
      paragraphs: body,
      ...(lang ? { lang } : {}),
    },
  };
}
