/**
 * An article's paragraphs turned into one token stream with word n-gram shingle hashes.
 *
 * Tokens keep their paragraph and their character span in the ORIGINAL paragraph string, so every
 * finding maps back to the text as given. Shingles never span a paragraph boundary (a different
 * paragraph split must not change them); shingle k covers tokens [k, k + n) and exists only when
 * those tokens lie in one paragraph.
 */
import { nonSpace } from './chars';
import { combineMixed, fmix32 } from './hash';
import { normalize, toOriginal } from './normalize';
import { ASCII_INNER_APOSTROPHE, ASCII_QUOTE_MARK, asciiScan, asciiTokenBound, tokenize, tokenizeAsciiInto } from './tokenize';

export interface Prepared {
  paragraphs: string[];
  shingleSize: number;
  tokCount: number;
  /** Paragraph of each token. */
  tokPara: Int32Array;
  /** Character span of each token in its original paragraph. */
  tokStart: Int32Array;
  tokEnd: Int32Array;
  tokHash: Uint32Array;
  /** paraTok[p] is the first token of paragraph p; paraTok[paragraphs.length] = tokCount. */
  paraTok: Int32Array;
  /** shingle[k]: hash of tokens [k, k + n); 0 where no shingle starts (too close to a paragraph end). */
  shingle: Uint32Array;
  /** Exact fingerprint of each paragraph's token sequence (0 for a paragraph without words). */
  fingerprint: Uint32Array;
  /** nonSpace() of each paragraph (counted while tokenising ASCII text). */
  paraChars: Int32Array;
  /**
   * What tokenising saw in each paragraph: ASCII_QUOTE_MARK (it may hold a quotation: findQuoteSpans()
   * reads only those), ASCII_INNER_APOSTROPHE, and NOT_ASCII with the other two for text that is
   * not ASCII (normalised before tokenising: nothing is known).
   */
  paraFlags: Uint8Array;
}

export const NOT_ASCII = 4;

// Token scratch shared by every prepare() call (it is synchronous): an article is tokenised into
// these, then copied into arrays of its exact size. Creating typed arrays costs far more than
// filling them, so there are a few per article rather than three per paragraph.
let scratchStart = new Int32Array(1024);
let scratchEnd = new Int32Array(1024);
let scratchHash = new Uint32Array(1024);
let scratchMixed = new Uint32Array(1024);
let scratchChars = new Int32Array(64);
let scratchFlags = new Uint8Array(64);

/** Room for n tokens, keeping the first `keep` already written. */
function ensureScratch(n: number, keep = 0): void {
  if (scratchStart.length >= n) return;
  const size = Math.max(n, scratchStart.length * 2);
  const start = new Int32Array(size);
  const end = new Int32Array(size);
  const hash = new Uint32Array(size);
  start.set(scratchStart.subarray(0, keep));
  end.set(scratchEnd.subarray(0, keep));
  hash.set(scratchHash.subarray(0, keep));
  scratchStart = start;
  scratchEnd = end;
  scratchHash = hash;
  scratchMixed = new Uint32Array(size);
}

