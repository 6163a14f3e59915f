/**
 * Postings blocks as stored (background/posting-blocks.ts): any block decodes to what was encoded,
 * a block written as 32-bit numbers reads as it is, malformed bytes throw rather than give postings,
 * and the bytes shrink as measured. A database whose blocks were written as 32-bit numbers (before
 * the stored form) answers as one written in it, merges and deletes with it, and its merged blocks
 * come out in the stored form.
 */
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IdbStore } from '../../background/idb-store';
import { decodeBlock, encodeBlock, type StoredBlock } from '../../background/posting-blocks';
import { BLOCK, buildSegment } from '../../background/segments';
import type { NewDocument } from '../../src/engine/store';

/** A block of sorted (key, document) pairs, as buildSegment cuts them. */
const block = fc.array(fc.tuple(fc.nat({ max: 0xffffffff }), fc.nat({ max: 0xffffffff })), { maxLength: BLOCK }).map((pairs) => {
  pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return Uint32Array.from([...pairs.map((p) => p[0]), ...pairs.map((p) => p[1])]);
});

describe('postings blocks as stored', () => {
  it('decodes every block to what was encoded (property), edge numbers included', () => {
    fc.assert(
      fc.property(block, (p) => {
        expect(decodeBlock(encodeBlock(p))).toEqual(p);
      }),
      { numRuns: 300 },
    );
    const edges = Uint32Array.of(0, 0, 127, 128, 16_383, 16_384, 0xffffffff, 0, 1, 127, 128, 2 ** 21, 2 ** 28, 0xffffffff);
    expect(decodeBlock(encodeBlock(edges))).toEqual(edges);
    expect(decodeBlock(encodeBlock(new Uint32Array(0)))).toEqual(new Uint32Array(0));
  });

  it('reads a block written as 32-bit numbers as it is', () => {
    const old = Uint32Array.of(5, 9, 9, 1, 2, 3);
    expect(decodeBlock(old)).toBe(old);
  });

  it('gives each block its own bytes, not a view into a shared buffer', () => {
    const a = encodeBlock(Uint32Array.of(1, 2, 3, 4));
    const b = encodeBlock(Uint32Array.of(7, 8));
    expect(a.buffer).not.toBe(b.buffer);
    expect(a.byteLength).toBe(a.buffer.byteLength);
    expect(decodeBlock(a)).toEqual(Uint32Array.of(1, 2, 3, 4));
  });

  it('throws on malformed bytes and on keys that decrease', () => {
    const good = encodeBlock(Uint32Array.of(300, 70_000, 5, 6));
    expect(() => decodeBlock(good.slice(0, good.length - 1))).toThrow(/cut short/);
    expect(() => decodeBlock(Uint8Array.of(...good, 0))).toThrow(/bytes after/);
    expect(() => decodeBlock(Uint8Array.of(1, 0xff, 0xff, 0xff, 0xff, 0x7f, 0))).toThrow(/over 32 bits/);
    expect(() => decodeBlock(Uint8Array.of(2, 0xff, 0xff, 0xff, 0xff, 0x0f, 1, 0, 0))).toThrow(/over 32 bits/); // 2^32 - 1 + 1
    expect(() => decodeBlock(Uint8Array.of(100, 0))).toThrow(/count exceeds/);
    expect(() => encodeBlock(Uint32Array.of(9, 8, 1, 2))).toThrow(/must not decrease/);
  });

  it('stores a block of a 3.6-million-posting segment in about half the bytes', () => {
    // Keys as such a segment holds them (hashes sorted: gaps of 2^32 / ~3,400,000 distinct keys on
    // average), documents under 10,000.
    let seed = 7;
    const next = () => (seed = (Math.imul(seed, 1_664_525) + 1_013_904_223) >>> 0) / 2 ** 32;
    const p = new Uint32Array(2 * BLOCK);
    for (let i = 0, k = 0; i < BLOCK; i++) (p[i] = k += Math.floor(next() * 2 * 1263)), (p[BLOCK + i] = 1 + Math.floor(next() * 10_000));
    const share = encodeBlock(p).byteLength / p.byteLength;
    expect(share).toBeGreaterThan(0.4);
    expect(share).toBeLessThan(0.55);
  });
});

