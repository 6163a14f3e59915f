/**
 * The delete handler: articles by key, or a whole outlet, taken out of the index in batches (each
 * batch one transaction, all or nothing), then the engine and the kept reports forgotten, since a
 * report may name a deleted article, and their disk space given back (free-space.ts). More than a
 * batch at once, where the index can be copied into its next generation, goes by deleteLater: the
 * copy drops their postings in one pass instead of every batch rewriting the blocks they share.
 */
import type { Req, Res } from '../src/protocol';
import { getStore, resetEngine } from './engine-host';
import { forgetReports } from './report-cache';
import { indexStats } from './index-stats';
import { freeDeletedSpace } from './free-space';

/** Articles deleted per transaction by deleteDocuments (their postings rewritten at once). */
const BATCH = 500;
/** Articles deleted per transaction by deleteLater (their records read at once). */
const LATER_BATCH = 2000;

export async function deleteArticles(req: Req<'deleteArticles'>): Promise<Res<'deleteArticles'>> {
  const store = await getStore();
  const keys = req.keys ?? (req.outletKey !== undefined ? await store.keysOfOutlet(req.outletKey) : []);
  let deleted = 0;
  try {
    if (keys.length > BATCH && (await store.canRewrite())) {
      for (let i = 0; i < keys.length; i += LATER_BATCH) deleted += await store.deleteLater(keys.slice(i, i + LATER_BATCH));
    } else {
      for (let i = 0; i < keys.length; i += BATCH) deleted += await store.deleteDocuments(keys.slice(i, i + BATCH));
    }
  } finally {
    if (deleted) {
      resetEngine();
      await forgetReports();
      await freeDeletedSpace(store);
    }
  }
  return { deleted, stats: await indexStats() };
}
