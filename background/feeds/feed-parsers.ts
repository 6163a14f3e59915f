/**
 * The feed machinery's parsers, in one module the background loads on first use (lazy-parsers.ts):
 * feedsmith for the feeds (src/feeds/conditional-get.ts), Readability for items and pages
 * (src/feeds/item-article.ts) and the HTML parser they are read with (html-parser.ts: linkedom in
 * Chromium's service worker). They are most of the background's code, and a worker woken for a
 * popup's check needs none of them.
 */
export { fetchFeed } from '../../src/feeds/fetch-feed';
export { contentArticle, pageArticle } from '../../src/feeds/item-article';
export { workerHtmlParser } from './html-parser';
