import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalize } from '../../src/engine/normalize';
import { tokenize } from '../../src/engine/tokenize';

const words = (s: string) => {
  const t = tokenize(s);
  return Array.from({ length: t.count }, (_, i) => s.slice(t.start[i], t.end[i]));
};

describe('tokenize', () => {
  it('splits on punctuation and keeps inner apostrophes', () => {
    expect(words("don't stop: the al-nusra front's 12 fighters.")).toEqual(["don't", 'stop', 'the', 'al', 'nusra', "front's", '12', 'fighters']);
  });
  it('segments scripts written without spaces', () => {
    const w = words(normalize('東京都に住んでいます。').text);
    expect(w.length).toBeGreaterThan(2);
    expect(w.join('')).toBe('東京都に住んでいます');
  });
  it('handles Cyrillic, Arabic and Greek as spaced scripts', () => {
    expect(words('лавров сказал')).toEqual(['лавров', 'сказал']);
    expect(words('قال كيري')).toEqual(['قال', 'كيري']);
  });
  it('gives equal hashes to equal words and different ones otherwise', () => {
    const t = tokenize('syria talks syria');
    expect(t.hash[0]).toBe(t.hash[2]);
    expect(t.hash[0]).not.toBe(t.hash[1]);
  });
  it('hashes are stable across runs (recorded values)', () => {
    // Pinned so a change of hashing (which invalidates stored indexes) cannot pass unnoticed.
    expect(Array.from(tokenize('geneva kerry lavrov').hash)).toMatchSnapshot();
  });
  it('property: spans lie inside the text, in order, never empty', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const t = tokenize(s);
        for (let i = 0; i < t.count; i++) {
          expect(t.start[i]).toBeGreaterThanOrEqual(i ? t.end[i - 1] : 0);
          expect(t.end[i]).toBeGreaterThan(t.start[i]);
          expect(t.end[i]).toBeLessThanOrEqual(s.length);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('tokenizeAscii (fast path)', () => {
  it('gives up at the first character outside ASCII (the caller then normalises), and counts white space', async () => {
    const { asciiScan, tokenizeAscii, tokenizeAsciiInto } = await import('../../src/engine/tokenize');
    const room = () => [new Int32Array(8), new Int32Array(8), new Uint32Array(8)] as const;
    expect(tokenizeAsciiInto('caf\u00e9 au lait', ...room(), 0)).toBe(-1);
    expect(tokenizeAsciiInto('plain text \u2014 then a dash', ...room(), 0)).toBe(-1);
    expect(() => tokenizeAscii('na\u00efve')).toThrow(/not plain ASCII/);
    expect(tokenizeAsciiInto(' two\twords\r\n', ...room(), 3)).toBe(5);
    expect(asciiScan.spaces).toBe(4);
  });

  it('property: the scan over bytes (TextEncoder) and the scan over characters agree, tokens, counts and marks', async () => {
    const { asciiScan, tokenizeAsciiBytes, tokenizeAsciiCodes } = await import('../../src/engine/tokenize');
    const run = (f: typeof tokenizeAsciiBytes, s: string) => {
      const a = [new Int32Array(s.length + 4), new Int32Array(s.length + 4), new Uint32Array(s.length + 4)] as const;
      const n = f(s, ...a, 2);
      return n < 0 ? [n] : [n, asciiScan.spaces, asciiScan.marks, ...a[0].subarray(2, n), ...a[1].subarray(2, n), ...a[2].subarray(2, n)];
    };
    const unit = fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...'aB9 \'`-.,"\n\t\v\fXyZ0~'.split('')) }, { weight: 1, arbitrary: fc.constantFrom('\u00e9', '\u2014', '\ud800', '\u0000', '\u007f') });
    fc.assert(fc.property(fc.string({ unit, maxLength: 60 }), (s) => {
      expect(run(tokenizeAsciiBytes, s)).toEqual(run(tokenizeAsciiCodes, s));
    }), { numRuns: 3000 });
    // Longer than the byte scratch first made.
    const long = 'Word, another\'s word. '.repeat(400);
    expect(run(tokenizeAsciiBytes, long)).toEqual(run(tokenizeAsciiCodes, long));
  });

  it('property: same tokens and hashes as normalize + tokenize on ASCII text', async () => {
    const { tokenizeAscii } = await import('../../src/engine/tokenize');
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'aB9 \'`-.,"\n\tXyZ0'.split('')) }), (s) => {
        const fast = tokenizeAscii(s);
        const n = normalize(s);
        const slow = tokenize(n.text);
        expect(Array.from(fast.hash)).toEqual(Array.from(slow.hash));
        for (let i = 0; i < fast.count; i++) expect(normalize(s.slice(fast.start[i], fast.end[i])).text).toBe(n.text.slice(slow.start[i], slow.end[i]));
      }),
      { numRuns: 3000 },
    );
  });
});
