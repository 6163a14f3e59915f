/**
 * A feed item's page, fetched by the caller's `fetchPage` and decoded by its charset (decode-page.ts):
 * the half of reading an item's page that needs no HTML parser, which Chromium's worker does itself
 * before its offscreen document reads the page (item-article.ts articleOfPage).
 */
import { decodePageBytes } from './decode-page';
import { FeedError, type FeedItem } from './feed-types';

/** Fetches a page: its bytes, Content-Type and final address (after redirects). Throws FeedError. */
export type PageFetcher = (url: string) => Promise<{ bytes: Uint8Array; contentType?: string; url: string }>;

/** A page as text, with the address it was read from. */
export interface ItemPage {
  html: string;
  url: string;
}

/** The item's page, fetched and decoded. Throws FeedError (no link, or the fetch's or the decoding's). */
export async function fetchItemPage(item: FeedItem, fetchPage: PageFetcher): Promise<ItemPage> {
  if (!item.link) throw new FeedError('summary-only', 'carries no full article and no link to one');
  const page = await fetchPage(item.link);
  return { html: decodePageBytes(page.bytes, page.contentType), url: page.url };
}
