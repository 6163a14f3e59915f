/**
 * The library catalogue's rows kept between wakes of the worker, in the library's database
 * (library-cache-db.ts): one record, written a little after the catalogue changes and read when a
 * woken worker first lists articles. A missing or unreadable snapshot only means reading the index.
 */
import type { CatalogueSnapshot } from './library-catalogue';
import { libraryDb } from './library-cache-db';

export async function keptCatalogue(): Promise<CatalogueSnapshot | undefined> {
  try {
    const s = (await (await libraryDb()).get('catalogue', 'rows')) as CatalogueSnapshot | undefined;
    return s && Array.isArray(s.rows) && typeof s.newest === 'number' ? s : undefined;
  } catch {
    return undefined;
  }
}

export async function keepCatalogue(s: CatalogueSnapshot): Promise<void> {
  try {
    await (await libraryDb()).put('catalogue', s, 'rows');
  } catch {
    // Full or unavailable: the next wake reads the index.
  }
}
