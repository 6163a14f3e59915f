/**
 * How many words a text holds, counted as the engine counts them (tokenize.ts): letters, digits and
 * marks with inner apostrophes, and Intl.Segmenter words in scripts written without spaces (Chinese,
 * Japanese, Thai). Extraction and the CLI decide with it whether text is an article, a paragraph is
 * furniture, a line is long enough: splitting at spaces would call a Japanese paragraph one word.
 */
import { normalize } from './normalize';
import { tokenize } from './tokenize';

export function wordCount(text: string): number {
  const ascii = asciiWordCount(text);
  return ascii >= 0 ? ascii : tokenize(normalize(text).text).count;
}

/** The words of `text`, or -1 at the first character outside ASCII. */
function asciiWordCount(text: string): number {
  let count = 0;
  // 0: between words; 1: in a word; 2: just after an apostrophe inside a word ("don'|t").
  let state = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80) return -1;
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90)) {
      if (state === 0) count++;
      state = 1;
    } else state = state === 1 && (c === 39 || c === 96) ? 2 : 0;
  }
  return count;
}
