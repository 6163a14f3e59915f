/**
 * Chromium's worker reading feeds through its offscreen document (background/feeds/offscreen-parsers.ts,
 * offscreen-document.ts, offscreen/answer.ts): the same feeds, items and pages as feed-parsers.ts
 * gives in one context; FeedErrors kept across the message; one document opened for requests at once,
 * closed when idle. The "document" here is answerOffscreen with linkedom, behind a fake `chrome`.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FetchLike } from '../../src/feeds/fetch-bytes';

const fake = vi.hoisted(() => ({ sendMessage: undefined as unknown as (m: unknown) => Promise<unknown> }));
vi.mock('webextension-polyfill', () => ({ default: { runtime: { sendMessage: (m: unknown) => fake.sendMessage(m) } } }));

const { htmlDocument } = await import('../../src/extract/linkedom-document');
const { answerOffscreen } = await import('../../offscreen/answer');
const { isOffscreenEnvelope } = await import('../../src/protocol');
const offscreen = await import('../../background/feeds/offscreen-parsers');
const local = await import('../../background/feeds/feed-parsers');
const { OFFSCREEN_IDLE_MS } = await import('../../background/feeds/offscreen-document');
import type { FeedParsers } from '../../background/feeds/lazy-parsers';

// Both are what the background's feedParsers() may give (the compiler holds them to it).
const asParsers: FeedParsers[] = [offscreen, local];

const DIR = resolve(import.meta.dirname, '../fixtures/feeds');
const FEED_URL = 'http://127.0.0.1:9/feeds/rss2.xml';
const serve: FetchLike = async (url) => {
  const name = String(url).endsWith('.xml') ? 'rss2.xml' : `pages/${String(url).split('/').pop()}`;
  const body = readFileSync(resolve(DIR, name));
  return new Response(body, { status: 200, headers: { 'content-type': name.endsWith('.xml') ? 'application/rss+xml' : 'text/html; charset=utf-8' } }) as never;
};
const fetchOpts = { fetch: serve, now: () => 0, timeoutMs: 5_000, maxBytes: 1 << 20 };

function fakeChrome() {
  const calls = { create: 0, close: 0, messages: 0 };
  let open = false;
  (globalThis as unknown as { chrome: unknown }).chrome = {
    runtime: { getURL: (p: string) => `chrome-extension://x/${p}`, getContexts: async () => (open ? [{}] : []) },
    offscreen: {
      createDocument: async () => {
        await new Promise((r) => setTimeout(r, 5));
        calls.create++;
        open = true;
      },
      closeDocument: async () => {
        calls.close++;
        open = false;
      },
    },
  };
  fake.sendMessage = async (m) => {
    calls.messages++;
    if (!open) throw new Error('Could not establish connection. Receiving end does not exist.');
    // Through JSON, as Chromium's extension messages go.
    const sent = JSON.parse(JSON.stringify(m));
    return isOffscreenEnvelope(sent) ? JSON.parse(JSON.stringify(answerOffscreen(sent, htmlDocument))) : undefined;
  };
  return calls;
}

afterEach(() => {
  vi.useRealTimers();
  delete (globalThis as { chrome?: unknown }).chrome;
});

describe("Chromium's worker reads feeds in its offscreen document", () => {
  it('gives the same feed, item bodies and pages as the parsers in one context', async () => {
    fakeChrome();
    expect(asParsers).toHaveLength(2);
    const there = await offscreen.fetchFeed(FEED_URL, undefined, fetchOpts);
    const here = await local.fetchFeed(FEED_URL, undefined, fetchOpts);
    expect(there).toEqual(JSON.parse(JSON.stringify(here)));
    if (here.status !== 'ok') throw new Error('the fixture feed did not parse');
    const ctx = { outlet: 'Tidewater Wire', lang: 'en-GB', feedUrl: FEED_URL };
    for (const item of here.feed.items) {
      expect(await offscreen.contentArticle(item, ctx)).toEqual(JSON.parse(JSON.stringify(local.contentArticle(item, ctx, htmlDocument))));
    }
    const ferry = { ...here.feed.items[2], link: 'http://127.0.0.1:9/feeds/pages/ferry.html' };
    const fetchPage = async (url: string) => ({ bytes: new Uint8Array(readFileSync(resolve(DIR, 'pages', url.split('/').pop()!))), contentType: 'text/html; charset=utf-8', url });
    const page = await offscreen.pageArticle(ferry, ctx, { fetchPage });
    expect(page).toEqual(await local.pageArticle(ferry, ctx, { parseHtml: htmlDocument, fetchPage }));
    expect(page.article.paragraphs).toHaveLength(4);
  });

  it('keeps a FeedError a FeedError, with its code, across the message', async () => {
    fakeChrome();
    const ctx = { outlet: 'x' };
    const contents = { title: 'Contents', link: 'http://127.0.0.1:9/feeds/pages/contents.html' };
    const fetchPage = async (url: string) => ({ bytes: new Uint8Array(readFileSync(resolve(DIR, 'pages', 'contents.html'))), contentType: 'text/html', url });
    await expect(offscreen.pageArticle(contents, ctx, { fetchPage })).rejects.toMatchObject({ name: 'FeedError', code: 'not-article' });
    const broken: FetchLike = async () => new Response('<rss><channel><item>', { status: 200, headers: { 'content-type': 'application/rss+xml' } }) as never;
    await expect(offscreen.fetchFeed(FEED_URL, undefined, { ...fetchOpts, fetch: broken })).rejects.toMatchObject({ name: 'FeedError' });
  });

  it('opens one document for requests made at once, and closes it once idle', async () => {
    const calls = fakeChrome();
    const ctx = { outlet: 'x' };
    const items = Array.from({ length: 5 }, (_, i) => ({ title: `Item ${i}`, contentHtml: `<p>Body ${i}.</p>` }));
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const read = Promise.all(items.map((item) => offscreen.contentArticle(item, ctx)));
    await vi.advanceTimersByTimeAsync(10);
    expect((await read).map((r) => r.status)).toEqual(['summary', 'summary', 'summary', 'summary', 'summary']);
    expect(calls).toMatchObject({ create: 1, messages: 5, close: 0 });
    await vi.advanceTimersByTimeAsync(OFFSCREEN_IDLE_MS - 100);
    await offscreen.contentArticle(items[0], ctx); // a request before the end holds it open
    await vi.advanceTimersByTimeAsync(OFFSCREEN_IDLE_MS - 100);
    expect(calls.close).toBe(0);
    await vi.advanceTimersByTimeAsync(200);
    expect(calls).toMatchObject({ create: 1, close: 1 });
    const again = offscreen.contentArticle(items[1], ctx);
    await vi.advanceTimersByTimeAsync(10);
    await again;
    expect(calls.create).toBe(2);
  });
});
