/**
 * The outlet's own earlier text: takes the checked article's Prepared, the paragraphs left out of its
 * text (furniture and title) and the pieces attribution.ts found first carried by an earlier article
 * of the same outlet, gives the report's `ownEarlier` (each such paragraph once, with the earlier
 * article holding most of it) and `updateOf` (the earlier article, when its text is more than
 * `updateShare` of the checked article's: an updated version of it). Lengths are non-space characters.
 */
import type { OwnPiece } from './attribution';
import type { Candidate } from './candidates';
import type { Prepared } from './prepare';
import type { ArticleRef, OwnEarlierText, Report } from './types';

/** Share of the text from which an article is an update of its outlet's earlier one. */
export const UPDATE_SHARE = 0.5;

export function ownEarlier(q: Prepared, textChars: number, pieces: OwnPiece[]): Pick<Report, 'ownEarlier' | 'updateOf'> {
  if (!pieces.length) return { ownEarlier: [] };
  const byPara = new Map<number, { cand: Candidate; chars: number }>();
  const byCand = new Map<Candidate, number>();
  for (const piece of pieces) {
    const chars = spanChars(q, piece.from, piece.to);
    byCand.set(piece.cand, (byCand.get(piece.cand) ?? 0) + chars);
    const e = byPara.get(piece.para);
    if (!e || chars > e.chars) byPara.set(piece.para, { cand: piece.cand, chars });
  }
  const list: OwnEarlierText[] = [...byPara.entries()].sort((a, b) => a[0] - b[0]).map(([p, e]) => ({ paragraph: p - 1, source: articleRef(e.cand) }));
  let best: Candidate | undefined;
  let bestChars = 0;
  for (const [cand, chars] of byCand) if (chars > bestChars) [best, bestChars] = [cand, chars];
  const share = textChars ? Math.min(1, bestChars / textChars) : 0;
  return best && share > UPDATE_SHARE ? { ownEarlier: list, updateOf: { ...articleRef(best), share } } : { ownEarlier: list };
}

function articleRef(c: Candidate): ArticleRef {
  const r = c.ref;
  return { id: r.id, outlet: r.outlet, url: r.url, title: r.title, published: r.published, firstSeen: r.firstSeen };
}

/** Characters of tokens [from, to). */
function spanChars(q: Prepared, from: number, to: number): number {
  let n = 0;
  for (let t = from; t < to; t++) n += q.tokEnd[t] - q.tokStart[t];
  return n;
}
