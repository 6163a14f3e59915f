/**
 * The index's counts with the browser's storage figures (use, quota, whether it is persisted), as
 * the options and library pages show them, and whether the index is being tidied: a merge under way
 * or due (the pages say so; the bench and tests wait for it).
 */
import type { IndexStats } from '../src/protocol';
import { getStore } from './engine-host';

export async function indexStats(): Promise<IndexStats> {
  const store = await getStore();
  const stats = await store.stats();
  let usage: number | undefined;
  let quota: number | undefined;
  let persisted: boolean | undefined;
  try {
    const est = await navigator.storage.estimate();
    usage = est.usage;
    quota = est.quota;
    persisted = await navigator.storage.persisted();
  } catch {
    // not available
  }
  return { ...stats, usage, quota, persisted, merging: await store.mergeDue() };
}
