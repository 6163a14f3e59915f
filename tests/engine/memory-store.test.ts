import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/engine/memory-store';
import type { NewDocument } from '../../src/engine/store';

const doc = (id: string, outletKey = 'x'): NewDocument => ({ id, outlet: outletKey, outletKey, firstSeen: 1, paragraphs: ['a', 'b'] });

describe('MemoryStore', () => {
  it('assigns keys, finds by id and by band key, counts hits per document', async () => {
    const s = new MemoryStore();
    const k1 = await s.putDocument(doc('one'), [{ paragraph: 0, bandKeys: Uint32Array.of(5, 6, 7) }], Uint32Array.of(11, 12));
    const k2 = await s.putDocument(doc('two'), [{ paragraph: 1, bandKeys: Uint32Array.of(5, 9, 10) }], Uint32Array.of(11, 13));
    expect([k1, k2]).toEqual([1, 2]);
    expect((await s.getDocumentById('two'))?.key).toBe(2);
    expect(await s.lookup(Uint32Array.of(5, 6))).toEqual(new Map([[1, 2], [2, 1]]));
    expect(await s.lookup(Uint32Array.of(99))).toEqual(new Map());
    expect(Array.from(await s.fingerprintCounts('x', Uint32Array.of(11, 12, 14)))).toEqual([2, 1, 0]);
    expect(Array.from(await s.fingerprintCounts('other', Uint32Array.of(11)))).toEqual([0]);
    expect(await s.stats()).toEqual({ documents: 2, outlets: 1, units: 2, paragraphs: 4 });
  });

  it('refuses a second document with the same id and keeps the first', async () => {
    const s = new MemoryStore();
    await s.putDocument(doc('one'), [], new Uint32Array(2));
    await expect(s.putDocument(doc('one'), [], new Uint32Array(2))).rejects.toThrow(/already stored/);
    expect((await s.stats()).documents).toBe(1);
  });

  it('property: look-up counts every (key, posting) hit, as a plain map of key -> documents would', async () => {
    const key = fc.integer({ min: 1, max: 60 }); // few distinct keys: many shared postings, repeats in one unit
    const docs = fc.array(fc.array(fc.array(key, { minLength: 1, maxLength: 8 }), { maxLength: 3 }), { minLength: 1, maxLength: 30 });
    await fc.assert(
      fc.asyncProperty(docs, fc.array(key, { maxLength: 20 }), async (units, query) => {
        const s = new MemoryStore();
        const postings = new Map<number, number[]>();
        for (let d = 0; d < units.length; d++) {
          const k = await s.putDocument(doc(`d${d}`), units[d].map((u) => ({ paragraph: 0, bandKeys: Uint32Array.from(u) })), new Uint32Array(2));
          for (const u of units[d]) for (const x of u) postings.set(x, [...(postings.get(x) ?? []), k]);
        }
        const want = new Map<number, number>();
        for (const x of query) for (const k of postings.get(x) ?? []) want.set(k, (want.get(k) ?? 0) + 1);
        expect(await s.lookup(Uint32Array.from(query))).toEqual(want);
      }),
      { numRuns: 300 },
    );
  });

  it('property: putDocumentAndLookup = lookup of the chosen units, then putDocument', async () => {
    const key = fc.integer({ min: 1, max: 60 }); // few distinct keys: shared postings, repeats within a document
    const unit = fc.record({ keys: fc.array(key, { minLength: 1, maxLength: 8 }), look: fc.boolean() });
    const docs = fc.array(fc.array(unit, { maxLength: 4 }), { minLength: 1, maxLength: 25 });
    await fc.assert(
      fc.asyncProperty(docs, fc.array(key, { maxLength: 20 }), async (all, probe) => {
        const fused = new MemoryStore();
        const apart = new MemoryStore();
        for (let d = 0; d < all.length; d++) {
          const units = all[d].map((u) => ({ paragraph: 0, bandKeys: Uint32Array.from(u.keys) }));
          const look = Uint8Array.from(all[d], (u) => (u.look ? 1 : 0));
          const wanted = await apart.lookup(Uint32Array.from(all[d].flatMap((u) => (u.look ? u.keys : []))));
          const keyApart = await apart.putDocument(doc(`d${d}`), units, Uint32Array.of(d % 3, 7));
          const got = await fused.putDocumentAndLookup(doc(`d${d}`), units, Uint32Array.of(d % 3, 7), look);
          expect(got.key).toBe(keyApart);
          expect(got.hits).toEqual(wanted);
        }
        // The same index afterwards.
        expect(await fused.lookup(Uint32Array.from(probe))).toEqual(await apart.lookup(Uint32Array.from(probe)));
        expect(await fused.stats()).toEqual(await apart.stats());
        expect(Array.from(await fused.fingerprintCounts('x', Uint32Array.of(0, 1, 2, 7)))).toEqual(Array.from(await apart.fingerprintCounts('x', Uint32Array.of(0, 1, 2, 7))));
      }),
      { numRuns: 300 },
    );
  });

  it('putDocumentAndLookup keeps two keys of one unit that share an empty home slot, and one that lands in the home of a later key', async () => {
    // Keys whose home slots (Math.imul(key, 0x9e3779b1) & mask, in the first table of 4,096 slots)
    // coincide: the second must probe past the first, which took the slot in the same pass.
    const home = (k: number) => (Math.imul(k, 0x9e3779b1) >>> 0) & 4095;
    const byHome = new Map<number, number>();
    let pair: [number, number] | undefined;
    for (let k = 1; !pair; k++) {
      const other = byHome.get(home(k));
      if (other !== undefined) pair = [other, k];
      else byHome.set(home(k), k);
    }
    const [a, b] = pair;
    // And a key whose home is the slot right after: `a` and `b` fill home(a) and the next one.
    let c = 1;
    while (home(c) !== ((home(a) + 1) & 4095) || c === a || c === b) c++;
    for (const fused of [true, false]) {
      const s = new MemoryStore();
      const unit = { paragraph: 0, bandKeys: Uint32Array.of(a, b, c) };
      if (fused) await s.putDocumentAndLookup(doc('one'), [unit], new Uint32Array(0), Uint8Array.of(1));
      else await s.putDocument(doc('one'), [unit], new Uint32Array(0));
      for (const k of [a, b, c]) expect(await s.lookup(Uint32Array.of(k))).toEqual(new Map([[1, 1]]));
      const got = await s.putDocumentAndLookup(doc('two'), [{ paragraph: 0, bandKeys: Uint32Array.of(c, b, a) }], new Uint32Array(0), Uint8Array.of(1));
      expect(got.hits).toEqual(new Map([[1, 3]]));
    }
  });

  it('putDocumentAndLookup refuses a stored id and changes nothing', async () => {
    const s = new MemoryStore();
    await s.putDocument(doc('one'), [{ paragraph: 0, bandKeys: Uint32Array.of(5) }], new Uint32Array(2));
    await expect(s.putDocumentAndLookup(doc('one'), [{ paragraph: 0, bandKeys: Uint32Array.of(5) }], new Uint32Array(2), Uint8Array.of(1))).rejects.toThrow(/already stored/);
    expect(await s.lookup(Uint32Array.of(5))).toEqual(new Map([[1, 1]]));
    expect((await s.stats()).documents).toBe(1);
  });

  it('grows its posting table past many keys without losing any', async () => {
    const s = new MemoryStore();
    for (let d = 0; d < 300; d++) {
      const keys = Uint32Array.from({ length: 42 }, (_, i) => 1 + d * 42 + i);
      await s.putDocument(doc(`d${d}`), [{ paragraph: 0, bandKeys: keys }], new Uint32Array(2));
    }
    for (const d of [0, 150, 299]) expect(await s.lookup(Uint32Array.of(1 + d * 42 + 7))).toEqual(new Map([[d + 1, 1]]));
  });

  it('property: finds every stored key and no other, across growth, for any 32-bit keys', async () => {
    const key = fc.integer({ min: 1, max: 0xffffffff });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(key, { minLength: 42, maxLength: 42 }), { minLength: 50, maxLength: 250 }), fc.array(key, { maxLength: 200 }), async (docs, others) => {
        const s = new MemoryStore();
        const owners = new Map<number, Set<number>>();
        for (let d = 0; d < docs.length; d++) {
          const k = await s.putDocument(doc(`d${d}`), [{ paragraph: 0, bandKeys: Uint32Array.from(docs[d]) }], new Uint32Array(2));
          for (const x of docs[d]) owners.set(x, (owners.get(x) ?? new Set()).add(k));
        }
        // Every stored key, looked up in one batch with keys never stored: exactly its owners come back.
        const query = [...owners.keys(), ...others];
        const hits = await s.lookup(Uint32Array.from(query));
        const want = new Map<number, number>();
        for (const x of query) for (const k of owners.get(x) ?? []) want.set(k, (want.get(k) ?? 0) + [...docs[k - 1]].filter((y) => y === x).length);
        expect(hits).toEqual(want);
      }),
      { numRuns: 20 },
    );
  });

  it('property: paragraph fingerprints counted once per document and outlet, as a Map would (through many table growths)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom('x', 'y'), fc.array(fc.oneof(fc.integer({ min: 0, max: 40 }), fc.constant(0x80000000), fc.constant(0xffffffff), fc.nat()), { maxLength: 80 })), { minLength: 1, maxLength: 60 }), async (docs) => {
        const s = new MemoryStore();
        const want = new Map<string, Map<number, number>>();
        for (const [i, [outlet, fps]] of docs.entries()) {
          await s.putDocument(doc(`d${i}`, outlet), [], Uint32Array.from(fps));
          const m = want.get(outlet) ?? new Map<number, number>();
          want.set(outlet, m);
          for (const fp of new Set(fps)) if (fp !== 0) m.set(fp, (m.get(fp) ?? 0) + 1);
        }
        const asked = [0, 1, 2, 40, 0x80000000, 0xffffffff, ...docs.flatMap(([, fps]) => fps)];
        for (const outlet of ['x', 'y', 'z']) {
          const got = Array.from(await s.fingerprintCounts(outlet, Uint32Array.from(asked)));
          expect(got).toEqual(asked.map((fp) => want.get(outlet)?.get(fp >>> 0) ?? 0));
        }
      }),
      { numRuns: 60 },
    );
  });
});