export function prepare(paragraphs: string[], shingleSize: number): Prepared {
  const n = shingleSize;
  const count = paragraphs.length;
  // Each paragraph is first tokenised straight into the scratch by the ASCII scan, which gives up at
  // the first character outside ASCII; such a paragraph goes through normalize + tokenize instead
  // (its token count is known after, and the scratch grows if it needs more than the ASCII bound).
  let bound = 0;
  for (let p = 0; p < count; p++) bound += asciiTokenBound(paragraphs[p]);
  ensureScratch(bound);
  const paraTok = new Int32Array(count + 1);
  if (scratchChars.length < count) {
    scratchChars = new Int32Array(Math.max(count, scratchChars.length * 2));
    scratchFlags = new Uint8Array(scratchChars.length);
  }
  const chars = scratchChars;
  const flags = scratchFlags;
  let t = 0;
  for (let p = 0; p < count; p++) {
    paraTok[p] = t;
    const text = paragraphs[p];
    const end = tokenizeAsciiInto(text, scratchStart, scratchEnd, scratchHash, t);
    if (end >= 0) {
      t = end;
      chars[p] = text.length - asciiScan.spaces;
      flags[p] = asciiScan.marks;
      continue;
    }
    const norm = normalize(text);
    const toks = tokenize(norm.text);
    chars[p] = nonSpace(text);
    flags[p] = NOT_ASCII | ASCII_QUOTE_MARK | ASCII_INNER_APOSTROPHE;
    if (toks.count > asciiTokenBound(text)) {
      bound += toks.count - asciiTokenBound(text);
      ensureScratch(bound, t);
    }
    for (let i = 0; i < toks.count; i++, t++) {
      const [a, b] = toOriginal(norm, toks.start[i], toks.end[i]);
      scratchStart[t] = a;
      scratchEnd[t] = b;
      scratchHash[t] = toks.hash[i];
    }
  }
  const tokCount = t;
  paraTok[paragraphs.length] = tokCount;
  // The article's five token arrays, its fingerprints, character counts and flags are views of one buffer:
  // each buffer created costs a few microseconds (an allocation outside the JS heap that the
  // collector tracks), a view far less. (Keep no view of it alive with a stored document: slice
  // what is stored.)
  const buf = new ArrayBuffer(4 * (5 * tokCount + 2 * count) + count);
  const tokStart = new Int32Array(buf, 0, tokCount);
  const tokEnd = new Int32Array(buf, 4 * tokCount, tokCount);
  const tokHash = new Uint32Array(buf, 8 * tokCount, tokCount);
  const tokPara = new Int32Array(buf, 12 * tokCount, tokCount);
  const shingle = new Uint32Array(buf, 16 * tokCount, tokCount);
  const fingerprint = new Uint32Array(buf, 20 * tokCount, count);
  const paraChars = new Int32Array(buf, 4 * (5 * tokCount + count), count);
  paraChars.set(chars.subarray(0, count));
  const paraFlags = new Uint8Array(buf, 4 * (5 * tokCount + 2 * count), count);
  paraFlags.set(flags.subarray(0, count));
  tokStart.set(scratchStart.subarray(0, tokCount));
  tokEnd.set(scratchEnd.subarray(0, tokCount));
  tokHash.set(scratchHash.subarray(0, tokCount));
  // combine(h, v) mixes v with fmix32 first: do that once per token rather than once per use.
  const mixed = scratchMixed;
  for (let k = 0; k < tokCount; k++) mixed[k] = fmix32(tokHash[k] + 0x9e3779b9);
  for (let p = 0; p < paragraphs.length; p++) {
    const from = paraTok[p];
    const end = paraTok[p + 1];
    tokPara.fill(p, from, end);
    let fp = 0x2545f491;
    for (let k = from; k < end; k++) fp = combineMixed(fp, mixed[k]);
    fingerprint[p] = end === from ? 0 : fp || 1;
    if (n === 4) {
      // The default size, unrolled: the same hashes as the loop below (a property test says so), and
      // preparing is 10-15% faster by the minima of `npm run bench:compare -- dc318c8` (prepareMs).
      for (let k = from; k + 4 <= end; k++) shingle[k] = fmix32(combineMixed(combineMixed(combineMixed(combineMixed(0x6a09e667, mixed[k]), mixed[k + 1]), mixed[k + 2]), mixed[k + 3])) || 1;
      continue;
    }
    for (let k = from; k + n <= end; k++) {
      let h = 0x6a09e667;
      for (let j = 0; j < n; j++) h = combineMixed(h, mixed[k + j]);
      shingle[k] = fmix32(h) || 1;
    }
  }
  return { paragraphs, shingleSize: n, tokCount, tokPara, tokStart, tokEnd, tokHash, paraTok, shingle, fingerprint, paraChars, paraFlags };
}

/** Number of word tokens in paragraph p. */
export function paragraphWords(prep: Prepared, p: number): number {
  return prep.paraTok[p + 1] - prep.paraTok[p];
}

export interface Unit {
  paragraph: number;
  /** Token range [from, to) whose shingles make the unit. */
  from: number;
  to: number;
}

/**
 * The units indexed for LSH: every paragraph of at least `minWords` words, and for paragraphs
 * longer than `windowWords`, also windows of `windowWords` words every windowWords/2 words, so a
 * passage copied out of a long paragraph (or a long paragraph built around a copied one) still
 * meets a unit of similar size.
 */
export function units(prep: Prepared, minWords: number, windowWords: number): Unit[] {
  const out: Unit[] = [];
  for (let p = 0; p < prep.paragraphs.length; p++) {
    const from = prep.paraTok[p];
    const to = prep.paraTok[p + 1];
    const words = to - from;
    if (words < minWords) continue;
    out.push({ paragraph: p, from, to });
    if (words > windowWords) {
      const step = Math.max(1, windowWords >> 1);
      for (let s = from; s < to; s += step) {
        const e = Math.min(to, s + windowWords);
        if (e - s < minWords) break;
        out.push({ paragraph: p, from: s, to: e });
        if (e === to) break;
      }
    }
  }
  return out;
}

/** Copies the shingle hashes of a unit into `buf` (for MinHash) and returns how many there are. */
export function unitShingles(prep: Prepared, u: Unit, buf: Uint32Array): number {
  let m = 0;
  for (let k = u.from; k < u.to; k++) {
    const h = prep.shingle[k];
    if (h !== 0) buf[m++] = h;
  }
  return m;
}

/**
 * An article prepared for matching: internal paragraph 0 is the title (empty when there is none)
 * and internal paragraph i + 1 is the given paragraph i. A source's title takes part in matching
 * (a wire's headline or lead often becomes another outlet's first sentence) and is reported as
 * source paragraph -1.
 */
export function prepareArticle(title: string | undefined, paragraphs: string[], shingleSize: number): Prepared {
  return prepare([title ?? '', ...paragraphs], shingleSize);
}
