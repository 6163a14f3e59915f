/**
 * The HTML parser a feed's items and pages are read with in the background (src/feeds' HtmlParser):
 * the browser's own DOMParser where the background has one (Firefox's background page), linkedom
 * where it has none (Node). Chromium's worker has none either, and reads items and pages in its
 * offscreen document (offscreen-parsers.ts) instead. Both give a detached document whose scripts
 * never run; relative links resolve against the page's address. Chosen by measurement:
 * docs/design.md, "Feeds in the extension".
 */
import { domParserDocument } from '../../src/extract/dom-parser-document';
import { htmlDocument } from '../../src/extract/linkedom-document';
import type { HtmlParser } from '../../src/feeds/item-article';

export function workerHtmlParser(): HtmlParser {
  return typeof DOMParser === 'function' ? domParserDocument : htmlDocument;
}
