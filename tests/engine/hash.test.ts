import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { combine, combineMixed, fmix32, hashRange, prng } from '../../src/engine/hash';

describe('fmix32', () => {
  it('is a bijection on 32-bit integers (no two of 100,000 inputs collide) returning unsigned values', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 100_000; i++) {
      const h = fmix32(i * 2_654_435_761);
      expect(h >>> 0).toBe(h);
      seen.add(h);
    }
    expect(seen.size).toBe(100_000);
  });
  it('avalanches: one flipped input bit flips about half the output bits', () => {
    let flipped = 0;
    const n = 2000;
    for (let i = 0; i < n; i++) {
      const x = (i * 0x9e3779b1) >>> 0;
      let d = fmix32(x) ^ fmix32((x ^ (1 << (i % 32))) >>> 0);
      while (d) {
        flipped += d & 1;
        d >>>= 1;
      }
    }
    expect(flipped / n).toBeGreaterThan(15);
    expect(flipped / n).toBeLessThan(17);
  });
  it('keeps these values (the index format and every stored band key depend on them)', () => {
    // MurmurHash3's fmix32: 0x514e28b7 for 1, 0x81f16f39 for 0xffffffff.
    expect([0, 1, 0xffffffff, 123456789].map(fmix32)).toEqual([0, 0x514e28b7, 0x81f16f39, 3126909082]);
    expect(hashRange('geneva', 0, 6)).toBe(hashRange('talks in geneva', 9, 15));
    expect(hashRange('Geneva', 0, 6)).not.toBe(hashRange('geneva', 0, 6));
  });
});

describe('combine', () => {
  it('is order-sensitive and equals combineMixed of the pre-mixed value', () => {
    const a = combine(combine(7, 1), 2);
    const b = combine(combine(7, 2), 1);
    expect(a).not.toBe(b);
    fc.assert(
      fc.property(fc.nat({ max: 0xffffffff }), fc.nat({ max: 0xffffffff }), (h, v) => {
        const c = combine(h, v);
        expect(c).toBe(combineMixed(h, fmix32(v + 0x9e3779b9)));
        expect(c >>> 0).toBe(c);
      }),
    );
  });
});

describe('prng', () => {
  it('is seeded and repeatable, with values spread over 32 bits', () => {
    const a = prng(42);
    const b = prng(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    expect(prng(43)()).not.toBe(xs[0]);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length / 2 ** 32;
    expect(mean).toBeGreaterThan(0.45);
    expect(mean).toBeLessThan(0.55);
    expect(new Set(xs).size).toBe(1000);
  });
});
