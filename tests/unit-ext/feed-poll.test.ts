/**
 * The worker's poll of a feed (background/feeds/poll-feed.ts) in Node, against feeds and pages served
 * from 127.0.0.1, with storage.local and the index stood in for (a Map, the engine over a
 * MemoryStore): each item recorded once across polls, a 304 after a complete poll, a poll stopped
 * between a batch's record and its state write resumed with nothing lost or duplicated, failures in
 * words with an exponential back-off, the items recorded again into a cleared index, pages read only from the sites allowed for the feed; the
 * schedule's arithmetic and the seen-set's bound.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Engine } from '../../src/engine/engine';
import { MemoryStore } from '../../src/engine/memory-store';
import type { ArticleInput } from '../../src/engine/types';
import { htmlDocument } from '../../src/extract/linkedom-document';
import type { FetchLike } from '../../src/feeds/fetch-bytes';
import { PoliteQueue } from '../../src/feeds/polite-queue';
import { bigFeed, serveFeeds, type FeedServer } from '../fixtures/feed-server';
import { fakeBrowser } from './fake-browser';

vi.mock('webextension-polyfill', () => ({ default: fakeBrowser() }));

const { feedKey, forgetSeenItems, insertFeed, loadFeed, useFeedStorage } = await import('../../background/feeds/feed-store');
const { pollFeed } = await import('../../background/feeds/poll-feed');
const { SeenSet, CHUNK, SLACK } = await import('../../background/feeds/seen-set');
const { alarmTime, delayAfter, MAX_BACKOFF_MS, MINUTE } = await import('../../background/feeds/schedule');
type StoredFeed = import('../../background/feeds/feed-store').StoredFeed;
type PollDeps = import('../../background/feeds/poll-feed').PollDeps;
type RecordOutcome = import('../../background/feeds/record-articles').RecordOutcome;

/** storage.local over a Map, values cloned as the browser serialises them. */
function memoryStorage() {
  const data = new Map<string, unknown>();
  return {
    data,
    async get(keys: string[]) {
      const out: Record<string, unknown> = {};
      for (const k of keys) if (data.has(k)) out[k] = structuredClone(data.get(k));
      return out;
    },
    async set(items: Record<string, unknown>) {
      for (const [k, v] of Object.entries(items)) data.set(k, structuredClone(v));
    },
    async remove(keys: string[]) {
      for (const k of keys) data.delete(k);
    },
  };
}

const nodeFetch: FetchLike = (url, init) => fetch(url, init) as unknown as ReturnType<FetchLike>;

/** The index: the engine over a MemoryStore, recording a batch article by article. */
async function memoryIndex() {
  const store = new MemoryStore();
  const engine = await Engine.open(store);
  const record = async (articles: ArticleInput[], source: string): Promise<RecordOutcome[]> => {
    const out: RecordOutcome[] = [];
    for (const a of articles) {
      const r = await engine.record({ ...a, sources: [source] });
      if (!r.added) await store.addSource([r.key], source);
      out.push({ status: r.added ? 'added' : 'known', key: r.key });
    }
    return out;
  };
  const ids = async () => {
    const all: string[] = [];
    for await (const { doc } of store.documents()) all.push(doc.id);
    return all;
  };
  const sources = async () => {
    const all = new Map<string, string[] | undefined>();
    for await (const { doc } of store.documents()) all.set(doc.id, doc.sources);
    return all;
  };
  return {
    store,
    engine,
    record,
    ids,
    sources,
    stored: async (id: string) => (await store.getDocumentById(id))?.key,
    addSource: async (keys: number[], source: string) => void (await store.addSource(keys, source)),
  };
}

let server: FeedServer;
let clock = Date.parse('2025-03-14T06:00:00Z');

beforeAll(async () => {
  server = await serveFeeds();
});
afterAll(() => server.close());

function deps(index: Awaited<ReturnType<typeof memoryIndex>>, over: Partial<PollDeps> = {}): PollDeps {
  return {
    fetch: nodeFetch,
    parseHtml: htmlDocument,
    queue: new PoliteQueue({ concurrency: 4, perHostDelayMs: 0, now: Date.now, sleep: (ms) => new Promise((r) => setTimeout(r, ms)) }),
    now: () => clock,
    granted: async () => true,
    record: index.record,
    stored: index.stored,
    addSource: index.addSource,
    ...over,
  };
}

