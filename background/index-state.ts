/**
 * The index's state as one string, "newest document key:number of documents": every record or import
 * adds a key above the newest, every deletion lowers the count, and a clear empties it, so kept
 * results (syndication graphs) are told apart from the index they were made from.
 */
import { getStore } from './engine-host';

export async function indexState(): Promise<string> {
  const store = await getStore();
  const [newest, stats] = await Promise.all([store.newestKey(), store.stats()]);
  return `${newest}:${stats.documents}`;
}
