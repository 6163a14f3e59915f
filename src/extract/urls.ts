/**
 * A page's addresses: the canonical URL it declares (link rel=canonical, og:url), the address it
 * was read from, and the readable host name that stands in for an outlet nobody named.
 */
import type { ExtractedArticle } from '../extract-types';
import { meta } from './meta-tags';

export function absoluteHttpUrl(href: string | null | undefined, base: string): string | undefined {
  if (!href || !href.trim()) return undefined;
  try {
    const url = new URL(href.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

export function withoutHash(href: string): string {
  try {
    const url = new URL(href);
    url.hash = '';
    return url.href;
  } catch {
    return href.replace(/#.*$/, '');
  }
}

/** link rel=canonical, og:url (as absolute http(s) URLs, resolved against `href`), else `href` without its fragment. */
export function canonicalUrl(doc: Document, href: string): Pick<ExtractedArticle, 'url' | 'urlSource'> {
  for (const link of Array.from(doc.querySelectorAll('link[rel][href]'))) {
    const rels = (link.getAttribute('rel') ?? '').toLowerCase().split(/\s+/);
    if (!rels.includes('canonical')) continue;
    const url = absoluteHttpUrl(link.getAttribute('href'), href);
    if (url) return { url: withoutHash(url), urlSource: 'canonical' };
  }
  const og = absoluteHttpUrl(meta(doc, 'og:url'), href);
  if (og) return { url: withoutHash(og), urlSource: 'og:url' };
  return { url: withoutHash(href), urlSource: 'location' };
}

/** "www.example.co.uk" -> "example.co.uk"; undefined for addresses without a host (file: URLs). */
export function readableHostname(href: string): string | undefined {
  try {
    const host = new URL(href).hostname.replace(/^www\d*\./i, '');
    return host || undefined;
  } catch {
    return undefined;
  }
}