let n = 0;
async function addFeed(path: string, over: Partial<StoredFeed> = {}): Promise<StoredFeed> {
  const feed: StoredFeed = {
    id: `f${++n}`,
    url: `${server.origin}${path}`,
    outlet: 'Tidewater Wire',
    outletGiven: true,
    intervalMinutes: 60,
    pageOrigins: [server.origin],
    addedAt: clock,
    nextDue: clock,
    failures: 0,
    itemsAdded: 0,
    originsNeeded: [],
    seenChunks: 0,
    ...over,
  };
  await insertFeed(feed);
  return feed;
}

describe('polling a feed', () => {
  it('records each item once, full-content and link-only; the next poll asks with the ETag and is a 304', async () => {
    const storage = memoryStorage();
    useFeedStorage(storage);
    const index = await memoryIndex();
    const feed = await addFeed('/rss2.xml');
    const after = await pollFeed(feed.id, deps(index));
    expect(after).toMatchObject({ itemsAdded: 3, failures: 0, lastFetch: clock, nextDue: clock + 60 * MINUTE, lastPoll: { items: 3, added: 3, known: 0, failed: 0, notModified: false } });
    expect(after!.etag).toMatch(/^"w0-/);
    expect((await index.ids()).sort()).toEqual([`${server.origin}/pages/ferry.html`, `${server.origin}/world/varnholm-crane-collapse.html`, 'https://tidewater.example/world/kestrel-rationing.html']);

    const before = server.requests.length;
    clock += 61 * MINUTE;
    const again = await pollFeed(feed.id, deps(index));
    expect(server.requests.slice(before)).toEqual([{ path: '/rss2.xml', status: 304, ifNoneMatch: after!.etag }]);
    expect(again).toMatchObject({ itemsAdded: 3, lastPoll: { notModified: true, added: 0 } });
    expect(await index.ids()).toHaveLength(3);
  });

  it('records the items again into a cleared index, asking for the feed whole', async () => {
    const storage = memoryStorage();
    useFeedStorage(storage);
    const first = await memoryIndex();
    const feed = await addFeed('/rss2.xml');
    expect(await pollFeed(feed.id, deps(first))).toMatchObject({ itemsAdded: 3 });
    expect([...storage.data.keys()].filter((k) => k.startsWith(`feedSeen:${feed.id}:`))).not.toHaveLength(0);
    // The index cleared (a new one), and the feeds' seen items forgotten with it.
    expect(await forgetSeenItems()).toBe(1);
    expect([...storage.data.keys()].filter((k) => k.startsWith(`feedSeen:${feed.id}:`))).toEqual([]);
    const kept = await loadFeed(feed.id);
    expect(kept).toMatchObject({ seenChunks: 0, itemsAdded: 3 });
    expect(kept).not.toHaveProperty('etag');
    const cleared = await memoryIndex();
    const before = server.requests.length;
    clock += 61 * MINUTE;
    expect(await pollFeed(feed.id, deps(cleared))).toMatchObject({ itemsAdded: 6, lastPoll: { added: 3, notModified: false } });
    expect(server.requests[before]).toMatchObject({ path: '/rss2.xml', status: 200 });
    expect(await cleared.ids()).toHaveLength(3);
  });

  it('records its items with the feed as their source, and adds the feed to the sources of an article stored before', async () => {
    useFeedStorage(memoryStorage());
    const index = await memoryIndex();
    // The ferry page read by the user before the feed was added, and the crane story from a pack.
    await index.engine.record({ id: `${server.origin}/pages/ferry.html`, outlet: 'Tidewater Wire', paragraphs: ['TALLOW BAY (Tidewater Wire) — The council voted on Wednesday to run a night ferry across the bay for a six-month trial, answering years of complaints from shift workers.'] });
    await index.engine.record({ id: `${server.origin}/world/varnholm-crane-collapse.html`, outlet: 'Tidewater Wire', paragraphs: ['A container crane collapsed onto a loading berth at Varnholm port early on Tuesday, halting all cargo traffic and injuring two dock workers.'], sources: ['pack:p1'] });
    const feed = await addFeed('/rss2.xml');
    const pagesAsked = server.requests.filter((r) => r.path === '/pages/ferry.html').length;
    expect(await pollFeed(feed.id, deps(index))).toMatchObject({ itemsAdded: 1, lastPoll: { added: 1, known: 2 } });
    // The page is not fetched: the index holds the item's link already.
    expect(server.requests.filter((r) => r.path === '/pages/ferry.html')).toHaveLength(pagesAsked);
    const sources = await index.sources();
    expect(sources.get(`${server.origin}/pages/ferry.html`)).toEqual(['read', `feed:${feed.id}`]);
    expect(sources.get(`${server.origin}/world/varnholm-crane-collapse.html`)).toEqual(['pack:p1', `feed:${feed.id}`]);
    expect(sources.get('https://tidewater.example/world/kestrel-rationing.html')).toEqual([`feed:${feed.id}`]);
  });

  it('records a feed that repeats items once, and its items again in a changed feed only once', async () => {
    useFeedStorage(memoryStorage());
    const index = await memoryIndex();
    const feed = await addFeed('/repeats.xml', { outlet: 'Echo Desk' });
    expect(await pollFeed(feed.id, deps(index))).toMatchObject({ itemsAdded: 3, lastPoll: { items: 5, added: 3, known: 2 } });
    // The same items under a new ETag: read again, recorded never.
    server.put('/repeats-changed.xml', (await (await fetch(`${server.origin}/repeats.xml`)).text()).replace('<title>Echo Desk</title>', '<title>Echo Desk (2)</title>'));
    const moved = await addFeed('/repeats-changed.xml', { outlet: 'Echo Desk' });
    expect(await pollFeed(moved.id, deps(index))).toMatchObject({ itemsAdded: 0, lastPoll: { items: 5, added: 0, known: 5 } });
    expect(await index.ids()).toHaveLength(3);
  });

  it('loses and duplicates nothing when stopped between a batch recorded and its state written', async () => {
    const storage = memoryStorage();
    useFeedStorage(storage);
    const index = await memoryIndex();
    server.put('/big.xml', bigFeed(250));
    const feed = await addFeed('/big.xml', { outlet: 'Harbour Log' });
    // The worker stops after its second batch is in the index, before the poll writes its state.
    let batches = 0;
    const stopping = deps(index, {
      record: async (articles, source) => {
        const out = await index.record(articles, source);
        if (++batches === 2) return new Promise<RecordOutcome[]>(() => {});
        return out;
      },
    });
    void pollFeed(feed.id, stopping);
    await vi.waitFor(async () => expect(await index.ids()).toHaveLength(200), { timeout: 20_000 });
    await new Promise((r) => setTimeout(r, 50));
    const stopped = (await loadFeed(feed.id))!;
    expect(stopped).toMatchObject({ itemsAdded: 100, nextDue: clock + 2 * MINUTE });
    expect(stopped.etag).toBeUndefined();
    expect(stopped.pendingIds).toHaveLength(100);

    const before = server.requests.length;
    const resumed = await pollFeed(feed.id, deps(index));
    // The whole feed read again (no validator was kept), nothing recorded twice, every item counted once.
    expect(server.requests.slice(before)).toEqual([{ path: '/big.xml', status: 200 }]);
    expect(resumed).toMatchObject({ itemsAdded: 250, lastPoll: { items: 250, added: 150, known: 100 } });
    expect(resumed!.pendingIds).toBeUndefined();
    const ids = await index.ids();
    expect(ids).toHaveLength(250);
    expect(new Set(ids).size).toBe(250);
    // The seen-set holds the items' keys, in chunks written as the poll went.
    const seen = await SeenSet.load(storage, feed.id, resumed!.seenChunks);
    expect(seen.size).toBe(500);
    expect(storage.data.get(feedKey(feed.id))).toMatchObject({ seenChunks: 1 });
  });

  it('renews the lease of a long poll, so a stop late in it is taken up by the alarm too', async () => {
    useFeedStorage(memoryStorage());
    const index = await memoryIndex();
    server.put('/long.xml', bigFeed(250, 'Long Log', 'long'));
    const feed = await addFeed('/long.xml', { outlet: 'Long Log' });
    let t = clock;
    let leases = 0;
    let batches = 0;
    const slow = deps(index, {
      now: () => t,
      leased: async () => void leases++,
      // Each batch takes a minute; the worker stops during the third.
      record: async (articles, source) => {
        t += 60_000;
        if (++batches === 3) return new Promise<RecordOutcome[]>(() => {});
        return index.record(articles, source);
      },
    });
    void pollFeed(feed.id, slow);
    await vi.waitFor(async () => expect(batches).toBe(3), { timeout: 20_000 });
    await new Promise((r) => setTimeout(r, 50));
    // Leased at the start (clock + 2 min), renewed after the first batch (1 min later) and the second.
    expect(leases).toBe(3);
    expect((await loadFeed(feed.id))!.nextDue).toBe(clock + 2 * MINUTE + 2 * MINUTE);
  });

  it('names a failure in words, backs off exponentially, and polls at the interval again once it works', async () => {
    useFeedStorage(memoryStorage());
    const index = await memoryIndex();
    const feed = await addFeed('/moved.xml', { intervalMinutes: 30 });
    const first = await pollFeed(feed.id, deps(index));
    expect(first).toMatchObject({ failures: 1, lastError: { code: 'http', message: 'the server answered 404 Not Found', detail: '404 Not Found' }, nextDue: clock + 60 * MINUTE });
    const second = await pollFeed(feed.id, deps(index));
    expect(second).toMatchObject({ failures: 2, nextDue: clock + 120 * MINUTE });
    server.put('/moved.xml', bigFeed(2, 'Moved Desk', 'moved'));
    const third = await pollFeed(feed.id, deps(index));
    expect(third).toMatchObject({ failures: 0, lastError: undefined, nextDue: clock + 30 * MINUTE, itemsAdded: 2 });

    const broken = await addFeed('/malformed.xml');
    expect(await pollFeed(broken.id, deps(index))).toMatchObject({ lastError: { code: 'malformed', detail: 'unexpected end of description' } });
    const refused = await addFeed('/rss2.xml');
    expect(await pollFeed(refused.id, deps(index, { granted: async () => false }))).toMatchObject({ lastError: { code: 'permission', detail: server.origin } });
  });

  it('reads pages only from the sites allowed for the feed, and lists the others', async () => {
    useFeedStorage(memoryStorage());
    const index = await memoryIndex();
    const elsewhere = await serveFeeds();
    const other = elsewhere.origin;
    server.put(
      '/elsewhere.xml',
      `<rss version="2.0"><channel><title>Links Desk</title><link>${server.origin}/</link>
        <item><title>Ferry</title><link>${other}/pages/ferry.html</link><guid>ferry-elsewhere</guid><description>Short.</description></item>
        <item><title>Contents</title><link>/pages/contents.html</link><guid>contents</guid><description>Short.</description></item>
      </channel></rss>`,
    );
    const feed = await addFeed('/elsewhere.xml', { outlet: 'Links Desk' });
    const first = await pollFeed(feed.id, deps(index));
    expect(elsewhere.requests).toEqual([]);
    expect(first!.etag).toBeUndefined();
    expect(first).toMatchObject({ originsNeeded: [other], lastPoll: { added: 0, notArticles: 1, failed: 1, itemProblem: { code: 'page-origin', detail: other } } });
    // Allowed: the next poll reads the whole feed again and the page (the contents page is not asked for again).
    await insertFeed({ ...first!, pageOrigins: [server.origin, other], originsNeeded: [] });
    const contentsAsked = server.requests.filter((r) => r.path === '/pages/contents.html').length;
    const second = await pollFeed(feed.id, deps(index));
    expect(second).toMatchObject({ originsNeeded: [], lastPoll: { added: 1, failed: 0 } });
    expect(second!.etag).toBeDefined();
    expect(server.requests.filter((r) => r.path === '/pages/contents.html')).toHaveLength(contentsAsked);
    expect(elsewhere.requests.map((r) => r.path)).toEqual(['/pages/ferry.html']);
    await elsewhere.close();
  });
});

describe('the schedule', () => {
  it('doubles the delay per failure in a row, up to a day (or the interval when longer)', () => {
    expect([0, 1, 2, 3].map((f) => delayAfter(60, f) / MINUTE)).toEqual([60, 120, 240, 480]);
    expect(delayAfter(60, 10)).toBe(MAX_BACKOFF_MS);
    expect(delayAfter(60, 1000)).toBe(MAX_BACKOFF_MS);
    expect(delayAfter(2880, 3)).toBe(2880 * MINUTE);
    expect(alarmTime([], 5)).toBeUndefined();
    expect(alarmTime([30, 10, 20], 5)).toBe(10);
    expect(alarmTime([3, 10], 5)).toBe(5);
  });
});

describe('the seen-set', () => {
  it('writes only the chunks that changed, and is cut to the current items and the newest others', async () => {
    const storage = memoryStorage();
    const seen = await SeenSet.load(storage, 'f', 0);
    seen.add(Array.from({ length: CHUNK + 10 }, (_, i) => `guid:${i}`));
    expect(Object.keys(seen.takeChanges())).toEqual(['feedSeen:f:0', 'feedSeen:f:1']);
    seen.add(['guid:0', 'url:x']);
    expect(Object.keys(seen.takeChanges())).toEqual(['feedSeen:f:1']);
    const current = new Set(['guid:0', 'guid:1', 'url:x']);
    const cut = seen.compact(current)!;
    expect(seen.size).toBe(SLACK + 3);
    expect(seen.has('guid:0') && seen.has('guid:1') && seen.has('url:x') && seen.has(`guid:${CHUNK + 9}`)).toBe(true);
    expect(seen.has('guid:2')).toBe(false);
    await storage.set(cut.write);
    expect((await SeenSet.load(storage, 'f', seen.chunkCount)).size).toBe(SLACK + 3);
    expect(seen.compact(current)).toBeUndefined();
  });
});
