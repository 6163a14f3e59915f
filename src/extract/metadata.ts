/**
 * Page metadata for an extracted article: outlet, publication time, language, title, byline.
 * Each reader says where it found the value, so reports can say how sure they are.
 */
import type { ExtractedArticle } from '../extract-types';
import { toIsoDate } from './dates';
import { jsonLdAuthorName, jsonLdDatePublished, jsonLdPublisherName, type JsonObject } from './json-ld';
import { meta } from './meta-tags';
import { collapseWhitespace } from './text';
import { readableHostname } from './urls';

/** The outlet of a page that names none and has no address with a host name (a file). */
export const UNKNOWN_OUTLET = 'unknown site';

/**
 * og:site_name, JSON-LD publisher, application-name, else the readable host name of the first of
 * `hrefs` that has one (the page's address, then its canonical URL); UNKNOWN_OUTLET without any.
 */
export function findOutlet(doc: Document, hrefs: string[], ld: JsonObject[]): Pick<ExtractedArticle, 'outlet' | 'outletSource'> {
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
  return { outlet: UNKNOWN_OUTLET, outletSource: 'hostname' };
}

export function findPublished(doc: Document, ld: JsonObject[]): Pick<ExtractedArticle, 'published' | 'publishedSource'> {
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

/** BCP 47 tag from <html lang>, else Readability's, Content-Language or og:locale ("en_GB" -> "en-GB"). */
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

/** Readability's title, og:title, twitter:title, else <title>; without a trailing " | Outlet". */
export function findTitle(doc: Document, readabilityTitle: string | null | undefined, outlet?: string): string | undefined {
  const title = collapseWhitespace(readabilityTitle ?? '') || meta(doc, 'og:title', 'twitter:title') || collapseWhitespace(doc.title ?? '');
  return withoutOutletSuffix(title, outlet) || undefined;
}

/** "Headline — The Morning Ledger" -> "Headline" (Readability leaves some separators in). */
function withoutOutletSuffix(title: string, outlet: string | undefined): string {
  if (!title || !outlet) return title;
  const suffix = new RegExp(`\\s+[|\\-\u2013\u2014:\u00b7]\\s+${outlet.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`, 'i');
  return title.replace(suffix, '').trim() || title;
}

/** Readability's byline, the author meta tag, else the JSON-LD article's author (at most 200 characters). */
export function findByline(doc: Document, readabilityByline: string | null | undefined, ld: JsonObject[]): string | undefined {
  const byline = collapseWhitespace(readabilityByline ?? '') || meta(doc, 'author') || jsonLdAuthorName(ld);
  return byline ? byline.slice(0, 200) : undefined;
}
