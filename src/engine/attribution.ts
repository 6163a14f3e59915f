/**
 * Attribution: takes the checked article and its earlier candidates (oldest first, with their
 * alignments; those of its own outlet included), gives its passages and the pieces that are its
 * outlet's own earlier text. Only an alignment that could be reported on its own (convincing())
 * owns tokens: a stock phrase shared with an older article must not cut a copied paragraph into
 * pieces too short to report. Which alignment owns a token is claims.ts's: the outlet's own earlier
 * text first, then, paragraph by paragraph, the source matching most of it (the closest source).
 * Runs of one owner are cut at paragraph boundaries into pieces (passages.ts); the pieces of one
 * alignment in a row share a `group`, and a group holding copied prose is copied throughout (a
 * quotation inside a copied run is part of the copy; a `quote` is a quotation shared without its
 * prose). Each passage names, as `firstSeen`, the earliest other-outlet article carrying it when that
 * is not its source. The checked article's title is never a passage.
 */
import type { Alignment } from './align';
import type { Candidate } from './candidates';
import { claimTokens, type Claimant } from './claims';
import { paragraphWords, type Prepared } from './prepare';
import { passage, pieceCoverage } from './passages';
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

/** A piece of the checked article that its own outlet published earlier (internal paragraph `para`). */
export interface OwnPiece {
  para: number;
  from: number;
  to: number;
  cand: Candidate;
}

export interface Attribution {
  passages: Passage[];
  own: OwnPiece[];
}

/**
 * The passages of `q` from its `earlier` candidates, and its own outlet's (`myOutlet`, an outlet key)
 * earlier text. `skip` (by internal paragraph, from checkedFurniture()) marks the paragraphs left out
 * of the check, the title and the outlet's furniture: an alignment extended into one never makes a
 * passage there.
 */
export function attribute(q: Prepared, earlier: Candidate[], o: AttributionOptions, myOutlet?: string, skip?: Uint8Array): Attribution {
  const owners: Array<{ cand: Candidate; al: Alignment }> = [];
  const claimants: Claimant[] = [];
  for (const cand of earlier) {
    const own = cand.doc.outletKey === myOutlet;
    for (const al of cand.alignments) {
      // A match too thin to be reported on its own must not take words from another source's run.
      if (!convincing(q, al.aFrom, al.aTo, al, o)) continue;
      owners.push({ cand, al });
      claimants.push({ al, own });
    }
  }
  if (!owners.length) return { passages: [], own: [] };
  const owner = claimTokens(q, claimants, o.align.minCoverage);
  const minCoverage = o.align.minCoverage;

  // Runs of one owner, split at paragraph boundaries.
  const out: Passage[] = [];
  const own: OwnPiece[] = [];
  const pieceOwner: number[] = [];
  const pieceFrom: number[] = [];
  const pieceTo: number[] = [];
  let t = 0;
  while (t < q.tokCount) {
    const id = owner[t];
    if (id === -1 || q.tokPara[t] === 0 || (skip !== undefined && skip[q.tokPara[t]] === 1)) {
      t++; // no owner, the checked article's own title, or its outlet's furniture
      continue;
    }
    let e = t;
    while (e < q.tokCount && owner[e] === id) e++;
    const { cand, al } = owners[id];
    if (e - t >= o.minPassageWords && convincing(q, t, e, al, o)) {
      for (let s = t; s < e; ) {
        const p = q.tokPara[s];
        const pe = Math.min(e, q.paraTok[p + 1]);
        if (pe - s >= 4 && (skip === undefined || skip[p] !== 1)) {
          if (claimants[id].own) {
            if (pieceCoverage(al, s, pe, q.shingleSize) >= minCoverage) own.push({ para: p, from: s, to: pe, cand });
          } else {
            const piece = passage(q, s, pe, cand, al, 0, o.quoteShare);
            if (piece.coverage >= minCoverage) {
              out.push(piece);
              pieceOwner.push(id);
              pieceFrom.push(s);
              pieceTo.push(pe);
            }
          }
        }
        s = pe;
      }
    }
    t = e;
  }

  // Groups: the pieces of one alignment in a row. A group with copied prose is copied throughout.
  let group = -1;
  for (let i = 0; i < out.length; i++) {
    if (i === 0 || pieceOwner[i] !== pieceOwner[i - 1]) group++;
    out[i].group = group;
  }
  for (let i = 0; i < out.length; ) {
    let j = i;
    let prose = false;
    for (; j < out.length && out[j].group === out[i].group; j++) if (out[j].kind === 'copied') prose = true;
    if (prose) for (let k = i; k < j; k++) out[k].kind = 'copied';
    i = j;
  }

  // Who had it first: the earliest other-outlet alignment carrying most of the piece.
  for (let i = 0; i < out.length; i++) {
    const from = pieceFrom[i];
    const to = pieceTo[i];
    for (let id = 0; id < pieceOwner[i]; id++) {
      const al = owners[id].al;
      if (claimants[id].own || al.aFrom >= to || al.aTo <= from || pieceCoverage(al, from, to, q.shingleSize) < minCoverage) continue;
      const r = owners[id].cand;
      if (r !== owners[pieceOwner[i]].cand) {
        const f = r.ref;
        out[i].firstSeen = { id: f.id, outlet: f.outlet, url: f.url, title: f.title, published: f.published, firstSeen: f.firstSeen };
      }
      break;
    }
  }
  return { passages: out, own };
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
