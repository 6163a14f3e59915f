/**
 * Which paragraphs of a prepared article can hold a credit, from their token hashes alone.
 *
 * findCredits() reads only the paragraphs it is given leave to, and its first test of each
 * (mayHoldCredit: three regexes over the text, ~6 ns a character here) was most of its time, though
 * nearly every paragraph fails it. Every credit hinges on one of CREDIT_WORDS standing as a whole
 * word, with a capital where it says (credits.ts says why), and the tokens of an ASCII paragraph are exactly its runs of letters
 * and digits, except that a word with an inner apostrophe ("AP's") is one token. So an ASCII
 * paragraph without inner apostrophes whose tokens are none of those words holds no credit: one
 * look-up per token, in a table of the words' hashes, settles most paragraphs without reading their
 * text again. The others (inner apostrophes, text that is not ASCII, whose tokens are of the
 * normalised text) are left to findCredits().
 */
import { CREDIT_WORDS } from './credits';
import { NOT_ASCII, type Prepared } from './prepare';
import { ASCII_INNER_APOSTROPHE, tokenizeAscii } from './tokenize';

// The words' token hashes in an open-addressing table; used[i]: 1 for a word in any case, 2 for a
// word that counts only with a capital first letter.
const MASK = 1023;
const table = new Uint32Array(MASK + 1);
const used = new Uint8Array(MASK + 1);
for (const [w, capital] of CREDIT_WORDS) {
  if (!/^[a-z0-9]+$/.test(w)) throw new Error(`credit word ${w} is not plain ASCII`);
  const h = tokenizeAscii(w).hash[0];
  let i = h & MASK;
  while (used[i]) i = (i + 1) & MASK;
  used[i] = capital ? 2 : 1;
  table[i] = h;
}

/** False when paragraph p (internal index) certainly holds no credit; true when it may. */
export function mayHoldCreditIn(q: Prepared, p: number): boolean {
  if (q.paraFlags[p] & (ASCII_INNER_APOSTROPHE | NOT_ASCII)) return true;
  const end = q.paraTok[p + 1];
  for (let t = q.paraTok[p]; t < end; t++) {
    const h = q.tokHash[t];
    for (let i = h & MASK; used[i]; i = (i + 1) & MASK) {
      if (table[i] !== h) continue;
      if (used[i] === 1) return true;
      const c = q.paragraphs[p].charCodeAt(q.tokStart[t]);
      if (c >= 65 && c <= 90) return true;
    }
  }
  return false;
}
