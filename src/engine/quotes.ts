/**
 * Direct quotations in article text: character spans (UTF-16 offsets, quote marks included).
 *
 * Each paragraph (text between line breaks) is scanned once, left to right; only outermost quotes
 * are reported (nested quotes lie inside them). Recognised pairs:
 *   "…"  “…”  „…“  ”…” (Nordic)  «…»  »…«  ‹…›  ›…‹  ‘…’  ‚…‘  '…'  ``…''   and "…'' (seen in the wild).
 * Apostrophes are not quotes: ’ never opens, ‘ and ' open only after a non-word character and
 * before a letter (so don't, Kerry’s, ’90s, rebels’ are left alone), and a single closing mark
 * must not be followed by a letter or digit.
 * An opening double (or guillemet) quote with no close in its paragraph runs to the paragraph's
 * end: the news convention for a quote continued in the next paragraph. A single ‘ does so only
 * when it opens the paragraph; otherwise an unclosed single mark is taken for an apostrophe and
 * single marks are ignored for the rest of that paragraph (which keeps the scan linear).
 */
import { isSpaceCode, nonWhiteSpace } from './chars';

export type Span = [start: number, end: number];

interface Opener {
  len: number;
  /** Length of a closing mark at text[j] (0 if none). */
  close: (text: string, j: number, b: number) => number;
  single: boolean;
  /** Curly single quote: may continue to the paragraph end when it opens the paragraph. */
  extendsAtStart: boolean;
}

const WORD = /[\p{L}\p{N}]/u;
const LETTER = /\p{L}/u;

