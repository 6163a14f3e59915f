/**
 * Resolving a feed's links: relative links in items, against xml:base (item, then feed) and the
 * feed's own address. Only absolute http(s) links come out: a javascript:, data: or mailto: link is
 * no article's address.
 */

/** `href` resolved against each base in turn (the first base that makes it a valid URL). */
export function resolveHref(href: string | undefined, base: string | undefined): string | undefined {
  if (!href || !href.trim()) return undefined;
  try {
    return new URL(href.trim(), base).href;
  } catch {
    return undefined;
  }
}

/** An absolute http(s) URL without its fragment, or undefined. */
export function httpUrl(href: string | undefined, base?: string): string | undefined {
  const abs = resolveHref(href, base);
  if (!abs) return undefined;
  const url = new URL(abs);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  url.hash = '';
  return url.href;
}

/** The base an item's links resolve against: its xml:base over the feed's, over the feed's address. */
export function baseFor(feedUrl: string | undefined, ...xmlBases: Array<string | undefined>): string | undefined {
  let base = feedUrl;
  for (const b of xmlBases) if (b) base = resolveHref(b, base) ?? base;
  return base;
}
