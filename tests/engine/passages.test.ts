import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alignPrepared, defaultAlignOptions, type Alignment } from '../../src/engine/align';
import { pieceCoverage } from '../../src/engine/passages';
import { prepareArticle } from '../../src/engine/prepare';

/** The tokens of [from, to) inside the leading extension, a seed shingle or the trailing extension, counted one by one. */
function naiveCoverage(al: Alignment, from: number, to: number, n: number): number {
  const s = al.seeds;
  let covered = 0;
  for (let t = from; t < to; t++) {
    let inside = (t >= al.aFrom && t < s[0]) || (t >= s[s.length - 2] + n && t < al.aTo);
    for (let i = 0; i < s.length && !inside; i += 2) inside = t >= s[i] && t < s[i] + n;
    if (inside) covered++;
  }
  return Math.round((covered / (to - from)) * 1000) / 1000;
}

describe('pieceCoverage', () => {
  it('property: the share of the piece covered by the extensions and seed shingles, to three decimals', () => {
    const n = 4;
    const alignment = fc
      .record({ aFrom: fc.nat(20), lead: fc.nat(5), gaps: fc.array(fc.nat(9), { minLength: 1, maxLength: 40 }), trail: fc.nat(5) })
      .map(({ aFrom, lead, gaps, trail }) => {
        const seeds: number[] = [];
        let a = aFrom + lead;
        for (const g of gaps) {
          seeds.push(a, a + 100); // B positions do not matter here
          a += g + 1;
        }
        const last = seeds[seeds.length - 2];
        const al: Alignment = { aFrom, aTo: last + n + trail, bFrom: 0, bTo: 0, matched: 0, seeds: Int32Array.from(seeds) };
        return al;
      });
    const withPiece = alignment.chain((al) =>
      fc.tuple(fc.integer({ min: al.aFrom, max: al.aTo - 1 }), fc.integer({ min: 1, max: al.aTo - al.aFrom })).map(([from, len]) => ({ al, from, to: Math.min(al.aTo, from + len) })),
    );
    fc.assert(fc.property(withPiece, ({ al, from, to }) => pieceCoverage(al, from, to, n) === naiveCoverage(al, from, to, n)));
  });

  it("over a whole alignment, counts the alignment's matched tokens", () => {
    const text = 'The two foreign ministers met for twelve hours in a lakeside hotel and agreed that their experts would keep working on the remaining technical questions over the coming days, officials said.';
    const edited = text.replace('twelve', '12').replace('remaining', 'outstanding');
    const a = prepareArticle('', ['An opening of our own before the copy.', edited], 4);
    const b = prepareArticle('', [text], 4);
    const [al] = alignPrepared(a, b, defaultAlignOptions);
    expect(al.matched).toBeLessThan(al.aTo - al.aFrom);
    expect(Math.round(pieceCoverage(al, al.aFrom, al.aTo, 4) * (al.aTo - al.aFrom))).toBe(al.matched);
  });
});
