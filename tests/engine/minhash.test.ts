import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MinHasher, estimateJaccard, exactJaccard } from '../../src/engine/minhash';
import { fmix32 } from '../../src/engine/hash';

function randomSet(n: number, seed: number): Uint32Array {
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) out[i] = fmix32(seed * 1_000_003 + i);
  return out;
}

describe('MinHasher', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const s = randomSet(50, 1);
    expect(new MinHasher(128, 7).signature(s)).toEqual(new MinHasher(128, 7).signature(s));
    expect(new MinHasher(128, 8).signature(s)).not.toEqual(new MinHasher(128, 7).signature(s));
  });

  it('refuses to compare signatures of different lengths', () => {
    expect(() => estimateJaccard(new Uint32Array(128), new Uint32Array(64))).toThrow(/different parameters/);
  });

  it('estimates Jaccard without bias (mean error over many pairs near 0)', () => {
    const mh = new MinHasher(128, 3);
    let sumErr = 0;
    let sumAbs = 0;
    const trials = 400;
    for (let t = 0; t < trials; t++) {
      const shared = 10 + (t % 60);
      const own = 5 + ((t * 7) % 50);
      const common = randomSet(shared, t + 10_000);
      const a = new Uint32Array([...common, ...randomSet(own, t + 20_000)]);
      const b = new Uint32Array([...common, ...randomSet(own, t + 30_000)]);
      const est = estimateJaccard(mh.signature(a), mh.signature(b));
      const exact = exactJaccard(a, b);
      sumErr += est - exact;
      sumAbs += Math.abs(est - exact);
    }
    // Standard error of the mean is about sqrt(J(1-J)/128)/sqrt(400) ~ 0.002.
    expect(Math.abs(sumErr / trials)).toBeLessThan(0.01);
    expect(sumAbs / trials).toBeLessThan(0.05);
  });

  it('property: symmetric, 1 on itself, within [0, 1]', () => {
    const mh = new MinHasher(64, 11);
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 60 }), fc.array(fc.nat(), { minLength: 1, maxLength: 60 }), (xs, ys) => {
        const a = mh.signature(Uint32Array.from(xs));
        const b = mh.signature(Uint32Array.from(ys));
        expect(estimateJaccard(a, b)).toBe(estimateJaccard(b, a));
        expect(estimateJaccard(a, a)).toBe(1);
        const j = estimateJaccard(a, b);
        expect(j).toBeGreaterThanOrEqual(0);
        expect(j).toBeLessThanOrEqual(1);
        expect(exactJaccard(xs, ys)).toBe(exactJaccard(ys, xs));
        expect(exactJaccard(xs, xs)).toBe(1);
      }),
    );
  });
});
