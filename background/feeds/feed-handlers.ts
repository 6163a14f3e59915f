/**
 * The feed messages (src/protocol.ts): preview, add, edit, remove, list, poll now. Nothing is
 * fetched here that the user did not ask for: a preview or an add reads only the address the user
 * typed, and only once its site was allowed at the user's click.
 */
import { CodedError } from '../../src/errors';
import { httpOrigin } from '../../src/feed-origins';
import { DEFAULT_FEED_INTERVAL, isFeedInterval, type FeedPreview, type FeedProblem, type FeedStatus } from '../../src/feed-status';
import { feedOutlet } from '../../src/feeds/feed-outlet';
import type { Feed } from '../../src/feeds/feed-types';
import { httpUrl } from '../../src/feeds/links';
import { emit, type Req, type Res } from '../../src/protocol';
import { problem, problemOf } from './feed-problem';
import { deleteFeed, insertFeed, loadFeed, loadFeeds, updateFeedRecord, type StoredFeed } from './feed-store';
import { granted, isPolling, pollNow, scheduleAlarm, statusOf, workerFetch } from './feed-service';
import { feedParsers } from './lazy-parsers';
import { FEED_MAX_BYTES, MAX_ITEMS } from './poll-feed';
import { FEED_TIMEOUT_MS, nextDueAfter } from './schedule';

type Read = { status: 'ok'; url: string; feed: Feed } | { status: 'failed'; problem: FeedProblem };

/** The address the user typed, as an http(s) URL, or the problem with it. */
function feedAddress(input: string): string | FeedProblem {
  const url = httpUrl(input.trim());
  return url ?? problem('address', `${JSON.stringify(input)} is not an http or https address`, input);
}

async function readFeed(url: string): Promise<Read> {
  if (!(await granted(url))) return { status: 'failed', problem: problem('permission', `Wiretrace is not allowed to read ${httpOrigin(url) ?? url}`, httpOrigin(url)) };
  try {
    const r = await (await feedParsers()).fetchFeed(url, undefined, { fetch: workerFetch, now: Date.now, timeoutMs: FEED_TIMEOUT_MS, maxBytes: FEED_MAX_BYTES, maxItems: MAX_ITEMS });
    if (r.status !== 'ok') return { status: 'failed', problem: problem('http', 'the server answered 304 Not Modified to a request without validators', '304 Not Modified') };
    return { status: 'ok', url: r.url, feed: r.feed };
  } catch (e) {
    return { status: 'failed', problem: problemOf(e) };
  }
}

/**
 * The names of feeds just previewed, by address, so that adding one right after its preview does not
 * fetch it again for its outlet (kept for a few minutes, and only while the worker lives).
 */
const previewed = new Map<string, { title?: string; outlet?: string; at: number }>();
const PREVIEW_KEPT_MS = 10 * 60_000;

async function sameAddress(url: string): Promise<StoredFeed | undefined> {
  return (await loadFeeds()).find((f) => f.url === url);
}

export async function previewFeed(req: Req<'previewFeed'>): Promise<Res<'previewFeed'>> {
  const url = feedAddress(req.url);
  if (typeof url !== 'string') return { status: 'failed', problem: url };
  const read = await readFeed(url);
  if (read.status !== 'ok') return read;
  const { feed } = read;
  const { contentArticle, workerHtmlParser } = await feedParsers();
  const parseHtml = workerHtmlParser();
  const ctx = { outlet: feedOutlet(feed, undefined, read.url) ?? '', lang: feed.lang, feedUrl: read.url };
  let fullItems = 0;
  let linkItems = 0;
  const origins = new Set<string>();
  for (const item of feed.items) {
    if ((await contentArticle(item, ctx, parseHtml)).status === 'full') fullItems++;
    else if (item.link) {
      linkItems++;
      const o = httpOrigin(item.link);
      if (o) origins.add(o);
    }
  }
  const existing = await sameAddress(url);
  const preview: FeedPreview = { url: read.url, format: feed.format, items: feed.items.length, fullItems, linkItems, pageOrigins: [...origins].sort() };
  if (feed.title) preview.title = feed.title;
  const outlet = feedOutlet(feed, undefined, read.url);
  if (outlet) preview.outlet = outlet;
  if (existing) preview.existingId = existing.id;
  for (const u of new Set([url, read.url])) previewed.set(u, { title: feed.title, outlet, at: Date.now() });
  return { status: 'ok', preview };
}

function cleanOrigins(list: readonly string[] | undefined): string[] {
  return [...new Set((list ?? []).map((o) => httpOrigin(o)).filter((o): o is string => !!o))].sort();
}

