import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bandKeys, bandsFor, candidateProbability } from '../../src/engine/lsh';
import { MinHasher } from '../../src/engine/minhash';
import { combine, fmix32 } from '../../src/engine/hash';

describe('LSH bands', () => {
  it('reproduces the default choice: 42 bands of 3 rows for threshold 0.3 weighted to recall', () => {
    expect(bandsFor(0.3, 128, 0.2, 0.8)).toEqual({ bands: 42, rows: 3 });
  });
  it('the S-curve is monotone and gives high recall from s = 0.4', () => {
    let prev = 0;
    for (let s = 0; s <= 1.0001; s += 0.05) {
      const p = candidateProbability(s, 42, 3);
      expect(p).toBeGreaterThanOrEqual(prev);
      prev = p;
    }
    expect(candidateProbability(0.4, 42, 3)).toBeGreaterThan(0.9);
    expect(candidateProbability(0.05, 42, 3)).toBeLessThan(0.01);
  });
  it('identical sets share every band key; empirical collision rate follows the curve', () => {
    const mh = new MinHasher(128, 5);
    const set = (n: number, off: number) => Uint32Array.from({ length: n }, (_, i) => fmix32(i + off));
    const a = bandKeys(mh.signature(set(40, 0)), 42, 3);
    expect(bandKeys(mh.signature(set(40, 0)), 42, 3)).toEqual(a);
    // Pairs with Jaccard 0.4 (sharing 40 of 100 distinct): a candidate in most trials.
    let hits = 0;
    const trials = 200;
    for (let t = 0; t < trials; t++) {
      const common = set(40, t * 1000);
      const x = new Uint32Array([...common, ...set(30, t * 1000 + 500_000)]);
      const y = new Uint32Array([...common, ...set(30, t * 1000 + 900_000)]);
      const kx = bandKeys(mh.signature(x), 42, 3);
      const ky = bandKeys(mh.signature(y), 42, 3);
      if (kx.some((k, i) => k === ky[i])) hits++;
    }
    expect(hits / trials).toBeGreaterThan(0.85);
  });
  it('never produces the reserved key 0 and rejects impossible shapes', () => {
    expect(bandKeys(new Uint32Array(128), 42, 3).includes(0)).toBe(false);
    expect(() => bandKeys(new Uint32Array(64), 42, 3)).toThrow(RangeError);
  });
});

describe('bandKeys', () => {
  it('property: each key is fmix32(band + 0x51ed27) combined with its rows (the stored keys must never change)', () => {
    fc.assert(
      fc.property(fc.uint32Array({ minLength: 300, maxLength: 300 }), fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 3 }), (sig, bands, rows) => {
        fc.pre(bands * rows <= sig.length);
        const keys = bandKeys(sig, bands, rows);
        for (let b = 0; b < bands; b++) {
          let h = fmix32(b + 0x51ed27);
          for (let r = 0; r < rows; r++) h = combine(h, sig[b * rows + r]);
          expect(keys[b]).toBe(h === 0 ? 1 : h);
        }
      }),
      { numRuns: 300 },
    );
  });
});
