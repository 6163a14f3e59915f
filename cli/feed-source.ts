/**
 * Where `wiretrace feed` reads a feed and a page from: an http(s) URL, fetched with Node's fetch
 * (a time limit, a size limit, a User-Agent that names wiretrace), or a saved feed file. The bytes
 * are decoded and parsed by src/feeds/; every failure is a FeedError or an InputError in words.
 */
import { open } from 'node:fs/promises';
import { decodeFeedBytes } from '../src/feeds/decode-feed';
import { fetchBytes, type FetchLike } from '../src/feeds/fetch-bytes';
import { fetchFeed } from '../src/feeds/fetch-feed';
import type { Feed } from '../src/feeds/feed-types';
import type { PageFetcher } from '../src/feeds/item-article';
import { parseFeed } from '../src/feeds/parse-feed';
import { InputError } from './diagnostics';
import { fsMessage, statInput } from './read-file';
import { version } from './version';

export const USER_AGENT = `wiretrace/${version()} (feed reader; records articles into a local index)`;

export interface SourceOptions {
  timeoutMs: number;
  maxBytes: number;
  maxItems?: number;
}

export function isUrl(source: string): boolean {
  return /^https?:\/\//i.test(source);
}

const nodeFetch: FetchLike = (url, init) => fetch(url, init) as unknown as ReturnType<FetchLike>;

async function readBytes(path: string, maxBytes: number): Promise<Uint8Array> {
  await statInput(path, maxBytes);
  try {
    const fh = await open(path, 'r');
    try {
      return await fh.readFile();
    } finally {
      await fh.close();
    }
  } catch (e) {
    throw new InputError(path, fsMessage(e));
  }
}

/** A feed read from its URL or file; `url` is its address after redirects (undefined for a file). */
export async function readFeedSource(source: string, opts: SourceOptions): Promise<{ feed: Feed; url?: string; charset: string }> {
  if (isUrl(source)) {
    const r = await fetchFeed(source, undefined, { fetch: nodeFetch, now: Date.now, timeoutMs: opts.timeoutMs, maxBytes: opts.maxBytes, maxItems: opts.maxItems, headers: { 'User-Agent': USER_AGENT } });
    // No validators were sent, so a 304 cannot come back; read it as an empty answer if it does.
    if (r.status === 'not-modified') return { feed: { format: 'rss', items: [], itemsLeftOut: 0 }, url: source, charset: 'utf-8' };
    return { feed: r.feed, url: r.url, charset: r.charset };
  }
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(source)?.[1];
  if (scheme) throw new InputError(source, `${scheme.toLowerCase()}: addresses are not read; only http:// and https:// feeds are fetched (or give a saved feed file)`);
  const bytes = await readBytes(source, opts.maxBytes);
  const decoded = decodeFeedBytes(bytes);
  return { feed: parseFeed(decoded.text, { maxItems: opts.maxItems }), charset: decoded.charset };
}

/** Fetches an article page for pageArticle(). */
export function pageFetcher(opts: SourceOptions): PageFetcher {
  return async (url) => {
    const r = await fetchBytes(url, {
      fetch: nodeFetch,
      timeoutMs: opts.timeoutMs,
      maxBytes: opts.maxBytes,
      headers: { 'User-Agent': USER_AGENT, Accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5' },
    });
    if (r.status !== 'ok') throw new InputError(url, 'the server answered 304 Not Modified to a request that asked for no such thing');
    return { bytes: r.bytes, contentType: r.contentType, url: r.url };
  };
}
