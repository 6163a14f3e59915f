/**
 * Deleting documents from the IndexedDB store, directly or by removing a source (a pack): a property
 * test holds it to the memory store's answers over random records, deletions (at once, or with the
 * postings left for the next rewrite: deleteLater), sources, merges, rewrites into a new generation
 * (index-generations.ts) and look-ups and fingerprint counts between them (which keep small segments'
 * blocks in memory, or not: smallSegment 0, and the fingerprint buckets read), and the bytes it keeps
 * shrink with what goes.
 */
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IdbStore } from '../../background/idb-store';
import { MemoryStore } from '../../src/engine/memory-store';
import type { IndexStore, NewDocument, UnitRecord } from '../../src/engine/store';
import { decodeBlock, type StoredBlock } from '../../background/posting-blocks';

let n = 0;
const freshName = () => `wiretrace-delete-${Date.now()}-${n++}`;
const PARAMS = { shingle: 4, hashes: 128, bands: 3, rows: 1, seed: 1, hashVersion: 1 };

// Keys distinct within a unit, as band keys are (the band is mixed into each).
type Op =
  | { put: { outlet: number; units: number[][]; fps: number[]; source?: string } }
  | { del: number[] }
  | { later: number[] }
  | { tag: { keys: number[]; source: string } }
  | { untag: string }
  | { rewrite: true }
  | { look: true };
const sourceArb = fc.constantFrom('pack:a', 'pack:b', 'feed:c', 'read');

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      outlet: fc.integer({ min: 0, max: 3 }),
      units: fc.array(fc.uniqueArray(fc.integer({ min: 1, max: 60 }), { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 4 }),
      fps: fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 4 }),
      source: fc.option(sourceArb, { nil: undefined }),
    }).map((put) => ({ put })),
  },
  { weight: 1, arbitrary: fc.array(fc.integer({ min: 0, max: 30 }), { maxLength: 4 }).map((del) => ({ del })) },
  { weight: 1, arbitrary: fc.array(fc.integer({ min: 0, max: 30 }), { maxLength: 6 }).map((later) => ({ later })) },
  { weight: 1, arbitrary: fc.record({ keys: fc.array(fc.integer({ min: 1, max: 30 }), { maxLength: 4 }), source: sourceArb }).map((tag) => ({ tag })) },
  { weight: 1, arbitrary: sourceArb.map((untag) => ({ untag })) },
  { weight: 1, arbitrary: fc.constant({ rewrite: true as const }) },
  { weight: 1, arbitrary: fc.constant({ look: true as const }) },
);

/** Every key's look-up, in key order. */
async function lookAll(s: IndexStore): Promise<Array<Array<[number, number]>>> {
  const out = [];
  for (let k = 1; k <= 60; k++) out.push([...(await s.lookup(Uint32Array.of(k, k)))].sort((a, b) => a[0] - b[0]));
  return out;
}

/** Every outlet's count of fingerprints 0-20 (the IndexedDB store keeps the buckets it read until a write). */
async function countAll(s: IndexStore): Promise<number[][]> {
  const out = [];
  for (let o = 0; o < 4; o++) out.push(Array.from(await s.fingerprintCounts(`o${o}`, Uint32Array.from({ length: 21 }, (_, i) => i))));
  return out;
}

