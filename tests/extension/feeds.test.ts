/**
 * Feeds in the built extension in Chromium, with feeds and their pages served from 127.0.0.1
 * (tests/fixtures/feed-server.ts; the chrome-test build's host access to 127.0.0.1 stands in for the
 * sites a user allows, so the permission requests made at each click are granted at once):
 *
 *   - a feed added in the feeds section by its address in two clicks, its items recorded once
 *     (CDATA, entities, a script in the content, a relative link to a page read through the page)
 *   - RDF, Atom, JSON Feed and ISO-8859-1 beside it; a malformed feed and one that never answers show
 *     their error in words while the others are recorded (and an address where nothing answers is
 *     said to be unreachable); a feed that repeats items records each once
 *   - a second poll is a conditional GET answered 304, nothing recorded again: with the ETag, and with
 *     If-Modified-Since for a feed that sends only a Last-Modified date (then its new version read)
 *   - a feed whose pages are on another site: the site listed and asked for at the second click
 *   - 5,000 items, the worker stopped in the middle of the poll: after the restart every item is in
 *     the index once and counted once
 *   - the one alarm, set to the earliest due time, polls a due feed by itself
 *   - edit and remove from the library's feeds section; screenshots in light and dark (tests/artifacts/)
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { FeedStatus } from '../../src/feed-status';
import type { MessageType, Reply, Req, Res } from '../../src/protocol';
import { bigFeed, FEED_FIXTURES, serveFeeds, type FeedServer } from '../fixtures/feed-server';
import { ARTIFACTS, CHROMIUM, extensionPage, launch, stopWorkers, type Harness } from './harness';
import { listTargets } from './target-session';

if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);

interface IndexLine {
  id: string;
  outlet: string;
  url?: string;
  guid?: string;
  title?: string;
  published?: string;
  sources?: string[];
  paragraphs: string[];
}

describe('feeds in Chromium', () => {
  let h: Harness;
  let server: FeedServer;
  let other: FeedServer;
  /** The library page, at its feeds section. */
  let page: Page;
  const feedUrl = (path: string) => `${server.origin}${path}`;

  /** One protocol message from the feeds page, as the page sends it. */
  async function send<K extends MessageType>(type: K, req: Req<K>): Promise<Res<K>> {
    const reply = (await page.evaluate(([t, r]) => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({ channel: 'wiretrace', type: t, req: r }), [type, req] as const)) as Reply<Res<K>>;
    if (!reply.ok) throw new Error(`${type}: ${reply.error}`);
    return reply.res;
  }

  const feeds = async () => (await send('listFeeds', {})).feeds;
  const feedAt = async (url: string) => (await feeds()).find((f) => f.url === url);

  /** Waits until the feed at `url` has been polled (at least `since`) and is not polling. */
  async function polled(url: string, since = 0, timeout = 60_000): Promise<FeedStatus> {
    let last: FeedStatus | undefined;
    await expect
      .poll(
        async () => {
          last = await feedAt(url);
          return !!last && !last.polling && (last.lastFetch ?? 0) > since;
        },
        { timeout, interval: 200 },
      )
      .toBe(true);
    return last!;
  }

  async function add(path: string, over: Partial<Req<'addFeed'>> = {}): Promise<FeedStatus> {
    const r = await send('addFeed', { url: feedUrl(path), intervalMinutes: 60, ...over });
    if (r.status === 'failed') throw new Error(`addFeed ${path}: ${r.problem.message}`);
    return r.feed;
  }

  /** Every article in the index, through the export the options page uses. */
  async function indexDocs(): Promise<IndexLine[]> {
    const docs: IndexLine[] = [];
    let after: number | undefined;
    do {
      const p = await send('exportIndex', { after, limit: 1000 });
      for (const line of p.lines) {
        const x = JSON.parse(line) as IndexLine & { format?: string };
        if (x.paragraphs) docs.push(x);
      }
      after = p.next;
    } while (after !== undefined);
    return docs;
  }

  const row = (url: string) => page.locator('li.feed', { has: page.locator(`.feed-url a[href="${url}"]`) });
  /** Chromium's offscreen documents open now (background/feeds/offscreen-document.ts). */
  const offscreenDocuments = async () => {
    const cdp = await h.context.newCDPSession(page);
    try {
      return (await listTargets(cdp)).filter((t) => t.url === extensionPage(h, 'offscreen.html')).length;
    } finally {
      await cdp.detach();
    }
  };

  beforeAll(async () => {
    [server, other, h] = await Promise.all([serveFeeds(), serveFeeds(), launch()]);
    // Nothing leaves the machine.
    await h.context.route((url) => /^(?:https?|wss?):/.test(url.protocol) && url.hostname !== '127.0.0.1', (route) => route.abort());
    page = await h.context.newPage();
    await page.setViewportSize({ width: 900, height: 900 });
    await page.goto(`${extensionPage(h, 'library.html')}#feeds`);
    await page.waitForSelector('#feed-read-form');
    mkdirSync(ARTIFACTS, { recursive: true });
  });

  afterAll(async () => {
    await h?.close();
    await server?.close();
    await other?.close();
  });

  it('adds a feed by its address in two clicks and records its items once', async () => {
    // The feed that never answers goes first: its 20-second time limit runs while the rest is tested.
    await add('/silent.xml', { outlet: 'Silent Desk' });

    await page.fill('#feed-url', feedUrl('/rss2.xml'));
    await page.click('#feed-read-form button[type="submit"]');
    await page.waitForSelector('#feed-preview:not([hidden]) #feed-add-form');
    expect(await page.textContent('#feed-preview-h')).toBe('Tidewater Wire');
    expect(await page.textContent('#feed-preview-items')).toBe("3 items: 2 with the whole article, 1 with only a link to the article's page.");
    expect(await page.inputValue('#feed-new-outlet')).toBe('Tidewater Wire');
    // The link item's page is on the feed's own site: no other site to ask for.
    expect(await page.locator('#feed-preview-origins').count()).toBe(0);
    await page.selectOption('#feed-new-interval', '180');
    await page.click('#feed-add-form button[data-action="add"]');

    const status = await polled(feedUrl('/rss2.xml'));
    // The feed and its items were read in the offscreen document, open until 5 s after its last answer.
    expect(await offscreenDocuments()).toBe(1);
    expect(status).toMatchObject({ outlet: 'Tidewater Wire', outletGiven: false, intervalMinutes: 180, itemsAdded: 3, failures: 0, lastPoll: { items: 3, added: 3 } });
    await expect.poll(() => row(feedUrl('/rss2.xml')).locator('[data-fact="items-added"]').textContent()).toBe('3');
    expect(await row(feedUrl('/rss2.xml')).locator('[data-fact="interval"]').textContent()).toBe('every 3 hours');

    const docs = await indexDocs();
    expect(docs.map((d) => d.title).sort()).toEqual(['Harbour crane collapse halts Varnholm port', 'Tallow Bay council approves night ferry trial', 'Water rationing begins in three Kestrel Valley towns & farms']);
    const crane = docs.find((d) => d.guid === 'tidewater-2025-0001')!;
    expect(crane).toMatchObject({ outlet: 'Tidewater Wire', id: feedUrl('/world/varnholm-crane-collapse.html'), published: '2025-03-04T06:10:00.000Z', sources: [`feed:${status.id}`] });
    expect(crane.paragraphs.join(' ')).not.toContain('injected');
    // The link-only item was read from its page, under the page's canonical URL.
    expect(docs.find((d) => d.guid === 'tidewater-2025-0003')).toMatchObject({ id: feedUrl('/pages/ferry.html') });
    expect(server.requests.filter((r) => r.path === '/pages/ferry.html')).toHaveLength(1);
    // Closed once idle: a document of its own costs a renderer.
    await expect.poll(() => offscreenDocuments(), { timeout: 15_000 }).toBe(0);
  });

  it('asks with the ETag at the next poll: a 304, nothing recorded again', async () => {
    const url = feedUrl('/rss2.xml');
    const before = await feedAt(url);
    const asked = server.requests.length;
    await row(url).locator('button[data-action="poll"]').click();
    const after = await polled(url, before!.lastFetch);
    expect(server.requests.slice(asked).filter((r) => r.path === '/rss2.xml')).toEqual([{ path: '/rss2.xml', status: 304, ifNoneMatch: expect.stringMatching(/^"w0-/) }]);
    expect(after).toMatchObject({ itemsAdded: 3, lastPoll: { notModified: true } });
    await expect.poll(() => row(url).locator('[data-fact="last-poll"]').textContent()).toBe('nothing new (the server said the feed had not changed)');
    expect(await indexDocs()).toHaveLength(3);
  });

  it('reads RDF, Atom, JSON Feed and ISO-8859-1 beside it; a feed that breaks shows its error in words while the others are recorded; repeated items are recorded once', async () => {
    // A feed that cannot be read is not added: the section says why.
    await page.fill('#feed-url', feedUrl('/malformed.xml'));
    await page.click('#feed-read-form button[type="submit"]');
    await expect.poll(() => page.textContent('#status')).toBe('Could not read the feed: The feed is not well-formed: unexpected end of description.');
    // Nothing listening at the address: said so, not in the browser's bare "Failed to fetch".
    await page.fill('#feed-url', 'http://127.0.0.1:1/feed.xml');
    await page.click('#feed-read-form button[type="submit"]');
    await expect
      .poll(() => page.textContent('#status'))
      .toBe('Could not read the feed: The server could not be reached: nothing answered at that address (the site may be down, the address mistyped, or the computer offline).');
    // One that breaks after it was added shows its error, and the others go on.
    server.put('/breaking.xml', bigFeed(2, 'Breaking Desk', 'breaking'));
    const paths = ['/rdf.xml', '/atom.xml', '/feed.json', '/latin1.xml', '/breaking.xml', '/repeats.xml'];
    for (const path of paths) await add(path);
    const [rdf, atom, json, latin, breaking, repeats] = await Promise.all(paths.map((p) => polled(feedUrl(p))));
    expect(breaking).toMatchObject({ itemsAdded: 2, failures: 0 });
    server.put('/breaking.xml', readFileSync(join(FEED_FIXTURES, 'malformed.xml')));
    await row(feedUrl('/breaking.xml')).locator('button[data-action="poll"]').click();
    const malformed = await polled(feedUrl('/breaking.xml'), breaking.lastFetch);
    expect(rdf).toMatchObject({ outlet: 'Coastal Ledger', itemsAdded: 2 });
    expect(atom).toMatchObject({ outlet: 'Harbour & Rail Desk', itemsAdded: 3 });
    // Its ferry story is the RSS feed's, under the same link: known, not recorded again.
    expect(json).toMatchObject({ itemsAdded: 2, lastPoll: { items: 3, added: 2, known: 1 } });
    expect(latin).toMatchObject({ outlet: 'Dépêche Côtière', itemsAdded: 1 });
    expect(repeats).toMatchObject({ outlet: 'Echo Desk', itemsAdded: 3, lastPoll: { items: 5, added: 3, known: 2 } });
    expect(malformed).toMatchObject({ itemsAdded: 2, failures: 1, lastError: { code: 'malformed' } });
    await expect
      .poll(() => row(feedUrl('/breaking.xml')).locator('[data-fact="error"]').textContent())
      .toBe('Last error: The feed is not well-formed: unexpected end of description.');

    const docs = await indexDocs();
    expect(docs).toHaveLength(3 + 2 + 3 + 2 + 1 + 2 + 3);
    expect(new Set(docs.map((d) => d.id)).size).toBe(docs.length);
    expect(docs.find((d) => d.outlet === 'Dépêche Côtière')?.title).toBe('Fête du port de Saint-Aubèle reportée après la tempête');
    // Atom's summary entry, its link relative to xml:base, read through its page (whose canonical URL
    // on another site does not count).
    expect(docs.find((d) => d.guid === 'urn:uuid:7d1c4a4e-0000-4000-8000-000000000004')).toMatchObject({ id: feedUrl('/pages/market.html'), outlet: 'Harbour & Rail Desk' });
    expect(docs.filter((d) => d.outlet === 'Echo Desk').map((d) => d.guid).sort()).toEqual(['echo-1', 'echo-2', 'echo-4']);
  });

  it('lists the other sites a feed\'s pages are on and asks for them at the second click', async () => {
    server.put(
      '/elsewhere.xml',
      `<rss version="2.0"><channel><title>Links Desk</title><link>${server.origin}/</link>
        <item><title>Bell</title><link>${other.origin}/pages/bell.html</link><guid>bell-elsewhere</guid><description>Short.</description></item>
      </channel></rss>`,
    );
    await page.fill('#feed-url', feedUrl('/elsewhere.xml'));
    await page.click('#feed-read-form button[type="submit"]');
    await page.waitForSelector('#feed-preview:not([hidden]) #feed-add-form');
    expect(await page.textContent('#feed-preview-items')).toBe("1 item: 0 with the whole article, 1 with only a link to the article's page.");
    expect(await page.locator('#feed-preview-origins li').allTextContents()).toEqual([other.origin]);
    const addButton = page.locator('#feed-add-form button[data-action="add"]');
    expect(await addButton.textContent()).toBe('Allow this site and add feed');
    await page.locator('#feeds').screenshot({ path: join(ARTIFACTS, 'feeds-preview.png') });
    await addButton.click();
    const status = await polled(feedUrl('/elsewhere.xml'));
    expect(status).toMatchObject({ pageOrigins: [server.origin, other.origin].sort(), itemsAdded: 1, originsNeeded: [] });
    expect(other.requests.map((r) => r.path)).toEqual(['/pages/bell.html']);
  });

  it('shows a feed that never answers with its error in words once its time limit is over', async () => {
    // Added first of all: its 20 s ran while the tests above did (and before the next one stops the worker).
    const silent = await polled(feedUrl('/silent.xml'), 0, 40_000);
    expect(silent).toMatchObject({ failures: 1, itemsAdded: 0, lastError: { code: 'timeout' } });
    await expect.poll(() => row(feedUrl('/silent.xml')).locator('[data-fact="error"]').textContent()).toBe('Last error: No answer within the time limit.');
  });

  it('asks with If-Modified-Since a feed that sends only a Last-Modified date: a 304, then the changed feed read', async () => {
    server.put('/dated.xml', bigFeed(2, 'Dated Desk', 'dated'), undefined, 'last-modified');
    const url = feedUrl('/dated.xml');
    await add('/dated.xml');
    const first = await polled(url);
    expect(first).toMatchObject({ itemsAdded: 2, lastPoll: { items: 2, added: 2 } });
    const sent = server.requests.filter((r) => r.path === '/dated.xml').at(-1)!;
    expect(sent).toMatchObject({ status: 200 });

    let asked = server.requests.length;
    await row(url).locator('button[data-action="poll"]').click();
    const unchanged = await polled(url, first.lastFetch);
    expect(server.requests.slice(asked).filter((r) => r.path === '/dated.xml')).toEqual([{ path: '/dated.xml', status: 304, ifModifiedSince: expect.stringMatching(/ GMT$/) }]);
    expect(unchanged).toMatchObject({ itemsAdded: 2, lastPoll: { notModified: true } });

    // A new version (a later date): read whole, its one new item recorded.
    server.put('/dated.xml', bigFeed(3, 'Dated Desk', 'dated'), undefined, 'last-modified');
    asked = server.requests.length;
    await row(url).locator('button[data-action="poll"]').click();
    const changed = await polled(url, unchanged.lastFetch);
    expect(server.requests.slice(asked).filter((r) => r.path === '/dated.xml').map((r) => r.status)).toEqual([200]);
    expect(changed).toMatchObject({ itemsAdded: 3, lastPoll: { items: 3, added: 1, known: 2 } });
    expect((await indexDocs()).filter((d) => d.outlet === 'Dated Desk')).toHaveLength(3);
  });

  it('records 5,000 items once when the worker is stopped in the middle of the poll', async () => {
    server.put('/big.xml', bigFeed(5000));
    const url = feedUrl('/big.xml');
    const t0 = Date.now();
    await add('/big.xml');
    await expect.poll(async () => (await feedAt(url))?.polling?.done ?? 0, { timeout: 60_000, interval: 100 }).toBeGreaterThanOrEqual(1000);
    await expect.poll(() => row(url).locator('[data-fact="progress"]').textContent()).toMatch(/^Polling: [\d,]+ of 5,000 items read…$/);
    await row(url).screenshot({ path: join(ARTIFACTS, 'feeds-polling.png') });
    await stopWorkers(h, page);
    const tStop = Date.now();
    // The new worker (woken by this message) runs no poll; the stopped one left its lease as the alarm.
    const stopped = (await feedAt(url))!;
    expect(stopped.polling).toBeUndefined();
    expect(stopped.itemsAdded).toBeGreaterThan(0);
    expect(stopped.itemsAdded).toBeLessThan(5000);
    expect(stopped.nextDue).toBeGreaterThan(tStop);
    h.sw = h.context.serviceWorkers().find((w) => w.url().includes(h.extensionId)) ?? (await h.context.waitForEvent('serviceworker'));
    const alarm = await h.sw.evaluate(() => (globalThis as unknown as { chrome: { alarms: { get(n: string): Promise<{ scheduledTime: number } | undefined> } } }).chrome.alarms.get('wiretrace-feeds'));
    const due = Math.min(...(await feeds()).map((f) => f.nextDue));
    expect(alarm?.scheduledTime).toBeGreaterThanOrEqual(due - 1000);
    expect(alarm?.scheduledTime).toBeLessThanOrEqual(Math.max(due, Date.now()) + 1000);

    const t1 = Date.now();
    await send('pollFeedNow', { id: stopped.id });
    const done = await polled(url, stopped.lastFetch ?? 0, 120_000);
    const t2 = Date.now();
    expect(done).toMatchObject({ itemsAdded: 5000, failures: 0, lastPoll: { items: 5000, failed: 0 } });
    expect(done.lastPoll!.added + done.lastPoll!.known).toBe(5000);
    const docs = (await indexDocs()).filter((d) => d.outlet === 'Harbour Log');
    expect(docs).toHaveLength(5000);
    expect(new Set(docs.map((d) => d.guid)).size).toBe(5000);
    const bytes = await h.sw.evaluate(() => (globalThis as unknown as { chrome: { storage: { local: { getBytesInUse(k: null): Promise<number> } } } }).chrome.storage.local.getBytesInUse(null));
    console.info(`feeds: 5,000 full-content items; stopped after ${stopped.itemsAdded} recorded (${tStop - t0} ms), the rest read and recorded after the restart in ${t2 - t1} ms; storage.local holds ${bytes} bytes for ${(await feeds()).length} feeds`);
  }, 240_000);

  it('polls a feed that is due when the one alarm fires', async () => {
    const url = feedUrl('/repeats.xml');
    const before = (await feedAt(url))!;
    // Due now: the stored record's next-due time set back, then the alarm set to fire at once.
    await h.sw.evaluate(async (id) => {
      const c = (globalThis as unknown as { chrome: { storage: { local: { get(k: string): Promise<Record<string, { nextDue: number }>>; set(v: object): Promise<void> } }; alarms: { create(n: string, a: { when: number }): Promise<void> } } }).chrome;
      const key = `feed:${id}`;
      const rec = (await c.storage.local.get(key))[key];
      await c.storage.local.set({ [key]: { ...rec, nextDue: 0 } });
      await c.alarms.create('wiretrace-feeds', { when: Date.now() + 50 });
    }, before.id);
    const after = await polled(url, before.lastFetch, 30_000);
    expect(after.nextDue).toBeGreaterThan(Date.now() + 50 * 60_000);
  });

  it('edits and removes a feed from the section; screenshots in light and dark', async () => {
    const url = feedUrl('/repeats.xml');
    await row(url).locator('button[data-action="edit"]').click();
    const id = (await feedAt(url))!.id;
    await page.fill(`#feed-${id}-outlet`, 'Echo Wire');
    await page.selectOption(`#feed-${id}-interval`, '360');
    await row(url).locator('form.feed-edit button[type="submit"]').click();
    await expect.poll(() => row(url).locator('h3').textContent()).toBe('Echo Wire');
    expect(await row(url).locator('[data-fact="interval"]').textContent()).toBe('every 6 hours');
    expect(await feedAt(url)).toMatchObject({ outlet: 'Echo Wire', outletGiven: true, intervalMinutes: 360 });

    await page.locator('#feeds').screenshot({ path: join(ARTIFACTS, 'feeds-light.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.locator('#feeds').screenshot({ path: join(ARTIFACTS, 'feeds-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });

    const articles = (await indexDocs()).length;
    await row(url).locator('button[data-action="remove"]').click();
    await row(url).locator('button[data-action="remove-yes"]').click();
    await expect.poll(() => row(url).count()).toBe(0);
    expect(await feedAt(url)).toBeUndefined();
    // Its articles stay in the index.
    expect(await indexDocs()).toHaveLength(articles);
  });
});
