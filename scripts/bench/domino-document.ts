/**
 * domino (@mixmark-io/domino, a pure JavaScript DOM) as an HTML parser for the parser bench, when the
 * bench put it into the probe's global scope (it is no dependency of the project: the bench is given
 * its directory); undefined otherwise. Its document gets the page's address as its base, as
 * linkedom's does in src/extract/linkedom-document.ts, and its node lists an iterator: the least
 * that src/extract needs of a DOM.
 */
interface Domino {
  createDocument(html: string, force?: boolean): Document;
}

const domino = (globalThis as { wiretraceDomino?: Domino }).wiretraceDomino;

/** domino's node lists are array-likes without an iterator, which src/extract iterates with for…of. */
function iterable(list: object | null | undefined): void {
  const proto = list && Object.getPrototypeOf(list);
  if (proto && !(Symbol.iterator in proto)) Object.defineProperty(proto, Symbol.iterator, { value: Array.prototype[Symbol.iterator], configurable: true });
}

export const dominoDocument: ((html: string, url: string) => Document) | undefined = domino
  ? (html, url) => {
      const doc = domino.createDocument(html, true);
      iterable(doc.querySelectorAll('*'));
      iterable(doc.getElementsByTagName('*'));
      iterable(doc.documentElement?.children);
      iterable(doc.childNodes);
      // A clone (Readability reads one) has no address, as a linkedom clone has none: not domino's NotYetImplemented.
      const proto = Object.getPrototypeOf(doc) as object;
      if (Object.getOwnPropertyDescriptor(proto, 'baseURI')?.configurable !== false) Object.defineProperty(proto, 'baseURI', { get: () => null, configurable: true });
      for (const key of ['baseURI', 'documentURI', 'URL']) Object.defineProperty(doc, key, { value: url, configurable: true });
      return doc;
    }
  : undefined;
