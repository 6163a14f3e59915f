import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/engine';
import { MemoryStore } from '../../src/engine/memory-store';
import { MinHasher } from '../../src/engine/minhash';
import { MINHASH_SIMD_WASM } from '../../src/engine/minhash-simd.bytes';
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
});
