/** Publication times as pages write them, read into one ISO 8601 form. */
import { parseTime } from '../engine/parse-time';

/**
 * Normalises a date string to ISO 8601 UTC ("2016-08-26T10:00:00Z"; milliseconds only when set).
 * Returns undefined for unparseable, impossible (2024-02-30) or implausible dates (before 1990, more than
 * a day ahead).
 */
export function toIsoDate(value: string | undefined | null, now = Date.now()): string | undefined {
  if (!value) return undefined;
  let text = value.trim();
  if (!text) return undefined;
  // Unix timestamps (seconds or milliseconds).
  if (/^\d{10}(\d{3})?$/.test(text)) text = new Date(Number(text) * (text.length === 10 ? 1000 : 1)).toISOString();
  // "2016-08-26 10:00:00" (space instead of T) and "+0200" offsets are not parsed by every engine.
  text = text.replace(/^(\d{4}-\d{2}-\d{2})\s+(\d{1,2}:\d{2})/, '$1T$2').replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const ms = parseTime(text);
  if (ms === undefined) return undefined;
  if (ms < Date.UTC(1990, 0, 1) || ms > now + 86_400_000) return undefined;
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}
