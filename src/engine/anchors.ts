/**
 * Anchors: exact keys that find a sentence copied out of a long paragraph, where a MinHash unit
 * shares too little of its shingles with the sentence to be likely to share a band key. Takes a
 * Prepared paragraph, gives its anchors: word 2n-grams (two shingles n words apart), winnowed (in
 * every `window` consecutive 2n-grams the smallest hash is an anchor; Schleimer et al., SIGMOD 2003),
 * so any run of `window` + 2n - 1 words two paragraphs share gives them at least one anchor in common,
 * however long the paragraphs around it; about 2 / (window + 1) anchors a word. Words inside quotation
 * marks make no anchor: a quotation is shared by every outlet that reports the speech, and a shared
 * quotation inside a long paragraph is not its copy (the quote rule, attribution.ts).
 */
import { fmix32 } from './hash';
import type { Prepared } from './prepare';
import { paragraphQuoteSpans } from './quote-spans';

/** Mixed into every anchor, so an anchor never equals a band key of the same value by construction. */
const ANCHOR_SALT = 0x7a11c0de;

let grams = new Uint32Array(1024);

/**
 * Appends the anchors of internal paragraph `p` of `prep` to `out` (in text order, each once) and
 * returns how many it appended. `window` 0 makes none.
 */
export function paragraphAnchors(prep: Prepared, p: number, window: number, out: number[]): number {
  const n = prep.shingleSize;
  const from = prep.paraTok[p];
  const count = prep.paraTok[p + 1] - from - 2 * n + 1; // 2n-grams in the paragraph
  if (window <= 0 || count < window) return 0;
  if (grams.length < count) grams = new Uint32Array(count * 2);
  const g = grams;
  for (let k = 0; k < count; k++) {
    const t = from + k;
    g[k] = fmix32((prep.shingle[t] ^ Math.imul(prep.shingle[t + n], 0x9e3779b1) ^ ANCHOR_SALT) >>> 0);
  }
  // Winnowing: the rightmost smallest of each window, each position once. The smallest so far is
  // kept while it stays in the window; only when it leaves is the window scanned again. An anchor
  // touching a quotation is dropped afterwards: a window inside prose selects the same 2n-gram in
  // every text, so the guarantee for shared prose holds.
  const spans = paragraphQuoteSpans(prep, p);
  const before = out.length;
  let m = -1;
  let span = 0;
  for (let k = 0; k + window <= count; k++) {
    const last = m;
    const end = k + window - 1;
    if (m < k) {
      m = k;
      for (let j = k + 1; j <= end; j++) if (g[j] <= g[m]) m = j;
    } else if (g[end] <= g[m]) m = end;
    if (m === last) continue;
    if (spans.length) {
      const s = prep.tokStart[from + m];
      const e = prep.tokEnd[from + m + 2 * n - 1];
      while (span < spans.length && spans[span][1] <= s) span++;
      if (span < spans.length && spans[span][0] < e) continue;
    }
    out.push(g[m]);
  }
  return out.length - before;
}
