/**
 * How many words a text holds, counted as the engine counts them (tokenize.ts): letters, digits and
 * marks with inner apostrophes, and Intl.Segmenter words in scripts written without spaces (Chinese,
 * Japanese, Thai). Extraction and the CLI decide with it whether text is an article, a paragraph is
 * furniture, a line is long enough: splitting at spaces would call a Japanese paragraph one word.
 *
 * Text of Latin letters with the punctuation of typeset news (curly quotes and apostrophes, dashes,
 * no-break spaces, soft hyphens) is counted in one pass over its characters (WORD_CLASS); anything
 * else goes through normalize() and tokenize(), which cost a content script ~10 ms of a page's reading
 * the first time (their Unicode tables), and on the same text give the same count (the property test).
 */
import { normalize } from './normalize';
import { tokenize } from './tokenize';

export function wordCount(text: string): number {
  const fast = latinWordCount(text);
  return fast >= 0 ? fast : tokenize(normalize(text).text).count;
}

/** Unknown: the text goes the slow way. */
const OTHER = 0;
/** A letter or digit, after normalisation too. */
const LETTER = 1;
/** Between words (space, punctuation, symbols that normalisation leaves as they are). */
const BETWEEN = 2;
/** Read as an apostrophe: inside a word it joins ("don't", "don’t"). */
const APOSTROPHE = 3;
/** Dropped by normalisation (zero-width space, soft hyphen, direction marks): as if absent. */
const DROPPED = 4;

/** The class of each code unit below WORD_CLASS.length (0xFEFF, the BOM, is DROPPED too). */
const WORD_CLASS = new Uint8Array(0x2070);
for (let c = 0; c < 0x80; c++) {
  const alnum = (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90);
  WORD_CLASS[c] = alnum ? LETTER : c === 39 || c === 96 ? APOSTROPHE : BETWEEN;
}
// Latin-1 letters and Latin Extended-A and -B, but × and ÷, and Ŀ ŀ (NFKC puts a middle dot in them).
for (let c = 0xc0; c <= 0x24f; c++) WORD_CLASS[c] = LETTER;
WORD_CLASS[0xd7] = WORD_CLASS[0xf7] = BETWEEN;
WORD_CLASS[0x13f] = WORD_CLASS[0x140] = OTHER;
// No-break space and Latin-1 punctuation and symbols that NFKC keeps (not ª º ¹ ² ³ µ ¼ ½ ¾ ¨ ¯ ´ ¸).
for (const c of [0xa0, 0xa1, 0xa2, 0xa3, 0xa5, 0xa6, 0xa7, 0xa9, 0xab, 0xac, 0xae, 0xb0, 0xb1, 0xb6, 0xb7, 0xbb, 0xbf]) WORD_CLASS[c] = BETWEEN;
// Spaces, dashes, quotation marks, bullets, ellipsis, line and paragraph separators, per mille.
for (let c = 0x2000; c <= 0x200a; c++) WORD_CLASS[c] = BETWEEN;
for (let c = 0x2010; c <= 0x2016; c++) WORD_CLASS[c] = BETWEEN;
for (const c of [0x201c, 0x201d, 0x201e, 0x201f, 0x2020, 0x2021, 0x2022, 0x2026, 0x2028, 0x2029, 0x202f, 0x2030, 0x205f]) WORD_CLASS[c] = BETWEEN;
for (const c of [0x2018, 0x2019, 0x201a, 0x201b, 0x2032, 0x2039, 0x203a]) WORD_CLASS[c] = APOSTROPHE;
for (const c of [0xad, 0x200b, 0x200e, 0x200f, 0x2060]) WORD_CLASS[c] = DROPPED;

/** The words of `text`, or -1 at the first character WORD_CLASS does not know. */
export function latinWordCount(text: string): number {
  let count = 0;
  // 0: between words; 1: in a word; 2: just after an apostrophe inside a word ("don'|t").
  let state = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const k = c < 0x2070 ? WORD_CLASS[c] : c === 0xfeff ? DROPPED : OTHER;
    if (k === LETTER) {
      if (state === 0) count++;
      state = 1;
    } else if (k === OTHER) return -1;
    else if (k !== DROPPED) state = state === 1 && k === APOSTROPHE ? 2 : 0;
  }
  return count;
}
