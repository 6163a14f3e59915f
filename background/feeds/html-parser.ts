/**
 * The HTML parser a feed's items and pages are read with in the background (src/feeds' HtmlParser):
 * the browser's own DOMParser where the background has one (Firefox's background page), linkedom
 * where it has none (Chromium's service worker). Both give a detached document whose scripts never
 * run; relative links resolve against the page's address. Chosen by measurement: docs/design.md,
 * "Feeds in the extension".
 */
import { htmlDocument } from '../../src/extract/linkedom-document';
import type { HtmlParser } from '../../src/feeds/item-article';

/** DOMParser's document, with the page's address as its base (a <base> the page has is resolved against it). */
export function domParserDocument(html: string, url: string): Document {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const own = doc.querySelector('base[href]');
  const href = (() => {
    try {
      return new URL(own?.getAttribute('href') ?? '', url).href;
    } catch {
      return url;
    }
  })();
  if (own) own.setAttribute('href', href);
  else {
    const base = doc.createElement('base');
    base.setAttribute('href', href);
    doc.head.prepend(base);
  }
  return doc;
}

export function workerHtmlParser(): HtmlParser {
  return typeof DOMParser === 'function' ? domParserDocument : htmlDocument;
}
