import { describe, expect, it } from 'vitest';
import { byTime, rankCandidates, type Candidate } from '../../src/engine/candidates';

describe('rankCandidates', () => {
  it('gives at most `max` document keys, most hits first, ties to the lower key', () => {
    const hits = new Map([[7, 3], [2, 5], [9, 3], [4, 1]]);
    expect(rankCandidates(hits, 10)).toEqual([2, 7, 9, 4]);
    expect(rankCandidates(hits, 2)).toEqual([2, 7]);
    expect(rankCandidates(new Map([[5, 1]]), 1)).toEqual([5]);
    expect(rankCandidates(new Map([[5, 1]]), 0)).toEqual([]);
  });
});

describe('byTime', () => {
  it('splits candidates into earlier and later, each oldest first (ties to the lower key), none of the same time', () => {
    const c = (key: number, time: number) => ({ doc: { key }, time }) as unknown as Candidate;
    const { earlier, later } = byTime([c(1, 30), c(2, 10), c(3, 50), c(4, 20), c(5, 10), c(6, 40)], 40);
    expect(earlier.map((x) => x.doc.key)).toEqual([2, 5, 4, 1]);
    expect(later.map((x) => x.doc.key)).toEqual([3]);
  });
});
