/**
 * The outlet a feed's items are recorded under: the name the user gives, else the feed's title,
 * else its site's host name ("example.com"), else the host of the feed's own address.
 */
import type { Feed } from './feed-types';

/** "https://www.example.co.uk/x" -> "example.co.uk"; undefined without an http(s) host. */
export function readableHost(href: string | undefined): string | undefined {
  if (!href) return undefined;
  try {
    const url = new URL(href);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    return url.hostname.replace(/^www\d*\./i, '') || undefined;
  } catch {
    return undefined;
  }
}

export function feedOutlet(feed: Pick<Feed, 'title' | 'siteUrl'>, given?: string, feedUrl?: string): string | undefined {
  return given?.trim() || feed.title?.trim() || readableHost(feed.siteUrl) || readableHost(feedUrl);
}
