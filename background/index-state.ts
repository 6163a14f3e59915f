/**
 * The index's state as one string, "newest document key:version:number of documents": every record,
 * deletion and published import changes the version, and a clear empties the index, so kept results
 * (syndication graphs) are told apart from the index they were made from.
 */
import { getStore } from './engine-host';

export async function indexState(): Promise<string> {
  const store = await getStore();
  const [newest, version, stats] = await Promise.all([store.newestKey(), store.version(), store.stats()]);
  return `${newest}:${version}:${stats.documents}`;
}
