/**
 * A copy of the whole index in the worker's memory (the engine's MemoryStore), for checking every
 * article of a small index at once: a check over IndexedDB makes about ten transactions (the article,
 * itself by id, counts, furniture, the look-up, its candidates and theirs), a check over memory none.
 * At 2,000 articles the whole graph took 35.6 s over IndexedDB in Chromium's worker (17.8 ms an
 * article) and 0.5 s over the copy, reading it included (scripts/bench/syndication.ts).
 * The copy holds every article's text and keys (some tens of MB at 10,000 articles), so only an
 * index up to MEMORY_MAX articles is copied; a larger one is checked over IndexedDB.
 */
import { MemoryStore } from '../src/engine/memory-store';
import type { IndexStore } from '../src/engine/store';

export const MEMORY_MAX = 10_000;

export interface Snapshot {
  store: MemoryStore;
  /** The copy's document key of each stored document key. */
  keyOf: Map<number, number>;
}

export async function memorySnapshot(source: IndexStore): Promise<Snapshot> {
  const store = new MemoryStore();
  const params = await source.getParams();
  if (params) await store.setParams(params);
  const keyOf = new Map<number, number>();
  for await (const { doc, units, fingerprints } of source.documents()) {
    const { key, ...rest } = doc;
    keyOf.set(key, await store.putDocument(rest, units, fingerprints));
  }
  return { store, keyOf };
}
