/**
 * A detached document from HTML by the browser's own DOMParser, with the page's address as its base
 * (a <base> the page has is resolved against it), where a runtime has DOMParser: Firefox's background
 * page and Chromium's offscreen document (feed items and pages). Its scripts never run.
 */
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
