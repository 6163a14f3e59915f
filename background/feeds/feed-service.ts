/**
 * Polling in the worker: ONE alarm (ALARM) set to the earliest due time of all feeds; when it fires,
 * every due feed is polled (poll-feed.ts) and the alarm set again. Polls share one polite queue (at
 * most PAGE_CONCURRENCY requests at once, one host's requests PER_HOST_DELAY_MS apart). A feed is
 * polled once at a time; "poll now" on a feed being polled joins that poll. Each batch's progress
 * and each poll's end go to open pages as a `feed` event.
 */
import browser from 'webextension-polyfill';
import { originPattern } from '../../src/feed-origins';
import type { FeedStatus } from '../../src/feed-status';
import type { FetchLike, ResponseLike } from '../../src/feeds/fetch-bytes';
import { PoliteQueue } from '../../src/feeds/polite-queue';
import { emit } from '../../src/protocol';
import { loadFeeds, type StoredFeed } from './feed-store';
import { pollFeed, type PollDeps } from './poll-feed';
import { addSource, recordArticles, storedKey } from './record-articles';
import { alarmTime } from './schedule';

export const ALARM = 'wiretrace-feeds';
export const PAGE_CONCURRENCY = 4;
export const PER_HOST_DELAY_MS = 1000;

/** The worker's fetch, without cookies and past the HTTP cache (conditional GET is done by hand). */
export const workerFetch: FetchLike = (url, init) => fetch(url, { ...init, credentials: 'omit', cache: 'no-store' }) as Promise<ResponseLike>;

/** Whether the user granted access to the site of `href` (a host permission, asked at a click). */
export async function granted(href: string): Promise<boolean> {
  try {
    return await browser.permissions.contains({ origins: [originPattern(href)] });
  } catch {
    return false;
  }
}

const queue = new PoliteQueue({ concurrency: PAGE_CONCURRENCY, perHostDelayMs: PER_HOST_DELAY_MS, now: Date.now, sleep: (ms) => new Promise((r) => setTimeout(r, ms)) });

/** Polls running in this worker, with their progress. */
const running = new Map<string, { poll: Promise<StoredFeed | undefined>; progress: NonNullable<FeedStatus['polling']> }>();

export function statusOf(f: StoredFeed): FeedStatus {
  const { etag: _etag, lastModified: _lastModified, siteUrl: _siteUrl, seenChunks: _seenChunks, pendingIds: _pendingIds, ...status } = f;
  const run = running.get(f.id);
  return run ? { ...status, polling: { ...run.progress } } : status;
}

function deps(id: string): PollDeps {
  return {
    fetch: workerFetch,
    queue,
    now: Date.now,
    granted,
    record: recordArticles,
    stored: storedKey,
    addSource,
    leased: () => scheduleAlarm(),
    progress: (feed, polling) => {
      const run = running.get(id);
      if (run) run.progress = polling;
      void emit('feed', { feed: statusOf(feed) });
    },
  };
}

/** Polls feed `id` now, or joins the poll of it already running. */
export function pollNow(id: string): Promise<StoredFeed | undefined> {
  const now = running.get(id);
  if (now) return now.poll;
  const poll = (async () => {
    try {
      return await pollFeed(id, deps(id));
    } finally {
      running.delete(id);
      await scheduleAlarm().catch((e) => console.warn('wiretrace: could not set the feeds alarm', e));
    }
  })();
  running.set(id, { poll, progress: { done: 0, total: 0 } });
  void poll.then((f) => f && emit('feed', { feed: statusOf(f) }));
  return poll;
}

export function isPolling(id: string): boolean {
  return running.has(id);
}

/** Sets the one alarm to the earliest due time (clears it when there is no feed). */
export async function scheduleAlarm(): Promise<void> {
  // A feed being polled counts with its lease: a worker stopped mid-poll takes it up at that alarm.
  const when = alarmTime((await loadFeeds()).map((f) => f.nextDue), Date.now());
  if (when === undefined) {
    await browser.alarms.clear(ALARM);
    return;
  }
  const set = await browser.alarms.get(ALARM);
  if (set && Math.abs(set.scheduledTime - when) < 1000) return;
  await browser.alarms.create(ALARM, { when });
}

/** The alarm fired: polls every feed due now (in parallel; the queue keeps them polite). */
export async function pollDueFeeds(): Promise<void> {
  const now = Date.now();
  const due = (await loadFeeds()).filter((f) => f.nextDue <= now + 1000);
  await Promise.all(due.map((f) => pollNow(f.id).catch((e) => console.warn(`wiretrace: polling ${f.url} failed`, e))));
  await scheduleAlarm();
}
