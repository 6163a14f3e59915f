import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSpaceCode, nonSpace, nonWhiteSpace } from '../../src/engine/chars';

describe('isSpaceCode', () => {
  it('is true exactly for the characters /\\s/ matches (all of the Basic Multilingual Plane)', () => {
    const wrong: number[] = [];
    for (let c = 0; c < 0x10000; c++) if (isSpaceCode(c) !== /\s/.test(String.fromCharCode(c))) wrong.push(c);
    expect(wrong).toEqual([]);
    expect(isSpaceCode(NaN)).toBe(false);
  });
});

describe('nonSpace', () => {
  it('counts every character but space, tab, LF, CR and no-break space', () => {
    expect(nonSpace('')).toBe(0);
    expect(nonSpace(' a\tb\nc\rd\u00a0e ')).toBe(5);
    // Other white space counts (it is rare in text and the shares have always counted it).
    expect(nonSpace('a\u2009b\u3000c\u000bd')).toBe(7);
    expect(nonSpace('\u{1F600}')).toBe(2); // UTF-16 code units
  });

  it('property: the same as counting code units outside the five characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        let n = 0;
        for (const c of s.split('')) if (!' \t\n\r\u00a0'.includes(c)) n++;
        expect(nonSpace(s)).toBe(n);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('nonWhiteSpace', () => {
  it('counts the characters of a range that JavaScript\'s \\s does not match', () => {
    fc.assert(fc.property(fc.string({ unit: fc.oneof(fc.constantFrom(' ', '\t', '\v', '\f', '\n', '\r', '\u00a0', '\u2003', '\u3000', '\ufeff', '\u200b', 'a', '!', '~', '\u009f'), fc.string({ unit: 'binary', maxLength: 1 })) }), fc.nat(40), fc.nat(40), (t, x, y) => {
      const [from, to] = [Math.min(x, y, t.length), Math.min(Math.max(x, y), t.length)];
      expect(nonWhiteSpace(t, from, to)).toBe(t.slice(from, to).split('').filter((c) => !/\s/.test(c)).length);
    }), { numRuns: 3000 });
  });
});
