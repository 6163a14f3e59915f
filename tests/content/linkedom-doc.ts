/** A linkedom Document for a page at `url` (linkedom leaves baseURI/documentURI null; Readability reads them). */
import { parseHTML } from 'linkedom';

export function pageDocument(html: string, url: string): Document {
  const { document } = parseHTML(html);
  for (const key of ['baseURI', 'documentURI', 'URL']) {
    Object.defineProperty(document, key, { value: url, configurable: true });
  }
  return document as unknown as Document;
}
