/**
 * Word tokens of normalised text, with their spans and 32-bit hashes.
 *
 * A word is a run of letters, digits and combining marks, with inner apostrophes kept ("don't").
 * Runs in scripts written without spaces (Han, Kana, Thai, Lao, Khmer, Myanmar, Tibetan) are split
 * with Intl.Segmenter; where that is unavailable, each character of such a run is a token.
 * Token hashes are computed from the characters in place (no substrings).
 */
import { fmix32, hashRange } from './hash';

export interface Tokens {
  count: number;
  /** Offsets into the normalised text. */
  start: Int32Array;
  end: Int32Array;
  hash: Uint32Array;
}

const WORD = /[\p{L}\p{N}\p{M}]/u;
const NO_SPACE_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\p{Script=Tibetan}]/u;

let segmenter: Intl.Segmenter | null | undefined;
function getSegmenter(): Intl.Segmenter | null {
  if (segmenter === undefined) {
    try {
      segmenter = typeof Intl !== 'undefined' && 'Segmenter' in Intl ? new Intl.Segmenter(undefined, { granularity: 'word' }) : null;
    } catch {
      segmenter = null;
    }
  }
  return segmenter;
}

function isWordCode(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 0x80) return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90);
  if (c >= 0xdc00 && c <= 0xdfff) return false; // low surrogate handled with its high half
  return WORD.test(String.fromCodePoint(text.codePointAt(i)!));
}

function charLen(text: string, i: number): number {
  const c = text.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
}

export function tokenize(text: string): Tokens {
  const starts: number[] = [];
  const ends: number[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (!isWordCode(text, i)) {
      i += charLen(text, i);
      continue;
    }
    const s = i;
    let sawNonAscii = false;
    while (i < n) {
      if (isWordCode(text, i)) {
        if (text.charCodeAt(i) >= 0x80) sawNonAscii = true;
        i += charLen(text, i);
      } else if (text.charCodeAt(i) === 39 && i + 1 < n && i > s && isWordCode(text, i + 1)) {
        i++; // inner apostrophe
      } else break;
    }
    if (sawNonAscii && NO_SPACE_SCRIPT.test(text.slice(s, i))) splitRun(text, s, i, starts, ends);
    else {
      starts.push(s);
      ends.push(i);
    }
  }
  const count = starts.length;
  const hash = new Uint32Array(count);
  for (let k = 0; k < count; k++) hash[k] = hashRange(text, starts[k], ends[k]);
  return { count, start: Int32Array.from(starts), end: Int32Array.from(ends), hash };
}

function splitRun(text: string, s: number, e: number, starts: number[], ends: number[]): void {
  const seg = getSegmenter();
  if (seg) {
    for (const part of seg.segment(text.slice(s, e))) {
      if (part.isWordLike === false) continue;
      starts.push(s + part.index);
      ends.push(s + part.index + part.segment.length);
    }
    return;
  }
  for (let i = s; i < e; ) {
    const l = charLen(text, i);
    starts.push(i);
    ends.push(i + l);
    i += l;
  }
}

/**
 * The fast path for plain ASCII text, straight on the original: the same tokens and hashes as
 * tokenize(normalize(text).text) (case folded while hashing, "`" read as "'"), with spans in the
 * original text. Most news text is ASCII; this skips building the normalised string and its map.
 */
export function tokenizeAscii(text: string): Tokens {
  const cap = asciiTokenBound(text);
  const start = new Int32Array(cap);
  const end = new Int32Array(cap);
  const hash = new Uint32Array(cap);
  const count = tokenizeAsciiInto(text, start, end, hash, 0);
  if (count < 0) throw new RangeError('tokenizeAscii: the text is not plain ASCII');
  return { count, start: start.subarray(0, count), end: end.subarray(0, count), hash: hash.subarray(0, count) };
}

/** Most tokens an ASCII text can hold (each takes a character and a separator). */
export function asciiTokenBound(text: string): number {
  return (text.length + 1) >> 1;
}

