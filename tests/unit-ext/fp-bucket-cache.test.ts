/**
 * The fingerprint buckets kept for checks (background/fp-bucket-cache.ts): what a read began before a
 * write is not kept, the least recently used go first past the size, and the IndexedDB store's counts
 * share one read per bucket among the candidates of a check (never with a count asked after a
 * write) and follow every write.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { FpBucketCache } from '../../background/fp-bucket-cache';
import { IdbStore } from '../../background/idb-store';
import type { NewDocument } from '../../src/engine/store';

let n = 0;
const freshName = () => `wiretrace-fpcache-${Date.now()}-${n++}`;
const bucket = (...f: number[]) => ({ f: Uint32Array.from(f), c: Uint32Array.from(f, () => 1) });
const doc = (id: string, outletKey: string, paragraphs: number): NewDocument => ({ id, outlet: outletKey, outletKey, firstSeen: 1, paragraphs: Array.from({ length: paragraphs }, (_, p) => `p${p}`) });

describe('FpBucketCache', () => {
  it('keeps what was read under the current generation, and nothing read before a write began', () => {
    const c = new FpBucketCache();
    const before = c.generation;
    c.keep('a', bucket(1), before);
    c.keep('gone', null, before);
    expect(c.get('a')?.f).toEqual(Uint32Array.of(1));
    expect(c.get('gone')).toBeNull();
    c.invalidate();
    expect(c.get('a')).toBeUndefined();
    // A read begun before the write, finishing after it: refused.
    c.keep('a', bucket(1), before);
    expect(c.get('a')).toBeUndefined();
    expect(c.size).toBe(0);
    c.keep('a', bucket(1, 2), c.generation);
    expect(c.get('a')?.f).toEqual(Uint32Array.of(1, 2));
    // A write naming its buckets drops those alone.
    c.keep('b', bucket(3), c.generation);
    c.invalidate(['a', 'elsewhere']);
    expect(c.get('a')).toBeUndefined();
    expect(c.get('b')?.f).toEqual(Uint32Array.of(3));
    expect(c.size).toBe(4 * 2 + 64);
  });

  it('drops the least recently used past its size', () => {
    const one = 4 * 100 * 2 + 64; // a bucket of 100 fingerprints and counts, with its overhead
    const c = new FpBucketCache(3 * one);
    const big = (k: number) => bucket(...Array.from({ length: 100 }, (_, i) => k * 1000 + i));
    const g = c.generation;
    c.keep('a', big(1), g);
    c.keep('b', big(2), g);
    c.keep('c', big(3), g);
    expect(c.get('a')).toBeDefined(); // a is now the most recently used
    c.keep('d', big(4), g);
    expect(c.get('b')).toBeUndefined();
    expect(c.get('a')).toBeDefined();
    expect(c.get('c')).toBeDefined();
    expect(c.get('d')).toBeDefined();
    expect(c.size).toBe(3 * one);
    // A bucket larger than the whole cache is not kept, and pushes nothing out.
    c.keep('huge', bucket(...Array.from({ length: 400 }, (_, i) => i)), g);
    expect(c.get('huge')).toBeUndefined();
    expect(c.size).toBe(3 * one);
  });
});

describe('IdbStore.fingerprintCounts with the buckets kept', () => {
  async function store() {
    const s = await IdbStore.open(freshName());
    s.mergeEnabled = false;
    await s.setParams({ shingle: 4, hashes: 128, bands: 3, rows: 1, seed: 1, hashVersion: 1 });
    return s;
  }
  const fps = (...f: number[]) => Uint32Array.from(f);

  it('reads each bucket once for the candidates asked at once, and not again until a write', async () => {
    const s = await store();
    // Fingerprints in two buckets (the top 8 bits) of outlet 'wire'.
    const a = 0x01000005;
    const b = 0x02000007;
    await s.putDocument(doc('w1', 'wire', 2), [{ paragraph: 0, bandKeys: fps(1) }], fps(a, b));
    await s.putDocument(doc('w2', 'wire', 1), [{ paragraph: 0, bandKeys: fps(2) }], fps(a));
    const gets: unknown[] = [];
    const proto = IDBObjectStore.prototype;
    const get = proto.get;
    proto.get = function (this: IDBObjectStore, key: IDBValidKey) {
      if (this.name === 'fingerprints') gets.push(key);
      return get.call(this, key);
    };
    try {
      const asked = await Promise.all([fps(a, b), fps(a), fps(b, a, 0), fps(a)].map((f) => s.fingerprintCounts('wire', f)));
      expect(asked.map((x) => Array.from(x))).toEqual([[2, 1], [2], [1, 2, 0], [2]]);
      expect(gets).toEqual([['wire', 1], ['wire', 2]]);
      expect(Array.from(await s.fingerprintCounts('wire', fps(b)))).toEqual([1]);
      expect(gets).toHaveLength(2);
      // A bucket that is absent is kept as absent too.
      expect(Array.from(await s.fingerprintCounts('wire', fps(0x03000001)))).toEqual([0]);
      expect(Array.from(await s.fingerprintCounts('wire', fps(0x03000001)))).toEqual([0]);
      expect(gets).toHaveLength(3);
      // A record: the bucket it adds to is read again, and its new counts answer; the other stays kept.
      await s.putDocument(doc('w3', 'wire', 1), [{ paragraph: 0, bandKeys: fps(3) }], fps(b));
      gets.length = 0; // the write read the bucket it adds to
      expect(Array.from(await s.fingerprintCounts('wire', fps(a, b)))).toEqual([2, 2]);
      expect(gets).toEqual([['wire', 2]]);
      // The same bucket of another outlet is another record.
      await s.putDocument(doc('p1', 'paper', 1), [{ paragraph: 0, bandKeys: fps(4) }], fps(a));
      gets.length = 0;
      expect(Array.from(await s.fingerprintCounts('wire', fps(a, b)))).toEqual([2, 2]);
      expect(Array.from(await s.fingerprintCounts('paper', fps(a)))).toEqual([1]);
      expect(gets).toEqual([['paper', 1]]);
    } finally {
      proto.get = get;
      s.close();
    }
  });

  it('answers every write at once: a record, a deletion, a later deletion, a cleared index', async () => {
    const s = await store();
    const a = 0x01000005;
    const count = async () => (await s.fingerprintCounts('wire', fps(a)))[0];
    await s.putDocument(doc('w1', 'wire', 1), [{ paragraph: 0, bandKeys: fps(1) }], fps(a));
    expect(await count()).toBe(1);
    const [k2] = await s.putDocuments([{ doc: doc('w2', 'wire', 1), units: [{ paragraph: 0, bandKeys: fps(2) }], fingerprints: fps(a) }]);
    expect(await count()).toBe(2);
    expect(await s.deleteDocuments([k2])).toBe(1);
    expect(await count()).toBe(1);
    expect(await s.deleteLater([1])).toBe(1);
    expect(await count()).toBe(0);
    await s.putDocument(doc('w4', 'wire', 1), [{ paragraph: 0, bandKeys: fps(4) }], fps(a));
    expect(await count()).toBe(1);
    await s.clear();
    expect(await count()).toBe(0);
    s.close();
  });

  it('does not share a read begun before a record with a count asked after it', async () => {
    const s = await store();
    const a = 0x01000005;
    await s.putDocument(doc('w1', 'wire', 1), [{ paragraph: 0, bandKeys: fps(1) }], fps(a));
    // A read held open (as a slow disk would) across a record of its bucket.
    const own = s as unknown as { readBuckets(o: string, b: number[]): Promise<Map<number, unknown>> };
    const read = own.readBuckets.bind(s);
    let release!: () => void;
    const held = new Promise<void>((ok) => (release = ok));
    own.readBuckets = async (o, b) => {
      const got = await read(o, b);
      await held;
      return got;
    };
    const before = s.fingerprintCounts('wire', fps(a));
    own.readBuckets = read;
    await s.putDocument(doc('w2', 'wire', 1), [{ paragraph: 0, bandKeys: fps(2) }], fps(a));
    const after = s.fingerprintCounts('wire', fps(a));
    release();
    expect((await before)[0]).toBe(1);
    expect((await after)[0]).toBe(2);
    expect((await s.fingerprintCounts('wire', fps(a)))[0]).toBe(2);
    s.close();
  });

  it('does not keep a bucket read while a record of the same outlet was being written', async () => {
    const s = await store();
    const a = 0x01000005;
    await s.putDocument(doc('w1', 'wire', 1), [{ paragraph: 0, bandKeys: fps(1) }], fps(a));
    // Counts asked beside a record, many times over: whichever the read saw, the next answer after
    // the record is the record's.
    for (let i = 2; i < 12; i++) {
      const reading = s.fingerprintCounts('wire', fps(a));
      const writing = s.putDocument(doc(`w${i}`, 'wire', 1), [{ paragraph: 0, bandKeys: fps(i) }], fps(a));
      const [seen] = await Promise.all([reading, writing]);
      expect([i - 1, i]).toContain(seen[0]);
      expect((await s.fingerprintCounts('wire', fps(a)))[0]).toBe(i);
    }
    s.close();
  });
});
