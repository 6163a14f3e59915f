/**
 * What src/feeds/ gives: a feed parsed into one normalised shape whatever its format (RSS 2.0,
 * RSS 1.0/RDF, Atom 1.0, JSON Feed 1.1), and the error every step throws with a message in words.
 * Plain data: it can cross the extension's message protocol.
 */

export type FeedFormat = 'rss' | 'rdf' | 'atom' | 'json';

/** One entry of a feed. Every field is optional: feeds leave out almost anything. */
export interface FeedItem {
  /** RSS guid, Atom id, JSON Feed id, RDF rdf:about, as written. */
  guid?: string;
  /** The article's address: absolute http(s), resolved against the item's and the feed's base URL. */
  link?: string;
  /** Plain text (markup in a title is reduced to its text). */
  title?: string;
  /** Publication time, epoch milliseconds (Atom `updated` or Dublin Core date when nothing else). */
  published?: number;
  author?: string;
  /**
   * The richest body the item carries, as HTML: content:encoded, Atom content, JSON Feed
   * content_html (content_text escaped to paragraphs), or the description when nothing richer is there.
   * Whether it is the whole article is decided after extraction (full-content.ts).
   */
  contentHtml?: string;
  /** The item's short text when it carries one apart from the body (description, Atom summary, JSON summary). */
  summary?: string;
}

export interface Feed {
  format: FeedFormat;
  title?: string;
  /** The site the feed belongs to (RSS channel link, Atom alternate link, JSON home_page_url), absolute. */
  siteUrl?: string;
  /** BCP 47 language of the feed, when it says. */
  lang?: string;
  items: FeedItem[];
  /** Items the feed holds beyond the `maxItems` read. */
  itemsLeftOut: number;
}

/**
 * Why a feed or an item could not be used, in words a user can act on. `code` lets the extension
 * pick its own (translated) message.
 */
export type FeedErrorCode =
  | 'binary'
  | 'empty'
  | 'charset'
  | 'malformed'
  | 'not-a-feed'
  | 'too-large'
  | 'http'
  | 'timeout'
  | 'network'
  | 'not-article'
  | 'no-article-text'
  | 'summary-only';

export class FeedError extends Error {
  override name = 'FeedError';
  constructor(
    readonly code: FeedErrorCode,
    message: string,
  ) {
    super(message);
  }
}
