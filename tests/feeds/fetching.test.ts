/**
 * The fetching half of src/feeds/, against a node:http server on 127.0.0.1: conditional GET (ETag and
 * Last-Modified sent back, 304 read as "not modified"), time and size limits, HTTP errors in words,
 * and the polite queue's concurrency and per-host spacing on a fake clock.
 */
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { conditionalHeaders, stateAfter } from '../../src/feeds/conditional-get';
import { fetchFeed } from '../../src/feeds/fetch-feed';
import { fetchBytes, type FetchLike } from '../../src/feeds/fetch-bytes';
import { FeedError } from '../../src/feeds/feed-types';
import { PoliteQueue } from '../../src/feeds/polite-queue';

const RSS = readFileSync(resolve(import.meta.dirname, '../fixtures/feeds/rss2.xml'));
const ETAG = '"tide-42"';
const MODIFIED = 'Tue, 04 Mar 2025 06:10:00 GMT';
const nodeFetch: FetchLike = (url, init) => fetch(url, init) as unknown as ReturnType<FetchLike>;

let server: Server;
let base: string;
const seen: Array<Record<string, string | string[] | undefined>> = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(req.headers);
    if (req.url === '/feed.xml') {
      if (req.headers['if-none-match'] === ETAG || req.headers['if-modified-since'] === MODIFIED) {
        res.writeHead(304, { ETag: ETAG });
        res.end();
        return;
      }
      res.writeHead(200, { 'Content-Type': 'application/rss+xml; charset=utf-8', ETag: ETAG, 'Last-Modified': MODIFIED });
      res.end(RSS);
    } else if (req.url === '/silent') {
      // Never answers: the client's time limit must end the request.
    } else if (req.url === '/big') {
      res.writeHead(200, { 'Content-Type': 'text/xml' });
      res.end(Buffer.alloc(4096, 0x20));
    } else {
      res.writeHead(404, 'Not Found');
      res.end('gone');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const opts = { fetch: nodeFetch, now: () => 1_000, timeoutMs: 5000, maxBytes: 1 << 20 };

describe('conditional GET', () => {
  test('headers come from the stored validators', () => {
    expect(conditionalHeaders(undefined)).toEqual({});
    expect(conditionalHeaders({ etag: ETAG, lastModified: MODIFIED })).toEqual({ 'If-None-Match': ETAG, 'If-Modified-Since': MODIFIED });
    const h = new Headers({ etag: '"new"' });
    expect(stateAfter({ etag: ETAG, lastModified: MODIFIED }, h, 5)).toEqual({ etag: '"new"', lastModified: MODIFIED, fetchedAt: 5 });
  });

  test('a first fetch keeps the validators; the next one sends them and gets 304, not modified', async () => {
    const first = await fetchFeed(`${base}/feed.xml`, undefined, opts);
    expect(first.status).toBe('ok');
    if (first.status !== 'ok') return;
    expect(first.feed.items).toHaveLength(3);
    expect(first.state).toEqual({ etag: ETAG, lastModified: MODIFIED, fetchedAt: 1_000 });
    const second = await fetchFeed(`${base}/feed.xml`, first.state, { ...opts, now: () => 2_000 });
    expect(second).toEqual({ status: 'not-modified', state: { etag: ETAG, lastModified: MODIFIED, fetchedAt: 2_000 } });
    expect(seen.at(-1)).toMatchObject({ 'if-none-match': ETAG, 'if-modified-since': MODIFIED });
    expect(String(seen.at(-1)?.accept)).toMatch(/application\/rss\+xml/);
  });
});

describe('limits and errors in words', () => {
  const failure = async (p: Promise<unknown>) => {
    try {
      await p;
    } catch (e) {
      expect(e).toBeInstanceOf(FeedError);
      return e as FeedError;
    }
    throw new Error('expected a FeedError');
  };

  test('a server that does not answer: a timeout, not a hang', async () => {
    const t0 = Date.now();
    const e = await failure(fetchBytes(`${base}/silent`, { ...opts, timeoutMs: 300 }));
    expect(e).toMatchObject({ code: 'timeout', message: 'no answer within 300 ms' });
    expect(Date.now() - t0).toBeLessThan(3000);
  });

  test('an HTTP error, a body over the limit, a refused connection', async () => {
    expect(await failure(fetchBytes(`${base}/nothing`, opts))).toMatchObject({ code: 'http', message: 'the server answered 404 Not Found' });
    expect((await failure(fetchBytes(`${base}/big`, { ...opts, maxBytes: 1000 }))).message).toMatch(/^the answer is over the limit of 1000 bytes/);
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    expect(await failure(fetchBytes(`http://127.0.0.1:${port}/`, opts))).toMatchObject({ code: 'network', message: 'the server refused the connection' });
  });
});

describe('the polite queue', () => {
  test('never more than `concurrency` at once; one host\'s requests start `perHostDelayMs` apart, other hosts do not wait', async () => {
    const queue = new PoliteQueue({ concurrency: 2, perHostDelayMs: 60, now: Date.now, sleep: (ms) => new Promise((r) => setTimeout(r, ms)) });
    let running = 0;
    let most = 0;
    const t0 = Date.now();
    const starts: Array<[string, number]> = [];
    const task = (host: string) => async () => {
      starts.push([host, Date.now() - t0]);
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, 10));
      running--;
    };
    await Promise.all(['a', 'a', 'b', 'a', 'c', 'b'].map((h, i) => queue.run(`http://${h}.example/${i}`, task(h))));
    expect(most).toBe(2);
    for (const host of ['a', 'b']) {
      const at = starts.filter(([h]) => h === host).map(([, t]) => t);
      for (let i = 1; i < at.length; i++) expect(at[i] - at[i - 1]).toBeGreaterThanOrEqual(55);
    }
    // The first request to each host does not wait for another host's spacing.
    expect(starts.find(([h]) => h === 'c')![1]).toBeLessThan(55);
  });
});
