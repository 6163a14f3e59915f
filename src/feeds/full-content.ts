/**
 * Whether an item's body is the whole article or a summary, judged on its paragraphs after
 * extraction (the same extraction as a page's). The rule, measured (docs/design.md, "The feed stage"):
 * at least FULL_MIN_PARAGRAPHS paragraphs and FULL_MIN_WORDS words (counted as the engine counts
 * them), and not ending in a truncation mark ("…", "[...]", "Read more", "Continue reading").
 * A body judged a summary sends the reader to the item's link, so the rule errs towards fetching:
 * a short article fetched costs a request, a summary recorded as an article would be wrong.
 */
import { wordCount } from '../engine/word-count';

export const FULL_MIN_PARAGRAPHS = 3;
export const FULL_MIN_WORDS = 100;

/** How a cut-off body ends: an ellipsis, "[…]", "(more…)", or a "read more" link's words, then at most an arrow. */
const TRUNCATED = /(?:\u2026|\.\.\.|\[\s*(?:\u2026|\.\.\.)\s*\]|\(\s*more\s*(?:\u2026|\.\.\.)?\s*\)|\b(?:read|see) (?:more|the (?:full|whole|rest of the) (?:story|article))|\bcontinue reading(?: [^.!?]{0,60})?|\bfull story)\s*[\u2192\u00bb\u203a>:.]*\s*$/i;

export interface ContentJudgement {
  full: boolean;
  paragraphs: number;
  words: number;
  /** Why it is not full, in words ("2 paragraphs, 48 words"; "it ends in a truncation mark"). */
  why?: string;
}

export function judgeContent(paragraphs: string[]): ContentJudgement {
  const words = paragraphs.reduce((n, p) => n + wordCount(p), 0);
  const last = paragraphs[paragraphs.length - 1] ?? '';
  const size = `${paragraphs.length} ${paragraphs.length === 1 ? 'paragraph' : 'paragraphs'}, ${words} ${words === 1 ? 'word' : 'words'}`;
  if (paragraphs.length < FULL_MIN_PARAGRAPHS || words < FULL_MIN_WORDS) {
    return { full: false, paragraphs: paragraphs.length, words, why: `${size}; a full article has at least ${FULL_MIN_PARAGRAPHS} paragraphs and ${FULL_MIN_WORDS} words` };
  }
  if (TRUNCATED.test(last.slice(-80))) {
    return { full: false, paragraphs: paragraphs.length, words, why: `${size}, ending in a truncation mark ("${last.slice(-30)}")` };
  }
  return { full: true, paragraphs: paragraphs.length, words };
}
