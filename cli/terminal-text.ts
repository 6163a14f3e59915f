/**
 * Text from inputs (outlets, titles, ids, file names, passages) made safe to print on a terminal. A
 * page's title can hold ESC [2J (clear the screen), ESC ]0;...BEL (set the window title) or a C1
 * control that some terminals obey, and a right-to-left override that makes a line read otherwise
 * than it is. The readable output and every message show such characters as escapes (`\x1b[2J`,
 * `\u202e`) instead; the JSON output keeps every value exact, with the same characters written as
 * JSON escapes (which JSON.stringify leaves raw for DEL, C1, U+2028/9 and the bidi controls).
 */

/** C0 controls (tab and newline too: a field is one line), DEL, C1, line/paragraph separators, bidi controls. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/** What JSON.stringify leaves raw of those. */
const JSON_RAW = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const hex = (c: string, width: number) => c.charCodeAt(0).toString(16).padStart(width, '0');

/** One line of text as it may be printed: every unsafe character as a visible escape. */
export function printable(text: string): string {
  return text.replace(UNSAFE, (c) => (c.charCodeAt(0) < 0x80 ? `\\x${hex(c, 2)}` : `\\u${hex(c, 4)}`));
}

/** JSON text with the characters JSON.stringify leaves raw written as \u escapes (the same value when parsed). */
export function jsonSafe(json: string): string {
  return json.replace(JSON_RAW, (c) => `\\u${hex(c, 4)}`);
}
