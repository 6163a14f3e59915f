import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalize, toOriginal } from '../../src/engine/normalize';

describe('normalize', () => {
  it('folds case, typographic quotes, dashes, ellipses and spaces', () => {
    expect(normalize('He said “Hello” — WORLD…').text).toBe('he said "hello" - world...');
    expect(normalize('Kerry’s ‘narrow issues’').text).toBe("kerry's 'narrow issues'");
    expect(normalize('  a\u00a0\u2003b\n\n c  ').text).toBe('a b c');
    expect(normalize('ﬁne ＡＢＣ').text).toBe('fine abc');
    expect(normalize('soft\u00adhyphen zero\u200bwidth').text).toBe('softhyphen zerowidth');
  });

  it('composes combining marks (NFKC) and keeps the map on the cluster', () => {
    const n = normalize('Cafe\u0301 X');
    expect(n.text).toBe('café x');
    expect(toOriginal(n, 3, 4)).toEqual([3, 5]);
  });

  it('maps spans back to the original text', () => {
    const src = 'The  “Quick”   BROWN fox';
    const n = normalize(src);
    const i = n.text.indexOf('brown');
    const [a, b] = toOriginal(n, i, i + 5);
    expect(src.slice(a, b)).toBe('BROWN');
  });

  it('handles empty, lone surrogates and control characters without throwing', () => {
    expect(normalize('').text).toBe('');
    expect(() => normalize('\ud800x\udc00\u0000\u0007')).not.toThrow();
    expect(normalize(undefined as unknown as string).text).toBe('');
  });

  it('property: normalising twice is normalising once', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        const once = normalize(s).text;
        expect(normalize(once).text).toBe(once);
      }),
      { numRuns: 2000 },
    );
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => {
      const once = normalize(s).text;
      expect(normalize(once).text).toBe(once);
    }), { numRuns: 2000 });
  });

  it('property: every normalised character maps inside the original, monotonically', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const n = normalize(s);
        expect(n.start.length).toBe(n.text.length);
        for (let i = 0; i < n.text.length; i++) {
          expect(n.start[i]).toBeGreaterThanOrEqual(0);
          expect(n.end[i]).toBeLessThanOrEqual(s.length);
          expect(n.start[i]).toBeLessThan(n.end[i]);
          if (i > 0) expect(n.start[i]).toBeGreaterThanOrEqual(n.start[i - 1]);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('property: the original slice of a normalised span normalises back to it', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-composite' }), fc.nat(), fc.nat(), (s, x, y) => {
        const n = normalize(s);
        if (n.text.length === 0) return;
        let a = x % n.text.length;
        let b = a + 1 + (y % (n.text.length - a));
        // Whole clusters only: widen to cluster edges.
        while (a > 0 && n.start[a - 1] === n.start[a]) a--;
        while (b < n.text.length && n.start[b] === n.start[b - 1]) b++;
        const [oa, ob] = toOriginal(n, a, b);
        expect(normalize(s.slice(oa, ob)).text).toBe(n.text.slice(a, b).trim());
      }),
      { numRuns: 2000 },
    );
  });
});
