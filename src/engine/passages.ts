/**
 * One passage: takes a piece of a run of copy (the checked article's tokens [from, to), in one
 * paragraph) and the candidate alignment that owns it, gives the Passage the report shows: the
 * character spans in both texts, widened to an opening quotation mark or bracket before and closing
 * punctuation after, the source's text, the share of its words covered by shared shingles
 * (pieceCoverage), and its kind: a quote when at least `quoteShare` of it lies inside quotation
 * marks in the checked article and half of it in the source, copied prose otherwise.
 */
import { mapToken, type Alignment } from './align';
import type { Candidate } from './candidates';
import { NOT_ASCII, type Prepared } from './prepare';
import { paragraphQuoteSpans } from './quote-spans';
import { quotedAtLeast } from './quotes';
import type { Passage, PassageKind } from './types';

/**
 * One passage (`credited` is settled once credits are known: passage-credits.ts).
 */
export function passage(q: Prepared, from: number, to: number, cand: Candidate, al: Alignment, group: number, quoteShare: number): Passage {
  const p = q.tokPara[from];
  const start = extendOpening(q.paragraphs[p], q.tokStart[from]);
  const end = extendPunctuation(q.paragraphs[p], q.tokEnd[to - 1]);
  const text = q.paragraphs[p].slice(start, end);
  const d = cand.prep;
  const { sp, sStart, sEnd, isQuote } = matchOf(q, from, to, start, end, d, al, quoteShare);
  const sourceText = d.paragraphs[sp].slice(sStart, sEnd);
  // Coverage: tokens of the piece covered by shared shingles of this alignment.
  const coverage = pieceCoverage(al, from, to, q.shingleSize);
  const r = cand.ref;
  return {
    paragraph: p - 1,
    start,
    end,
    text,
    kind: isQuote ? 'quote' : 'copied',
    coverage,
    credited: false,
    // docRef's fields written out: spreading an object with undefined fields into a literal is
    // a slow path in V8 (microseconds per passage).
    source: { id: r.id, outlet: r.outlet, url: r.url, title: r.title, published: r.published, firstSeen: r.firstSeen, paragraph: sp - 1, start: sStart, end: sEnd, text: sourceText },
    group,
  };
}

/** The kind of the piece [from, to) of `q` (one paragraph) matched in `d` by `al`: passage()'s kind without the passage. */
export function pieceKind(q: Prepared, from: number, to: number, d: Prepared, al: Alignment, quoteShare: number): PassageKind {
  const p = q.tokPara[from];
  const start = extendOpening(q.paragraphs[p], q.tokStart[from]);
  const end = extendPunctuation(q.paragraphs[p], q.tokEnd[to - 1]);
  return matchOf(q, from, to, start, end, d, al, quoteShare).isQuote ? 'quote' : 'copied';
}

/**
 * The source side of a piece: its paragraph and span in `d` (the first and last tokens mapped through
 * the alignment's seeds, widened like the piece), and whether the piece is a quotation in both texts.
 */
function matchOf(q: Prepared, from: number, to: number, start: number, end: number, d: Prepared, al: Alignment, quoteShare: number) {
  const p = q.tokPara[from];
  const bFrom = mapToken(al, from);
  let bLast = Math.max(bFrom, mapToken(al, to - 1));
  const sp = d.tokPara[bFrom];
  if (d.tokPara[bLast] !== sp) bLast = d.paraTok[sp + 1] - 1;
  const sStart = extendOpening(d.paragraphs[sp], d.tokStart[bFrom]);
  const sEnd = extendPunctuation(d.paragraphs[sp], d.tokEnd[bLast]);
  const isQuote = quotedAtLeast(q.paragraphs[p], start, end, paragraphQuoteSpans(q, p), quoteShare, wordChars(q, from, to)) && quotedAtLeast(d.paragraphs[sp], sStart, sEnd, paragraphQuoteSpans(d, sp), 0.5, wordChars(d, bFrom, bLast + 1));
  return { sp, sStart, sEnd, isQuote };
}

/**
 * Share of tokens [from, to) covered by the alignment's seed shingles or its exact extensions, to
 * three decimals (over the whole alignment, [aFrom, aTo), the tokens covered are its `matched`).
 */
export function pieceCoverage(al: Alignment, from: number, to: number, n: number): number {
  // The covering intervals in ascending order, so their union is counted in one sweep:
  // i = -1 the leading extension [aFrom, first seed), 0..m-1 the seed shingles, m the trailing extension.
  // Seeds ending at or before `from`, or starting at or after `to`, add nothing: only those between
  // are visited (a long alignment has hundreds, a piece is one paragraph of it).
  // (Written without a helper closure: tsx, which runs the CLI, wraps every named closure made at
  // run time in a call that names it, and this runs once per passage piece.)
  const s = al.seeds;
  const m = s.length / 2;
  let lo = 0;
  let hi = m;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (s[2 * mid] + n <= from) lo = mid + 1;
    else hi = mid;
  }
  let covered = 0;
  let reach = from;
  for (let i = -1; i <= m; i = i === -1 ? lo : i + 1) { // -1, then the seeds from lo, then m
    let x: number;
    let y: number;
    if (i === -1) {
      x = al.aFrom;
      y = s[0];
    } else if (i === m) {
      x = s[2 * m - 2] + n;
      y = al.aTo;
    } else {
      x = s[2 * i];
      if (x >= to) {
        i = m - 1; // no later seed reaches the piece: go on to the trailing extension
        continue;
      }
      y = x + n;
    }
    const a = Math.max(x, reach);
    const b = Math.min(y, to);
    if (b > a) {
      covered += b - a;
      reach = b;
    }
  }
  return Math.round((covered / (to - from)) * 1000) / 1000;
}

/** " ' ( [ “ ‘ « „ (by character code: a Set of one-character strings costs a string and a hash per test). */
function isOpening(c: number): boolean {
  return c === 34 || c === 39 || c === 40 || c === 91 || c === 0x201c || c === 0x2018 || c === 0xab || c === 0x201e;
}
/** Includes an opening quotation mark or bracket right before a passage's first word. */
function extendOpening(text: string, start: number): number {
  let s = start;
  while (s > 0 && start - s < 2 && isOpening(text.charCodeAt(s - 1))) s--;
  return s;
}

/** . , ; : ! ? " ' ) ] ” ’ » */
function isClosing(c: number): boolean {
  return c === 46 || c === 44 || c === 59 || c === 58 || c === 33 || c === 63 || c === 34 || c === 39 || c === 41 || c === 93 || c === 0x201d || c === 0x2019 || c === 0xbb;
}
/** Includes closing punctuation right after a passage's last word (". or ,” or ')"). */
function extendPunctuation(text: string, end: number): number {
  let e = end;
  while (e < text.length && e - end < 3 && isClosing(text.charCodeAt(e))) e++;
  return e;
}

/**
 * Characters of tokens [from, to) of one paragraph, a lower bound of the non-space characters they
 * span: in ASCII text a token is letters, digits and inner apostrophes. (Elsewhere a token's span in
 * the original may hold characters normalising dropped, a BOM among them: 0, no bound.)
 */
function wordChars(q: Prepared, from: number, to: number): number {
  if (from >= to || q.paraFlags[q.tokPara[from]] & NOT_ASCII) return 0;
  let n = 0;
  for (let t = from; t < to; t++) n += q.tokEnd[t] - q.tokStart[t];
  return n;
}
