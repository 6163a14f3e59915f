/**
 * storedIds: which of a batch's ids an IndexedDB index holds, as asking each id would say, in one
 * request per run of ids where none of the run is stored.
 */
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { storedIds, type IdIndex } from '../../background/stored-ids';

let n = 0;

async function indexOf(stored: readonly string[]) {
  const db = await openDB(`wt-stored-ids-${n++}`, 1, {
    upgrade: (d) => d.createObjectStore('documents', { autoIncrement: true }).createIndex('id', 'id', { unique: true }),
  });
  const tx = db.transaction('documents', 'readwrite');
  for (const id of new Set(stored)) void tx.store.add({ id });
  await tx.done;
  return db;
}

/** The index, with its requests counted. */
function counted(index: IdIndex) {
  const asked = { count: 0, getKey: 0 };
  const wrapped: IdIndex = {
    count: (q) => (asked.count++, index.count(q)),
    getKey: (q) => (asked.getKey++, index.getKey(q)),
  };
  return { wrapped, asked };
}

// Ids alike in their beginnings, so runs' ranges take in stored ids they do not name; some outside the BMP.
const id = fc.oneof(fc.stringMatching(/^r[0-9]{1,4}$/), fc.string({ unit: 'grapheme', maxLength: 4 }), fc.constantFrom('\u{1F600}', '\uFFFF', 'é', 'e\u0301'));

describe('storedIds', () => {
  it('names exactly the ids the index holds, whatever the batch and the run', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(id, { maxLength: 60 }), fc.array(id, { maxLength: 80 }), fc.integer({ min: 1, max: 9 }), async (stored, batch, run) => {
        const db = await indexOf(stored);
        const tx = db.transaction('documents');
        const got = await storedIds(tx.store.index('id'), batch, run);
        const expected = new Set(batch.filter((b) => new Set(stored).has(b)));
        expect([...got].sort()).toEqual([...expected].sort());
        await tx.done;
        db.close();
      }),
      { numRuns: 60 },
    );
  });

  it('asks once per run when none of the batch is stored, and id by id only in runs that hold one', async () => {
    const db = await indexOf(['a000', 'a001', 'z999']);
    const batch = Array.from({ length: 1000 }, (_, i) => `r${String(i).padStart(4, '0')}`);
    let tx = db.transaction('documents');
    let c = counted(tx.store.index('id'));
    expect((await storedIds(c.wrapped, batch)).size).toBe(0);
    expect(c.asked).toEqual({ count: 16, getKey: 0 });
    await tx.done;

    // One stored id inside the batch's range: its run of 64 is asked id by id, the other 15 are not.
    const withOne = await indexOf(['r0500']);
    tx = withOne.transaction('documents');
    c = counted(tx.store.index('id'));
    expect([...(await storedIds(c.wrapped, batch))]).toEqual(['r0500']);
    expect(c.asked).toEqual({ count: 16, getKey: 64 });
    await tx.done;
  });
});
