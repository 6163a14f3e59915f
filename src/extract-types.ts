/**
 * What extraction (src/extract/) gives for a page: the content script sends it back to the
 * background, the CLI reads its HTML inputs with it. Shared by content/, background/, popup/ and cli/
 * (plain data: it crosses the message protocol).
 */
import type { ArticleInput } from './engine/types';

export interface ExtractedArticle extends ArticleInput {
  /** The page's canonical URL (link rel=canonical, og:url, else location without hash). */
  url: string;
  /** Where `url` came from: the page's own canonical link or og:url, or the address it was read from. */
  urlSource?: 'canonical' | 'og:url' | 'location';
  /** The address the page was read at (location without hash), when it is not `url`. */
  pageUrl?: string;
  byline?: string;
  /** How the outlet name was found. */
  outletSource: 'og:site_name' | 'json-ld' | 'hostname' | 'application-name';
  /** How the publication time was found, when it was. */
  publishedSource?: 'article:published_time' | 'json-ld' | 'time' | 'meta';
}

/**
 * Why a page is not an article: it does not look like one ('not-readerable': isProbablyReaderable
 * false, and `force` extracts it anyway), Readability found no text in it ('no-text'), or its text
 * is too short to be one ('too-short': fewer than MIN_ARTICLE_WORDS words, counted as the engine
 * counts them).
 */
export type NotArticleWhy = 'not-readerable' | 'no-text' | 'too-short';

export type ExtractResult =
  /**
   * `readerable`: isProbablyReaderable's answer. `notArticle`: the page is not an article (it does not
   * look like one, or its text is too short) and was read because `force` asked for it.
   */
  | { status: 'ok'; article: ExtractedArticle; readerable: boolean; notArticle?: Exclude<NotArticleWhy, 'no-text'> }
  /** `reason` is English (logs, the CLI); `words` the article text's words, for 'too-short'. */
  | { status: 'not-article'; why: NotArticleWhy; reason: string; url: string; title?: string; readerable?: boolean; words?: number }
  | { status: 'error'; message: string };

/** A passage to highlight on the page: offsets into the extracted paragraph as sent in ExtractedArticle. */
export interface HighlightMark {
  paragraph: number;
  start: number;
  end: number;
  /** Accessible label, e.g. "appeared earlier in BBC News, 26 Aug 2016". */
  label: string;
  kind: 'copied' | 'quote';
}

/**
 * Messages the background (or popup) sends to the content script with tabs.sendMessage, and what
 * the content script answers. The content script is injected on demand (scripting.executeScript with
 * files: ['content.js']) and must tolerate being injected twice into one page (answer once).
 */
export type ContentRequest =
  | { type: 'wiretrace:extract'; force?: boolean }
  | { type: 'wiretrace:highlight'; marks: HighlightMark[] }
  | { type: 'wiretrace:clear-highlights' }
  | { type: 'wiretrace:ping' };

export interface ContentResponses {
  'wiretrace:extract': ExtractResult;
  /** How many marks were placed (a passage can fail to map when the page changed since extraction). */
  'wiretrace:highlight': { placed: number; missed: number };
  'wiretrace:clear-highlights': { removed: number };
  'wiretrace:ping': { ok: true };
}