// ASCII answered by arithmetic (the regexes cost a call each, and nearly every character asked about is ASCII).
function isWord(c: string | undefined): boolean {
  if (c === undefined || c === '') return false;
  const code = c.charCodeAt(0);
  if (code < 0x80) return ((code | 32) >= 97 && (code | 32) <= 122) || (code >= 48 && code <= 57);
  return (code >= 0xd800 && code <= 0xdfff) || WORD.test(c);
}
function isLetter(c: string | undefined): boolean {
  if (c === undefined || c === '') return false;
  const code = c.charCodeAt(0);
  if (code < 0x80) return (code | 32) >= 97 && (code | 32) <= 122;
  return (code >= 0xd800 && code <= 0xdfff) || LETTER.test(c);
}
function isDigit(c: string | undefined): boolean {
  if (c === undefined || c === '') return false;
  const code = c.charCodeAt(0);
  return code >= 48 && code <= 57;
}
function isSpace(c: string | undefined): boolean {
  return c === undefined || isSpaceCode(c.charCodeAt(0));
}
/** Line breaks (paragraph ends), and the characters mayOpen() accepts, for native searches. */
const BREAK = /[\n\r\u2028\u2029]/g;
const MAY_OPEN = /["'`\u201c\u201e\u201d\u00ab\u00bb\u2039\u203a\u2018\u201a]/g;
/** The characters a closer can accept, for native searches: " ' “ ” « » ‹ › ‘ ’ (the union of the marks below). */
const MAY_CLOSE = /["'\u201c\u201d\u00ab\u00bb\u203a\u2039\u2019\u2018]/g;
/** Within one findQuoteSpans call: the first character mayOpen() accepts at or after the last search's start. */
let nextOpener = -1;
/** Likewise for MAY_CLOSE: the first such character at or after closerFrom (text.length if none). */
let nextCloser = -1;
let closerFrom = 0;

/** The first character at or after j that MAY_CLOSE accepts (t.length if none), searched natively. */
function closerAt(t: string, j: number): number {
  if (j < closerFrom || j > nextCloser) {
    MAY_CLOSE.lastIndex = j;
    nextCloser = MAY_CLOSE.test(t) ? MAY_CLOSE.lastIndex - 1 : t.length;
    closerFrom = j;
  }
  return nextCloser;
}

/** A closer made of any of `marks`, plus the doubled '' when `doubled`. */
function marks(chars: string, doubled = false) {
  return (t: string, j: number, b: number): number => {
    if (doubled && t[j] === "'" && j + 1 < b && t[j + 1] === "'") return 2;
    return chars.includes(t[j]!) ? 1 : 0;
  };
}
/** A single closing mark: not followed by a letter or digit (so it's not "it’s"). */
function singleMarks(chars: string, needTextBefore: boolean) {
  return (t: string, j: number, b: number): number => {
    if (!chars.includes(t[j]!)) return 0;
    if (j + 1 < b && isWord(t[j + 1])) return 0;
    if (needTextBefore && isSpace(t[j - 1])) return 0;
    return 1;
  };
}

const DOUBLE = marks('"”', true);
const CURLY = marks('”"', true);
const LOW = marks('“”"');
const NORDIC = marks('”');
const GUIL = marks('»');
const RGUIL = marks('«');
const SGUIL = marks('›');
const RSGUIL = marks('‹');
const CURLY_SINGLE = singleMarks('’\'', false);
const LOW_SINGLE = singleMarks('‘’', false);
const STRAIGHT_SINGLE = singleMarks('\'’', true);

function dbl(len: number, close: Opener['close']): Opener {
  return { len, close, single: false, extendsAtStart: false };
}

/** Whether openerAt can accept the character (one of its switch's cases): " ' ` “ „ ” « » ‹ › ‘ ‚ */
function mayOpen(c: number): boolean {
  if (c < 0x80) return c === 34 || c === 39 || c === 96;
  return c === 0x201c || c === 0x201e || c === 0x201d || c === 0xab || c === 0xbb || c === 0x2039 || c === 0x203a || c === 0x2018 || c === 0x201a;
}

function openerAt(t: string, i: number, a: number, b: number, allowSingle: boolean): Opener | null {
  const c = t[i];
  const prev = i > a ? t[i - 1] : undefined;
  const next = i + 1 < b ? t[i + 1] : undefined;
  switch (c) {
    case '"':
      if (isSpace(next) || isDigit(prev)) return null; // a stray closer, or 12" (inches)
      return dbl(1, DOUBLE);
    case '“':
      return isSpace(next) ? null : dbl(1, CURLY);
    case '„':
      return dbl(1, LOW);
    case '”':
      return !isWord(prev) && isWord(next) ? dbl(1, NORDIC) : null;
    case '«':
      return dbl(1, GUIL);
    case '»':
      return !isWord(prev) && isWord(next) ? dbl(1, RGUIL) : null;
    case '‹':
      return dbl(1, SGUIL);
    case '›':
      return !isWord(prev) && isWord(next) ? dbl(1, RSGUIL) : null;
    case '`':
      return next === '`' ? dbl(2, DOUBLE) : null;
    case '‘':
      if (!allowSingle || isWord(prev) || isSpace(next) || isDigit(next)) return null; // ‘90s
      return { len: 1, close: CURLY_SINGLE, single: true, extendsAtStart: true };
    case '‚':
      if (!allowSingle || isWord(prev) || !isLetter(next)) return null;
      return { len: 1, close: LOW_SINGLE, single: true, extendsAtStart: false };
    case "'":
      if (next === "'") {
        const after = i + 2 < b ? t[i + 2] : undefined;
        return !isWord(prev) && !isSpace(after) ? dbl(2, DOUBLE) : null;
      }
      if (!allowSingle || isWord(prev) || !isLetter(next)) return null;
      return { len: 1, close: STRAIGHT_SINGLE, single: true, extendsAtStart: false };
    default:
      return null;
  }
}

function scanParagraph(t: string, a: number, b: number, out: Span[]): void {
  let first = a;
  while (first < b && isSpace(t[first])) first++;
  let allowSingle = true;
  let i = a;
  while (i < b) {
    // Most characters cannot open a quotation: jump to the next that can, found by a native search
    // that may run past this paragraph, so its answer is kept for the next ones (linear in all).
    if (!mayOpen(t.charCodeAt(i))) {
      if (nextOpener < i) {
        MAY_OPEN.lastIndex = i;
        nextOpener = MAY_OPEN.test(t) ? MAY_OPEN.lastIndex - 1 : t.length;
      }
      i = Math.min(nextOpener, b);
      continue;
    }
    const op = openerAt(t, i, a, b, allowSingle);
    if (!op) {
      i++;
      continue;
    }
    let end = -1;
    // Most characters of a quotation close nothing: jump from one that may to the next.
    for (let j = closerAt(t, i + op.len); j < b; j = closerAt(t, j + 1)) {
      const n = op.close(t, j, b);
      if (n > 0) {
        end = j + n;
        break;
      }
    }
    if (end >= 0) {
      out.push([i, end]);
      i = end;
      continue;
    }
    if (!op.single || (op.extendsAtStart && i === first)) {
      let e = b;
      while (e > i + op.len && isSpace(t[e - 1])) e--;
      out.push([i, e]);
      return;
    }
    allowSingle = false; // an apostrophe after all: rescan after it, without single quotes
    i++;
  }
}

/** Spans of direct quotations in `text`, sorted and non-overlapping. Never throws; linear time. */
export function findQuoteSpans(text: string): Span[] {
  const out: Span[] = [];
  if (typeof text !== 'string') return out;
  // Most paragraphs hold nothing that can open a quotation: one native search settles them.
  MAY_OPEN.lastIndex = 0;
  if (!MAY_OPEN.test(text)) return out;
  nextOpener = MAY_OPEN.lastIndex - 1;
  nextCloser = -1;
  closerFrom = 0;
  let p = 0;
  while (p <= text.length) {
    BREAK.lastIndex = p;
    const e = BREAK.test(text) ? BREAK.lastIndex - 1 : text.length;
    if (e > p) scanParagraph(text, p, e, out);
    p = e + 1;
  }
  return out;
}

/** Fraction of the non-space characters of text[start, end) that lie inside quote spans (0 if none). * `spans`, when given, are findQuoteSpans(text) computed by the caller (to scan a paragraph once).
 */
export function quotedShare(text: string, start: number, end: number, spans?: Span[]): number {
  if (typeof text !== 'string') return 0;
  const s = Math.max(0, Math.min(text.length, Math.floor(Number(start) || 0)));
  const e = Math.max(s, Math.min(text.length, Math.floor(Number.isFinite(end) ? end : text.length)));
  spans ??= findQuoteSpans(text);
  if (!spans.some(([a, b]) => a < e && b > s)) return 0; // most passages: no quotation in reach
  // The spans are sorted and do not overlap: one pass, the gaps between them and their insides.
  let total = 0;
  let quoted = 0;
  let at = s;
  for (const [a, b] of spans) {
    if (b <= s) continue;
    if (a >= e) break;
    const x = Math.max(a, s);
    const y = Math.min(b, e);
    const inside = nonWhiteSpace(text, x, y);
    total += nonWhiteSpace(text, at, x) + inside;
    quoted += inside;
    at = y;
  }
  total += nonWhiteSpace(text, at, e);
  return total === 0 ? 0 : quoted / total;
}

/**
 * quotedShare(text, start, end, spans) >= min, given `atLeast`, a number of characters of
 * text[start, end) the caller knows are not white space (its words' characters). A passage with a
 * quotation in reach is mostly far from the bar: when even every character of the quotations'
 * overlap (spaces included) over that bound stays below it, so does the share, and nothing is counted
 * one character at a time (the float divisions keep the order of the exact ratios).
 */
export function quotedAtLeast(text: string, start: number, end: number, spans: Span[], min: number, atLeast: number): boolean {
  if (typeof text !== 'string') return 0 >= min;
  const s = Math.max(0, Math.min(text.length, Math.floor(Number(start) || 0)));
  const e = Math.max(s, Math.min(text.length, Math.floor(Number.isFinite(end) ? end : text.length)));
  let raw = 0;
  for (const [a, b] of spans) if (a < e && b > s) raw += Math.min(b, e) - Math.max(a, s);
  if (raw === 0) return 0 >= min;
  if (atLeast > 0 && raw / atLeast < min) return false;
  return quotedShare(text, s, e, spans) >= min;
}
