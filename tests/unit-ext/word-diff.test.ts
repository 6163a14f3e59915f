import { describe, expect, it } from 'vitest';
import { lcsPairs, wordDiff, words } from '../../src/word-diff';

const join = (ps: { text: string }[]) => ps.map((p) => p.text).join('');

describe('wordDiff', () => {
  it('keeps the original strings exactly, piece by piece', () => {
    const a = '  The minister said on Tuesday that\nthe plan would go ahead. ';
    const b = 'The Minister said on Monday that the plan would “go ahead”.';
    const d = wordDiff(a, b);
    expect(join(d.source)).toBe(a);
    expect(join(d.target)).toBe(b);
  });

  it('marks only the changed words, folding case and typographic quotes', () => {
    const d = wordDiff('The minister said on Tuesday that it’s over.', "The Minister said on Monday that it's over.");
    expect(d.source).toEqual([
      { kind: 'same', text: 'The minister said on ' },
      { kind: 'removed', text: 'Tuesday ' },
      { kind: 'same', text: 'that it’s over.' },
    ]);
    expect(d.target).toEqual([
      { kind: 'same', text: 'The Minister said on ' },
      { kind: 'added', text: 'Monday ' },
      { kind: 'same', text: "that it's over." },
    ]);
    expect(d.similarity).toBeCloseTo(7 / 8);
  });

  it('handles insertions, deletions and empty sides', () => {
    expect(wordDiff('a b c', 'a x b c').target.map((p) => p.kind)).toEqual(['same', 'added', 'same']);
    expect(wordDiff('a b c', 'a c').source.map((p) => p.kind)).toEqual(['same', 'removed', 'same']);
    expect(wordDiff('', 'a b')).toEqual({ source: [], target: [{ kind: 'added', text: 'a b' }], similarity: 0 });
    expect(wordDiff('', '').similarity).toBe(1);
    expect(wordDiff('same words', 'same words').similarity).toBe(1);
  });

  it('finds a longest common subsequence', () => {
    const a = 'a b c a b b a'.split(' ');
    const b = 'c b a b a c'.split(' ');
    const pairs = lcsPairs(a, b);
    expect(pairs).toHaveLength(4);
    for (const [i, j] of pairs) expect(a[i]).toBe(b[j]);
    for (let k = 1; k < pairs.length; k++) {
      expect(pairs[k][0]).toBeGreaterThan(pairs[k - 1][0]);
      expect(pairs[k][1]).toBeGreaterThan(pairs[k - 1][1]);
    }
  });

  it('falls back to prefix and suffix past the size cap, still exact', () => {
    const a = 'x '.repeat(50) + 'p q r ' + 'y '.repeat(50);
    const b = 'x '.repeat(50) + 'q r p ' + 'y '.repeat(50);
    const d = wordDiff(a, b, 4);
    expect(join(d.source)).toBe(a);
    expect(join(d.target)).toBe(b);
    expect(d.target.filter((p) => p.kind === 'added')).toEqual([{ kind: 'added', text: 'q r p ' }]);
  });

  it('splits words with their trailing whitespace', () => {
    expect(words(' a  b\n').map((w) => w.text)).toEqual([' a  ', 'b\n']);
  });
});
