/**
 * A feed's text to the normalised Feed (feed-types.ts), by the feedsmith package: it detects RSS
 * 0.9x/2.0, RSS 1.0 (RDF), Atom and JSON Feed, decodes entities and CDATA, and maps each format's
 * fields; this file only picks, per format, which of them make an item's guid, link, title, time,
 * author, body and summary. Links are resolved (links.ts), titles reduced to text (feed-text.ts).
 * Malformed XML or JSON, and text that is no feed, become a FeedError in words.
 */
import { parseFeed as feedsmithParse, type AtomFeed, type JsonFeed, type RdfFeed, type RssFeed } from 'feedsmith';
import { FeedError, type Feed, type FeedItem } from './feed-types';
import { feedTime, plainText, textToHtml } from './feed-text';
import { baseFor, httpUrl } from './links';

export interface ParseFeedOptions {
  /** Where the feed was read from: relative links resolve against it (when http(s)), else the site's link. */
  url?: string;
  /** Read at most this many items (the first ones, in the feed's order); the rest are counted in itemsLeftOut. */
  maxItems?: number;
}

type Rss = RssFeed.Feed<string>;
type Rdf = RdfFeed.Feed<string>;
type Atom = AtomFeed.Feed<string>;
type Json = JsonFeed.Feed<string>;

const first = <T>(a: T[] | undefined): T | undefined => (a && a.length ? a[0] : undefined);
const nonEmpty = (s: string | undefined): string | undefined => (s && s.trim() ? s : undefined);

/** Drops the fields left undefined, so items compare and serialise cleanly. */
function compact(item: FeedItem): FeedItem {
  const out: FeedItem = {};
  for (const [k, v] of Object.entries(item) as Array<[keyof FeedItem, FeedItem[keyof FeedItem]]>) {
    if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  }
  return out;
}

function isHttp(url: string | undefined): url is string {
  return !!url && /^https?:/i.test(url);
}

function fromRss(feed: Rss | Rdf, format: 'rss' | 'rdf', opts: ParseFeedOptions): Omit<Feed, 'itemsLeftOut'> & { all: FeedItem[] } {
  const siteUrl = httpUrl(feed.link, opts.url);
  const feedBase = baseFor(isHttp(opts.url) ? opts.url : siteUrl, feed.xml?.base);
  const all = (feed.items ?? []).map((item) => {
    const base = baseFor(feedBase, item.xml?.base);
    const rss = format === 'rss' ? (item as RssFeed.Item<string>) : undefined;
    const rdf = format === 'rdf' ? (item as RdfFeed.Item<string>) : undefined;
    const guid = nonEmpty(rss?.guid?.value ?? rdf?.rdf?.about);
    // A guid is the article's address unless it says it is not (isPermaLink="false").
    const guidLink = rss?.guid && rss.guid.isPermaLink !== false ? httpUrl(guid, base) : undefined;
    const encoded = nonEmpty(item.content?.encoded);
    const description = nonEmpty(item.description);
    return compact({
      guid,
      link: httpUrl(item.link, base) ?? guidLink,
      title: plainText(item.title),
      published: feedTime(rss?.pubDate) ?? feedTime(first(item.dc?.dates)) ?? feedTime(item.dcterms?.issued) ?? feedTime(item.dcterms?.created),
      author: plainText(first(rss?.authors)?.name ?? first(item.dc?.creators)),
      contentHtml: encoded ?? description,
      summary: encoded && description ? plainText(description, true) : undefined,
    });
  });
  return { format, title: plainText(feed.title), siteUrl, lang: nonEmpty((feed as Rss).language ?? first(feed.dc?.languages)), items: [], all };
}

function atomLink(links: AtomFeed.Link<string>[] | undefined, base: string | undefined): string | undefined {
  const alternate = (links ?? []).filter((l) => !l.rel || l.rel === 'alternate');
  const html = alternate.find((l) => !l.type || /html/i.test(l.type)) ?? alternate[0];
  return httpUrl(html?.href, base);
}

function atomHtml(content: { value?: string; type?: string } | undefined): string | undefined {
  const value = nonEmpty(content?.value);
  if (!value) return undefined;
  const type = (content?.type ?? 'text').toLowerCase();
  return type === 'html' || type === 'xhtml' || /html/.test(type) ? value : textToHtml(value);
}

