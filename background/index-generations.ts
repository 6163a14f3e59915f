/**
 * Generations of the index database: how the IndexedDB store gives back the space of what was
 * deleted from it.
 *
 * Why: Chromium's IndexedDB (LevelDB) keeps deleted and overwritten records on disk until it
 * compacts their range. Deleting half of a 2,000-article index (one outlet) in place left 9.2 MiB after
 * Chromium's next whole-origin compaction; the same index copied into a new database with the old one
 * deleted came to 3.8 MiB (docs/design.md). So after a large deletion the store copies its live
 * records into the next generation, switches to it and deletes the old one (IdbStore.rewrite).
 * The copy also drops the postings of articles deleted by IdbStore.deleteLater.
 *
 * Names: generation 0 is the base name ("wiretrace"), generation n > 0 is "<base>.<n>". A copy
 * under way carries meta 'copying' from its first transaction to its last; the store opens the
 * highest generation without it and deletes the rest (an interrupted copy, or an old generation
 * whose deletion was interrupted), so a worker stopped at any point finds the index whole.
 * Browsers without indexedDB.databases() (Firefox before 126) keep generation 0 and never rewrite.
 */
import { deleteDB, openDB, type IDBPDatabase } from 'idb';

/** Marks a generation whose copy is not finished (meta key). */
export const COPYING = 'copying';
/** Records copied per transaction (~1-2 MB: postings blocks are ~4 KB). */
const COPY_CHUNK = 256;

export function generationName(base: string, n: number): string {
  return n === 0 ? base : `${base}.${n}`;
}

/** The generation of `name` in `base`'s line, or undefined for another database. */
export function generationOf(base: string, name: string): number | undefined {
  if (name === base) return 0;
  if (!name.startsWith(`${base}.`)) return undefined;
  const rest = name.slice(base.length + 1);
  return /^[1-9]\d{0,8}$/.test(rest) ? Number(rest) : undefined;
}

/** Whether this browser lists its databases (what generations need). */
export function canListDatabases(): boolean {
  return typeof indexedDB !== 'undefined' && typeof indexedDB.databases === 'function';
}

/** The generations of `base` that exist, highest first ([] where the browser cannot list them). */
export async function generations(base: string): Promise<number[]> {
  if (!canListDatabases()) return [];
  const found = (await indexedDB.databases()).map((d) => (d.name === undefined ? undefined : generationOf(base, d.name)));
  return found.filter((g): g is number => g !== undefined).sort((a, b) => b - a);
}

/** Whether the generation's copy was finished (opened without a version: no upgrade, no creation). */
async function isWhole(name: string): Promise<boolean> {
  const db = await openDB(name);
  try {
    if (!db.objectStoreNames.contains('meta')) return true; // generation 0 before meta existed
    return (await db.get('meta', COPYING)) === undefined;
  } finally {
    db.close();
  }
}

/**
 * The name of `base`'s current generation: the highest that is whole. The others are deleted,
 * without waiting (a deletion blocked by a connection elsewhere must not hold up the index; one that
 * fails is tried again at the next open: they are never read). A generation that cannot be opened
 * is left as it is. One generation, the usual case, costs one listing.
 */
export async function currentGeneration(base: string): Promise<string> {
  const gens = await generations(base);
  if (gens.length <= 1) return generationName(base, gens[0] ?? 0);
  let chosen: number | undefined;
  for (const g of gens) {
    const name = generationName(base, g);
    if (chosen !== undefined) {
      void deleteDB(name).catch(() => undefined);
      continue;
    }
    const whole = await isWhole(name).catch(() => undefined);
    if (whole) chosen = g;
    else if (whole === false) void deleteDB(name).catch(() => undefined);
  }
  return generationName(base, chosen ?? 0);
}

/** Deletes every generation of `base` (clearing an index that cannot be opened). */
export async function deleteGenerations(base: string): Promise<void> {
  const gens = await generations(base);
  for (const g of gens.length ? gens : [0]) await deleteDB(generationName(base, g));
}

/** What the copy writes for a record: the value, changed or not, or undefined to leave it out. */
export type CopyTransform = (store: string, key: IDBValidKey, value: unknown) => unknown;

/**
 * Copies every record of `from` into a new database `to` with the same version, object stores and
 * indexes, store by store in name order, a chunk of COPY_CHUNK records per transaction, each value
 * through `transform`; `to` carries meta COPYING until its last transaction. `from` must not change
 * meanwhile (the caller holds its writes). Blobs are copied as Blobs. Returns `to`, open. On failure
 * `to` is deleted and the error thrown: `from` is untouched.
 */
export async function copyDatabase(from: IDBPDatabase<unknown>, to: string, transform: CopyTransform = (_s, _k, v) => v): Promise<IDBPDatabase<unknown>> {
  const names = [...from.objectStoreNames].sort();
  const shapeTx = from.transaction(names, 'readonly');
  const shapes = names.map((name) => {
    const s = shapeTx.objectStore(name);
    const indexes = [...s.indexNames].map((i) => {
      const x = s.index(i);
      return { name: i, keyPath: x.keyPath, unique: x.unique, multiEntry: x.multiEntry };
    });
    return { name, keyPath: s.keyPath, autoIncrement: s.autoIncrement, indexes };
  });
  await shapeTx.done;
  let target: IDBPDatabase<unknown> | undefined;
  try {
    target = await openDB(to, from.version, {
      upgrade(db, _old, _new, tx) {
        for (const s of shapes) {
          const store = db.createObjectStore(s.name, { keyPath: s.keyPath ?? undefined, autoIncrement: s.autoIncrement });
          for (const x of s.indexes) store.createIndex(x.name, x.keyPath, { unique: x.unique, multiEntry: x.multiEntry });
        }
        void tx.objectStore('meta').put(true, COPYING);
      },
    });
    for (const s of shapes) {
      let after: IDBValidKey | undefined;
      for (;;) {
        const range = after === undefined ? undefined : IDBKeyRange.lowerBound(after, true);
        const read = from.transaction(s.name, 'readonly').store;
        const [keys, values] = await Promise.all([read.getAllKeys(range, COPY_CHUNK), read.getAll(range, COPY_CHUNK)]);
        if (!keys.length) break;
        const write = target.transaction(s.name, 'readwrite');
        // Out-of-line keys are given; in-line ones are in the values.
        keys.forEach((k, i) => {
          const v = transform(s.name, k, values[i]);
          if (v !== undefined) void (s.keyPath === null ? write.store.put(v, k) : write.store.put(v));
        });
        await write.done;
        after = keys[keys.length - 1];
        if (keys.length < COPY_CHUNK) break;
      }
    }
    await target.delete('meta', COPYING);
    return target;
  } catch (e) {
    target?.close();
    await deleteDB(to).catch(() => undefined);
    throw e;
  }
}
