import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alignTexts } from '../../src/engine/align';

const wire = 'The two foreign ministers met for twelve hours in a lakeside hotel and agreed that their experts would keep working on the remaining technical questions over the coming days, officials said.';
const other = 'Protesters gathered outside the venue on Friday evening, waving flags and chanting slogans about the war.';

describe('alignTexts', () => {
  it('finds a verbatim passage with exact offsets on both sides', () => {
    const a = `An unrelated opening sentence about markets. ${wire} A closing line of our own.`;
    const b = `${other} ${wire}`;
    const [p, ...rest] = alignTexts(a, b);
    expect(rest).toEqual([]);
    expect(a.slice(p.a.start, p.a.end)).toBe(wire.slice(0, -1));
    expect(b.slice(p.b.start, p.b.end)).toBe(wire.slice(0, -1));
  });
  it('survives light editing (a word changed every dozen words)', () => {
    const edited = wire.replace('twelve', '12').replace('lakeside', 'lake-front').replace('remaining', 'outstanding');
    const [p] = alignTexts(edited, wire);
    expect(p).toBeDefined();
    expect(p.a.end - p.a.start).toBeGreaterThan(edited.length * 0.8);
  });
  it('keeps two passages from different places apart', () => {
    const a = `${wire} ${other}`;
    const b = `${other} Something else in between that is long enough to separate them clearly here. ${wire}`;
    expect(alignTexts(a, b)).toHaveLength(2);
  });
  it('finds nothing in unrelated or tiny texts', () => {
    expect(alignTexts(wire, other)).toEqual([]);
    expect(alignTexts('', wire)).toEqual([]);
    expect(alignTexts('a b c', 'a b c')).toEqual([]);
  });
  it('gives the same answer whatever was aligned before (its shingle table is reused between calls)', () => {
    const a = `An unrelated opening sentence about markets. ${wire} A closing line of our own.`;
    const b = `${other} ${wire}`;
    const first = alignTexts(a, b);
    const long = Array.from({ length: 20_000 }, (_, i) => `word${i}`).join(' ');
    expect(alignTexts(long, long)).toHaveLength(1); // a table many times larger
    expect(alignTexts('', '')).toEqual([]);
    expect(alignTexts(a, b)).toEqual(first);
    // The same shingles at other places in another B: nothing of it is left for the next call.
    const [moved] = alignTexts(a, wire);
    expect(moved.b.start).toBe(0);
    expect(alignTexts(a, b)).toEqual(first);
  });
  it('skips shingles repeated more than maxOccurrences times in B, and places those repeated less', () => {
    const refrain = 'the committee will meet again next week';
    const a = `${refrain} to decide on the budget for schools and hospitals in the north of the country`;
    const b = Array.from({ length: 9 }, () => refrain).join('. ');
    expect(alignTexts(a, b, 4, { minWords: 4 })).toEqual([]);
    const few = Array.from({ length: 3 }, () => refrain).join('. ');
    expect(alignTexts(a, few, 4, { minWords: 4 })).toHaveLength(1);
  });
  it('property: spans lie inside both texts', () => {
    const word = fc.constantFrom('the', 'talks', 'geneva', 'kerry', 'said', 'syria', 'deal', 'on', 'a', 'truce');
    const text = fc.array(word, { minLength: 0, maxLength: 80 }).map((w) => w.join(' '));
    fc.assert(
      fc.property(text, text, (a, b) => {
        for (const p of alignTexts(a, b)) {
          expect(0 <= p.a.start && p.a.start < p.a.end && p.a.end <= a.length).toBe(true);
          expect(0 <= p.b.start && p.b.start < p.b.end && p.b.end <= b.length).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
