import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/engine';
import { MemoryStore } from '../../src/engine/memory-store';
import { MinHasher } from '../../src/engine/minhash';
import { MINHASH_SIMD_WASM } from '../../src/engine/minhash-simd.bytes';
import { prepareArticle } from '../../src/engine/prepare';
import { BYTES_PATH, bytesModule, compileKernel } from '../../scripts/build/wasm';
import { seed } from './seeds';

describe('the WebAssembly SIMD MinHash kernel', () => {
  it('is what minhash-simd.wat compiles to (run `npm run build:wasm` after editing it)', async () => {
    const bytes = await compileKernel();
    expect(Array.from(MINHASH_SIMD_WASM)).toEqual(Array.from(bytes));
    expect(readFileSync(BYTES_PATH, 'utf8')).toBe(bytesModule(bytes));
  });

  it('runs in Node, and only when asked and when the number of hashes fits it', () => {
    expect(new MinHasher(128, 1).usesWasm).toBe(true);
    expect(new MinHasher(16, 1).usesWasm).toBe(true);
    expect(new MinHasher(128, 1, { wasm: false }).usesWasm).toBe(false);
    expect(new MinHasher(100, 1).usesWasm).toBe(false); // not a multiple of 16
    expect(new MinHasher(2048, 1).usesWasm).toBe(false); // beyond its memory layout
  });

  it('gives the JavaScript loop’s signatures, bit for bit, for any set, range and seed', () => {
    fc.assert(
      fc.property(
        fc.uint32Array({ maxLength: 400 }),
        fc.nat(),
        fc.nat(),
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.constantFrom(16, 32, 128, 256),
        (set, a, b, seedValue, k) => {
          const from = set.length ? a % (set.length + 1) : 0;
          const to = from + (set.length - from ? b % (set.length - from + 1) : 0);
          const simd = new MinHasher(k, seedValue);
          const js = new MinHasher(k, seedValue, { wasm: false });
          expect(simd.usesWasm).toBe(true);
          expect(Array.from(simd.signature(set, from, to))).toEqual(Array.from(js.signature(set, from, to)));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('gives an empty set all 0xffffffff and grows its memory for sets larger than a page', () => {
    const simd = new MinHasher(128, 9);
    const js = new MinHasher(128, 9, { wasm: false });
    expect(Array.from(simd.signature(new Uint32Array(0)))).toEqual(new Array(128).fill(0xffffffff));
    const big = new Uint32Array(100_000);
    for (let i = 0; i < big.length; i++) big[i] = Math.imul(i + 1, 0x9e3779b1) >>> 0;
    expect(Array.from(simd.signature(big))).toEqual(Array.from(js.signature(big)));
    // After growing, smaller sets still come out right (the memory views are refreshed).
    expect(Array.from(simd.signature(big, 5, 60))).toEqual(Array.from(js.signature(big, 5, 60)));
  });

  it('leaves reports unchanged: the engine with and without it reports the seeds alike', async () => {
    const ids = ['000', '004', '001', '002', '003'];
    const run = async (wasm: boolean) => {
      const e = await Engine.open(new MemoryStore(), { wasm });
      const out = [];
      for (const id of ids) {
        const s = seed(id);
        out.push(await e.checkAndRecord({ ...s, firstSeen: '2016-01-01T00:00:00Z' }));
      }
      return out;
    };
    const [simd, js] = await Promise.all([run(true), run(false)]);
    expect(simd.some((r) => r.passages.length > 10)).toBe(true);
    expect(simd).toEqual(js);
  });

  it('property: makes the same unit band keys as the JavaScript path (an index is shared by the CLI and the extension)', async () => {
    const word = fc.integer({ min: 0, max: 400 }).map((i) => `w${i}`);
    const paragraph = fc.array(word, { maxLength: 130 }).map((ws) => ws.join(' '));
    const settings = fc.record({
      windowWords: fc.integer({ min: 2, max: 60 }),
      minUnitWords: fc.integer({ min: 1, max: 12 }),
      shingle: fc.integer({ min: 1, max: 6 }),
      rows: fc.integer({ min: 1, max: 4 }),
    });
    const engines = new Map<string, [Engine, Engine]>();
    const pair = async (o: { windowWords: number; minUnitWords: number; shingle: number; rows: number }) => {
      const key = JSON.stringify(o);
      let p = engines.get(key);
      if (!p) {
        const opts = { ...o, bands: Math.floor(128 / o.rows) };
        p = [await Engine.open(new MemoryStore(), { ...opts, wasm: true }), await Engine.open(new MemoryStore(), { ...opts, wasm: false })];
        engines.set(key, p);
      }
      return p;
    };
    let units = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(paragraph, { maxLength: 6 }), settings, async (ps, o) => {
        const [simd, js] = await pair(o);
        const a = simd.unitRecords(prepareArticle('', ps, o.shingle));
        const b = js.unitRecords(prepareArticle('', ps, o.shingle));
        expect(a.map((r) => [r.paragraph, Array.from(r.bandKeys)])).toEqual(b.map((r) => [r.paragraph, Array.from(r.bandKeys)]));
        units += a.length;
      }),
      { numRuns: 400 },
    );
    expect(units).toBeGreaterThan(500); // about 700
    // The default engine, on a long article with long paragraphs (many windows), as well.
    const long = Array.from({ length: 12 }, (_, p) => Array.from({ length: 30 + 17 * p }, (_, i) => `word${(i * 7 + p) % 97}`).join(' '));
    const [d1, d2] = [await Engine.open(new MemoryStore()), await Engine.open(new MemoryStore(), { wasm: false })];
    const k1 = d1.unitRecords(prepareArticle('A title', long, 4));
    expect(k1.length).toBeGreaterThan(40);
    expect(k1.map((r) => Array.from(r.bandKeys))).toEqual(d2.unitRecords(prepareArticle('A title', long, 4)).map((r) => Array.from(r.bandKeys)));
  });
});
