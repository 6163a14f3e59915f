/**
 * HTML pages for the CLI: the page parsed with linkedom and read by the same extraction as the
 * extension's content script (src/extract/), so a page audited here and checked in the browser gives
 * the same paragraphs, outlet and time. This file only adapts the result to a file on disk:
 *   - the page's address is its file: URL, so `url` is only what the page declares (canonical, og:url);
 *   - an outlet the page does not name is its canonical URL's host name (as the extension falls back
 *     to the host name of the page's address), else left to the caller (--outlet, the file name);
 *   - times are written as the CLI writes every time (ISO 8601 with milliseconds).
 */
import { extractArticle } from '../src/extract/extract-article';
import { htmlDocument } from '../src/extract/linkedom-document';
import type { NotArticleWhy } from '../src/extract-types';
import { UNKNOWN_OUTLET } from '../src/extract/metadata';
import { isoTime } from './time';

export interface HtmlArticle {
  title?: string;
  paragraphs: string[];
  outlet?: string;
  published?: string;
  url?: string;
  lang?: string;
}

export type HtmlReading =
  /** `notArticle`: the page is not an article (extract-article.ts) and was read because of `force`. */
  | { status: 'ok'; article: HtmlArticle; notArticle?: Exclude<NotArticleWhy, 'no-text'> }
  /** Why the page holds no article, and that said in English (extract-article.ts). */
  | { status: 'not-article'; why: NotArticleWhy; reason: string; words?: number }
  | { status: 'error'; message: string };

export { htmlDocument };

/** The article of a page read from `baseUrl` (the file's URL, or a corpus line's url). */
export function extractHtml(html: string, baseUrl: string, opts: { force?: boolean } = {}): HtmlReading {
  let doc: Document;
  try {
    doc = htmlDocument(html, baseUrl);
  } catch (e) {
    return { status: 'error', message: (e as Error).message };
  }
  const result = extractArticle(doc, { href: baseUrl }, opts);
  if (result.status === 'error') return result;
  if (result.status === 'not-article') return { status: 'not-article', why: result.why, reason: result.reason, words: result.words };
  const a = result.article;
  return {
    status: 'ok',
    ...(result.notArticle ? { notArticle: result.notArticle } : {}),
    article: {
      title: a.title,
      paragraphs: a.paragraphs,
      outlet: a.outletSource === 'hostname' && a.outlet === UNKNOWN_OUTLET ? undefined : a.outlet,
      published: isoTime(a.published),
      url: a.urlSource === 'location' && !/^https?:/i.test(baseUrl) ? undefined : a.url,
      lang: a.lang,
    },
  };
}
