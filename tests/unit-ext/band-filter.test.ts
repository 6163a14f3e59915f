import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BandFilter, FILTER_KEY } from '../../background/band-filter';
import { IdbStore, openIndexDb } from '../../background/idb-store';
import type { NewDocument, UnitRecord } from '../../src/engine/store';

let n = 0;
const freshName = () => `wiretrace-filter-test-${Date.now()}-${n++}`;
const doc = (id: string): NewDocument => ({ id, outlet: 'X', outletKey: 'x', firstSeen: 1000, paragraphs: ['a', 'b'] });
const unit = (keys: number[]): UnitRecord => ({ paragraph: 0, bandKeys: Uint32Array.from(keys) });

/** The expected look-up: for each occurrence of a query key, +1 per stored unit holding it. */
function expected(stored: Map<number, number[][]>, query: number[]): Map<number, number> {
  const hits = new Map<number, number>();
  for (const q of query) for (const [d, units] of stored) for (const u of units) if (u.includes(q >>> 0)) hits.set(d, (hits.get(d) ?? 0) + 1);
  return hits;
}

async function lookupBoth(s: IdbStore, q: number[]) {
  const withFilter = await s.lookup(Uint32Array.from(q));
  s.bandFilter.enabled = false;
  const without = await s.lookup(Uint32Array.from(q));
  s.bandFilter.enabled = true;
  return { withFilter, without };
}

describe('BandFilter', () => {
  it('holds every key added, across growth and a save/load round trip, with few false positives', () => {
    const f = BandFilter.empty(0, undefined);
    const keys = new Uint32Array(200_000);
    let x = 12345;
    for (let i = 0; i < keys.length; i++) keys[i] = x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    f.addAll(keys);
    expect(f.size.layers).toBeGreaterThan(1); // grew past the first layer's design load
    const g = BandFilter.fromSaved(structuredClone(f.snapshot()))!;
    for (const k of keys) {
      expect(f.has(k)).toBe(true);
      expect(g.has(k)).toBe(true);
    }
    let fp = 0;
    for (let i = 0; i < 100_000; i++) if (f.has((x = (Math.imul(x, 22695477) + 1) >>> 0))) fp++;
    expect(fp / 100_000).toBeLessThan(0.03);
  });

  it('never reports a present key absent (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 0xffffffff }), { maxLength: 3000 }), fc.nat(100_000), (keys, expect0) => {
        const f = BandFilter.empty(expect0 % 5000, 'e');
        f.addAll(keys);
        const g = BandFilter.fromSaved(f.snapshot())!;
        return keys.every((k) => f.has(k) && g.has(k));
      }),
      { numRuns: 200 },
    );
  });

  it('a remembered answer is only given while it is complete, whatever the order (a stale look-up answering late, growth, reloads)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constant({ t: 'add' as const }), fc.nat(20).map((n) => ({ t: 'remember' as const, n })), fc.constant({ t: 'save' as const }), fc.constant({ t: 'noise' as const })), { maxLength: 40 }),
        (ops) => {
          let f = BandFilter.empty(0, undefined);
          const held: number[] = []; // documents of the units holding key 42, in the order written
          let noise = 1;
          for (const op of ops) {
            if (op.t === 'add') {
              f.add(42);
              held.push(held.length + 1);
            } else if (op.t === 'remember') f.remember(42, held.slice(0, Math.min(op.n, held.length))); // possibly an older snapshot's answer
            else if (op.t === 'noise') for (let i = 0; i < 30_000; i++) f.add(noise++ * 2654435761); // other keys: growth to new layers
            else f = BandFilter.fromSaved(f.snapshot())!;
            const h = f.holders(42);
            if (h !== undefined && h.length !== held.length) return false;
          }
          return true;
        },
      ),
      { numRuns: 150 },
    );
  });

  it('rejects a malformed saved filter', () => {
    expect(BandFilter.fromSaved(undefined)).toBeUndefined();
    expect(BandFilter.fromSaved({ v: 2 })).toBeUndefined(); // an older layout: rebuilt
    const s = BandFilter.empty(10, undefined).snapshot();
    expect(BandFilter.fromSaved({ ...s, layers: [{ ...s.layers[0], m: s.layers[0].m + 32 }] })).toBeUndefined();
  });
});

type Op =
  | { t: 'put'; units: number[][] }
  | { t: 'batch'; docs: number[][][] }
  | { t: 'save' }
  | { t: 'reopen' }
  | { t: 'other' ; units: number[][] }
  | { t: 'clear' }
  | { t: 'lookup'; q: number[] };

