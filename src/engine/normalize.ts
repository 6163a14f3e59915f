/**
 * Text normalisation with an offset map back to the original.
 *
 * Each "cluster" (a code point plus the combining marks after it) is folded on its own:
 * NFKC, lower case, NFKC again, then typographic punctuation to ASCII (quotes, dashes, spaces).
 * Runs of white space become one space; leading and trailing space is dropped; invisible
 * format characters (zero-width space, soft hyphen, BOM) vanish. Folding cluster by cluster keeps
 * the map exact: every normalised character points at the start of the cluster it came from, so a
 * span of the normalised text maps back to a span of the original that covers it.
 *
 * normalize(normalize(x).text).text === normalize(x).text (tested as a property).
 */

export interface Normalized {
  /** The normalised text. */
  text: string;
  /** start[i]: offset in the original of the cluster that produced text[i]. Non-decreasing. */
  start: Int32Array;
  /** end[i]: offset in the original just past that cluster. */
  end: Int32Array;
}

const REPLACE: Record<string, string> = {
  '\u2018': "'", '\u2019': "'", '\u201a': "'", '\u201b': "'", '\u2032': "'", '\u00b4': "'", '`': "'",
  '\u201c': '"', '\u201d': '"', '\u201e': '"', '\u201f': '"', '\u2033': '"', '\u00ab': '"', '\u00bb': '"',
  '\u2039': "'", '\u203a': "'", '\u300c': '"', '\u300d': '"',
  '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2013': '-', '\u2014': '-', '\u2015': '-', '\u2212': '-',
  '\u2026': '...',
};
const DROP = new Set(['\u200b', '\u00ad', '\ufeff', '\u2060', '\u200e', '\u200f']);
const MARK = /\p{M}/u;
const SPACE = /\s/u;

function isMarkAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c < 0x300) return false;
  return MARK.test(String.fromCodePoint(s.codePointAt(i)!));
}

function fold(cluster: string): string {
  let t = cluster.normalize('NFKC').toLowerCase().normalize('NFKC');
  let out = '';
  for (const ch of t) {
    if (DROP.has(ch)) continue;
    const r = REPLACE[ch];
    out += r ?? (SPACE.test(ch) ? ' ' : ch);
  }
  return out;
}

export function normalize(input: string): Normalized {
  const s = typeof input === 'string' ? input : String(input ?? '');
  const n = s.length;
  const out: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  let pendingSpace = -1;
  let pendingSpaceEnd = -1;
  let i = 0;
  const emit = (ch: string, at: number, to: number) => {
    if (ch === ' ') {
      if (out.length > 0 && pendingSpace < 0) {
        pendingSpace = at;
        pendingSpaceEnd = to;
      }
      return;
    }
    if (pendingSpace >= 0) {
      out.push(' ');
      starts.push(pendingSpace);
      ends.push(pendingSpaceEnd);
      pendingSpace = -1;
    }
    for (let k = 0; k < ch.length; k++) {
      out.push(ch[k]);
      starts.push(at);
      ends.push(to);
    }
  };
  while (i < n) {
    const start = i;
    const c = s.charCodeAt(i);
    // Fast path: ASCII not followed by a combining mark.
    if (c < 0x80 && !(i + 1 < n && isMarkAt(s, i + 1))) {
      i++;
      if (c >= 65 && c <= 90) emit(String.fromCharCode(c + 32), start, i);
      else if (c === 32 || (c >= 9 && c <= 13) || c === 0x1c || c === 0x1d || c === 0x1e || c === 0x1f) emit(' ', start, i);
      else if (c === 96) emit("'", start, i);
      else emit(String.fromCharCode(c), start, i);
      continue;
    }
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < n && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
    while (i < n && isMarkAt(s, i)) i += s.codePointAt(i)! > 0xffff ? 2 : 1;
    const folded = fold(s.slice(start, i));
    for (const ch of folded) emit(ch, start, i);
  }
  return { text: out.join(''), start: Int32Array.from(starts), end: Int32Array.from(ends) };
}

/** Maps a non-empty span [start, end) of the normalised text to the original text. */
export function toOriginal(norm: Normalized, start: number, end: number): [number, number] {
  if (end <= start || norm.text.length === 0) {
    const at = norm.text.length === 0 ? 0 : norm.start[Math.min(start, norm.text.length - 1)];
    return [at, at];
  }
  return [norm.start[start], norm.end[end - 1]];
}
