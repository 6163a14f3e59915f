/**
 * A page's addresses: the canonical URL it declares (link rel=canonical, og:url), the address it
 * was read from (kept beside the canonical one when they differ), and the readable host name that
 * stands in for an outlet nobody named.
 */
import { pageUrlProblem } from '../engine/validate';
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

/**
 * The site of a host: its registrable part, approximated as the last two labels, or three where the
 * second-level label is a generic one under a country code ("news.bbc.co.uk" -> "bbc.co.uk",
 * "www.nytimes.com" -> "nytimes.com"). Hosts that are IP addresses are their own site.
 */
export function siteOf(host: string): string {
  const h = host.toLowerCase().replace(/\.$/, '');
  if (/^[\d.]+$/.test(h) || h.includes(':')) return h;
  const labels = h.split('.');
  const generic = labels.length >= 3 && labels[labels.length - 1].length === 2 && /^(co|com|org|net|ac|gov|edu|ne|or|go|gv)$/.test(labels[labels.length - 2]);
  return labels.slice(generic ? -3 : -2).join('.');
}

/** Whether `claimed` is on the same site as the page at `href` (a page read from a file may claim any). */
function mayClaim(claimed: string, href: string): boolean {
  let page: URL;
  try {
    page = new URL(href);
  } catch {
    return true;
  }
  if (page.protocol !== 'http:' && page.protocol !== 'https:') return true;
  return siteOf(new URL(claimed).hostname) === siteOf(page.hostname);
}

/**
 * link rel=canonical, og:url (as absolute http(s) URLs, resolved against `href`) when on the page's
 * own site, else `href` without its fragment. A page cannot take another site's place in the index
 * by declaring its address: a canonical URL elsewhere is ignored (a page read from a file, which has
 * no site of its own, keeps what it declares).
 */
export function canonicalUrl(doc: Document, href: string): Pick<ExtractedArticle, 'url' | 'urlSource'> {
  for (const link of Array.from(doc.querySelectorAll('link[rel][href]'))) {
    const rels = (link.getAttribute('rel') ?? '').toLowerCase().split(/\s+/);
    if (!rels.includes('canonical')) continue;
    const url = absoluteHttpUrl(link.getAttribute('href'), href);
    if (url && mayClaim(url, href)) return { url: withoutHash(url), urlSource: 'canonical' };
  }
  const og = absoluteHttpUrl(meta(doc, 'og:url'), href);
  if (og && mayClaim(og, href)) return { url: withoutHash(og), urlSource: 'og:url' };
  return { url: withoutHash(href), urlSource: 'location' };
}

/**
 * The address the page was read at (`href` without its fragment) when it is not `url`, the address
 * the article is recorded under: the record keeps it beside the canonical URL. Only an http(s)
 * address an article may carry (pageUrlProblem); a file: URL (the CLI) is no page's address.
 */
export function readAtUrl(href: string, url: string): string | undefined {
  const at = withoutHash(href);
  return at !== url && !pageUrlProblem(at) ? at : undefined;
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
