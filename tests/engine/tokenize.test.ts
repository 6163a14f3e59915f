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

  it('property: the ASCII scan counts whitespace and notes quotation marks and inner apostrophes as the text has them', async () => {
    const { asciiScan, tokenizeAsciiInto, ASCII_QUOTE_MARK, ASCII_INNER_APOSTROPHE } = await import('../../src/engine/tokenize');
    const word = (c: string) => /[A-Za-z0-9]/.test(c);
    const unit = fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...'aB9 \'`-.,"\n\t\v\fXyZ0~'.split('')) }, { weight: 1, arbitrary: fc.constantFrom('\u00e9', '\u2014', '\ud800', '\u0000', '\u007f') });
    fc.assert(fc.property(fc.string({ unit, maxLength: 60 }), (s) => {
      const a = [new Int32Array(s.length + 4), new Int32Array(s.length + 4), new Uint32Array(s.length + 4)] as const;
      const n = tokenizeAsciiInto(s, ...a, 2);
      if (/[^\u0000-\u007f]/.test(s)) {
        expect(n).toBe(-1);
        return;
      }
      expect(asciiScan.spaces).toBe(s.split('').filter((c) => ' \t\n\r'.includes(c)).length);
      // A ' or ` between two letters or digits is inside a word; any other " ' ` can open a quotation.
      let quote = false;
      let inner = false;
      for (let i = 0; i < s.length; i++) {
        if (!'"\'`'.includes(s[i])) continue;
        if (s[i] !== '"' && i > 0 && word(s[i - 1]) && i + 1 < s.length && word(s[i + 1])) inner = true;
        else quote = true;
      }
      expect(asciiScan.marks).toBe((quote ? ASCII_QUOTE_MARK : 0) | (inner ? ASCII_INNER_APOSTROPHE : 0));
    }), { numRuns: 3000 });
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
