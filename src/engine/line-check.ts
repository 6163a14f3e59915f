/**
 * The checksum each line of an index file carries: its last field, `"sum":"<8 hex digits>"`, the
 * 32-bit FNV-1a hash (finalised: hash.ts) of the line's characters without that field. The header
 * says the file has them (`"checksum":"fnv1a32-line"`). Per line rather than for the file, so a file
 * is written in one pass (its header goes first, before the lines are known) and a reader names the
 * line at fault; the header's `documents` count catches whole lines lost.
 *
 * The field is written as the line's last, and read back by its position, so the line is checked
 * exactly as written (no re-serialising) and a reader that does not know it just sees one more field.
 */
import { hashRange } from './hash';

/** The header's name for this checksum. */
export const LINE_CHECKSUM = 'fnv1a32-line';

const SUFFIX = /,"sum":"([0-9a-f]{8})"\}$/;
/** `,"sum":"xxxxxxxx"}`. */
const SUFFIX_LENGTH = 18;

function sumOf(body: string): string {
  return hashRange(body, 0, body.length).toString(16).padStart(8, '0');
}

/** A JSON object's text with its checksum added as the last field. */
export function sealLine(json: string): string {
  if (!json.endsWith('}') || json === '{}') throw new Error('only a JSON object with fields can carry a checksum');
  return `${json.slice(0, -1)},"sum":"${sumOf(json)}"}`;
}

export type LineCheck = 'ok' | 'missing' | 'wrong';

/** Whether a line's checksum is there and right (the line as read, without its line break). */
export function checkLine(line: string): LineCheck {
  const m = SUFFIX.exec(line);
  if (!m) return 'missing';
  return sumOf(`${line.slice(0, -SUFFIX_LENGTH)}}`) === m[1] ? 'ok' : 'wrong';
}
