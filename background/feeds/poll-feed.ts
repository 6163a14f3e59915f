/**
 * One poll of one feed, from its stored record to its items in the index:
 *
 *   lease (due again in LEASE_MS, renewed as batches go) ─▶ conditional GET ─▶ 304: done
 *        └▶ items in chunks: seen-set? ─▶ own body (full-content.ts) or page (polite, allowed sites only)
 *           ─▶ record the chunk (one transaction) ─▶ seen keys + counters (one storage write)
 *   ─▶ validators kept, next due (interval, or back-off after a failure), seen-set cut to size
 *
 * Stopped anywhere, it loses and duplicates nothing: the validators are kept only after a poll in
 * which every item was handled, so the next poll reads the whole feed again; an item recorded whose
 * seen keys were not yet written is found by the store's unique id (and counted as added, since its
 * id was written as pending before the batch); its page, if it has one, is not fetched again when
 * the index holds its link. Items that failed for a reason that may pass (a timeout, a site not yet
 * allowed) are tried again at the next poll for the same reason.
 */
import type { ArticleInput } from '../../src/engine/types';
import { httpOrigin, originAllowed } from '../../src/feed-origins';
import type { FeedPollSummary, FeedProblem, FeedStatus } from '../../src/feed-status';
import { fetchBytes, type FetchLike } from '../../src/feeds/fetch-bytes';
import { FeedError, type FeedItem } from '../../src/feeds/feed-types';
import type { HtmlParser, ItemContext, PageFetcher } from '../../src/feeds/item-article';
import { feedParsers, type FeedParsers } from './lazy-parsers';
import { itemKeys } from '../../src/feeds/item-keys';
import type { PoliteQueue } from '../../src/feeds/polite-queue';
import { FeedPollError, problem, problemOf } from './feed-problem';
import { feedStorage, updateFeedRecord, type StoredFeed } from './feed-store';
import type { RecordOutcome } from './record-articles';
import { FEED_TIMEOUT_MS, LEASE_MS, nextDueAfter, PAGE_TIMEOUT_MS } from './schedule';
import { SeenSet } from './seen-set';

/** Items recorded in one transaction at most. */
export const BATCH = 100;
/** Items needing their page in one batch at most (pages are fetched politely; a batch waits for its pages). */
export const PAGE_BATCH = 4;
export const FEED_MAX_BYTES = 20 * 1024 * 1024;
export const PAGE_MAX_BYTES = 5 * 1024 * 1024;
export const MAX_ITEMS = 10_000;
/** Sites listed as needed at most. */
const MAX_ORIGINS_NEEDED = 8;

export interface PollDeps {
  fetch: FetchLike;
  /** The HTML parser items and pages are read with (default: the background's, feed-parsers.ts). */
  parseHtml?: HtmlParser;
  queue: PoliteQueue;
  now(): number;
  /** Whether the user has granted access to the site of `href`. */
  granted(href: string): Promise<boolean>;
  /** Records a batch of articles from `source` (record-articles.ts). */
  record(articles: ArticleInput[], source: string): Promise<RecordOutcome[]>;
  /** The key of the article with this id in the index, if it holds one. */
  stored(id: string): Promise<number | undefined>;
  /** Adds `source` to the sources of stored articles. */
  addSource(keys: number[], source: string): Promise<void>;
  /** Called once the lease is stored (the alarm is moved to it). */
  leased?(): Promise<void>;
  /** Called after each batch with the stored record and the progress. */
  progress?(feed: StoredFeed, polling: NonNullable<FeedStatus['polling']>): void;
}

interface Slot {
  item: FeedItem;
  keys: string[];
  article?: ArticleInput;
  /** Its page must be fetched. */
  page?: boolean;
  outcome?: 'added' | 'known' | 'not-article' | FeedProblem;
  /** The problem cannot pass by itself (no link, no key): the item is not tried again. */
  final?: boolean;
}

function isProblem(o: Slot['outcome']): o is FeedProblem {
  return typeof o === 'object';
}

