/**
 * An article's paragraphs turned into one token stream with word n-gram shingle hashes.
 *
 * Tokens keep their paragraph and their character span in the ORIGINAL paragraph string, so every
 * finding maps back to the text as given. Shingles never span a paragraph boundary (a different
 * paragraph split must not change them); shingle k covers tokens [k, k + n) and exists only when
 * those tokens lie in one paragraph.
 */
import { combine, fmix32 } from './hash';
import { normalize, toOriginal, type Normalized } from './normalize';
import { isAscii, tokenize, tokenizeAscii, type Tokens } from './tokenize';

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
}

export function prepare(paragraphs: string[], shingleSize: number): Prepared {
  const n = shingleSize;
  const perPara = paragraphs.map((p): { toks: Tokens; norm?: Normalized } => {
    if (isAscii(p)) return { toks: tokenizeAscii(p) };
    const norm = normalize(p);
    return { norm, toks: tokenize(norm.text) };
  });
  let tokCount = 0;
  for (const x of perPara) tokCount += x.toks.count;
  const tokPara = new Int32Array(tokCount);
  const tokStart = new Int32Array(tokCount);
  const tokEnd = new Int32Array(tokCount);
  const tokHash = new Uint32Array(tokCount);
  const paraTok = new Int32Array(paragraphs.length + 1);
  const fingerprint = new Uint32Array(paragraphs.length);
  let t = 0;
  perPara.forEach(({ norm, toks }, p) => {
    paraTok[p] = t;
    let fp = 0x2545f491;
    for (let i = 0; i < toks.count; i++, t++) {
      tokPara[t] = p;
      if (norm) {
        const [a, b] = toOriginal(norm, toks.start[i], toks.end[i]);
        tokStart[t] = a;
        tokEnd[t] = b;
      } else {
        tokStart[t] = toks.start[i];
        tokEnd[t] = toks.end[i];
      }
      tokHash[t] = toks.hash[i];
      fp = combine(fp, toks.hash[i]);
    }
    fingerprint[p] = toks.count === 0 ? 0 : fp || 1;
  });
  paraTok[paragraphs.length] = tokCount;
  const shingle = new Uint32Array(tokCount);
  for (let p = 0; p < paragraphs.length; p++) {
    const end = paraTok[p + 1];
    for (let k = paraTok[p]; k + n <= end; k++) {
      let h = 0x6a09e667;
      for (let j = 0; j < n; j++) h = combine(h, tokHash[k + j]);
      shingle[k] = fmix32(h) || 1;
    }
  }
  return { paragraphs, shingleSize: n, tokCount, tokPara, tokStart, tokEnd, tokHash, paraTok, shingle, fingerprint };
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
