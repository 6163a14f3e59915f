/**
 * fetchFeed: a feed fetched with a conditional GET (conditional-get.ts) and parsed here, by
 * parse-feed.ts (feedsmith). The CLI, Firefox's background and Chromium's offscreen document use it.
 */
import { fetchFeedWith, type FetchFeedOptions, type FetchFeedResult, type FeedState } from './conditional-get';
import { parseFeed } from './parse-feed';

/** Fetches a feed with a conditional GET, decodes and parses it. Throws FeedError. */
export function fetchFeed(url: string, state: FeedState | undefined, opts: FetchFeedOptions): Promise<FetchFeedResult> {
  return fetchFeedWith(parseFeed, url, state, opts);
}
