/**
 * Conditional GET for polling a feed: the request headers built from what the last answer said
 * (If-None-Match from its ETag, If-Modified-Since from its Last-Modified), the state to keep from a
 * new answer, and fetchFeedWith, which asks with them and reports a 304 as "not modified" (nothing
 * to read). The extension keeps a FeedState per feed between alarms; the CLI keeps none. The parser
 * is the caller's (fetch-feed.ts binds parse-feed.ts; Chromium's worker parses in its offscreen
 * document), so this module pulls in none.
 */
import { decodeFeedBytes } from './decode-feed';
import { fetchBytes, type FetchLike } from './fetch-bytes';
import type { Feed } from './feed-types';
import type { ParseFeedOptions } from './parse-feed';

export interface FeedState {
  /** The ETag of the last answer, as sent. */
  etag?: string;
  /** The Last-Modified of the last answer, as sent (an HTTP date). */
  lastModified?: string;
  /** When the feed was last fetched, epoch milliseconds (from the caller's clock). */
  fetchedAt?: number;
}

/** The request headers a conditional GET sends for a feed last answered with `state`. */
export function conditionalHeaders(state: FeedState | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  if (state?.etag) headers['If-None-Match'] = state.etag;
  if (state?.lastModified) headers['If-Modified-Since'] = state.lastModified;
  return headers;
}

/** The state to keep after an answer (a 304 keeps the validators it did not replace). */
export function stateAfter(previous: FeedState | undefined, headers: { get(name: string): string | null }, now: number): FeedState {
  const etag = headers.get('etag') ?? previous?.etag;
  const lastModified = headers.get('last-modified') ?? previous?.lastModified;
  return { ...(etag ? { etag } : {}), ...(lastModified ? { lastModified } : {}), fetchedAt: now };
}

export const FEED_ACCEPT = 'application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5';

export interface FetchFeedOptions {
  fetch: FetchLike;
  /** The caller's clock, epoch milliseconds. */
  now: () => number;
  timeoutMs: number;
  maxBytes: number;
  maxItems?: number;
  /** Extra headers (User-Agent where the runtime lets a caller set it). */
  headers?: Record<string, string>;
}

export type FetchFeedResult =
  | { status: 'not-modified'; state: FeedState }
  | { status: 'ok'; feed: Feed; url: string; state: FeedState; charset: string };

/** Parses a feed's decoded text (parse-feed.ts parseFeed, or a stand-in that has it run elsewhere). */
export type FeedParser = (text: string, opts: ParseFeedOptions) => Feed | Promise<Feed>;

/** Fetches a feed with a conditional GET, decodes it and parses it with `parse`. Throws FeedError. */
export async function fetchFeedWith(parse: FeedParser, url: string, state: FeedState | undefined, opts: FetchFeedOptions): Promise<FetchFeedResult> {
  const res = await fetchBytes(url, {
    fetch: opts.fetch,
    timeoutMs: opts.timeoutMs,
    maxBytes: opts.maxBytes,
    headers: { Accept: FEED_ACCEPT, ...opts.headers, ...conditionalHeaders(state) },
  });
  const next = stateAfter(state, res.headers, opts.now());
  if (res.status === 'not-modified') return { status: 'not-modified', state: next };
  const decoded = decodeFeedBytes(res.bytes, res.contentType);
  const feed = await parse(decoded.text, { url: res.url, maxItems: opts.maxItems });
  return { status: 'ok', feed, url: res.url, state: next, charset: decoded.charset };
}