/** Polls feed `id` now. Answers its record after the poll (undefined when it was removed). */
export async function pollFeed(id: string, deps: PollDeps): Promise<StoredFeed | undefined> {
  const started = deps.now();
  const feed = await updateFeedRecord(id, (f) => ({ ...f, nextDue: started + LEASE_MS }));
  if (!feed) return undefined;
  await deps.leased?.();
  try {
    if (!(await deps.granted(feed.url))) {
      throw new FeedPollError(problem('permission', `Wiretrace is not allowed to read ${httpOrigin(feed.url) ?? feed.url}`, httpOrigin(feed.url)));
    }
    const parsers = await feedParsers();
    const res = await deps.queue.run(feed.url, () =>
      parsers.fetchFeed(feed.url, { etag: feed.etag, lastModified: feed.lastModified }, { fetch: deps.fetch, now: deps.now, timeoutMs: FEED_TIMEOUT_MS, maxBytes: FEED_MAX_BYTES, maxItems: MAX_ITEMS }),
    );
    if (res.status === 'not-modified') {
      const at = deps.now();
      const summary: FeedPollSummary = { at, notModified: true, items: 0, added: 0, known: 0, notArticles: 0, failed: 0 };
      return await updateFeedRecord(id, (f) => ({ ...f, lastFetch: at, failures: 0, lastError: undefined, nextDue: nextDueAfter(at, f.intervalMinutes, 0), lastPoll: summary }));
    }
    const read = { ...parsers, parseHtml: deps.parseHtml ?? parsers.workerHtmlParser() };
    return await readItems(feed, res.feed.items, { outlet: feed.outlet, lang: res.feed.lang, feedUrl: res.url }, { etag: res.state.etag, lastModified: res.state.lastModified, title: res.feed.title }, deps, read);
  } catch (e) {
    const p = problemOf(e);
    const at = deps.now();
    return updateFeedRecord(id, (f) => {
      const failures = f.failures + 1;
      return { ...f, lastFetch: at, failures, lastError: p, nextDue: nextDueAfter(at, f.intervalMinutes, failures) };
    });
  }
}

