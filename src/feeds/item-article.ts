/**
 * A feed item to an article the engine can record, through the same extraction as a page in the
 * browser (src/extract/): an item that carries the whole article (full-content.ts) is read from its
 * body; any other item with a link is read from its page, fetched by the caller's `fetchPage` and
 * decoded by its charset. The DOM comes from the caller's `parseHtml` (linkedom in the CLI and in a
 * worker without one, DOMParser where there is one): markup is only ever parsed into a detached
 * document, never put into a page, and scripts in it are neither run nor read as text.
 * Every failure is a FeedError saying why in words; nothing here throws anything else.
 */
import type { ArticleInput } from '../engine/types';
import { extractArticle } from '../extract/extract-article';
import { readAtUrl } from '../extract/urls';
import { FeedError, type FeedItem } from './feed-types';
import { judgeContent, type ContentJudgement } from './full-content';
import { itemKeys } from './item-keys';
import { fetchItemPage, type ItemPage, type PageFetcher } from './item-page';

/** Parses HTML into a detached Document whose base URL is `url`. */
export type HtmlParser = (html: string, url: string) => Document;

export type { PageFetcher } from './item-page';

export interface ItemContext {
  /** The outlet every item of the feed is recorded under (feed-outlet.ts). */
  outlet: string;
  lang?: string;
  /** Where the feed was read from (a base for items without a link). */
  feedUrl?: string;
}

export type ContentReading =
  | { status: 'full'; article: ArticleInput; keys: string[] }
  /** The body is a summary (or missing): the article must come from the item's page. */
  | { status: 'summary'; judgement?: ContentJudgement };

function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function isoOf(ms: number | undefined): string | undefined {
  return ms === undefined ? undefined : new Date(ms).toISOString();
}

function article(item: FeedItem, ctx: ItemContext, id: string, url: string | undefined, paragraphs: string[], page?: { title?: string; published?: string; lang?: string; pageUrl?: string }): ArticleInput {
  const out: ArticleInput = { id, outlet: ctx.outlet, paragraphs };
  if (url) out.url = url;
  if (page?.pageUrl && page.pageUrl !== url) out.pageUrl = page.pageUrl;
  const title = item.title ?? page?.title;
  if (title) out.title = title;
  const published = isoOf(item.published) ?? page?.published;
  if (published) out.published = published;
  const lang = page?.lang ?? ctx.lang;
  if (lang) out.lang = lang;
  if (item.guid) out.guid = item.guid;
  return out;
}

/** The item's own body read as an article, when it carries the whole one. Never throws. */
export function contentArticle(item: FeedItem, ctx: ItemContext, parseHtml: HtmlParser): ContentReading {
  if (!item.contentHtml) return { status: 'summary' };
  const href = item.link ?? ctx.feedUrl ?? 'about:blank';
  let paragraphs: string[] = [];
  let lang: string | undefined;
  try {
    const html = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${escapeText(item.title ?? '')}</title></head><body><article>${item.contentHtml}</article></body></html>`;
    const read = extractArticle(parseHtml(html, href), { href }, { force: true });
    if (read.status === 'ok') {
      paragraphs = read.article.paragraphs;
      lang = read.article.lang;
    }
  } catch {
    return { status: 'summary' };
  }
  const judgement = judgeContent(paragraphs);
  if (!judgement.full) return { status: 'summary', judgement };
  const id = item.link ?? item.guid;
  if (!id) return { status: 'summary', judgement };
  return { status: 'full', article: article(item, ctx, id, item.link, paragraphs, { lang }), keys: itemKeys(item) };
}

/** The item's page, fetched and read as an article. Throws FeedError. */
export async function pageArticle(item: FeedItem, ctx: ItemContext, deps: { parseHtml: HtmlParser; fetchPage: PageFetcher }): Promise<{ article: ArticleInput; keys: string[] }> {
  return articleOfPage(item, ctx, await fetchItemPage(item, deps.fetchPage), deps.parseHtml);
}

/** The item's page, fetched and decoded (item-page.ts), read as an article. Throws FeedError. */
export function articleOfPage(item: FeedItem, ctx: ItemContext, page: ItemPage, parseHtml: HtmlParser): { article: ArticleInput; keys: string[] } {
  let read;
  try {
    read = extractArticle(parseHtml(page.html, page.url), { href: page.url });
  } catch (e) {
    throw new FeedError('no-article-text', `cannot read the page ${page.url} (${(e as Error).message})`);
  }
  if (read.status === 'error') throw new FeedError('no-article-text', `cannot read the page ${page.url} (${read.message})`);
  if (read.status === 'not-article') throw new FeedError('not-article', `${page.url} is not an article: ${read.reason.replace(/\.$/, '').replace(/^The /, 'the ')}`);
  const a = read.article;
  const canonical = a.url && /^https?:/i.test(a.url) ? a.url : page.url;
  return {
    article: article(item, ctx, canonical, canonical, a.paragraphs, { title: a.title, published: a.published, lang: a.lang, pageUrl: readAtUrl(page.url, canonical) }),
    keys: itemKeys(item, canonical),
  };
}
