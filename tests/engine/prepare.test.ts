import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nonSpace } from '../../src/engine/chars';
import { combine, fmix32 } from '../../src/engine/hash';
import { normalize } from '../../src/engine/normalize';
import { prepare, prepareArticle, paragraphWords, units, unitShingles } from '../../src/engine/prepare';
import { tokenize } from '../../src/engine/tokenize';

/** One paragraph's tokens as [original text of the token, hash]. */
function tokensOf(prep: ReturnType<typeof prepare>, p: number): Array<[string, number]> {
  const out: Array<[string, number]> = [];
  for (let t = prep.paraTok[p]; t < prep.paraTok[p + 1]; t++) out.push([prep.paragraphs[p].slice(prep.tokStart[t], prep.tokEnd[t]), prep.tokHash[t]]);
  return out;
}

describe('prepare', () => {
  it('keeps each token with its paragraph and its span in the original text', () => {
    const ps = ['Kerry met Lavrov in Geneva.', '', '\u201cWe are close,\u201d he said \u2014 ﬁnally.'];
    const prep = prepare(ps, 4);
    expect(Array.from(prep.paraTok)).toEqual([0, 5, 5, 11]);
    expect(tokensOf(prep, 0).map((t) => t[0])).toEqual(['Kerry', 'met', 'Lavrov', 'in', 'Geneva']);
    expect(tokensOf(prep, 1)).toEqual([]);
    // Non-ASCII goes through normalisation; the span still points at the original ("ﬁnally", one ligature).
    expect(tokensOf(prep, 2).map((t) => t[0])).toEqual(['We', 'are', 'close', 'he', 'said', 'ﬁnally']);
    expect(Array.from(prep.tokPara)).toEqual([0, 0, 0, 0, 0, 2, 2, 2, 2, 2, 2]);
    expect(paragraphWords(prep, 1)).toBe(0);
    expect(prep.fingerprint[1]).toBe(0);
  });

  it('makes shingles only inside a paragraph, and the same ones whatever the case or quote style', () => {
    const a = prepare(['one two three four five', 'six seven eight nine'], 4);
    expect(Array.from(a.shingle).map((h) => h !== 0)).toEqual([true, true, false, false, false, true, false, false, false]);
    const b = prepare(['ONE two Three four five'], 4);
    expect(b.shingle[0]).toBe(a.shingle[0]);
    expect(b.fingerprint[0]).toBe(a.fingerprint[0]);
    expect(prepare(['don\u2019t stop me now'], 4).shingle[0]).toBe(prepare(["don't stop me now"], 4).shingle[0]);
  });

  it('property: every shingle is the hash of its n tokens, for the unrolled n = 4 as for other sizes', () => {
    const word = fc.stringMatching(/^[a-z]{1,6}$/);
    const paragraphs = fc.array(fc.array(word, { maxLength: 12 }).map((ws) => ws.join(' ')), { minLength: 1, maxLength: 5 });
    fc.assert(
      fc.property(paragraphs, fc.integer({ min: 1, max: 6 }), (ps, n) => {
        const prep = prepare(ps, n);
        // The definition: combine the tokens' hashes in order from a fixed start, then fmix32 (0 -> 1).
        for (let k = 0; k < prep.tokCount; k++) {
          const p = prep.tokPara[k];
          if (k + n > prep.paraTok[p + 1]) {
            expect(prep.shingle[k]).toBe(0);
            continue;
          }
          let h = 0x6a09e667;
          for (let j = 0; j < n; j++) h = combine(h, prep.tokHash[k + j]);
          expect(prep.shingle[k]).toBe(fmix32(h) || 1);
        }
      }),
    );
  });

  it('handles text that normalises into more tokens than it has characters (\u00bc\u00bc is 1\u204441\u20444)', () => {
    const prep = prepare(['\u00bc'.repeat(50), 'plain ascii after it'], 4);
    expect(prep.tokCount).toBe(51 + 4);
    expect(tokensOf(prep, 1).map((t) => t[0])).toEqual(['plain', 'ascii', 'after', 'it']);
    // Longer than any buffer so far: the buffers are sized by the real token count, the last token is kept.
    const big = prepare(['\u00bc'.repeat(300_000)], 4);
    expect(big.tokCount).toBe(300_001);
    expect(big.tokStart[300_000]).toBe(299_999);
    expect(big.tokEnd[300_000]).toBe(300_000);
  });

  it('grows its buffers for a very long article and gives the same tokens as paragraph by paragraph', () => {
    const para = (i: number) => `Paragraph ${i} says the talks in Geneva went on for ${i * 3} hours without a deal.`;
    const ps = Array.from({ length: 3000 }, (_, i) => para(i));
    const prep = prepare(ps, 4);
    expect(prep.tokCount).toBe(ps.length * 15);
    for (const i of [0, 1777, 2999]) expect(tokensOf(prep, i)).toEqual(tokensOf(prepare([ps[i]], 4), 0));
  });

  it('keeps the tokens already made when a later paragraph outgrows the buffers', () => {
    // (1.2 million characters: more than any earlier test has grown the shared buffers to.)
    const ps = Array.from({ length: 2000 }, (_, i) => `Paragraph ${i} of plain text before the wide one.`);
    const prep = prepare([...ps, '\u00bc'.repeat(1_200_000), 'and plain text after it'], 4);
    expect(prep.tokCount).toBe(2000 * 9 + 1_200_001 + 5);
    for (const i of [0, 999, 1999]) expect(tokensOf(prep, i)).toEqual(tokensOf(prepare([ps[i]], 4), 0));
    expect(tokensOf(prep, 2001).map((t) => t[0])).toEqual(['and', 'plain', 'text', 'after', 'it']);
    expect(prep.paraChars[2000]).toBe(1_200_000);
    expect(prep.paraChars[2001]).toBe(19);
  });

  it('property: a paragraph gets the tokens of normalize + tokenize, whatever its neighbours', () => {
    const unit = fc.constantFrom(...'aZ9 \t\n\u00a0\'`.,"\u201c\u201d\u00e9\u00bc\u00df\u4e2d\u6587\u0301\u2014'.split(''));
    const paragraph = fc.string({ unit, maxLength: 40 });
    fc.assert(
      fc.property(fc.array(paragraph, { maxLength: 6 }), (ps) => {
        const prep = prepare(ps, 3);
        ps.forEach((p, i) => {
          const n = normalize(p);
          const t = tokenize(n.text);
          const got = tokensOf(prep, i);
          expect(got.map((x) => x[1])).toEqual(Array.from(t.hash));
          for (const [text] of got) expect(text.length).toBeGreaterThan(0);
          expect(got).toEqual(tokensOf(prepare([p], 3), 0));
          expect(prep.paraChars[i]).toBe(nonSpace(p));
        });
        for (let k = 0; k < prep.tokCount; k++) {
          const p = prep.tokPara[k];
          expect(prep.tokStart[k] >= 0 && prep.tokStart[k] < prep.tokEnd[k] && prep.tokEnd[k] <= ps[p].length).toBe(true);
          // A shingle exists exactly when its n tokens lie in one paragraph.
          expect(prep.shingle[k] !== 0).toBe(k + 3 <= prep.paraTok[p + 1]);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('prepareArticle', () => {
  it('puts the title first (internal paragraph 0), empty when there is none', () => {
    expect(prepareArticle('Talks resume', ['Body text here.'], 4).paragraphs).toEqual(['Talks resume', 'Body text here.']);
    expect(prepareArticle(undefined, ['Body'], 4).paragraphs).toEqual(['', 'Body']);
  });
});

describe('units', () => {
  const words = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `w${from + i}`).join(' ');
  it('skips short paragraphs and windows long ones every half window', () => {
    const prep = prepare([words(5), words(30), words(100)], 4);
    const us = units(prep, 8, 40).map((u) => [u.paragraph, u.from - prep.paraTok[u.paragraph], u.to - prep.paraTok[u.paragraph]]);
    expect(us).toEqual([
      [1, 0, 30],
      [2, 0, 100],
      [2, 0, 40],
      [2, 20, 60],
      [2, 40, 80],
      [2, 60, 100],
    ]);
  });
  it('unitShingles copies the unit\u2019s shingle hashes (none from the last n-1 tokens of a paragraph)', () => {
    const prep = prepare([words(10)], 4);
    const buf = new Uint32Array(16);
    const m = unitShingles(prep, { paragraph: 0, from: 0, to: 10 }, buf);
    expect(m).toBe(7);
    expect(Array.from(buf.subarray(0, m))).toEqual(Array.from(prep.shingle.subarray(0, 7)));
  });
});