export async function addFeed(req: Req<'addFeed'>): Promise<Res<'addFeed'>> {
  const url = feedAddress(req.url);
  if (typeof url !== 'string') return { status: 'failed', problem: url };
  const existing = await sameAddress(url);
  if (existing) return { status: 'exists', feed: statusOf(existing) };
  const interval = isFeedInterval(req.intervalMinutes) ? req.intervalMinutes : DEFAULT_FEED_INTERVAL;
  let outlet = req.outlet?.trim() ?? '';
  const outletGiven = outlet !== '';
  let title: string | undefined;
  const seen = previewed.get(url);
  if (!outletGiven && seen?.outlet && Date.now() - seen.at < PREVIEW_KEPT_MS) {
    title = seen.title;
    outlet = seen.outlet;
  } else if (!outletGiven) {
    const read = await readFeed(url);
    if (read.status !== 'ok') return read;
    title = read.feed.title;
    outlet = feedOutlet(read.feed, undefined, read.url) ?? '';
    if (!outlet) return { status: 'failed', problem: problem('other', 'the feed has no title and no site address to name its outlet by; give it a name') };
  }
  if (!(await granted(url))) {
    return { status: 'failed', problem: problem('permission', `Wiretrace is not allowed to read ${httpOrigin(url) ?? url}`, httpOrigin(url)) };
  }
  const now = Date.now();
  const feed: StoredFeed = {
    id: crypto.randomUUID(),
    url,
    outlet,
    outletGiven,
    intervalMinutes: interval,
    // The feed's own site is the user's choice already: its pages may be read.
    pageOrigins: cleanOrigins([...(req.pageOrigins ?? []), url]),
    addedAt: now,
    nextDue: now,
    failures: 0,
    itemsAdded: 0,
    originsNeeded: [],
    seenChunks: 0,
  };
  if (title) feed.title = title;
  await insertFeed(feed);
  void pollNow(feed.id).catch((e) => console.warn(`wiretrace: polling ${url} failed`, e));
  const status = statusOf((await loadFeed(feed.id)) ?? feed);
  void emit('feed', { feed: status });
  return { status: 'added', feed: status };
}

function gone(id: string): CodedError {
  return new CodedError('feed-gone', `no feed ${id}: it was removed`);
}

export async function updateFeed(req: Req<'updateFeed'>): Promise<Res<'updateFeed'>> {
  const updated = await updateFeedRecord(req.id, (f) => {
    const next: StoredFeed = { ...f };
    if (req.outlet !== undefined) {
      const given = req.outlet.trim();
      next.outletGiven = given !== '';
      // Back to the feed's own name: its title as last read, else its site's host, as when it was added.
      next.outlet = given || (f.outletGiven ? (feedOutlet({ title: f.title, siteUrl: f.siteUrl }, undefined, f.url) ?? f.outlet) : f.outlet);
    }
    if (req.intervalMinutes !== undefined && isFeedInterval(req.intervalMinutes) && req.intervalMinutes !== f.intervalMinutes) {
      next.intervalMinutes = req.intervalMinutes;
      // Due by the new interval from the last fetch, not before now.
      next.nextDue = Math.max(Date.now(), nextDueAfter(f.lastFetch ?? Date.now(), req.intervalMinutes, f.failures));
    }
    if (req.pageOrigins !== undefined) {
      next.pageOrigins = cleanOrigins([...req.pageOrigins, f.url]);
      next.originsNeeded = f.originsNeeded.filter((o) => !next.pageOrigins.includes(o));
    }
    return next;
  });
  if (!updated) throw gone(req.id);
  await scheduleAlarm();
  const status = statusOf(updated);
  void emit('feed', { feed: status });
  return status;
}

export async function removeFeed(req: Req<'removeFeed'>): Promise<Res<'removeFeed'>> {
  const removed = await deleteFeed(req.id);
  await scheduleAlarm();
  return { removed };
}

export async function listFeeds(): Promise<Res<'listFeeds'>> {
  return { feeds: (await loadFeeds()).map(statusOf) };
}

export async function pollFeedNow(req: Req<'pollFeedNow'>): Promise<FeedStatus> {
  const feed = await loadFeed(req.id);
  if (!feed) throw gone(req.id);
  if (!isPolling(req.id)) void pollNow(req.id).catch((e) => console.warn(`wiretrace: polling ${feed.url} failed`, e));
  const now = (await loadFeed(req.id)) ?? feed;
  return statusOf(now);
}