/** What the ops answered: deletion counts, and the look-ups and fingerprint counts made between them. */
async function apply(s: IndexStore, ops: Op[]): Promise<{ deleted: number[]; looks: Array<{ keys: Array<Array<[number, number]>>; fps: number[][] }> }> {
  await s.setParams(PARAMS);
  const deleted: number[] = [];
  const looks = [];
  let i = 0;
  for (const op of ops) {
    if ('put' in op) {
      const outletKey = `o${op.put.outlet}`;
      const doc: NewDocument = { id: `d${i++}`, outlet: outletKey, outletKey, firstSeen: 1, paragraphs: op.put.fps.map((_, p) => `p${p}`), ...(op.put.source ? { sources: [op.put.source] } : {}) };
      const units: UnitRecord[] = op.put.units.map((keys, u) => ({ paragraph: u % op.put.fps.length, bandKeys: Uint32Array.from(keys) }));
      await s.putDocument(doc, units, Uint32Array.from(op.put.fps));
    } else if ('del' in op) deleted.push(await s.deleteDocuments(op.del));
    else if ('later' in op) deleted.push(s instanceof IdbStore ? await s.deleteLater(op.later) : await s.deleteDocuments(op.later));
    else if ('tag' in op) deleted.push(await s.addSource(op.tag.keys, op.tag.source));
    else if ('look' in op) looks.push({ keys: await lookAll(s), fps: await countAll(s) });
    else if ('rewrite' in op) {
      // The memory store has nothing to give back; the IndexedDB store copies itself into its next generation.
      if (s instanceof IdbStore) expect(await s.rewrite()).toBe(true);
    } else {
      const r = await s.removeSource(op.untag);
      deleted.push(r.untagged * 1000 + r.deleted);
    }
  }
  return { deleted, looks };
}

async function view(s: IndexStore) {
  const docs = [];
  for await (const e of s.documents()) docs.push({ key: e.doc.key, id: e.doc.id, sources: e.doc.sources, units: e.units.map((u) => [u.paragraph, Array.from(u.bandKeys)]), fps: Array.from(e.fingerprints) });
  const lookups = await lookAll(s);
  const fps = await countAll(s);
  return { docs, lookups, fps, stats: await s.stats(), byId: await s.getDocumentById('d0'), got: (await s.getDocuments([1, 2, 3])).map((d) => d.id) };
}

describe('IdbStore.deleteDocuments, addSource, removeSource, rewrite', () => {
  it('answers as the memory store does after any mix of records, deletions, later deletions, sources, merges, rewrites and look-ups', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 24 }), fc.boolean(), async (ops, keepSmall) => {
        const mem = new MemoryStore();
        const idb = await IdbStore.open(freshName());
        if (!keepSmall) idb.smallSegment = 0;
        try {
          const memAnswers = await apply(mem, ops);
          const idbAnswers = await apply(idb, ops);
          await idb.settled();
          expect(idbAnswers).toEqual(memAnswers);
          expect(await view(idb)).toEqual(await view(mem));
        } finally {
          idb.close();
        }
      }),
      { numRuns: 40 },
    );
  });

  it('frees the postings and fingerprints of what it deletes, and leaves the rest', async () => {
    const idb = await IdbStore.open(freshName());
    await idb.setParams(PARAMS);
    const keysOf = (i: number) => Uint32Array.from({ length: 40 }, (_, k) => 1 + i * 40 + k);
    for (let i = 0; i < 20; i++) {
      const outletKey = i < 10 ? 'kept' : 'gone';
      await idb.putDocument({ id: `a${i}`, outlet: outletKey, outletKey, firstSeen: 1, paragraphs: ['x'] }, [{ paragraph: 0, bandKeys: keysOf(i) }], Uint32Array.of(100 + i));
    }
    await idb.settled();
    const postings = async () => {
      let total = 0;
      for (const p of (await idb.db.getAll('postings')) as StoredBlock[]) total += decodeBlock(p).length / 2;
      return total;
    };
    expect(await postings()).toBe(800);
    const gone = await idb.keysOfOutlet('gone');
    expect(gone).toHaveLength(10);
    expect(await idb.deleteDocuments(gone)).toBe(10);
    expect(await postings()).toBe(400);
    expect(await idb.stats()).toEqual({ documents: 10, outlets: 1, units: 10, paragraphs: 10 });
    expect((await idb.db.getAll('fingerprints')).map((b) => (b as { f: Uint32Array }).f.length).reduce((a, b) => a + b, 0)).toBe(10);
    expect(await idb.lookup(keysOf(15))).toEqual(new Map());
    expect(await idb.lookup(keysOf(5))).toEqual(new Map([[6, 40]]));
    expect(await idb.deleteDocuments(gone)).toBe(0);
    idb.close();
  });
});
