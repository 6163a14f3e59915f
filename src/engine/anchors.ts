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
import { findQuoteSpans } from './quotes';
import { ASCII_QUOTE_MARK } from './tokenize';

/** Mixed into every anchor, so an anchor never equals a band key of the same value by construction. */
const ANCHOR_SALT = 0x7a11c0de;
const NONE = 0xffffffff;

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
  const spans = prep.paraFlags[p] & ASCII_QUOTE_MARK ? findQuoteSpans(prep.paragraphs[p]) : undefined;
  let span = 0;
  for (let k = 0; k < count; k++) {
    const t = from + k;
    let h = fmix32((prep.shingle[t] ^ Math.imul(prep.shingle[t + n], 0x9e3779b1) ^ ANCHOR_SALT) >>> 0);
    if (spans) {
      // A 2n-gram touching a quotation makes no anchor.
      const s = prep.tokStart[t];
      const e = prep.tokEnd[t + 2 * n - 1];
      while (span < spans.length && spans[span][1] <= s) span++;
      if (span < spans.length && spans[span][0] < e) h = NONE;
    }
    g[k] = h;
  }
  // Winnowing: the rightmost smallest of each window, each position once. The smallest so far is
  // kept while it stays in the window; only when it leaves is the window scanned again.
  const before = out.length;
  let m = -1;
  for (let k = 0; k + window <= count; k++) {
    const last = m;
    const end = k + window - 1;
    if (m < k) {
      m = k;
      for (let j = k + 1; j <= end; j++) if (g[j] <= g[m]) m = j;
    } else if (g[end] <= g[m]) m = end;
    if (m !== last && g[m] !== NONE) out.push(g[m]);
  }
  return out.length - before;
}
