/**
 * Sites as host permissions name them: the origin of a feed's or a page's address, and the match
 * pattern the extension asks the user for. Patterns carry no port, since Firefox's match patterns
 * have none (Chromium's port-less pattern covers every port of the host too).
 */

/** "https://example.com:8443/a/b" -> "https://example.com:8443"; undefined unless http(s). */
export function httpOrigin(href: string | undefined): string | undefined {
  if (!href) return undefined;
  try {
    const url = new URL(href);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

/** The host permission pattern for an http(s) address or origin: "https://example.com/*". */
export function originPattern(href: string): string {
  const url = new URL(href);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError(`not an http(s) address: ${href}`);
  return `${url.protocol}//${url.hostname}/*`;
}

/** The patterns for several origins, each once, in order. */
export function originPatterns(origins: readonly string[]): string[] {
  return [...new Set(origins.map(originPattern))];
}

/** Whether `href`'s origin is one of `origins` (compared as origins, so a path or a query never matters). */
export function originAllowed(href: string, origins: readonly string[]): boolean {
  const o = httpOrigin(href);
  return o !== undefined && origins.includes(o);
}
