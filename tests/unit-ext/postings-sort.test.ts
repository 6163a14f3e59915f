/**
 * The postings of new documents (background/idb-store.ts, postingsOf) and their sort
 * (background/segments.ts, sortPairs) against plain reference versions: one pair per unit and
 * distinct key, sorted by key then document, whether the pairs come in document order (the radix
 * sort) or not (the packed and comparison sorts), with keys across the whole 32-bit range.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { postingsOf } from '../../background/idb-store';
import { sortPairs } from '../../background/segments';
import type { UnitRecord } from '../../src/engine/store';

/** Pairs sorted by key then document, by a comparison sort. */
function reference(keys: number[], docs: number[]): Array<[number, number]> {
  return keys.map((k, i): [number, number] => [k, docs[i]]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}
const pairs = (s: { keys: Uint32Array; docs: Uint32Array }) => Array.from(s.keys, (k, i): [number, number] => [k, s.docs[i]]);
const key32 = fc.oneof(fc.nat(50), fc.constantFrom(0, 2 ** 11 - 1, 2 ** 11, 2 ** 22, 2 ** 31, 2 ** 32 - 1), fc.integer({ min: 0, max: 2 ** 32 - 1 }));

describe('sortPairs', () => {
  it('sorts pairs in document order by key then document (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(key32, fc.nat(3)), { maxLength: 400 }), (raw) => {
        let doc = 0;
        const docs = raw.map(([, step]) => (doc += step));
        const keys = raw.map(([k]) => k);
        const k = Uint32Array.from(keys);
        const d = Uint32Array.from(docs);
        expect(pairs(sortPairs(k, d))).toEqual(reference(keys, docs));
        expect(Array.from(k)).toEqual(keys); // the inputs are left as they were
        expect(Array.from(d)).toEqual(docs);
      }),
    );
  });

  it('sorts pairs in any order, documents past 21 bits too (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(key32, fc.oneof(fc.nat(20), fc.integer({ min: 2 ** 21, max: 2 ** 31 }))), { maxLength: 300 }), (raw) => {
        const keys = raw.map(([k]) => k);
        const docs = raw.map(([, d]) => d);
        expect(pairs(sortPairs(Uint32Array.from(keys), Uint32Array.from(docs)))).toEqual(reference(keys, docs));
      }),
    );
  });
});

describe('postingsOf', () => {
  it('gives one pair per unit and distinct key of it (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.array(fc.nat(30), { maxLength: 60 }), { maxLength: 4 }), { maxLength: 12 }), (docsUnits) => {
        const entries = docsUnits.map((units, d) => ({ key: d + 1, units: units.map((ks, u) => ({ paragraph: u, bandKeys: Uint32Array.from(ks) }) as unknown as UnitRecord) }));
        const want: Array<[number, number]> = [];
        for (const e of entries) for (const u of e.units) for (const k of new Set(u.bandKeys)) want.push([k, e.key]);
        const got = postingsOf(entries);
        expect(got.keys.length).toBe(got.docs.length);
        expect(reference(Array.from(got.keys), Array.from(got.docs))).toEqual(reference(want.map((w) => w[0]), want.map((w) => w[1])));
      }),
    );
  });
});