// Keys from a small range (so look-ups hit) and from the whole 32-bit range.
const key = fc.oneof(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 0xffffffff }));
const units = fc.array(fc.array(key, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 3 });
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: units.map((u) => ({ t: 'put' as const, units: u })) },
  { weight: 2, arbitrary: fc.array(units, { minLength: 1, maxLength: 4 }).map((d) => ({ t: 'batch' as const, docs: d })) },
  { weight: 2, arbitrary: fc.constant({ t: 'save' as const }) },
  { weight: 2, arbitrary: fc.constant({ t: 'reopen' as const }) },
  { weight: 2, arbitrary: units.map((u) => ({ t: 'other' as const, units: u })) },
  { weight: 1, arbitrary: fc.constant({ t: 'clear' as const }) },
  { weight: 4, arbitrary: fc.array(key, { maxLength: 12 }).map((q) => ({ t: 'lookup' as const, q })) },
);

describe('IdbStore with the band filter', () => {
  it('finds every stored key and answers look-ups exactly as without the filter (random inserts, reloads, other writers, clear)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 25 }), async (ops) => {
        const name = freshName();
        let s = await IdbStore.open(name);
        const stored = new Map<number, number[][]>();
        let id = 0;
        try {
          for (const o of ops) {
            if (o.t === 'put') {
              const k = await s.putDocument(doc(`d${id++}`), o.units.map(unit), Uint32Array.of(0, 0));
              stored.set(k, o.units.map((u) => u.map((x) => x >>> 0)));
            } else if (o.t === 'batch') {
              const keys = await s.putDocuments(o.docs.map((u) => ({ doc: doc(`d${id++}`), units: u.map(unit), fingerprints: Uint32Array.of(0, 0) })), 'skip');
              keys.forEach((k, i) => stored.set(k, o.docs[i].map((u) => u.map((x) => x >>> 0))));
            } else if (o.t === 'save') {
              await s.bandFilter.save();
            } else if (o.t === 'reopen') {
              s.close(); // a worker stopped: unsaved changes to the filter are lost
              s = await IdbStore.open(name);
            } else if (o.t === 'other') {
              // Another context writes while this one holds a loaded filter.
              const other = await IdbStore.open(name);
              const k = await other.putDocument(doc(`d${id++}`), o.units.map(unit), Uint32Array.of(0, 0));
              other.close();
              stored.set(k, o.units.map((u) => u.map((x) => x >>> 0)));
            } else if (o.t === 'clear') {
              await s.clear();
              stored.clear();
            } else {
              const { withFilter, without } = await lookupBoth(s, o.q);
              expect(withFilter).toEqual(without);
              expect(withFilter).toEqual(expected(stored, o.q));
            }
          }
          // No false negatives: after a look-up, every stored key is in the filter.
          await s.lookup(Uint32Array.of(1));
          const f = s.bandFilter.current!;
          for (const us of stored.values()) for (const u of us) for (const k of u) expect(f.has(k)).toBe(true);
          const all = [...stored.values()].flat(2);
          const { withFilter, without } = await lookupBoth(s, all);
          expect(withFilter).toEqual(without);
          expect(withFilter).toEqual(expected(stored, all));
        } finally {
          s.close();
        }
      }),
      { numRuns: 60 },
    );
  });

  it('loads a saved filter and tops it up from documents written after the save', async () => {
    const name = freshName();
    let s = await IdbStore.open(name);
    for (let i = 0; i < 5; i++) await s.putDocument(doc(`a${i}`), [unit([100 + i, 200 + i])], Uint32Array.of(0, 0));
    await s.lookup(Uint32Array.of(1));
    expect(await s.bandFilter.save()).toBe(true);
    const savedWatermark = s.bandFilter.current!.watermark;
    expect(savedWatermark).toBe(5);
    // Written, then the worker dies before the debounced save.
    for (let i = 5; i < 8; i++) await s.putDocument(doc(`a${i}`), [unit([100 + i, 200 + i])], Uint32Array.of(0, 0));
    s.close();
    s = await IdbStore.open(name);
    expect(await s.lookup(Uint32Array.of(107, 103))).toEqual(new Map([[8, 1], [4, 1]]));
    expect(s.bandFilter.lastLoad).toMatchObject({ fromSaved: true, toppedUpDocs: 3 });
    expect(s.bandFilter.current!.watermark).toBe(8);
    s.close();
  });

  it('an old database (no saved filter, version 1) builds the filter from all units', async () => {
    const name = freshName();
    const v1 = await openIndexDb(name, 1);
    const tx = v1.transaction(['documents', 'units'], 'readwrite');
    const k1 = (await tx.objectStore('documents').add({ ...doc('old-1'), fp: Uint32Array.of(1, 2) })) as number;
    const k2 = (await tx.objectStore('documents').add({ ...doc('old-2'), fp: Uint32Array.of(3, 4) })) as number;
    void tx.objectStore('units').add({ doc: k1, n: 0, paragraph: 0, bandKeys: [70, 71] });
    void tx.objectStore('units').add({ doc: k2, n: 0, paragraph: 1, bandKeys: [70, 72] });
    await tx.done;
    v1.close();
    const s = await IdbStore.open(name);
    expect(await s.db.get('meta', FILTER_KEY)).toBeUndefined();
    expect(await s.lookup(Uint32Array.of(70, 72, 99))).toEqual(new Map([[k1, 1], [k2, 2]]));
    expect(s.bandFilter.lastLoad).toMatchObject({ fromSaved: false, toppedUpDocs: 2 });
    expect(await s.bandFilter.save()).toBe(true);
    expect(await s.db.get('meta', FILTER_KEY)).toMatchObject({ v: 3, watermark: k2 });
    s.close();
  });

  it('a filter loaded before a clear elsewhere is not saved over the cleared index', async () => {
    const name = freshName();
    const a = await IdbStore.open(name);
    await a.putDocument(doc('x'), [unit([5])], Uint32Array.of(0, 0));
    await a.lookup(Uint32Array.of(5));
    const b = await IdbStore.open(name);
    await b.clear();
    expect(await a.bandFilter.save()).toBe(false);
    expect(await a.db.get('meta', FILTER_KEY)).toBeUndefined();
    // Documents written after the clear are still found by the stale filter (keys only grow).
    const k = await b.putDocument(doc('y'), [unit([6])], Uint32Array.of(0, 0));
    expect(await a.lookup(Uint32Array.of(6))).toEqual(new Map([[k, 1]]));
    a.close();
    b.close();
  });

  it('a remembered single-holder answer gives way when a second unit (this or another context) takes the key', async () => {
    const name = freshName();
    const s = await IdbStore.open(name);
    await s.lookup(Uint32Array.of(1)); // loads the filter
    const k1 = await s.putDocument(doc('one'), [unit([7, 8])], Uint32Array.of(0, 0));
    expect(s.bandFilter.current!.holders(7)).toEqual([k1]); // remembered when recorded
    expect(await s.lookup(Uint32Array.of(7, 9))).toEqual(new Map([[k1, 1]]));
    expect(await s.lookup(Uint32Array.of(7, 7))).toEqual(new Map([[k1, 2]]));
    const k2 = await s.putDocument(doc('two'), [unit([7]), unit([7, 8])], Uint32Array.of(0, 0));
    expect(s.bandFilter.current!.holders(7)).toBeUndefined();
    expect(await s.lookup(Uint32Array.of(7))).toEqual(new Map([[k1, 1], [k2, 2]]));
    expect(s.bandFilter.current!.holders(7)).toEqual([k1, k2, k2]); // three units: remembered too
    expect(await s.lookup(Uint32Array.of(8))).toEqual(new Map([[k1, 1], [k2, 1]]));
    // Another context writes a holder of a remembered key: the look-up's own top-up sees it first.
    const k3 = await s.putDocument(doc('three'), [unit([30])], Uint32Array.of(0, 0));
    expect(await s.lookup(Uint32Array.of(30))).toEqual(new Map([[k3, 1]]));
    expect(s.bandFilter.current!.holders(30)).toEqual([k3]);
    const other = await IdbStore.open(name);
    const k4 = await other.putDocument(doc('four'), [unit([30])], Uint32Array.of(0, 0));
    other.close();
    expect(await s.lookup(Uint32Array.of(30))).toEqual(new Map([[k3, 1], [k4, 1]]));
    s.close();
  });

  it('saves after an import at once, and after records only once 50 documents are unsaved', async () => {
    const s = await IdbStore.open(freshName());
    await s.lookup(Uint32Array.of(1));
    expect(await s.bandFilter.save()).toBe(true);
    const delays: number[] = [];
    s.bandFilter.scheduleSave = (d?: number) => void delays.push(d ?? 2000);
    for (let i = 0; i < 49; i++) await s.putDocument(doc(`r${i}`), [unit([i + 1])], Uint32Array.of(0, 0));
    expect(delays).toEqual([]);
    await s.putDocument(doc('r49'), [unit([50])], Uint32Array.of(0, 0));
    expect(delays).toEqual([2000]);
    await s.putDocuments([{ doc: doc('i0'), units: [unit([1])], fingerprints: Uint32Array.of(0, 0) }, { doc: doc('i1'), units: [unit([2])], fingerprints: Uint32Array.of(0, 0) }], 'skip');
    expect(delays).toEqual([2000, 0]);
    s.close();
  });

  it('falls back to every key when the filter cannot load', async () => {
    const s = await IdbStore.open(freshName());
    await s.putDocument(doc('x'), [unit([5, 6])], Uint32Array.of(0, 0));
    await s.db.put('meta', { v: 3, k: 7, epoch: undefined, watermark: 99, layers: 'garbage', multi: [] }, FILTER_KEY);
    // Malformed: rebuilt from the units.
    expect(await s.lookup(Uint32Array.of(6))).toEqual(new Map([[1, 1]]));
    s.bandFilter.reset();
    (s.bandFilter as unknown as { load: () => Promise<never> }).load = () => Promise.reject(new Error('boom'));
    const warn = console.warn;
    console.warn = () => undefined;
    try {
      expect(await s.lookup(Uint32Array.of(5))).toEqual(new Map([[1, 1]]));
      expect(s.bandFilter.current).toBeUndefined();
    } finally {
      console.warn = warn;
    }
    s.close();
  });
});
