import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alignPrepared, alignTexts, defaultAlignOptions, type AlignOptions, type Alignment } from '../../src/engine/align';
import { prepare, type Prepared } from '../../src/engine/prepare';

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

/**
 * The alignment as first written (chains as objects with arrays of seeds, B's shingles in a Map):
 * the specification the pooled, typed-array version in align.ts must keep to exactly.
 */
function referenceAlign(a: Prepared, b: Prepared, opts: AlignOptions): Alignment[] {
  const n = a.shingleSize;
  const posB = new Map<number, number[]>();
  for (let k = 0; k < b.tokCount; k++) {
    const h = b.shingle[k];
    if (h === 0) continue;
    let l = posB.get(h);
    if (!l) posB.set(h, (l = []));
    l.push(k);
  }
  interface Chain { seeds: number[]; lastA: number; lastB: number }
  const open: Chain[] = [];
  const done: Chain[] = [];
  for (let k = 0; k < a.tokCount; k++) {
    const h = a.shingle[k];
    const list = h === 0 ? undefined : posB.get(h);
    if (!list) continue;
    if (list.length > 1 && list.length > opts.maxOccurrences) continue;
    for (let c = open.length - 1; c >= 0; c--) if (k - open[c].lastA > opts.maxGap) done.push(open.splice(c, 1)[0]);
    for (const pb of list) {
      let best: Chain | undefined;
      let bestCost = Infinity;
      for (const c of open) {
        const da = k - c.lastA;
        const db = pb - c.lastB;
        if (da <= 0 || db <= 0 || db > opts.maxGap) continue;
        const skew = Math.abs(da - db);
        if (skew > opts.maxSkew) continue;
        const cost = da + db + 2 * skew;
        if (cost < bestCost) {
          bestCost = cost;
          best = c;
        }
      }
      if (best) {
        best.seeds.push(k, pb);
        best.lastA = k;
        best.lastB = pb;
      } else if (list.length === 1 || !open.some((c) => c.lastA === k)) open.push({ seeds: [k, pb], lastA: k, lastB: pb });
    }
  }
  done.push(...open);
  const out: Alignment[] = [];
  for (const c of done) {
    const s = c.seeds;
    let aFrom = s[0];
    let bFrom = s[1];
    let aTo = s[s.length - 2] + n;
    let bTo = s[s.length - 1] + n;
    while (aFrom > 0 && bFrom > 0 && a.tokHash[aFrom - 1] === b.tokHash[bFrom - 1]) aFrom--, bFrom--;
    while (aTo < a.tokCount && bTo < b.tokCount && a.tokHash[aTo] === b.tokHash[bTo]) aTo++, bTo++;
    let matched = s[0] - aFrom;
    let coveredTo = s[0];
    for (let i = 0; i < s.length; i += 2) {
      const from = Math.max(s[i], coveredTo);
      const to = s[i] + n;
      if (to > from) matched += to - from;
      coveredTo = Math.max(coveredTo, to);
    }
    matched += Math.max(0, aTo - coveredTo);
    if (matched < opts.minWords || matched / (aTo - aFrom) < opts.minCoverage) continue;
    out.push({ aFrom, aTo, bFrom, bTo, matched, seeds: Int32Array.from(s) });
  }
  out.sort((x, y) => y.matched - x.matched);
  const kept: Alignment[] = [];
  for (const al of out) if (!kept.some((k) => Math.min(k.aTo, al.aTo) - Math.max(k.aFrom, al.aFrom) > 0.5 * (al.aTo - al.aFrom))) kept.push(al);
  return kept.sort((x, y) => x.aFrom - y.aFrom);
}

describe('alignPrepared', () => {
  let found = 0;
  it('property: the same alignments as the reference, on edited copies with repeats (many chains competing)', () => {
    // B is made of pieces of A (some twice), each lightly edited, between runs of other words; a
    // small vocabulary makes shingles recur, so chains compete, close and restart often.
    const word = fc.integer({ min: 0, max: 24 }).map((i) => `w${i}`);
    const words = fc.array(word, { minLength: 10, maxLength: 140 });
    const edit = fc.array(fc.tuple(fc.nat(), word, fc.constantFrom('swap', 'drop', 'add')), { maxLength: 6 });
    const piece = fc.tuple(fc.nat(), fc.integer({ min: 4, max: 60 }), edit, fc.array(word, { maxLength: 12 }));
    const split = (ws: string[], every: number) => {
      const ps: string[] = [];
      for (let i = 0; i < ws.length; i += every) ps.push(ws.slice(i, i + every).join(' '));
      return ps;
    };
    fc.assert(
      fc.property(words, fc.array(piece, { minLength: 1, maxLength: 5 }), fc.integer({ min: 5, max: 60 }), fc.constantFrom(3, 4), fc.integer({ min: 1, max: 10 }), (wa, pieces, every, shingle, maxOccurrences) => {
        const wb: string[] = [];
        for (const [at, len, edits, filler] of pieces) {
          const from = at % wa.length;
          const copy = wa.slice(from, from + len);
          for (const [pos, w, kind] of edits) {
            const i = pos % (copy.length + 1);
            if (kind === 'swap' && i < copy.length) copy[i] = w;
            else if (kind === 'drop' && i < copy.length) copy.splice(i, 1);
            else copy.splice(i, 0, w);
          }
          wb.push(...filler, ...copy);
        }
        const a = prepare(split(wa, every), shingle);
        const b = prepare(split(wb, every + 3), shingle);
        const opts = { ...defaultAlignOptions, maxOccurrences };
        const got = alignPrepared(a, b, opts).map((x) => ({ ...x, seeds: Array.from(x.seeds) }));
        const want = referenceAlign(a, b, opts).map((x) => ({ ...x, seeds: Array.from(x.seeds) }));
        expect(got).toEqual(want);
        found += want.length;
      }),
      { numRuns: 1500 },
    );
    expect(found).toBeGreaterThan(500); // the runs do align something (about 900)
  });
});
