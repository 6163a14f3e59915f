/**
 * The library page's view of the index, in the worker: the catalogue of stored articles (listed,
 * searched, sorted, paged: library-catalogue.ts) and its outlets with the copy figures of the last
 * analysis of the whole index; and forgetting what described the index when it is cleared or
 * articles are deleted (delete-articles.ts does the deleting).
 */
import type { ArticleOrder, ArticlePage, OutletCopy, OutletPage } from '../src/protocol';
import { getStore, resetEngine } from './engine-host';
import { Catalogue } from './library-catalogue';
import { forgetReports } from './report-cache';
import { indexState } from './index-state';
import { outletCopy } from './outlet-copy';
import { keepCatalogue, keptCatalogue } from './catalogue-snapshot';
import { deleteLibraryDb } from './library-cache-db';
import { forgetViews, keptView } from './syndication-cache';

const catalogue = new Catalogue();

let restored = false;
let saving: ReturnType<typeof setTimeout> | undefined;

/** The catalogue in step with the index: from the snapshot kept by an earlier wake, then synced. */
export async function libraryCatalogue(): Promise<Catalogue> {
  const store = await getStore();
  await store.getParams(); // opens the database (again, after a clear) before the catalogue reads it
  if (!restored) {
    restored = true;
    const kept = await keptCatalogue();
    if (kept && catalogue.size === 0) catalogue.restore(kept);
  }
  if (await catalogue.sync(store)) {
    // Kept a little later, once: a burst of records or deletions writes it once.
    clearTimeout(saving);
    saving = setTimeout(() => void keepCatalogue(catalogue.snapshot()), 2000);
  }
  return catalogue;
}

export async function libraryArticles(req: { query?: string; outletKey?: string; order: ArticleOrder; offset: number; limit: number }): Promise<ArticlePage> {
  return (await libraryCatalogue()).articles(req);
}

export async function libraryOutlets(req: { query?: string; offset: number; limit: number }): Promise<OutletPage> {
  const c = await libraryCatalogue();
  const copy = await copyFigures(c);
  return { ...c.outletPage(req, copy), documents: c.size, analysed: copy !== undefined };
}

let figures: { state: string; copy: Map<string, OutletCopy> } | undefined;

/** The copy figures from the graph of the whole index, when one is kept for the index as it is (made once per state). */
async function copyFigures(c: Catalogue): Promise<Map<string, OutletCopy> | undefined> {
  const state = await indexState();
  if (figures?.state === state) return figures.copy;
  const whole = await keptView({ kind: 'range' }, state);
  if (!whole) return undefined;
  figures = { state, copy: outletCopy(whole, c.outletOfIds()) };
  return figures.copy;
}

/**
 * Forgets the graphs kept for the index as it was (after a deletion). Kept graphs are told apart by
 * the index's state anyway; this frees their space. The catalogue follows the deletion by itself.
 */
export async function forgetGraphs(): Promise<void> {
  figures = undefined;
  await forgetViews();
}

/** What describes the index as it was: after a clear, none of it holds (document keys may start again). */
export async function forgetIndexViews(): Promise<void> {
  resetEngine();
  catalogue.reset();
  clearTimeout(saving);
  figures = undefined;
  await Promise.all([forgetReports(), deleteLibraryDb()]);
}
