/**
 * Attribution: takes the checked article and its earlier candidates (oldest first, with their
 * alignments), gives its passages. Each token goes to the earliest source whose alignment covers it,
 * and only an alignment that could be reported on its own (convincing()) claims tokens: a stock
 * phrase shared with an older article must not cut a later source's copied paragraph into pieces
 * too short to report. Runs of one owner are cut at paragraph boundaries into passages
 * (passages.ts); the pieces of one run share a `group`. The checked article's title is never a
 * passage.
 */
import type { Alignment } from './align';
import type { Candidate } from './candidates';
import { paragraphWords, type Prepared } from './prepare';
import { passage, pieceCoverage } from './passages';
import type { Span } from './quotes';
import type { Passage } from './types';

/** EngineOptions' fields that decide passages. */
export interface AttributionOptions {
  /** Smallest reported passage, in words. */
  minPassageWords: number;
  /** A passage needs this many words covered by shared shingles, unless it covers most of a short paragraph. */
  minMatchedWords: number;
  /** Share of a paragraph's words a shorter passage (minPassageWords..minMatchedWords) must cover. */
  shortPassageShare: number;
  /** Passage share inside quotation marks (in both texts) from which it is a quote. */
  quoteShare: number;
  /** A passage's piece in one paragraph is kept when its coverage is at least align.minCoverage. */
  align: { minCoverage: number };
}

// The owner of each token (an index into owners), shared by every call: attribute() is synchronous.
let ownerScratch = new Int32Array(1024);

/** Gives each token to the earliest source covering it, then cuts runs into per-paragraph passages. */
export function attribute(q: Prepared, earlier: Candidate[], o: AttributionOptions): Passage[] {
  if (ownerScratch.length < q.tokCount) ownerScratch = new Int32Array(Math.max(q.tokCount, ownerScratch.length * 2));
  const owner = ownerScratch.fill(-1, 0, q.tokCount);
  const owners: Array<{ cand: Candidate; al: Alignment }> = [];
  for (const cand of earlier) {
    for (const al of cand.alignments) {
      // A match too thin to be reported on its own must not take words from a later source's run.
      if (!convincing(q, al.aFrom, al.aTo, al, o)) continue;
      const id = owners.length;
      owners.push({ cand, al });
      for (let t = al.aFrom; t < al.aTo; t++) if (owner[t] === -1) owner[t] = id;
    }
  }
  // Runs of one owner, split at paragraph boundaries; a run is one group.
  const out: Passage[] = [];
  const quoteSpans = new Map<string, Span[]>();
  let group = 0;
  let t = 0;
  while (t < q.tokCount) {
    const id = owner[t];
    if (id === -1) {
      t++;
      continue;
    }
    if (q.tokPara[t] === 0) {
      t++; // the checked article's own title
      continue;
    }
    let e = t;
    while (e < q.tokCount && owner[e] === id) e++;
    const runWords = e - t;
    if (runWords >= o.minPassageWords && convincing(q, t, e, owners[id].al, o)) {
      const pieces: Passage[] = [];
      for (let s = t; s < e; ) {
        const p = q.tokPara[s];
        const pe = Math.min(e, q.paraTok[p + 1]);
        const words = pe - s;
        if (words >= 4) {
          const piece = passage(q, s, pe, owners[id].cand, owners[id].al, group, quoteSpans, o.quoteShare);
          if (piece.coverage >= o.align.minCoverage) pieces.push(piece);
        }
        s = pe;
      }
      if (pieces.length) {
        out.push(...pieces);
        group++;
      }
    }
    t = e;
  }
  return out;
}

/**
 * Whether a run of copy [from, to) is more than a stock phrase: enough exactly shared words, or
 * most of a short paragraph ("Mr Kerry said they were close but would not rush into an agreement.").
 */
function convincing(q: Prepared, from: number, to: number, al: Alignment, o: AttributionOptions): boolean {
  // The whole alignment's covered tokens are its `matched` (the same union pieceCoverage() counts).
  const matched = from === al.aFrom && to === al.aTo ? al.matched : Math.round(pieceCoverage(al, from, to, q.shingleSize) * (to - from));
  if (matched >= o.minMatchedWords) return true;
  if (matched < o.minPassageWords) return false;
  const p = q.tokPara[from];
  return to - from >= o.shortPassageShare * paragraphWords(q, p);
}
