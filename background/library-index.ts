/**
 * The library page's view of the index, in the worker: the catalogue of stored articles (listed,
 * searched, sorted, paged: library-catalogue.ts), its outlets with the copy figures of the last
 * analysis, and deleting articles or a whole outlet. A deletion goes through the queue of index
 * work (serial) and then forgets what described the index before it: kept reports, kept graphs, the
 * engine's prepared sources.
 */
import type { IndexStore } from '../src/engine/store';
import type { ArticleOrder, ArticlePage, OutletCopy, OutletPage } from '../src/protocol';
import { getStore, resetEngine, serial } from './engine-host';
import { Catalogue } from './library-catalogue';
import { forgetReports } from './report-cache';
import { indexState } from './index-state';
import { outletCopy } from './outlet-copy';
import { forgetViews, keptView } from './syndication-cache';

const catalogue = new Catalogue();

/** The catalogue in step with the index. */
export async function libraryCatalogue(): Promise<Catalogue> {
  const store = await getStore();
  await store.getParams(); // opens the database (again, after a clear) before the catalogue reads it
  await catalogue.sync(store);
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

/** What describes the index as it was: after a deletion or a clear, none of it holds. */
export async function forgetIndexViews(): Promise<void> {
  resetEngine();
  catalogue.reset();
  figures = undefined;
  await Promise.all([forgetReports(), forgetViews()]);
}

type Deleting = IndexStore & { deleteDocuments?: (keys: number[]) => Promise<number> };

export async function deleteArticles(keys: number[]): Promise<{ deleted: number }> {
  const wanted = [...new Set(keys.filter((k) => Number.isInteger(k) && k > 0))];
  if (!wanted.length) return { deleted: 0 };
  const store = (await getStore()) as Deleting;
  if (!store.deleteDocuments) throw new Error('this index cannot delete articles');
  const deleted = await serial(() => store.deleteDocuments!(wanted));
  await forgetIndexViews();
  return { deleted };
}

export async function deleteOutlet(outletKey: string): Promise<{ deleted: number }> {
  return deleteArticles((await libraryCatalogue()).keysOf(outletKey));
}
