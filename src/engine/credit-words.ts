/**
 * Which paragraphs of a prepared article can hold a credit, from their token hashes alone.
 *
 * findCredits() reads only the paragraphs it is given leave to, and its first test of each
 * (mayHoldCredit: three regexes over the text, ~6 ns a character here) was most of its time, though
 * nearly every paragraph fails it. Every credit holds the words of one of CREDIT_TERMS in a row
 * ("Reuters", "Wall Street Journal", an outlet word such as "Times"), each a whole word, with a
 * capital where it says (credits.ts says why); and the tokens of an ASCII paragraph are exactly its
 * runs of letters and digits, except that a word with an inner apostrophe ("AP's") is one token.
 * So an ASCII paragraph holds no credit when no run of its tokens spells a term, and none of its
 * apostrophised tokens has a term's word as one of its pieces: one look-up per token in a table of
 * the terms' first words settles most paragraphs without reading their text again. (First words
 * alone let through every "United States", "New York" and "Washington" of financial news, and every
 * paragraph with an apostrophised word went to the regexes; now 3% of Reuters-21578's paragraphs
 * pass: tests/engine/credit-words.test.ts.) Text that is not ASCII, whose tokens
 * are of the normalised text, is left to findCredits().
 */
import { CREDIT_TERMS } from './credits';
import { NOT_ASCII, type Prepared } from './prepare';
import { ASCII_INNER_APOSTROPHE, isAsciiWord, tokenizeAscii } from './tokenize';

const hashOf = (w: string) => {
  if (!/^[a-z0-9]+$/.test(w)) throw new Error(`credit word ${w} is not plain ASCII`);
  return tokenizeAscii(w).hash[0];
};

/** A term of two words or more, after its first: the hashes of the rest, and whether the first needs a capital. */
interface Rest {
  hashes: Uint32Array;
  capital: boolean;
}

// The terms' first words in an open-addressing table. single[i]: 1 when the word alone is a term in
// any case, 2 when only with a capital first letter, 0 when it only starts longer terms (rest[i]).
const MASK = 1023;
const table = new Uint32Array(MASK + 1);
const used = new Uint8Array(MASK + 1);
const single = new Uint8Array(MASK + 1);
const rest: Array<Rest[] | undefined> = [];
/** The terms' first words by the high 16 bits of their hashes: one load rules out nearly every token. */
const HIGH = new Uint8Array(1 << 16);
/** Every word of every term: an apostrophised token is judged by its pieces. */
const WORDS = new Set<string>();

for (const [words, capital] of CREDIT_TERMS) {
  for (const w of words) WORDS.add(w);
  const h = hashOf(words[0]);
  HIGH[h >>> 16] = 1;
  let i = h & MASK;
  while (used[i] && table[i] !== h) i = (i + 1) & MASK;
  used[i] = 1;
  table[i] = h;
  if (words.length === 1) single[i] = single[i] === 1 || !capital ? 1 : 2;
  else (rest[i] ??= []).push({ hashes: Uint32Array.from(words.slice(1), hashOf), capital });
}

/** A character of an apostrophised ASCII word: a letter, a digit, ' or `. */
const inWord = (c: number) => isAsciiWord(c) || c === 39 || c === 96;

/**
 * Whether a word with an inner apostrophe (' or `, between letters or digits) in an ASCII text has
 * a term's word as one of its pieces ("AP's": "ap", "s"). Found by searching for the marks: they
 * are few, and most paragraphs have none.
 */
function apostrophisedHoldWord(text: string): boolean {
  for (const mark of ["'", '`']) {
    for (let x = text.indexOf(mark, 1); x > 0 && x < text.length - 1; x = text.indexOf(mark, x + 1)) {
      if (!isAsciiWord(text.charCodeAt(x - 1)) || !isAsciiWord(text.charCodeAt(x + 1))) continue;
      let s = x - 1;
      while (s > 0 && inWord(text.charCodeAt(s - 1))) s--;
      let e = x + 2;
      while (e < text.length && inWord(text.charCodeAt(e))) e++;
      for (const piece of text.slice(s, e).toLowerCase().split(/['`]/)) if (WORDS.has(piece)) return true;
    }
  }
  return false;
}

/** False when paragraph p (internal index) certainly holds no credit; true when it may. */
export function mayHoldCreditIn(q: Prepared, p: number): boolean {
  const flags = q.paraFlags[p];
  if (flags & NOT_ASCII) return true;
  const text = q.paragraphs[p];
  const end = q.paraTok[p + 1];
  for (let t = q.paraTok[p]; t < end; t++) {
    const h = q.tokHash[t];
    if (HIGH[h >>> 16] === 0) continue;
    let i = h & MASK;
    while (used[i] && table[i] !== h) i = (i + 1) & MASK;
    if (!used[i]) continue;
    const c = text.charCodeAt(q.tokStart[t]);
    const capital = c >= 65 && c <= 90;
    if (single[i] === 1 || (single[i] === 2 && capital)) return true;
    const longer = rest[i];
    if (!longer) continue;
    for (const r of longer) {
      if ((r.capital && !capital) || t + r.hashes.length >= end) continue;
      let k = 0;
      while (k < r.hashes.length && q.tokHash[t + 1 + k] === r.hashes[k]) k++;
      if (k === r.hashes.length) return true;
    }
  }
  // A term with an apostrophised word in it ("New York Times's") was not spelt by whole tokens above.
  return (flags & ASCII_INNER_APOSTROPHE) !== 0 && apostrophisedHoldWord(text);
}
