/**
 * PgStore, the IndexStore over PostgreSQL, held to the memory store's answers: look-ups (every
 * (key, posting) hit, keys given twice, keys of any 32 bits), putDocumentAndLookup, fingerprint
 * counts, deletion, sources, stats and the export of every document; and the engine's reports on
 * the seed articles the same over both stores.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { Engine } from '../../src/engine/engine';
import { MemoryStore } from '../../src/engine/memory-store';
import type { IndexStore, NewDocument, UnitRecord } from '../../src/engine/store';
import { PgStore } from '../../server/pg-store';
import { seed } from '../engine/seeds';
import { describePg, useTestDatabase } from './pg';

const doc = (id: string, outletKey = 'x', sources?: string[]): NewDocument => ({ id, outlet: outletKey, outletKey, firstSeen: 1_700_000_000_000, paragraphs: ['a', 'b'], ...(sources ? { sources } : {}) });

let teams = 0;

describePg('PgStore', () => {
  const db = useTestDatabase();
  const store = () => PgStore.open(db.pool, `team-${++teams}`);

  it('assigns keys, finds by id and band key, counts hits, fingerprints and stats as the memory store does', async () => {
    const stores: IndexStore[] = [new MemoryStore(), await store()];
    const answers = [];
    for (const s of stores) {
      const k1 = await s.putDocument(doc('one'), [{ paragraph: 0, bandKeys: Uint32Array.of(5, 6, 7, 0xffffffff) }], Uint32Array.of(11, 12));
      const k2 = await s.putDocument(doc('two'), [{ paragraph: 1, bandKeys: Uint32Array.of(5, 9, 10, 0x80000000) }], Uint32Array.of(11, 0x90000000));
      const hits = await s.lookup(Uint32Array.of(5, 6, 5, 0xffffffff, 0x80000000, 99));
      answers.push({
        hits: [...hits].map(([k, n]) => [k === k1 ? 'one' : k === k2 ? 'two' : k, n]).sort(),
        byId: (await s.getDocumentById('two'))?.id,
        docs: (await s.getDocuments([k2, 12345, k1])).map((d) => d.id),
        counts: Array.from(await s.fingerprintCounts('x', Uint32Array.of(11, 12, 14, 0x90000000, 0))),
        other: Array.from(await s.fingerprintCounts('other', Uint32Array.of(11))),
        stats: await s.stats(),
      });
    }
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[0].hits).toEqual([['one', 4], ['two', 3]]);
  });

  it('refuses a second document with the same id and keeps the first', async () => {
    const s = await store();
    await s.putDocument(doc('one'), [], new Uint32Array(2));
    await expect(s.putDocument(doc('one'), [], new Uint32Array(2))).rejects.toThrow(/already stored/);
    await expect(s.putDocumentAndLookup!(doc('one'), [], new Uint32Array(2), new Uint8Array(0))).rejects.toThrow(/already stored/);
    expect((await s.stats()).documents).toBe(1);
  });

  it('property: look-ups, putDocumentAndLookup, fingerprint counts and deletion answer as the memory store', async () => {
    const key = fc.integer({ min: 1, max: 40 }); // few distinct keys: shared postings, repeats within a unit
    const unit = fc.record({ keys: fc.array(key, { minLength: 1, maxLength: 6 }), look: fc.boolean() });
    const article = fc.record({ units: fc.array(unit, { maxLength: 3 }), outlet: fc.constantFrom('x', 'y'), fps: fc.array(fc.integer({ min: 0, max: 6 }), { maxLength: 4 }), fused: fc.boolean() });
    await fc.assert(
      fc.asyncProperty(fc.array(article, { minLength: 1, maxLength: 8 }), fc.array(key, { maxLength: 12 }), fc.array(fc.nat({ max: 9 }), { maxLength: 3 }), async (all, probe, dropped) => {
        const mem = new MemoryStore();
        const pgs = await store();
        const keyOf: Array<Map<number, number>> = [new Map(), new Map()];
        for (let d = 0; d < all.length; d++) {
          const a = all[d];
          const units: UnitRecord[] = a.units.map((u) => ({ paragraph: 0, bandKeys: Uint32Array.from(u.keys) }));
          const look = Uint8Array.from(a.units, (u) => (u.look ? 1 : 0));
          const got = [];
          for (const [i, s] of [mem, pgs].entries()) {
            if (a.fused) {
              const r = await s.putDocumentAndLookup!(doc(`d${d}`, a.outlet), units, Uint32Array.from(a.fps), look);
              keyOf[i].set(r.key, d);
              got.push(new Map([...r.hits].map(([k, n]) => [keyOf[i].get(k), n])));
            } else keyOf[i].set(await s.putDocument(doc(`d${d}`, a.outlet), units, Uint32Array.from(a.fps)), d);
          }
          if (a.fused) expect(got[1]).toEqual(got[0]);
        }
        const keysOf = (i: number, ds: number[]) => [...keyOf[i]].filter(([, d]) => ds.includes(d)).map(([k]) => k);
        expect(await pgs.deleteDocuments(keysOf(1, dropped))).toBe(await mem.deleteDocuments(keysOf(0, dropped)));
        const answer = async (s: IndexStore, i: number) => ({
          hits: new Map([...(await s.lookup(Uint32Array.from(probe)))].map(([k, n]) => [keyOf[i].get(k), n])),
          x: Array.from(await s.fingerprintCounts('x', Uint32Array.of(0, 1, 2, 3, 4, 5, 6))),
          y: Array.from(await s.fingerprintCounts('y', Uint32Array.of(0, 1, 2, 3, 4, 5, 6))),
          stats: await s.stats(),
        });
        expect(await answer(pgs, 1)).toEqual(await answer(mem, 0));
      }),
      { numRuns: 25 },
    );
  });

  it('sources: added once, a pack removed deletes only what nothing else brought', async () => {
    const answers = [];
    for (const s of [new MemoryStore(), await store()] as IndexStore[]) {
      const a = await s.putDocument(doc('a', 'x', ['pack:1']), [{ paragraph: 0, bandKeys: Uint32Array.of(1, 2) }], Uint32Array.of(3));
      const b = await s.putDocument(doc('b', 'x', ['pack:1', 'read']), [{ paragraph: 0, bandKeys: Uint32Array.of(2, 4) }], Uint32Array.of(3));
      await s.putDocument(doc('c'), [{ paragraph: 0, bandKeys: Uint32Array.of(4) }], Uint32Array.of(5));
      const added = [await s.addSource([a, b], 'feed:9'), await s.addSource([a], 'feed:9')];
      const removed = await s.removeSource('pack:1');
      const removedAgain = await s.removeSource('feed:9');
      const left = [];
      for await (const e of s.documents()) left.push([e.doc.id, e.doc.sources, e.units.map((u) => Array.from(u.bandKeys)), Array.from(e.fingerprints)]);
      answers.push({ added, removed, removedAgain, left, hits: [...(await s.lookup(Uint32Array.of(1, 2, 4)))].length, counts: Array.from(await s.fingerprintCounts('x', Uint32Array.of(3, 5))), stats: await s.stats() });
    }
    expect(answers[1]).toEqual(answers[0]);
  });

  it('the engine reports the seed articles the same over PostgreSQL as in memory', async () => {
    const seeds = ['000', '004', '001', '002', '003'].map(seed);
    const reports = [];
    for (const s of [new MemoryStore(), await store()] as IndexStore[]) {
      const engine = await Engine.open(s);
      const out = [];
      for (const a of seeds) out.push(await engine.checkAndRecord({ ...a, firstSeen: '2024-01-01T00:00:00Z' }));
      // Checked again once all are in: later reuse too.
      for (const a of seeds) out.push(await engine.check(a));
      reports.push(out);
    }
    expect(reports[1]).toEqual(reports[0]);
    expect(reports[0].some((r) => r.passages.length > 0)).toBe(true);
  });
});