/** What the last tokenizeAsciiInto() call saw besides its tokens. */
export const asciiScan = {
  /** Whitespace characters (space, tab, CR, LF) in the text: its non-space length is text.length - spaces. */
  spaces: 0,
  /** ASCII_QUOTE_MARK | ASCII_INNER_APOSTROPHE, as the text has them. */
  marks: 0,
};

/**
 * A " ' or ` outside a word. The marks inside words (the apostrophe of "don't") follow a letter or
 * digit, where none of them opens a quotation (quotes.ts): text without this holds no quotation.
 */
export const ASCII_QUOTE_MARK = 1;
/** A word with ' or ` inside ("don't", "AP's"): its hash is not that of the parts either side. */
export const ASCII_INNER_APOSTROPHE = 2;

/**
 * Per ASCII character, outside words: bit 0 for the whitespace nonSpace-style counts leave out
 * (space, tab, LF, CR; NBSP is not ASCII), bit 1 for the marks that can open a quotation (" ' `),
 * which is ASCII_QUOTE_MARK once shifted (bit 2, set for inner apostrophes, is ASCII_INNER_APOSTROPHE).
 */
const ASCII_CLASS = new Uint8Array(128);
ASCII_CLASS[32] = ASCII_CLASS[9] = ASCII_CLASS[10] = ASCII_CLASS[13] = 1;
ASCII_CLASS[34] = ASCII_CLASS[39] = ASCII_CLASS[96] = 2;

/**
 * tokenizeAscii writing into caller-owned arrays from index `at` (room for asciiTokenBound(text)
 * more); returns the new count, or -1 as soon as it meets a character outside ASCII (the caller
 * then takes normalize + tokenize: this scan is also the ASCII test, so the text is read once).
 * Counts the text's whitespace into asciiScan.spaces, and notes its marks in asciiScan.marks, on
 * the way. prepare() fills one article's arrays this way: creating small typed arrays costs far
 * more than filling them (about 0.4 us each in V8), so it allocates per article, not per paragraph.
 *
 * It reads the text's characters with charCodeAt(), not its UTF-8 bytes (TextEncoder.encodeInto,
 * then a loop over a Uint8Array): in the browsers the copy costs more than the loop saves. 49,297
 * Reuters paragraphs (2.3 M characters), warm, ms: Chromium 156 page 37 / worker 37 over bytes
 * against 13 / 13 over characters, Firefox 153 31-42 against 19-27, Node 20 14.2 against 13.6; an
 * import's worker spent 50-65 ms of 1,000 articles in encodeInto alone (a profile).
 */
export function tokenizeAsciiInto(text: string, starts: Int32Array, ends: Int32Array, hash: Uint32Array, at: number): number {
  const n = text.length;
  let count = at;
  let spaces = 0;
  let marks = 0;
  let i = 0;
  while (i < n) {
    let c = text.charCodeAt(i);
    if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90))) {
      if (c >= 128) return -1;
      const k = ASCII_CLASS[c];
      spaces += k & 1;
      marks |= k;
      i++;
      continue;
    }
    const s = i;
    let h = 0x811c9dc5;
    while (i < n) {
      c = text.charCodeAt(i);
      if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
        h = Math.imul(h ^ c, 0x01000193);
        i++;
      } else if (c >= 65 && c <= 90) {
        h = Math.imul(h ^ (c + 32), 0x01000193);
        i++;
      } else if ((c === 39 || c === 96) && i + 1 < n && isAsciiWord(text.charCodeAt(i + 1))) {
        h = Math.imul(h ^ 39, 0x01000193);
        marks |= 4;
        i++;
      } else break;
    }
    starts[count] = s;
    ends[count] = i;
    hash[count] = fmix32(h);
    count++;
  }
  asciiScan.spaces = spaces;
  asciiScan.marks = marks >> 1;
  return count;
}

/** An ASCII letter or digit, by character code. */
export function isAsciiWord(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90);
}
