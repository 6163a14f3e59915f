/**
 * Which passages the article credits: takes the checked article's paragraphs, its Prepared, its
 * passages and the credits of their sources, gives the article's credits (credits.ts) and marks each
 * passage `credited` when a credit of the article that reaches it (one for the whole article, or one
 * in the passage's paragraph) names the source's outlet, or names a wire that the source credits for
 * that text too (then `creditedVia` names it: both ran the same Associated Press copy). An inline credit
 * inside the passage's copied text, where the source has it too ("documents seen by Meridian Wire"),
 * is the source's text, not the article's credit: it is left out. Credit lines (datelines, bylines,
 * sign-offs) stand for the whole article even when copied with it, as wire copy is run.
 * Credits are looked for (a few costly regexes per paragraph) only when there are passages, only in
 * their paragraphs and those that can credit the whole article, and only where the paragraph's
 * tokens spell a credit's words (credit-words.ts); a check that records the article passes the
 * credits it found for the record instead.
 */
import { mayHoldCreditIn } from './credit-words';
import { creditMatchesOutlet, findCredits, lastNonEmpty, mayCreditArticle } from './credits';
import type { Prepared } from './prepare';
import type { Credit, Passage } from './types';

/**
 * Finds the credits that can qualify `passages` (or takes them from `own`, every credit of the
 * article) and sets each passage's `credited` and `creditedVia`. `sourceCredits(id)`: the credits of
 * the passage source with that id, as it was recorded.
 */
export function creditPassages(paragraphs: string[], q: Prepared, passages: Passage[], sourceCredits: (id: string) => Credit[], own?: Credit[]): Credit[] {
  if (!passages.length) return [];
  const inPassage = new Uint8Array(paragraphs.length);
  for (const p of passages) inPassage[p.paragraph] = 1;
  const last = lastNonEmpty(paragraphs);
  const wanted = (i: number) => inPassage[i] === 1 || mayCreditArticle(paragraphs, i, last);
  const found = own ? own.filter((c) => wanted(c.paragraph)) : findCredits(paragraphs, (i) => mayHoldCreditIn(q, i + 1) && wanted(i));
  const credits = found.filter((c) => c.scope === 'article' || !passages.some((p) => p.paragraph === c.paragraph && inCopiedText(c, paragraphs[c.paragraph], p)));
  const names = new Map<string, boolean>(); // creditMatchesOutlet per pair of names: passages repeat them
  for (const p of passages) {
    const mine = credits.filter((c) => c.scope === 'article' || c.paragraph === p.paragraph);
    p.credited = mine.some((c) => namesMatch(names, c.name, p.source.outlet));
    if (p.credited || !mine.length) continue;
    const theirs = sourceCredits(p.source.id).filter((s) => s.scope === 'article' || s.paragraph === p.source.paragraph);
    const via = mine.find((c) => theirs.some((s) => namesMatch(names, c.name, s.name)));
    if (via) {
      p.credited = true;
      p.creditedVia = via.name;
    }
  }
  return credits;
}

/**
 * Whether credit c stands in the copied text of passage p (same paragraph), and the source has the
 * same name at about the same place of its aligned text: then it is the source's words.
 */
export function inCopiedText(c: Credit, paragraph: string, p: Passage): boolean {
  if (c.paragraph !== p.paragraph || c.start < p.start || c.end > p.end) return false;
  const written = paragraph.slice(c.start, c.end);
  const src = p.source.text;
  const at = ((c.start - p.start) * src.length) / Math.max(1, p.end - p.start);
  const slack = 40 + 0.1 * src.length;
  for (let i = src.indexOf(written); i >= 0; i = src.indexOf(written, i + 1)) if (Math.abs(i - at) <= slack) return true;
  return false;
}

/** creditMatchesOutlet(name, outlet), remembered in `cache` (a check's passages repeat the same pairs). */
function namesMatch(cache: Map<string, boolean>, name: string, outlet: string): boolean {
  const key = `${name}\u0000${outlet}`;
  let m = cache.get(key);
  if (m === undefined) cache.set(key, (m = creditMatchesOutlet(name, outlet)));
  return m;
}
