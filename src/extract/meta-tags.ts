/** <meta> values by key: property=, name= or itemprop=, keys compared in lower case. */
import { collapseWhitespace } from './text';

/** The first non-empty content of a <meta> whose property, name or itemprop is one of `keys` (in key order). */
export function meta(doc: Document, ...keys: string[]): string | undefined {
  const tags = Array.from(doc.querySelectorAll('meta[content]'));
  for (const key of keys) {
    for (const attr of ['property', 'name', 'itemprop']) {
      for (const el of tags) {
        if ((el.getAttribute(attr) ?? '').toLowerCase() !== key) continue;
        const content = collapseWhitespace(el.getAttribute('content') ?? '');
        if (content) return content;
      }
    }
  }
  return undefined;
}
