/**
 * The index's counts with the browser's storage figures (use, quota, whether it is persisted), as
 * the options and library pages show them, and whether background merges are running (the bench and
 * tests wait for them).
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
  return { ...stats, usage, quota, persisted, merging: store.isMerging };
}
