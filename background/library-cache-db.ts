/**
 * The library's own IndexedDB database, `wiretrace-library`, apart from the index's so the index's
 * schema does not carry it: what the library keeps between wakes of the worker, all of it derived
 * from the index and made again when missing.
 *
 *   views      key: a scope ("story:12", "range::"); a syndication graph and the index state it was built against
 *   catalogue  key 'rows'; the library catalogue's rows and the newest document key they were read up to
 */
import { deleteDB, openDB, type IDBPDatabase } from 'idb';

export const LIBRARY_DB = 'wiretrace-library';

let db: Promise<IDBPDatabase> | undefined;

export function libraryDb(): Promise<IDBPDatabase> {
  db ??= openDB(LIBRARY_DB, 1, {
    upgrade(d) {
      d.createObjectStore('views', { keyPath: 'scope' });
      d.createObjectStore('catalogue');
    },
    blocking(_current, _next, event) {
      (event.target as IDBDatabase).close();
      db = undefined;
    },
  }).catch((e) => {
    db = undefined;
    throw e;
  });
  return db;
}

/** Deletes the database (the index was cleared: document keys may start again). */
export async function deleteLibraryDb(): Promise<void> {
  const open = db;
  db = undefined;
  try {
    (await open)?.close();
  } catch {
    // never opened
  }
  await deleteDB(LIBRARY_DB).catch(() => undefined);
}