let n = 0;
const doc = (i: number, outletKey: string): NewDocument => ({ id: `d${i}`, outlet: outletKey, outletKey, firstSeen: 1000 + i, paragraphs: ['one', 'two', 'three'] });
/** Keys that run across blocks and documents: 700 a document, half of them shared with the document before. */
const keysOf = (i: number) => Uint32Array.from({ length: 700 }, (_, k) => (k < 350 ? 1_000_000 + i * 350 + k : 1_000_000 + (i - 1) * 350 + k - 350 + 7));

async function filled(name: string, docs: number): Promise<IdbStore> {
  const s = await IdbStore.open(name);
  await s.setParams({ shingle: 4, hashes: 128, bands: 3, rows: 1, seed: 1, hashVersion: 1 });
  s.mergeEnabled = false; // several segments, so that later merges take blocks of both forms
  for (let i = 0; i < docs; i++) await s.putDocument(doc(i, i % 3 ? 'kept' : 'gone'), [{ paragraph: 0, bandKeys: keysOf(i) }], Uint32Array.of(100 + i));
  return s;
}

async function lookups(s: IdbStore, docs: number) {
  const out = [];
  for (let i = 0; i <= docs; i++) out.push([...(await s.lookup(keysOf(i)))].sort((a, b) => a[0] - b[0]));
  return out;
}

describe('a database with blocks written as 32-bit numbers', () => {
  it('answers, merges and deletes as one written in the stored form', async () => {
    const name = `wiretrace-blocks-${Date.now()}-${n++}`;
    const old = await filled(name, 9);
    const now = await filled(`${name}-now`, 9);
    // The blocks as the version before the stored form wrote them.
    const tx = old.db.transaction('postings', 'readwrite');
    let cursor = await tx.store.openCursor();
    let rewritten = 0;
    while (cursor) {
      await cursor.update(decodeBlock(cursor.value as StoredBlock));
      rewritten++;
      cursor = await cursor.continue();
    }
    await tx.done;
    expect(rewritten).toBeGreaterThan(9);
    old.close();
    const reopened = await IdbStore.open(name);
    expect((await reopened.db.getAll('postings')).every((p) => p instanceof Uint32Array)).toBe(true);
    expect(await lookups(reopened, 9)).toEqual(await lookups(now, 9));

    // Merged: blocks of both forms in, the stored form out.
    for (const s of [reopened, now]) {
      s.mergeEnabled = true;
      for (let i = 9; i < 12; i++) await s.putDocument(doc(i, 'kept'), [{ paragraph: 0, bandKeys: keysOf(i) }], Uint32Array.of(100 + i));
      await s.settled();
    }
    const after = (await reopened.db.getAll('postings')) as StoredBlock[];
    expect(after.filter((p) => p instanceof Uint8Array).length).toBeGreaterThan(0);
    expect(await lookups(reopened, 12)).toEqual(await lookups(now, 12));

    // Deleted from, whatever form each block is in.
    const gone = new Set(await reopened.keysOfOutlet('gone'));
    const found = async () => (await lookups(reopened, 12)).flat().map(([d]) => d);
    expect((await found()).filter((d) => gone.has(d)).length).toBeGreaterThan(0);
    for (const s of [reopened, now]) expect(await s.deleteDocuments(await s.keysOfOutlet('gone'))).toBe(3);
    expect((await found()).filter((d) => gone.has(d))).toEqual([]);
    expect(await lookups(reopened, 12)).toEqual(await lookups(now, 12));
    reopened.close();
    now.close();
  });
});
