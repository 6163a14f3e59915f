/**
 * Page metadata for an extracted article: canonical URL, outlet, publication time, language.
 * Each reader returns the value and where it was found, so reports can say how sure they are.
 */
import type { ExtractedArticle } from '../src/extract-types';
import { collapseWhitespace } from './text';
import { jsonLdDatePublished, jsonLdObjects, jsonLdPublisherName, type JsonObject } from './json-ld';

function meta(doc: Document, ...keys: string[]): string | undefined {
  for (const key of keys) {
    for (const attr of ['property', 'name', 'itemprop']) {
      for (const el of Array.from(doc.querySelectorAll(`meta[${attr}]`))) {
        if ((el.getAttribute(attr) ?? '').toLowerCase() !== key) continue;
        const content = collapseWhitespace(el.getAttribute('content') ?? '');
        if (content) return content;
      }
    }
  }
  return undefined;
}

function absoluteHttpUrl(href: string | null | undefined, base: string): string | undefined {
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

/** link rel=canonical, og:url, else the location without its fragment. */
export function canonicalUrl(doc: Document, href: string): string {
  for (const link of Array.from(doc.querySelectorAll('link[rel][href]'))) {
    const rels = (link.getAttribute('rel') ?? '').toLowerCase().split(/\s+/);
    if (!rels.includes('canonical')) continue;
    const url = absoluteHttpUrl(link.getAttribute('href'), href);
    if (url) return withoutHash(url);
  }
  const og = absoluteHttpUrl(meta(doc, 'og:url'), href);
  return withoutHash(og ?? href);
}

/** "www.example.co.uk" -> "example.co.uk". */
export function readableHostname(href: string): string | undefined {
  try {
    const host = new URL(href).hostname.replace(/^www\d*\./i, '');
    return host || undefined;
  } catch {
    return undefined;
  }
}

export function findOutlet(
  doc: Document,
  hrefs: string[],
  ld: JsonObject[],
): Pick<ExtractedArticle, 'outlet' | 'outletSource'> {
  const og = meta(doc, 'og:site_name');
  if (og) return { outlet: og, outletSource: 'og:site_name' };
  const publisher = jsonLdPublisherName(ld);
  if (publisher) return { outlet: collapseWhitespace(publisher), outletSource: 'json-ld' };
  const app = meta(doc, 'application-name');
  if (app) return { outlet: app, outletSource: 'application-name' };
  for (const href of hrefs) {
    const host = readableHostname(href);
    if (host) return { outlet: host, outletSource: 'hostname' };
  }
  return { outlet: 'unknown site', outletSource: 'hostname' };
}

/**
 * Normalises a date string to ISO 8601 UTC ("2016-08-26T10:00:00Z"; milliseconds only when set).
 * Returns undefined for unparseable or implausible dates (before 1990, more than a day ahead).
 */
export function toIsoDate(value: string | undefined | null, now = Date.now()): string | undefined {
  if (!value) return undefined;
  let text = value.trim();
  if (!text) return undefined;
  // Unix timestamps (seconds or milliseconds).
  if (/^\d{10}(\d{3})?$/.test(text)) text = new Date(Number(text) * (text.length === 10 ? 1000 : 1)).toISOString();
  // "2016-08-26 10:00:00" (space instead of T) and "+0200" offsets are not parsed by every engine.
  text = text.replace(/^(\d{4}-\d{2}-\d{2})\s+(\d{1,2}:\d{2})/, '$1T$2').replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) return undefined;
  if (ms < Date.UTC(1990, 0, 1) || ms > now + 86_400_000) return undefined;
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

export function findPublished(
  doc: Document,
  ld: JsonObject[],
): Pick<ExtractedArticle, 'published' | 'publishedSource'> {
  const candidates: Array<[string | undefined, NonNullable<ExtractedArticle['publishedSource']>]> = [
    [meta(doc, 'article:published_time'), 'article:published_time'],
    [jsonLdDatePublished(ld), 'json-ld'],
  ];
  const time =
    doc.querySelector('article time[datetime]') ??
    doc.querySelector('time[pubdate][datetime]') ??
    doc.querySelector('[itemprop="datePublished" i][datetime]');
  candidates.push([time?.getAttribute('datetime') ?? undefined, 'time']);
  candidates.push([
    meta(doc, 'datepublished', 'date', 'pubdate', 'publishdate', 'publish-date', 'dc.date', 'dc.date.issued', 'dcterms.created', 'dcterms.date', 'sailthru.date', 'parsely-pub-date', 'og:published_time', 'article.published'),
    'meta',
  ]);
  for (const [value, source] of candidates) {
    const iso = toIsoDate(value);
    if (iso) return { published: iso, publishedSource: source };
  }
  return {};
}

/** BCP 47 tag from <html lang>, else Content-Language or og:locale ("en_GB" -> "en-GB"). */
export function findLang(doc: Document, fallback?: string | null): string | undefined {
  const candidates = [
    doc.documentElement?.getAttribute('lang'),
    doc.documentElement?.getAttribute('xml:lang'),
    fallback,
    doc.querySelector('meta[http-equiv="content-language" i]')?.getAttribute('content'),
    meta(doc, 'og:locale'),
  ];
  for (const c of candidates) {
    const tag = (c ?? '').trim().split(/[\s,]/)[0].replace(/_/g, '-');
    if (/^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/i.test(tag)) return tag;
  }
  return undefined;
}

export function findTitle(doc: Document, readabilityTitle: string | null | undefined): string | undefined {
  const title = collapseWhitespace(readabilityTitle ?? '') || meta(doc, 'og:title', 'twitter:title') || collapseWhitespace(doc.title ?? '');
  return title || undefined;
}

export { jsonLdObjects, meta };
