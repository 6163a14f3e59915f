/**
 * Giving back the disk space of deleted articles. Chromium keeps deleted records on disk until it
 * compacts their range, which it does for a deleted database (index-generations.ts): so after a
 * deletion worth it, the store copies the index into its next generation and deletes the old one
 * (IdbStore.rewrite); Chromium gives it all back at its next whole-origin compaction (as the files
 * close, at most once a day), where deleting in place leaves ~2.4 times the live size (docs/design.md).
 * Firefox gives a deleted database's space back at once. The same steps run in both.
 *
 * Worth it: articles deleted by IdbStore.deleteLater (their postings wait for the copy), or the
 * paragraphs deleted since the last copy are an eighth or more of those stored, or the index is
 * small enough (SMALL_INDEX paragraphs) that the copy takes about a second (docs/design.md has the
 * measured copy speed). A failure leaves the index as it was and the deletion done: it is logged,
 * and the next deletion tries again.
 */
import type { IdbStore } from './idb-store';

/** Paragraphs under which every deletion gives its space back. */
export const SMALL_INDEX = 30_000;

export function worthRewriting(deleted: number, stored: number): boolean {
  return deleted > 0 && (stored <= SMALL_INDEX || deleted * 8 >= stored);
}

/** Gives back the space of the deleted articles when worth it; whether it did. */
export async function freeDeletedSpace(store: IdbStore): Promise<boolean> {
  try {
    const { deleted, stored } = await store.deletedShare();
    // Documents deleted by deleteLater still have their postings: the copy is what takes them out.
    return (store.deletedLater > 0 || worthRewriting(deleted, stored)) && (await store.rewrite());
  } catch (e) {
    console.warn('wiretrace: could not give back the space of deleted articles', e);
    return false;
  }
}
