/**
 * A DOM Document from HTML where the runtime has none (Node, the extension's service worker):
 * linkedom, a pure JavaScript DOM, with the address the page was read from set as its base, as a
 * browser's parsed document has it. The markup is parsed, never run: scripts stay inert elements.
 *
 * Bounded like a browser's parser (page-limits.ts): markup whose parsing would cost more than a page
 * may (markup-cost.ts: nesting 100,000 deep, or over MAX_ELEMENTS elements) is refused before it is
 * parsed, with a PageLimitError saying why; elements nested deeper than MAX_DEPTH are moved beside
 * the deepest, as Chromium's parser places them.
 */
import { parseHTML } from 'linkedom';
import { markupCost } from './markup-cost';
import { flattenBelow, MAX_DEPTH, MAX_ELEMENTS, PageLimitError } from './page-limits';

const count = (n: number) => n.toLocaleString('en-GB');

/** linkedom leaves baseURI and documentURI null; Readability resolves the article's links against them. */
export function htmlDocument(html: string, url: string): Document {
  const cost = markupCost(html, MAX_ELEMENTS);
  if (cost.over === 'elements') throw new PageLimitError(`the page has more than ${count(MAX_ELEMENTS)} elements, more than a page is read with`);
  if (cost.over === 'steps') throw new PageLimitError(`the page nests its elements too deeply to read: ${count(cost.depth)} levels and more, where a browser builds at most ${MAX_DEPTH}`);
  const { document } = parseHTML(html);
  for (const key of ['baseURI', 'documentURI', 'URL']) Object.defineProperty(document, key, { value: url, configurable: true });
  // linkedom may add html and body around markup without them: flatten from a little below the limit.
  if (cost.depth > MAX_DEPTH - 16) flattenBelow(document, MAX_DEPTH);
  return document as unknown as Document;
}
