/**
 * Who owns each token of the checked article: takes its Prepared and the alignments of its earlier
 * candidates that could be reported on their own (oldest first), gives each token's owner (an index
 * into those alignments, -1 for none).
 *
 *   1. The outlet's own earlier text: a token whose earliest carrier (the oldest alignment matching
 *      it) is an article of the checked article's own outlet belongs to that alignment; no later
 *      outlet can be its source.
 *   2. The closest source, paragraph by paragraph: other outlets' alignments are ranked by the words
 *      of the paragraph they match (most first; among equals, the earliest) and claim, in that
 *      order, the words they match that are still free. An alignment claims only words it matches,
 *      and the edited words between them only where that span keeps a coverage of at least
 *      `minCoverage`, so a loose match cannot take the words a closer source holds.
 */
import type { Alignment } from './align';
import { pieceCoverage } from './passages';
import type { Prepared } from './prepare';

/** An alignment that may own tokens. */
export interface Claimant {
  al: Alignment;
  /** An article of the checked article's own outlet. */
  own: boolean;
}

// Scratch shared by every call (claims are synchronous): the owner and earliest carrier of each token.
let ownerScratch = new Int32Array(1024);
let firstScratch = new Int32Array(1024);

/**
 * The owner of each token of `q` (a view valid until the next call). `claimants` are oldest first;
 * their index is their time order.
 */
export function claimTokens(q: Prepared, claimants: Claimant[], minCoverage: number): Int32Array {
  const n = q.shingleSize;
  if (ownerScratch.length < q.tokCount) {
    ownerScratch = new Int32Array(Math.max(q.tokCount, ownerScratch.length * 2));
    firstScratch = new Int32Array(ownerScratch.length);
  }
  const owner = ownerScratch.subarray(0, q.tokCount).fill(-1);
  const ranges = claimants.map((c) => matchedRanges(c.al, n));

  // 1. Tokens first carried by the outlet itself.
  const anyOwn = claimants.some((c) => c.own);
  if (anyOwn) {
    const first = firstScratch.subarray(0, q.tokCount).fill(-1);
    ranges.forEach((r, id) => {
      const own = claimants[id].own;
      for (let i = 0; i < r.length; i += 2) for (let t = r[i]; t < r[i + 1]; t++) if (first[t] === -1) first[t] = id;
      if (own) return;
      // Another outlet's alignment carries the edited words between its matches where it fills the paragraph.
      for (let i = 0; i < r.length; ) {
        const p = q.tokPara[r[i]];
        const lo = Math.max(r[i], q.paraTok[p]);
        let j = i;
        while (j + 2 < r.length && r[j + 2] < q.paraTok[p + 1]) j += 2;
        const hi = Math.min(r[j + 1], q.paraTok[p + 1]);
        if (pieceCoverage(claimants[id].al, lo, hi, n) >= minCoverage) for (let t = lo; t < hi; t++) if (first[t] === -1 || first[t] > id) first[t] = id;
        i = j + 2;
      }
    });
    for (let t = 0; t < q.tokCount; t++) if (first[t] !== -1 && claimants[first[t]].own) owner[t] = first[t];
  }

  // 2. Per paragraph, other outlets' alignments by the words they match there (`at`: where the
  // alignment's ranges in the paragraph begin).
  const entries: Array<{ id: number; p: number; words: number; lo: number; hi: number; at: number }> = [];
  ranges.forEach((r, id) => {
    if (claimants[id].own) return;
    let e: (typeof entries)[number] | undefined;
    for (let i = 0; i < r.length; i += 2) {
      for (let x = r[i]; x < r[i + 1]; ) {
        const p = q.tokPara[x];
        const y = Math.min(r[i + 1], q.paraTok[p + 1]);
        if (p > 0) {
          if (!e || e.p !== p) entries.push((e = { id, p, words: 0, lo: x, hi: y, at: i }));
          e.words += y - x;
          e.hi = y;
        }
        x = y;
      }
    }
  });
  if (entries.length > 1) entries.sort((a, b) => a.p - b.p || b.words - a.words || a.id - b.id);
  let lastPara = -1;
  for (const e of entries) {
    const fills = pieceCoverage(claimants[e.id].al, e.lo, e.hi, n) >= minCoverage;
    const first = e.p !== lastPara;
    lastPara = e.p;
    if (first && fills && !anyOwn) {
      owner.fill(e.id, e.lo, e.hi); // the paragraph's closest source, all of it free: its span at once
      continue;
    }
    const r = ranges[e.id];
    for (let i = e.at; i < r.length && r[i] < e.hi; i += 2) {
      const x = Math.max(r[i], e.lo);
      const y = Math.min(r[i + 1], e.hi);
      for (let t = x; t < y; t++) if (owner[t] === -1) owner[t] = e.id;
    }
    if (fills) fillHoles(owner, e.id, e.lo, e.hi);
  }
  return owner;
}

/** Gives `id` the free tokens of [lo, hi) that lie between two of its own with only free tokens between. */
function fillHoles(owner: Int32Array, id: number, lo: number, hi: number): void {
  let prev = -1;
  for (let t = lo; t < hi; t++) {
    const o = owner[t];
    if (o === id) {
      if (prev >= 0) for (let u = prev + 1; u < t; u++) owner[u] = id;
      prev = t;
    } else if (o !== -1) prev = -1;
  }
}

/**
 * The tokens an alignment matches, as [from, to) pairs in order, merged: its seed shingles and its
 * exact extensions (the tokens pieceCoverage() counts).
 */
export function matchedRanges(al: Alignment, n: number): number[] {
  const s = al.seeds;
  const m = s.length >> 1;
  if (m === 0) return [al.aFrom, al.aTo];
  const out: number[] = [];
  let from = al.aFrom;
  let to = s[0]; // the leading extension
  for (let i = 0; i <= m; i++) {
    const x = i < m ? s[2 * i] : s[2 * m - 2] + n;
    const y = i < m ? x + n : al.aTo; // the seed shingle, then the trailing extension
    if (x > to) {
      if (to > from) out.push(from, to);
      from = x;
      to = y;
    } else if (y > to) to = y;
  }
  if (to > from) out.push(from, to);
  return out;
}
