/**
 * The user's feeds as the extension's pages and its worker share them: what a feed is set to (its
 * address, outlet, poll interval, the sites whose pages it may fetch) and how its polling went (last
 * fetch, items added, the last problem in words). Plain data that crosses the message protocol; the
 * worker keeps it in storage.local (background/feeds/feed-store.ts).
 */
import type { FeedErrorCode } from './feeds/feed-types';

/** The poll intervals a user can choose, in minutes. */
export const FEED_INTERVALS = [15, 30, 60, 180, 360, 720, 1440] as const;
export type FeedInterval = (typeof FEED_INTERVALS)[number];
export const DEFAULT_FEED_INTERVAL: FeedInterval = 60;

export function isFeedInterval(n: unknown): n is FeedInterval {
  return typeof n === 'number' && (FEED_INTERVALS as readonly number[]).includes(n);
}

/**
 * Why a feed or an item could not be read. `code` is src/feeds' FeedErrorCode, or:
 *   'address'      what the user typed is not an http(s) address
 *   'permission'   the user has not allowed (or took back) access to the feed's site
 *   'page-origin'  an item's page is on a site the user has not allowed for this feed
 *   'record'       the index refused the article (`storage-full` when the disk is full)
 *   'storage-full' the browser refused the write for lack of space
 *   'other'        anything else (the message says what)
 * `message` is English, in words ("the server answered 404 Not Found"); pages show their own text
 * for the code, with `detail` (a status, a site, the parser's words) where the code needs one.
 */
export type FeedProblemCode = FeedErrorCode | 'address' | 'permission' | 'page-origin' | 'record' | 'storage-full' | 'other';

export interface FeedProblem {
  code: FeedProblemCode;
  message: string;
  detail?: string;
}

/** What one poll did. */
export interface FeedPollSummary {
  /** When it ended, epoch ms. */
  at: number;
  /** The server answered 304: nothing changed since the last poll. */
  notModified: boolean;
  /** Items in the feed as read. */
  items: number;
  added: number;
  /** Items already in the index (known by guid, link or canonical URL). */
  known: number;
  /** Items whose page is not an article (a section front): left out. */
  notArticles: number;
  failed: number;
  /** The last item problem of the poll, when any item failed. */
  itemProblem?: FeedProblem;
}

export interface FeedStatus {
  id: string;
  /** The address the user gave (after redirects, the one the feed is fetched from). */
  url: string;
  /** The feed's own title, as last read. */
  title?: string;
  /** The outlet its items are recorded under. */
  outlet: string;
  /** True when the user named the outlet; false when it comes from the feed (title or site). */
  outletGiven: boolean;
  intervalMinutes: FeedInterval;
  /** Origins ("https://example.com") whose pages the user allowed this feed to fetch. */
  pageOrigins: string[];
  addedAt: number;
  /** The last fetch, whatever its outcome, epoch ms. */
  lastFetch?: number;
  /** When the next poll is due, epoch ms. */
  nextDue: number;
  /** Polls failed in a row (0 after a good one); the next poll backs off with them. */
  failures: number;
  /** Articles this feed added to the index, all polls together. */
  itemsAdded: number;
  /** Why the last poll failed, when it did. */
  lastError?: FeedProblem;
  lastPoll?: FeedPollSummary;
  /** Sites of item pages the feed links to that the user has not allowed yet (at most a few). */
  originsNeeded: string[];
  /** Set while a poll runs: items handled so far of the feed's items. */
  polling?: { done: number; total: number };
}

/** What the worker found in a feed before it is added: for the user to name it and allow sites. */
export interface FeedPreview {
  /** The address the feed was read from (after redirects). */
  url: string;
  title?: string;
  format: 'rss' | 'rdf' | 'atom' | 'json';
  items: number;
  /** Items that carry the whole article. */
  fullItems: number;
  /** Items that need their page fetched (a summary or nothing, and a link). */
  linkItems: number;
  /** The outlet the items would be recorded under unless the user names another. */
  outlet?: string;
  /** The origins of the pages of link items (the feed's own origin included when it is one of them). */
  pageOrigins: string[];
  /** The id of a feed already added with this address, if any. */
  existingId?: string;
}
