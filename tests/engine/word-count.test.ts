/** wordCount: the engine's own tokens counted, in every script, with a fast path for ASCII. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prepare } from '../../src/engine/prepare';
import { wordCount } from '../../src/engine/word-count';

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
});
