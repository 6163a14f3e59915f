/**
 * Times as the CLI accepts them (what Date.parse reads, on days that exist, in the years
 * 0000-9999: src/engine/parse-time.ts) and writes them (ISO 8601, UTC).
 */
import { parseTime } from '../src/engine/parse-time';

/** ISO 8601 form of a time string, or undefined when it is not a string or not a valid time. */
export function isoTime(value: unknown): string | undefined {
  const t = parseTime(value);
  return t === undefined ? undefined : new Date(t).toISOString();
}

/** "2016-08-26 10:00 UTC" for people; never throws, whatever the string holds. */
export function displayTime(iso: string | undefined): string {
  if (!iso) return 'time unknown';
  const t = Date.parse(iso);
  if (!Number.isFinite(t) || Math.abs(t) > 8.64e15) return iso;
  return new Date(t).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}
