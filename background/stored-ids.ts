/**
 * Which of a batch's article ids the index already holds, asked in few requests: the ids are sorted
 * and cut into runs of ID_RUN; one count over a run's key range says whether any stored id falls in
 * it, and only the runs where one does are asked id by id. A file of new ids (the common import)
 * costs one request per ID_RUN ids instead of one per id; docs/design.md has the measured import.
 * JavaScript's default sort orders strings by UTF-16 code units, as IndexedDB orders string keys.
 */

export const ID_RUN = 64;

/** The part of an IndexedDB index (idb's wrapper) this reads. */
export interface IdIndex {
  count(query: IDBKeyRange): Promise<number>;
  getKey(query: string): Promise<unknown>;
}

export async function storedIds(index: IdIndex, ids: readonly string[], run = ID_RUN): Promise<Set<string>> {
  const sorted = [...new Set(ids)].sort();
  const stored = new Set<string>();
  const runs: string[][] = [];
  for (let i = 0; i < sorted.length; i += run) runs.push(sorted.slice(i, i + run));
  await Promise.all(
    runs.map(async (r) => {
      if (r.length > 1 && (await index.count(IDBKeyRange.bound(r[0], r[r.length - 1]))) === 0) return;
      const keys = await Promise.all(r.map((id) => index.getKey(id)));
      r.forEach((id, i) => {
        if (keys[i] !== undefined) stored.add(id);
      });
    }),
  );
  return stored;
}