async function readItems(
  feed: StoredFeed,
  items: FeedItem[],
  ctx: ItemContext,
  answer: { etag?: string; lastModified?: string; title?: string },
  deps: PollDeps,
  read: Pick<FeedParsers, 'contentArticle' | 'pageArticle'> & { parseHtml: HtmlParser },
): Promise<StoredFeed | undefined> {
  const id = feed.id;
  const source = `feed:${id}`;
  const storage = feedStorage();
  const seen = await SeenSet.load(storage, id, feed.seenChunks);
  /** Ids written as pending by a poll that was stopped: found stored now, they count as added. */
  const pendingBefore = new Set(feed.pendingIds ?? []);
  const claimed = new Set<string>();
  const current = new Set<string>();
  const tally = { added: 0, known: 0, notArticles: 0, failed: 0 };
  let itemProblem: FeedProblem | undefined;
  const originsNeeded = new Set<string>();
  let pageOrigins = feed.pageOrigins;
  let done = 0;
  /** When the lease was last renewed: a long poll keeps its feed leased, so a stop late in it is taken up too. */
  let leasedAt = deps.now();
  /** An item failed for a reason that may pass: the feed must be read whole again next time. */
  let retry = false;

  const fetchPage: PageFetcher = async (url) => {
    const r = await fetchBytes(url, { fetch: deps.fetch, timeoutMs: PAGE_TIMEOUT_MS, maxBytes: PAGE_MAX_BYTES, headers: { Accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5' } });
    if (r.status !== 'ok') throw new FeedError('http', 'the server answered 304 Not Modified to a request that asked for no validation');
    return { bytes: r.bytes, contentType: r.contentType, url: r.url };
  };

  const readPage = async (slot: Slot): Promise<void> => {
    const link = slot.item.link!;
    const key = await deps.stored(link);
    if (key !== undefined) {
      slot.outcome = pendingBefore.has(link) ? 'added' : 'known';
      if (slot.outcome === 'known') await deps.addSource([key], source);
      return;
    }
    if (!originAllowed(link, pageOrigins) || !(await deps.granted(link))) {
      const origin = httpOrigin(link) ?? link;
      originsNeeded.add(origin);
      slot.outcome = problem('page-origin', `the page is on ${origin}, a site this feed may not read yet`, origin);
      return;
    }
    try {
      const page = await deps.queue.run(link, () => read.pageArticle(slot.item, ctx, { parseHtml: read.parseHtml, fetchPage }));
      // The page's canonical URL may name an article seen before, or one read from another item.
      const extra = page.keys.filter((k) => !slot.keys.includes(k));
      slot.keys = [...slot.keys, ...extra];
      if (seen.any(extra) || extra.some((k) => claimed.has(k))) slot.outcome = 'known';
      else {
        for (const k of extra) claimed.add(k);
        slot.article = page.article;
      }
    } catch (e) {
      if (e instanceof FeedError && e.code === 'not-article') slot.outcome = 'not-article';
      else slot.outcome = problemOf(e);
    }
  };

  for (let i = 0; i < items.length; ) {
    const batch: Slot[] = [];
    let pages = 0;
    while (i < items.length && batch.length < BATCH && pages < PAGE_BATCH) {
      const item = items[i++];
      const keys = itemKeys(item);
      for (const k of keys) current.add(k);
      if (!keys.length) {
        batch.push({ item, keys, outcome: problem('summary-only', 'the item has no link and no guid to know it by'), final: true });
        continue;
      }
      if (seen.any(keys) || keys.some((k) => claimed.has(k))) {
        tally.known++;
        done++;
        continue;
      }
      for (const k of keys) claimed.add(k);
      const content = await read.contentArticle(item, ctx, read.parseHtml);
      if (content.status === 'full') batch.push({ item, keys, article: content.article });
      else if (!item.link) {
        const why = content.judgement?.why ?? 'no body';
        batch.push({ item, keys, outcome: problem('summary-only', `the item carries a summary only (${why}) and no link to the article`), final: true });
      }
      else {
        batch.push({ item, keys, page: true });
        pages++;
      }
    }
    await Promise.all(batch.filter((s) => s.page).map(readPage));

    const toRecord = batch.filter((s) => s.article && !s.outcome);
    if (toRecord.length) {
      // Written before the batch: should the worker stop before the counters below are stored, the
      // next poll finds these ids stored and counts them as added by this feed.
      const ids = toRecord.map((s) => s.article!.id);
      await updateFeedRecord(id, (f) => ({ ...f, pendingIds: [...(f.pendingIds ?? []), ...ids] }));
      const outcomes = await deps.record(toRecord.map((s) => s.article!), source);
      toRecord.forEach((s, n) => {
        const o = outcomes[n];
        s.outcome = o.status === 'failed' ? o.problem : o.status === 'known' && pendingBefore.has(s.article!.id) ? 'added' : o.status;
      });
    }

    let addedNow = 0;
    for (const s of batch) {
      const o = s.outcome;
      if (o === 'added') addedNow++;
      else if (o === 'known') tally.known++;
      else if (o === 'not-article') tally.notArticles++;
      else if (isProblem(o)) {
        tally.failed++;
        itemProblem = o;
        if (!s.final) retry = true;
      }
      // Handled for good: recorded, known, not an article, or nothing to read it from.
      if (o === 'added' || o === 'known' || o === 'not-article' || s.final) seen.add(s.keys);
    }
    tally.added += addedNow;
    done += batch.length;
    const changes = seen.takeChanges();
    // The ids this batch settled, its own and those a stopped poll left pending.
    const settled = new Set(batch.flatMap((s) => [s.article?.id, s.item.link].filter((x): x is string => !!x)));
    const now = deps.now();
    const renew = now - leasedAt > LEASE_MS / 4;
    const written = await updateFeedRecord(
      id,
      (f) => {
        pageOrigins = f.pageOrigins;
        const pendingIds = (f.pendingIds ?? []).filter((x) => !settled.has(x));
        return {
          ...f,
          itemsAdded: f.itemsAdded + addedNow,
          seenChunks: Math.max(f.seenChunks, seen.chunkCount),
          pendingIds: pendingIds.length ? pendingIds : undefined,
          ...(renew ? { nextDue: now + LEASE_MS } : {}),
        };
      },
      changes,
    );
    if (!written) return undefined; // removed meanwhile
    if (renew) {
      leasedAt = now;
      await deps.leased?.();
    }
    deps.progress?.(written, { done, total: items.length });
  }

  const at = deps.now();
  // Every item handled for good: the answer's validators are kept, so the next poll may be a 304.
  const complete = !retry;
  const cut = complete ? seen.compact(current) : undefined;
  const summary: FeedPollSummary = { at, notModified: false, items: items.length, ...tally, ...(itemProblem ? { itemProblem } : {}) };
  const result = await updateFeedRecord(
    id,
    (f) => ({
      ...f,
      ...(answer.title ? { title: answer.title } : {}),
      ...(complete ? { etag: answer.etag, lastModified: answer.lastModified } : { etag: undefined, lastModified: undefined }),
      lastFetch: at,
      failures: 0,
      lastError: undefined,
      lastPoll: summary,
      originsNeeded: [...originsNeeded].filter((o) => !f.pageOrigins.includes(o)).slice(0, MAX_ORIGINS_NEEDED),
      nextDue: nextDueAfter(at, f.intervalMinutes, 0),
      ...(complete ? { pendingIds: undefined } : {}),
      seenChunks: cut ? seen.chunkCount : Math.max(f.seenChunks, seen.chunkCount),
    }),
    cut?.write ?? {},
  );
  if (cut?.remove.length) await storage.remove(cut.remove);
  return result;
}
