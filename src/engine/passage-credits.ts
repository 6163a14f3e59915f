/**
 * Which passages the article credits: takes the checked article's paragraphs, its Prepared and its
 * passages, gives the credits found in its text (credits.ts) and marks each passage `credited` when
 * a credit in its paragraph, or one for the whole article, names the source's outlet. Credits are
 * looked for (a few costly regexes per paragraph) only when there are passages, only in their
 * paragraphs and those that can credit the whole article, and only where the paragraph's tokens
 * spell a credit's words (credit-words.ts).
 */
import { mayHoldCreditIn } from './credit-words';
import { creditMatchesOutlet, findCredits, lastNonEmpty, mayCreditArticle } from './credits';
import type { Prepared } from './prepare';
import type { Credit, Passage } from './types';

/** Finds the credits that can qualify `passages` and sets each passage's `credited`. */
export function creditPassages(paragraphs: string[], q: Prepared, passages: Passage[]): Credit[] {
  if (!passages.length) return [];
  const inPassage = new Uint8Array(paragraphs.length);
  for (const p of passages) inPassage[p.paragraph] = 1;
  const last = lastNonEmpty(paragraphs);
  const credits = findCredits(paragraphs, (i) => mayHoldCreditIn(q, i + 1) && (inPassage[i] === 1 || mayCreditArticle(paragraphs, i, last)));
  const names = new Map<string, boolean>(); // creditMatchesOutlet per (credit, outlet): passages repeat them
  for (const p of passages) p.credited = credits.some((c) => (c.scope === 'article' || c.paragraph === p.paragraph) && namesMatch(names, c.name, p.source.outlet));
  return credits;
}

/** creditMatchesOutlet(name, outlet), remembered in `cache` (a check's passages repeat the same pairs). */
function namesMatch(cache: Map<string, boolean>, name: string, outlet: string): boolean {
  const key = `${name}\u0000${outlet}`;
  let m = cache.get(key);
  if (m === undefined) cache.set(key, (m = creditMatchesOutlet(name, outlet)));
  return m;
}
