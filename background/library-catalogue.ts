/**
 * The library's catalogue: every stored article's metadata (key, id, URLs, outlet, title, times,
 * number of paragraphs), never its text, kept in the worker's memory so the library page can search,
 * sort and page through 100,000 articles without reading them again.
 *
 * Built by reading the documents store in key order in batches (a cursor over key ranges: each
 * batch's records are dropped once their metadata is taken), then kept in step with the index: the
 * index's state is its newest document key and its number of documents. Records only add keys above
 * the newest, so when the count is what the catalogue plus those new keys make, only they are read;
 * otherwise (a deletion elsewhere) the store's keys are listed and the catalogue follows them.
 * Reading 20,000 articles takes ~1.5 s in Chromium, so a snapshot of the rows is kept between wakes
 * of the worker (library-index.ts) and a woken worker starts from it.
 */
import { normalize } from '../src/engine/normalize';
import type { StoredDocument } from '../src/engine/store';
import { isoTime } from '../src/engine/validate';
import type { ArticleOrder, ArticlePage, ArticleRow, OutletCopy, OutletRow } from '../src/protocol';
import type { DB } from './idb-schema';

/** Records read per batch: about a megabyte of article text at a time. */
const BATCH = 250;

export interface CatalogueRow {
  key: number;
  id: string;
  url?: string;
  pageUrl?: string;
  outlet: string;
  outletKey: string;
  title?: string;
  published?: number;
  firstSeen: number;
  paragraphs: number;
  /** Publication time, else first seen: what lists sort by. */
  time: number;
  /** Title and outlet normalised (case, width, quotes), for search. */
  hay: string;
}

export interface CatalogueSnapshot {
  newest: number;
  rows: CatalogueRow[];
}

interface OutletAggregate {
  outletKey: string;
  outlet: string;
  newest: number;
  articles: number;
  firstSeen: number;
  lastSeen: number;
  hay: string;
}

/** The index as the catalogue reads it: its state and its documents store. */
export interface CatalogueSource {
  newestKey(): Promise<number>;
  stats(): Promise<{ documents: number }>;
  /** Whether a document belongs to an import not yet published (not listed). */
  isPending(key: number): boolean;
  /** The open database (after a look at the state, which opens it). */
  readonly db: DB;
}

/** Words of a search query as the catalogue matches them (normalised, split at spaces). */
export function queryWords(query: string | undefined): string[] {
  return query ? normalize(query).text.split(' ').filter(Boolean) : [];
}

function matches(hay: string, words: string[]): boolean {
  for (const w of words) if (!hay.includes(w)) return false;
  return true;
}

export function rowOf(doc: StoredDocument): CatalogueRow {
  const time = doc.published ?? doc.firstSeen;
  return {
    key: doc.key,
    id: doc.id,
    url: doc.url,
    ...(doc.pageUrl ? { pageUrl: doc.pageUrl } : {}),
    outlet: doc.outlet,
    outletKey: doc.outletKey,
    title: doc.title,
    published: doc.published,
    firstSeen: doc.firstSeen,
    paragraphs: doc.paragraphs.length,
    time,
    hay: normalize(`${doc.title ?? ''} ${doc.outlet}`).text,
  };
}

export function articleRow(r: CatalogueRow): ArticleRow {
  return {
    key: r.key,
    id: r.id,
    url: r.url,
    ...(r.pageUrl ? { pageUrl: r.pageUrl } : {}),
    outlet: r.outlet,
    outletKey: r.outletKey,
    title: r.title,
    published: r.published !== undefined ? isoTime(r.published) : undefined,
    firstSeen: isoTime(r.firstSeen),
    paragraphs: r.paragraphs,
  };
}

export class Catalogue {
  private rows = new Map<number, CatalogueRow>();
  private newest = 0;
  /** Rows newest first (by time, then key), made when a list needs it after a change. */
  private sorted: CatalogueRow[] | undefined;
  private outlets: OutletAggregate[] | undefined;
  private syncing: Promise<boolean> | undefined;

  get size(): number {
    return this.rows.size;
  }

  /** The rows and the newest key read, to keep between wakes of the worker (catalogue-snapshot.ts). */
  snapshot(): CatalogueSnapshot {
    return { newest: this.newest, rows: [...this.rows.values()] };
  }

  /** Starts from a kept snapshot; the next sync brings it in step with the index. */
  restore(s: CatalogueSnapshot): void {
    this.rows = new Map(s.rows.map((r) => [r.key, r]));
    this.newest = s.newest;
    this.changed();
  }

  /** Brings the catalogue in step with the index (one sync at a time); resolves true when it changed. */
  sync(source: CatalogueSource): Promise<boolean> {
    this.syncing ??= this.syncOnce(source).finally(() => {
      this.syncing = undefined;
    });
    return this.syncing;
  }

  private async syncOnce(source: CatalogueSource): Promise<boolean> {
    const [newest, { documents }] = await Promise.all([source.newestKey(), source.stats()]);
    if (newest === this.newest && documents === this.rows.size) return false;
    if (documents === 0) {
      this.reset();
      return true;
    }
    if (newest < this.newest) this.reset(); // cleared and refilled: keys started again
    const db = source.db;
    const added = await readAfter(db, this.newest, (r) => {
      if (!source.isPending(r.key)) this.put(r);
    });
    this.newest = Math.max(this.newest, newest, added);
    if (this.rows.size !== documents) {
      // Some articles were deleted (or written out of order): follow the store's keys.
      const keys = new Set(((await db.getAllKeys('documents')) as number[]).filter((k) => !source.isPending(k)));
      for (const k of this.rows.keys()) if (!keys.has(k)) this.rows.delete(k);
      const missing = [...keys].filter((k) => !this.rows.has(k));
      if (missing.length) {
        const tx = db.transaction('documents', 'readonly');
        const docs = (await Promise.all(missing.map((k) => tx.store.get(k)))) as Array<StoredDocument | undefined>;
        await tx.done;
        for (const d of docs) if (d) this.put(d);
      }
    }
    this.changed();
    return true;
  }

