/** wordCount: the engine's own tokens counted, in every script, with a fast path for Latin text. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prepare } from '../../src/engine/prepare';
import { latinWordCount, wordCount } from '../../src/engine/word-count';

const tokens = (text: string) => prepare([text], 4).tokCount;

describe('wordCount', () => {
  it('counts words, not spaces', () => {
    expect(wordCount("Don't stop: the al-Nusra front's 12 fighters.")).toBe(8);
    expect(wordCount('')).toBe(0);
    expect(wordCount('  — … ')).toBe(0);
  });

  it('counts the words of scripts written without spaces, as the tokenizer splits them', () => {
    const ja = '桜浜市で14日、新しい路面電車が開業した。';
    expect(ja.split(/\s+/).length).toBe(1);
    expect(wordCount(ja)).toBeGreaterThan(8);
    expect(wordCount('受强冷空气影响，云雾县上周末出现罕见晚霜')).toBeGreaterThan(6);
    expect(wordCount('ระดับน้ำในแม่น้ำโขงลดลงต่ำสุดในรอบสิบปี')).toBeGreaterThan(6);
  });

  it('counts spaced scripts word by word', () => {
    expect(wordCount('افتتحت السلطات في مدينة رأس الريان')).toBe(6);
    expect(wordCount('Центральный мост через реку будет закрыт')).toBe(6);
    expect(wordCount('Ein ganztägiger Warnstreik hat den Nahverkehr lahmgelegt.')).toBe(7);
  });

  it('property: the count of the tokens prepare() makes, ASCII or not', () => {
    const ascii = fc.string({ unit: fc.constantFrom('a', 'B', '7', ' ', "'", '`', '-', '.', '\n') });
    fc.assert(fc.property(ascii, (s) => wordCount(s) === tokens(s)), { numRuns: 2000 });
    const any = fc.string({ unit: fc.constantFrom('a', ' ', "'", 'é', '東', '京', 'の', 'ไ', 'ท', 'ย', 'ب', 'ж', '\u200f', '\u0301', '、') });
    fc.assert(fc.property(any, (s) => wordCount(s) === tokens(s)), { numRuns: 1000 });
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => wordCount(s) === tokens(s)), { numRuns: 1000 });
  });

  it('counts typeset Latin text in one pass, as the tokens prepare() makes', () => {
    const typeset = 'The mayor\u2019s \u201cplan\u201d \u2014 co\u00adoperation, na\u00efve caf\u00e9s\u00a0& \u00bfS\u00ed?\u2026';
    expect(latinWordCount(typeset)).toBe(7);
    expect(wordCount(typeset)).toBe(tokens(typeset));
    // Where normalisation makes letters of a symbol (\u2122 is TM) or puts a mark in, the slow way.
    for (const other of ['Acme\u2122', 'e\u0301t\u00e9', '\u013fa', 'x\u00b2', '\u6771']) expect(latinWordCount(other)).toBe(-1);
  });

  it('property: the one-pass count is the tokens of every character it knows, in any context', () => {
    const known = [...Array(0x2070).keys()].map((c) => String.fromCharCode(c)).filter((ch) => latinWordCount(ch) >= 0);
    expect(known.length).toBeGreaterThan(500);
    for (const ch of known) {
      for (const t of [ch, `ab${ch}cd`, `${ch}ab`, `ab${ch}`, `ab'${ch}cd`, `ab${ch}'cd`, `${ch}${ch}`, `a${ch}${ch}b`, `\u00e9${ch}\u00e9`, `a\u2019${ch}b`]) {
        expect([t, latinWordCount(t)]).toEqual([t, tokens(t)]);
      }
    }
    const unit = fc.constantFrom(...known.filter((_, i) => i % 7 === 0), 'a', ' ', "'", '\u2019', '\u00ad', '\u200b', '\u00e9', '\u2014', '\u201c');
    fc.assert(fc.property(fc.string({ unit }), (s) => latinWordCount(s) === tokens(s)), { numRuns: 3000 });
  });
});
