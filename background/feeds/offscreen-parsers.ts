/**
 * What Chromium's background has where feed-parsers.ts would be (vite.config.ts, backgroundConfig):
 * the same four functions, with the parsing done by the offscreen document (offscreen-document.ts).
 * The worker still fetches (the feeds' polite queue and its limits stay here) and decodes; only the
 * text goes to the document. So the worker's script carries no feed or HTML parser: 0.4 MB instead
 * of 1.6, and a worker woken for a popup's check starts that much sooner (docs/design.md, "The
 * background's start").
 */
import { fetchFeedWith, type FeedState, type FetchFeedOptions, type FetchFeedResult } from '../../src/feeds/conditional-get';
import type { FeedItem } from '../../src/feeds/feed-types';
import type { ContentReading, HtmlParser, ItemContext } from '../../src/feeds/item-article';
import { fetchItemPage, type PageFetcher } from '../../src/feeds/item-page';
import type { ArticleInput } from '../../src/engine/types';
import { askOffscreen } from './offscreen-document';

export function fetchFeed(url: string, state: FeedState | undefined, opts: FetchFeedOptions): Promise<FetchFeedResult> {
  return fetchFeedWith((text, parseOpts) => askOffscreen('parseFeed', { text, opts: parseOpts }), url, state, opts);
}

/** The item's own body read as an article, when it carries the whole one (read in the document). */
export function contentArticle(item: FeedItem, ctx: ItemContext, _parseHtml?: HtmlParser): Promise<ContentReading> {
  return askOffscreen('contentArticle', { item, ctx });
}

/** The item's page, fetched and decoded here, read as an article in the document. Throws FeedError. */
export async function pageArticle(item: FeedItem, ctx: ItemContext, deps: { parseHtml?: HtmlParser; fetchPage: PageFetcher }): Promise<{ article: ArticleInput; keys: string[] }> {
  return askOffscreen('pageArticle', { item, ctx, page: await fetchItemPage(item, deps.fetchPage) });
}

/** No parser here: contentArticle and pageArticle above read in the document and take none. */
export function workerHtmlParser(): HtmlParser {
  return () => {
    throw new Error("Chromium's worker reads HTML in its offscreen document");
  };
}