  private put(doc: StoredDocument): void {
    this.rows.set(doc.key, rowOf(doc));
  }

  private changed(): void {
    this.sorted = undefined;
    this.outlets = undefined;
  }

  reset(): void {
    this.rows.clear();
    this.newest = 0;
    this.changed();
  }

  /** Forgets deleted articles (the store has deleted them). */
  remove(keys: number[]): void {
    for (const k of keys) this.rows.delete(k);
    this.changed();
  }

  /** The keys of an outlet's articles. */
  keysOf(outletKey: string): number[] {
    const out: number[] = [];
    for (const r of this.rows.values()) if (r.outletKey === outletKey) out.push(r.key);
    return out;
  }

  /** Stored articles whose time lies in [from, to] (epoch ms, either open), oldest first. */
  keysBetween(from: number | undefined, to: number | undefined): number[] {
    const all = this.byTime();
    const out: number[] = [];
    for (let i = all.length - 1; i >= 0; i--) {
      const r = all[i];
      if ((from === undefined || r.time >= from) && (to === undefined || r.time <= to)) out.push(r.key);
    }
    return out;
  }

  private byTime(): CatalogueRow[] {
    this.sorted ??= [...this.rows.values()].sort((a, b) => b.time - a.time || b.key - a.key);
    return this.sorted;
  }

  articles(req: { query?: string; outletKey?: string; order: ArticleOrder; offset: number; limit: number }): ArticlePage {
    const words = queryWords(req.query);
    const all = this.byTime();
    const hits = words.length || req.outletKey ? all.filter((r) => (!req.outletKey || r.outletKey === req.outletKey) && matches(r.hay, words)) : all;
    const total = hits.length;
    const offset = Math.max(0, Math.min(req.offset, Math.max(0, total - 1)));
    const limit = Math.max(1, Math.min(req.limit, 500));
    const rows: ArticleRow[] = [];
    for (let i = offset; i < Math.min(total, offset + limit); i++) rows.push(articleRow(hits[req.order === 'newest' ? i : total - 1 - i]));
    return { rows, total, offset };
  }

  private outletList(): OutletAggregate[] {
    if (this.outlets) return this.outlets;
    const by = new Map<string, OutletAggregate>();
    for (const r of this.rows.values()) {
      const o = by.get(r.outletKey);
      if (!o) {
        by.set(r.outletKey, { outletKey: r.outletKey, outlet: r.outlet, newest: r.key, articles: 1, firstSeen: r.firstSeen, lastSeen: r.firstSeen, hay: '' });
        continue;
      }
      o.articles++;
      if (r.firstSeen < o.firstSeen) o.firstSeen = r.firstSeen;
      if (r.firstSeen > o.lastSeen) o.lastSeen = r.firstSeen;
      if (r.key > o.newest) {
        o.newest = r.key;
        o.outlet = r.outlet;
      }
    }
    for (const o of by.values()) o.hay = normalize(o.outlet).text;
    this.outlets = [...by.values()].sort((a, b) => b.articles - a.articles || (a.outlet < b.outlet ? -1 : a.outlet > b.outlet ? 1 : 0));
    return this.outlets;
  }

  outletPage(req: { query?: string; offset: number; limit: number }, copy: Map<string, OutletCopy> | undefined): { rows: OutletRow[]; total: number; offset: number } {
    const words = queryWords(req.query);
    const list = words.length ? this.outletList().filter((o) => matches(o.hay, words)) : this.outletList();
    const total = list.length;
    const offset = Math.max(0, Math.min(req.offset, Math.max(0, total - 1)));
    const rows = list.slice(offset, offset + Math.max(1, Math.min(req.limit, 500))).map((o) => ({
      outletKey: o.outletKey,
      outlet: o.outlet,
      articles: o.articles,
      firstSeen: isoTime(o.firstSeen),
      lastSeen: isoTime(o.lastSeen),
      ...(copy ? { copy: copy.get(o.outletKey) ?? { withCopy: 0, copiedWords: 0, creditedWords: 0 } } : {}),
    }));
    return { rows, total, offset };
  }

  /** The outlet key of a stored article, by its id (for the analysis' figures). */
  outletOfIds(): Map<string, string> {
    const m = new Map<string, string>();
    for (const r of this.rows.values()) m.set(r.id, r.outletKey);
    return m;
  }
}

/** Reads every document with a key above `after`, in batches; returns the largest key read (or `after`). */
async function readAfter(db: DB, after: number, take: (doc: StoredDocument) => void): Promise<number> {
  let last = after;
  for (;;) {
    const batch = (await db.getAll('documents', IDBKeyRange.lowerBound(last, true), BATCH)) as StoredDocument[];
    for (const d of batch) take(d);
    if (batch.length) last = batch[batch.length - 1].key;
    if (batch.length < BATCH) return last;
  }
}
