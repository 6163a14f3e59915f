/**
 * The feed parsers (feed-parsers.ts), evaluated when a feed is first read rather than whenever the
 * background starts (Firefox's; Chromium's worker carries none: offscreen-parsers.ts).
 *
 * Why: the browser stops an idle service worker after about 30 s, and the next popup's check waits
 * for it to start again. With the parsers (feedsmith, linkedom, Readability: ~1.1 of the 1.6 MB of
 * background code) evaluated at every start, the worker's first message waited longer
 * (docs/design.md, "The background's start"). The background is built as one file (vite.config.ts,
 * backgroundConfig), so this import is bundled as a module initialised on its first call, not
 * fetched: service workers may not import() at run time, and the build refuses a background that
 * would (scripts/build.ts).
 */
import type { FetchFeedResult, FeedState, FetchFeedOptions } from '../../src/feeds/conditional-get';
import type { FeedItem } from '../../src/feeds/feed-types';
import type { ContentReading, HtmlParser, ItemContext, PageFetcher } from '../../src/feeds/item-article';
import type { ArticleInput } from '../../src/engine/types';

/**
 * feed-parsers.ts in Firefox's background; in Chromium's, offscreen-parsers.ts in its place (the
 * build's alias), whose contentArticle answers later: callers await it.
 */
export interface FeedParsers {
  fetchFeed(url: string, state: FeedState | undefined, opts: FetchFeedOptions): Promise<FetchFeedResult>;
  contentArticle(item: FeedItem, ctx: ItemContext, parseHtml: HtmlParser): ContentReading | Promise<ContentReading>;
  pageArticle(item: FeedItem, ctx: ItemContext, deps: { parseHtml: HtmlParser; fetchPage: PageFetcher }): Promise<{ article: ArticleInput; keys: string[] }>;
  workerHtmlParser(): HtmlParser;
}

let loaded: Promise<FeedParsers> | undefined;

export function feedParsers(): Promise<FeedParsers> {
  loaded ??= import('./feed-parsers');
  return loaded;
}
