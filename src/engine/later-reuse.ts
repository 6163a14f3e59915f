/**
 * Later reuse, per later article: takes the checked article's Prepared and a later candidate (an
 * article of another outlet carrying its text), gives what it carries (`kind`: 'copied' when any run
 * of the shared text is prose, 'quote' when every run is a quotation in both texts, the rule of
 * attribution.ts) and whether it credits the checked article's outlet for it (`credited`, from the
 * later article's credits, as stored or found from its text: 'yes' when a credit for the whole
 * article or one in every paragraph carrying the text names the outlet, 'partly' when some do, 'no'
 * when none).
 */
import type { Candidate } from './candidates';
import { creditMatchesOutlet } from './credits';
import { storedCredits } from './document-credits';
import { pieceKind } from './passages';
import type { Prepared } from './prepare';
import { ASCII_QUOTE_MARK } from './tokenize';
import type { PassageKind, ReuseRef } from './types';

/** What `later` carries of `q`. */
export function reuseKind(q: Prepared, later: Candidate, quoteShare: number): PassageKind {
  // One piece of prose settles it (the usual case: the first piece).
  for (const al of later.alignments) {
    for (let s = al.aFrom; s < al.aTo; ) {
      const pe = Math.min(al.aTo, q.paraTok[q.tokPara[s] + 1]);
      // A piece of a paragraph without a quotation mark is prose.
      if (pe - s >= 4 && q.tokPara[s] > 0 && (!(q.paraFlags[q.tokPara[s]] & ASCII_QUOTE_MARK) || pieceKind(q, s, pe, later.prep, al, quoteShare) === 'copied')) return 'copied';
      s = pe;
    }
  }
  return 'quote';
}

/** Whether `later` credits `outlet` (the checked article's) for the text it carries. */
export function reuseCredit(later: Candidate, outlet: string): NonNullable<ReuseRef['credited']> {
  const credits = storedCredits(later.doc);
  const naming = credits.filter((c) => creditMatchesOutlet(c.name, outlet));
  if (naming.some((c) => c.scope === 'article')) return 'yes';
  const d = later.prep;
  const carrying = new Set<number>();
  for (const al of later.alignments) {
    for (let b = al.bFrom; b < al.bTo; b = d.paraTok[d.tokPara[b] + 1]) if (d.tokPara[b] > 0) carrying.add(d.tokPara[b] - 1);
  }
  let credited = 0;
  for (const p of carrying) if (naming.some((c) => c.paragraph === p)) credited++;
  return credited === 0 ? 'no' : credited === carrying.size ? 'yes' : 'partly';
}
