/**
 * Documents in and out of the store: takes an ArticleInput, gives the NewDocument a store keeps
 * (newDocument: outlet key and epoch times added); takes a StoredDocument, gives its identity fields
 * as plain, JSON-ready data with times as ISO strings (docRef), as reports (passage sources, source
 * summaries, later reuse) and the index file carry them, or the whole article again (storedArticle).
 */
import { outletKey } from './outlet';
import type { NewDocument, StoredDocument } from './store';
import type { ArticleInput, Credit } from './types';
import { isoTime, parseTime } from './validate';

/** The stored form of an article (without units) with its credits; first seen now when it does not say. */
export function newDocument(article: ArticleInput, credits?: Credit[]): NewDocument {
  return {
    id: article.id,
    url: article.url,
    // The address it was read at, only beside a `url` it differs from.
    ...(article.pageUrl && article.pageUrl !== article.url ? { pageUrl: article.pageUrl } : {}),
    outlet: article.outlet,
    outletKey: outletKey(article.outlet),
    title: article.title,
    published: parseTime(article.published),
    firstSeen: parseTime(article.firstSeen) ?? Date.now(),
    paragraphs: article.paragraphs,
    lang: article.lang,
    guid: article.guid,
    ...(article.sources ? { sources: [...new Set(article.sources)] } : {}),
    credits,
  };
}

export type DocRef = ReturnType<typeof docRef>;

/** A stored document as plain, JSON-ready data (times as ISO strings): for reports and the index file. */
export function docRef(doc: StoredDocument) {
  return {
    id: doc.id,
    outlet: doc.outlet,
    url: doc.url,
    title: doc.title,
    published: doc.published !== undefined ? isoTime(doc.published) : undefined,
    firstSeen: isoTime(doc.firstSeen),
  };
}

const refs = new WeakMap<StoredDocument, DocRef>();

/** docRef(doc), remembered per stored document object (its two ISO times cost a microsecond each). */
export function cachedDocRef(doc: StoredDocument): DocRef {
  let r = refs.get(doc);
  if (!r) refs.set(doc, (r = docRef(doc)));
  return r;
}

/** A stored document as the article it was recorded from (times as ISO strings), to be checked again. */
export function storedArticle(doc: StoredDocument): ArticleInput {
  return {
    id: doc.id,
    url: doc.url,
    outlet: doc.outlet,
    title: doc.title,
    published: doc.published !== undefined ? isoTime(doc.published) : undefined,
    firstSeen: isoTime(doc.firstSeen),
    paragraphs: doc.paragraphs,
    lang: doc.lang,
  };
}
