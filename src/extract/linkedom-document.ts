/**
 * A DOM Document from HTML where the runtime has none (Node, the extension's service worker):
 * linkedom, a pure JavaScript DOM, with the address the page was read from set as its base, as a
 * browser's parsed document has it. The markup is parsed, never run: scripts stay inert elements.
 */
import { parseHTML } from 'linkedom';

/** linkedom leaves baseURI and documentURI null; Readability resolves the article's links against them. */
export function htmlDocument(html: string, url: string): Document {
  const { document } = parseHTML(html);
  for (const key of ['baseURI', 'documentURI', 'URL']) Object.defineProperty(document, key, { value: url, configurable: true });
  return document as unknown as Document;
}
