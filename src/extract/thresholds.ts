/**
 * Readability's thresholds for one page, by how many characters its script spends on a word.
 *
 * Readability counts characters: isProbablyReaderable wants paragraphs of at least 140 characters
 * scoring 20 points of sqrt(length - 140) between them, and parse() retries with looser rules below
 * 500 characters of article text. Those numbers suit text written with spaces, where a word and its
 * space take 5 or more characters (5.1 to 21 on the 181 pages of the extraction benchmark, median
 * about 6). Chinese and Japanese take about 1.7 to 2.4, Thai about 3.8 (the engine's own words,
 * tokenize.ts): there the defaults ask for about three times the words, and a news story of 600
 * words in short paragraphs does not "look like an article". Below 5 characters a word the
 * thresholds are scaled by (characters a word) / 5, so they ask for as many words in every script;
 * pages of spaced scripts keep Readability's defaults exactly.
 */
import { wordCount } from '../engine/word-count';

/** Characters a word (space included) at and above which Readability's defaults hold. */
export const SPACED_CHARS_PER_WORD = 5;
/** How much text is sampled to measure a page's characters per word. */
const SAMPLE_CHARS = 3000;

export const READABILITY_DEFAULTS = { minContentLength: 140, minScore: 20, charThreshold: 500 };

export interface PageThresholds {
  /** For isProbablyReaderable. */
  minContentLength: number;
  minScore: number;
  /** For new Readability(doc, { charThreshold }). */
  charThreshold: number;
  /** The page's characters a word (0 when it has no paragraph text). */
  charsPerWord: number;
}

/** The characters a word of the text isProbablyReaderable reads (p, pre, article), from its first SAMPLE_CHARS. */
export function charsPerWord(doc: Document): number {
  let sample = '';
  for (const node of Array.from(doc.querySelectorAll('p, pre, article'))) {
    const text = (node.textContent ?? '').trim();
    if (!text) continue;
    sample += `${text.slice(0, SAMPLE_CHARS - sample.length)} `;
    if (sample.length >= SAMPLE_CHARS) break;
  }
  const words = wordCount(sample);
  return words ? sample.length / words : 0;
}

/** Readability's thresholds for `doc`: the defaults, scaled down for scripts that pack a word in few characters. */
export function pageThresholds(doc: Document): PageThresholds {
  const cpw = charsPerWord(doc);
  const f = cpw > 0 && cpw < SPACED_CHARS_PER_WORD ? cpw / SPACED_CHARS_PER_WORD : 1;
  const d = READABILITY_DEFAULTS;
  return {
    minContentLength: Math.round(d.minContentLength * f),
    // sqrt(L - m) summed over paragraphs: for text f times as dense, sqrt(L/f - m) = sqrt(L - f m) / sqrt(f).
    minScore: d.minScore * Math.sqrt(f),
    charThreshold: Math.round(d.charThreshold * f),
    charsPerWord: cpw,
  };
}
