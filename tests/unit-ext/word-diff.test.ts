import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lcsPairs, wordDiff, words, type DiffPiece } from '../../src/word-diff';

const join = (ps: { text: string }[]) => ps.map((p) => p.text).join('');

describe('wordDiff', () => {
  it('keeps the original strings exactly, piece by piece', () => {
    const a = '  The minister said on Tuesday that\nthe plan would go ahead. ';
    const b = 'The Minister said on Monday that the plan would “go ahead”.';
    const d = wordDiff(a, b);
    expect(join(d.source)).toBe(a);
    expect(join(d.target)).toBe(b);
  });

  it('marks the changed words, folding case; a quote style is a typography difference, not a changed word', () => {
    const d = wordDiff('The minister said on Tuesday that it’s over.', "The Minister said on Monday that it's over.");
    expect(d.source).toEqual([
      { kind: 'same', text: 'The minister said on ' },
      { kind: 'removed', text: 'Tuesday ' },
      { kind: 'same', text: 'that it' },
      { kind: 'punct', text: '’' },
      { kind: 'same', text: 's over.' },
    ]);
    expect(d.target).toEqual([
      { kind: 'same', text: 'The Minister said on ' },
      { kind: 'added', text: 'Monday ' },
      { kind: 'same', text: 'that it' },
      { kind: 'punct', text: "'" },
      { kind: 'same', text: 's over.' },
    ]);
    expect(d.similarity).toBeCloseTo(7 / 8);
  });

  it('marks punctuation apart from words: `State,` vs `State`, `done.”` vs `done".`, a lone dash', () => {
    const d = wordDiff('The State, it said, was done.” Then — more', 'The State it said was done". Then more');
    expect(d.similarity).toBe(1);
    expect(d.source.filter((p) => p.kind !== 'same')).toEqual([
      { kind: 'punct', text: ',' },
      { kind: 'punct', text: ',' },
      { kind: 'punct', text: '”' },
      { kind: 'punct', text: '— ' },
    ]);
    expect(d.target.filter((p) => p.kind !== 'same')).toEqual([{ kind: 'punct', text: '"' }]);
    // A word pairs with its exact twin before one that differs in punctuation.
    expect(wordDiff('x, x', 'x')).toEqual({ source: [{ kind: 'removed', text: 'x, ' }, { kind: 'same', text: 'x' }], target: [{ kind: 'same', text: 'x' }], similarity: 1 });
    // A changed word with changed punctuation is a changed word.
    expect(wordDiff('the State, said', 'the Nation said').target.filter((p) => p.kind !== 'same')).toEqual([{ kind: 'added', text: 'Nation ' }]);
  });

  it('handles insertions, deletions and empty sides', () => {
    expect(wordDiff('a b c', 'a x b c').target.map((p) => p.kind)).toEqual(['same', 'added', 'same']);
    expect(wordDiff('a b c', 'a c').source.map((p) => p.kind)).toEqual(['same', 'removed', 'same']);
    expect(wordDiff('', 'a b')).toEqual({ source: [], target: [{ kind: 'added', text: 'a b' }], similarity: 0 });
    expect(wordDiff('', '').similarity).toBe(1);
    expect(wordDiff('same words', 'same words').similarity).toBe(1);
  });

  it('prefers exact pairs among the longest common subsequences', () => {
    const a = ['x', 'x', 'y'];
    const b = ['x', 'y'];
    expect(lcsPairs(a, b)).toEqual([[0, 0], [2, 1]]);
    expect(lcsPairs(a, b, undefined, (i) => i === 1)).toEqual([[1, 0], [2, 1]]);
    // Never at the cost of a pair.
    expect(lcsPairs(['p', 'q', 'r'], ['q', 'r', 'p'], undefined, (i) => i === 0)).toEqual([[1, 0], [2, 1]]);
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

  describe('properties', () => {
    const word = fc.stringMatching(/^[A-Za-z0-9]{1,8}$/);
    const punct = fc.constantFrom(',', '.', ';', ':', '!', '?', '"', '“', '”', '’', "'", '(', ')', '—', '–', '-');
    /** A word with punctuation before or after it, sometimes. */
    const token = fc.tuple(fc.option(punct, { nil: '' }), word, fc.option(punct, { nil: '' })).map(([a, w, b]) => a + w + b);
    const space = fc.constantFrom(' ', ' ', ' ', '  ', '\n');
    const text = fc.array(fc.tuple(fc.oneof({ weight: 6, arbitrary: token }, { weight: 1, arbitrary: punct }), space), { maxLength: 40 }).map((ts) => ts.map(([t, s]) => t + s).join(''));
    const marked = (ps: DiffPiece[]) => ps.filter((p) => p.kind !== 'same');

    it('marks nothing when a text is diffed against itself', () => {
      fc.assert(
        fc.property(text, (s) => {
          const d = wordDiff(s, s);
          expect(marked(d.source)).toEqual([]);
          expect(marked(d.target)).toEqual([]);
        }),
      );
    });

    it("cuts each side into pieces that concatenate to that side's text", () => {
      fc.assert(
        fc.property(text, text, fc.integer({ min: 1, max: 2_000 }), (a, b, cap) => {
          for (const d of [wordDiff(a, b), wordDiff(a, b, cap)]) {
            expect(join(d.source)).toBe(a);
            expect(join(d.target)).toBe(b);
            expect(d.source.every((p) => p.kind !== 'added')).toBe(true);
            expect(d.target.every((p) => p.kind !== 'removed')).toBe(true);
          }
        }),
      );
    });

    it('never marks punctuation when only words change', () => {
      // The same punctuated text, with some words replaced, dropped or inserted (words of letters only).
      const edit = fc.constantFrom('keep', 'keep', 'keep', 'replace', 'drop', 'insert');
      fc.assert(
        fc.property(fc.array(fc.tuple(fc.oneof(token, fc.constantFrom('x', 'x,', '“x', 'x.”')), edit, word), { maxLength: 30 }), (items) => {
          const a: string[] = [];
          const b: string[] = [];
          for (const [t, e, w] of items) {
            a.push(t);
            if (e === 'keep' || e === 'insert') b.push(t);
            // Letters the generated words never have: a new word is never an old one.
            if (e === 'replace') b.push(t.replace(/[A-Za-z0-9]+/, `${w}é`));
            if (e === 'insert') b.push(`${w}ü`);
          }
          const d = wordDiff(a.join(' '), b.join(' '));
          expect(d.source.filter((p) => p.kind === 'punct')).toEqual([]);
          expect(d.target.filter((p) => p.kind === 'punct')).toEqual([]);
        }),
      );
    });

    it('marks only punctuation when only punctuation changes', () => {
      fc.assert(
        fc.property(fc.array(fc.tuple(word, fc.option(punct, { nil: '' }), fc.option(punct, { nil: '' })), { minLength: 1, maxLength: 30 }), (items) => {
          const d = wordDiff(items.map(([w, p]) => w + p).join(' '), items.map(([w, , q]) => w + q).join(' '));
          expect(d.similarity).toBe(1);
          expect(d.source.filter((p) => p.kind === 'removed')).toEqual([]);
          expect(d.target.filter((p) => p.kind === 'added')).toEqual([]);
        }),
      );
    });
  });
});

describe('wordDiff in scripts written without spaces', () => {
  it('compares Japanese word by word, not as one run', () => {
    const source = '東京都は水曜日、新しい防潮堤の工事を始めると発表した。';
    const target = '東京都は木曜日、新しい防潮堤の工事を始めると発表した。';
    const d = wordDiff(source, target);
    expect(d.target.map((p) => p.text).join('')).toBe(target);
    expect(d.source.map((p) => p.text).join('')).toBe(source);
    expect(d.similarity).toBeGreaterThan(0.7);
    expect(d.target.filter((p) => p.kind === 'added').map((p) => p.text).join('')).toContain('木曜日');
    expect(d.target.filter((p) => p.kind === 'added').map((p) => p.text).join('')).not.toContain('防潮堤');
  });

  it('compares Chinese word by word', () => {
    const d = wordDiff('市政府周三宣布将修建新的防洪墙。', '市政府周四宣布将修建新的防洪墙。');
    expect(d.similarity).toBeGreaterThan(0.6);
    expect(d.target.filter((p) => p.kind === 'same').map((p) => p.text).join('')).toContain('防洪');
  });
});