function fromAtom(feed: Atom, opts: ParseFeedOptions): Omit<Feed, 'itemsLeftOut'> & { all: FeedItem[] } {
  const docBase = baseFor(opts.url, feed.xml?.base);
  const siteUrl = atomLink(feed.links, docBase);
  const feedBase = isHttp(docBase) ? docBase : baseFor(siteUrl, feed.xml?.base);
  const all = (feed.entries ?? []).map((entry) => {
    const base = baseFor(feedBase, entry.xml?.base);
    const content = atomHtml(entry.content);
    const summary = entry.summary?.value;
    return compact({
      guid: nonEmpty(entry.id),
      link: atomLink(entry.links, base) ?? (entry.content?.src ? httpUrl(entry.content.src, base) : undefined),
      title: plainText(entry.title?.value, /html/i.test(entry.title?.type ?? '') || undefined),
      published: feedTime(entry.published) ?? feedTime(first(entry.dc?.dates)) ?? feedTime(entry.updated),
      author: plainText(first(entry.authors)?.name ?? first(entry.dc?.creators)),
      contentHtml: content ?? atomHtml(entry.summary),
      summary: content && summary ? plainText(summary, /html/i.test(entry.summary?.type ?? '') || undefined) : undefined,
    });
  });
  return { format: 'atom', title: plainText(feed.title?.value, /html/i.test(feed.title?.type ?? '') || undefined), siteUrl, lang: nonEmpty(feed.xml?.lang), items: [], all };
}

function fromJson(feed: Json, opts: ParseFeedOptions): Omit<Feed, 'itemsLeftOut'> & { all: FeedItem[] } {
  const siteUrl = httpUrl(feed.home_page_url, opts.url);
  const base = isHttp(opts.url) ? opts.url : siteUrl ?? httpUrl(feed.feed_url);
  const all = (feed.items ?? []).map((item) => {
    const html = nonEmpty(item.content_html) ?? (nonEmpty(item.content_text) ? textToHtml(item.content_text!) : undefined);
    return compact({
      guid: item.id === undefined || item.id === null ? undefined : nonEmpty(String(item.id)),
      link: httpUrl(item.url, base) ?? httpUrl(item.external_url, base),
      title: plainText(item.title, false),
      published: feedTime(item.date_published) ?? feedTime(item.date_modified),
      author: plainText(first(item.authors)?.name ?? first(feed.authors)?.name, false),
      contentHtml: html ?? (nonEmpty(item.summary) ? textToHtml(item.summary!) : undefined),
      summary: html ? plainText(item.summary, false) : undefined,
    });
  });
  return { format: 'json', title: plainText(feed.title, false), siteUrl, lang: nonEmpty(feed.language), items: [], all };
}

/** Why the text is not JSON, in the words of the JSON parser. */
function jsonProblem(text: string): string | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

function lower(message: string): string {
  return message.charAt(0).toLowerCase() + message.slice(1);
}

export function parseFeed(text: string, opts: ParseFeedOptions = {}): Feed {
  const body = text.replace(/^\uFEFF/, '');
  const start = body.trimStart();
  if (!start) throw new FeedError('empty', 'contains no text (only whitespace)');
  if (start.startsWith('{') || start.startsWith('[')) {
    const problem = jsonProblem(start);
    if (problem) throw new FeedError('malformed', `is not valid JSON (${lower(problem)})`);
  } else if (!start.startsWith('<')) {
    throw new FeedError('not-a-feed', 'is not a feed (neither XML nor JSON: it does not start with "<" or "{")');
  } else if (/^(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*(?:<!doctype\s+html|<html[\s>])/i.test(start)) {
    throw new FeedError('not-a-feed', 'is an HTML page, not a feed (a feed is RSS, Atom, RDF or JSON Feed)');
  }
  let parsed;
  try {
    parsed = feedsmithParse(body);
  } catch (e) {
    const err = e as Error & { cause?: unknown };
    const cause = err.cause instanceof Error ? err.cause.message : undefined;
    if (err.name === 'MalformedError') throw new FeedError('malformed', `is not well-formed XML${cause ? ` (${lower(cause)})` : ''}`);
    if (err.name === 'DetectError') throw new FeedError('not-a-feed', start.startsWith('{') ? 'is JSON but not a JSON Feed (no "version" of jsonfeed.org and "items")' : 'is XML but not a feed (no <rss>, <rdf:RDF> or Atom <feed> element)');
    throw new FeedError('malformed', `cannot be read as a feed (${lower(err.message || String(e))})`);
  }
  const read =
    parsed.format === 'rss' ? fromRss(parsed.feed, 'rss', opts)
    : parsed.format === 'rdf' ? fromRss(parsed.feed, 'rdf', opts)
    : parsed.format === 'atom' ? fromAtom(parsed.feed, opts)
    : fromJson(parsed.feed, opts);
  const max = opts.maxItems ?? Infinity;
  const items = read.all.length > max ? read.all.slice(0, max) : read.all;
  const { all, ...feed } = read;
  return { ...feed, items, itemsLeftOut: all.length - items.length };
}
