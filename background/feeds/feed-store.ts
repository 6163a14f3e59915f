/**
 * The user's feeds in storage.local, one record a feed, and their seen-sets (seen-set.ts) beside them:
 *
 *   feeds               ["f-…", …]                 the feeds' ids, in the order they were added
 *   feed:<id>           StoredFeed                 settings, validators, schedule, counters
 *   feedSeen:<id>:<n>   ["guid:…", "url:…", …]     chunk n of the feed's seen item keys
 *
 * Every change is a function of the stored record applied under one lock (a worker runs one copy of
 * this module), so a poll adding to its counters and the user renaming the outlet never overwrite
 * each other. A record and the seen keys of the items it counts are written in one set() call.
 */
import browser from 'webextension-polyfill';
import type { FeedStatus } from '../../src/feed-status';

/** A feed as stored: its status without the in-memory progress, plus what only the worker needs. */
export interface StoredFeed extends Omit<FeedStatus, 'polling'> {
  /** Validators of the last complete answer (conditional-get.ts), kept only once all its items were handled. */
  etag?: string;
  lastModified?: string;
  /** The feed's site (for the outlet when the feed has no title). */
  siteUrl?: string;
  /** Chunks of the seen-set: feedSeen:<id>:0 … feedSeen:<id>:<seenChunks - 1>. */
  seenChunks: number;
  /** Ids of a batch being recorded, written before it (poll-feed.ts): cleared with the batch's counters. */
  pendingIds?: string[];
}

/** The part of storage.local used here (a stand-in in unit tests). */
export interface FeedStorage {
  get(keys: string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
}

export const FEEDS_KEY = 'feeds';
export const feedKey = (id: string) => `feed:${id}`;
export const seenKey = (id: string, n: number) => `feedSeen:${id}:${n}`;

let storage: FeedStorage = {
  get: (keys) => browser.storage.local.get(keys),
  set: (items) => browser.storage.local.set(items),
  remove: (keys) => browser.storage.local.remove(keys),
};

/** Replaces the storage area (unit tests). */
export function useFeedStorage(s: FeedStorage): void {
  storage = s;
}

export function feedStorage(): FeedStorage {
  return storage;
}

let tail: Promise<unknown> = Promise.resolve();

/** Runs `task` with no other change of the feeds' records in between. */
export function locked<T>(task: () => Promise<T>): Promise<T> {
  const run = tail.then(task, task);
  tail = run.catch(() => undefined);
  return run;
}

export async function feedIds(): Promise<string[]> {
  const got = await storage.get([FEEDS_KEY]);
  const ids = got[FEEDS_KEY];
  return Array.isArray(ids) ? ids.filter((x): x is string => typeof x === 'string') : [];
}

export async function loadFeed(id: string): Promise<StoredFeed | undefined> {
  const got = await storage.get([feedKey(id)]);
  const f = got[feedKey(id)];
  return f && typeof f === 'object' ? (f as StoredFeed) : undefined;
}

export async function loadFeeds(): Promise<StoredFeed[]> {
  const ids = await feedIds();
  if (!ids.length) return [];
  const got = await storage.get(ids.map(feedKey));
  return ids.map((id) => got[feedKey(id)]).filter((f): f is StoredFeed => !!f && typeof f === 'object');
}

/** Adds a new feed. */
export function insertFeed(feed: StoredFeed): Promise<void> {
  return locked(async () => {
    const ids = await feedIds();
    await storage.set({ [feedKey(feed.id)]: feed, [FEEDS_KEY]: [...ids.filter((x) => x !== feed.id), feed.id] });
  });
}

/**
 * Changes a stored feed: `change` gets the record as stored now and returns the new one (undefined:
 * leave it). `extra` items are written in the same set() (the seen keys the change counts). Answers
 * the record written, or undefined when the feed is gone (removed meanwhile).
 */
export function updateFeedRecord(id: string, change: (f: StoredFeed) => StoredFeed | undefined, extra: Record<string, unknown> = {}): Promise<StoredFeed | undefined> {
  return locked(async () => {
    const now = await loadFeed(id);
    if (!now) return undefined;
    const next = change(now);
    if (!next) return now;
    await storage.set({ ...extra, [feedKey(id)]: next });
    return next;
  });
}

/**
 * Forgets which items every feed has seen, and its validators, when the index is cleared: the items a
 * feed still carries are recorded again at its next poll (asked for whole, not with If-None-Match),
 * and nothing of what the cleared index held stays in the feeds' records. Counters are kept.
 */
export function forgetSeenItems(): Promise<number> {
  return locked(async () => {
    const feeds = await loadFeeds();
    for (const f of feeds) {
      const { etag: _etag, lastModified: _lastModified, pendingIds: _pending, ...rest } = f;
      await storage.set({ [feedKey(f.id)]: { ...rest, seenChunks: 0 } satisfies StoredFeed });
      if (f.seenChunks) await storage.remove(Array.from({ length: f.seenChunks }, (_, n) => seenKey(f.id, n)));
    }
    return feeds.length;
  });
}

/** Removes a feed with its seen-set. Answers whether it was there. */
export function deleteFeed(id: string): Promise<boolean> {
  return locked(async () => {
    const feed = await loadFeed(id);
    const ids = await feedIds();
    if (!feed && !ids.includes(id)) return false;
    await storage.set({ [FEEDS_KEY]: ids.filter((x) => x !== id) });
    const chunks = feed?.seenChunks ?? 0;
    await storage.remove([feedKey(id), ...Array.from({ length: chunks }, (_, n) => seenKey(id, n))]);
    return true;
  });
}
