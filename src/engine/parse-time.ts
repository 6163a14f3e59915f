/**
 * Times read from outside (corpus lines, index files, pages, options): what Date.parse reads, but
 * only days that exist and years 0000-9999. Date.parse rolls "2024-02-30" over to 1 March and reads
 * years up to 275760, which no later formatting survives (toISOString throws past 8.64e15 ms), so
 * both are refused here, with the reason in words.
 */

/** Earliest and latest time accepted: 0000-01-01T00:00:00.000Z and 9999-12-31T23:59:59.999Z. */
export const MIN_TIME = -62167219200000;
export const MAX_TIME = 253402300799999;

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH_NAME = '(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?';

function daysIn(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** The day, month and year written in `text`, when it writes them in a form Date.parse reads. */
function writtenDate(text: string): { y: number; m: number; d: number } | undefined {
  let m = /^\s*([+-]?\d{4,6})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)/.exec(text);
  if (m) return { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
  // 02/30/2024: month first, as Date.parse reads it.
  m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})(?!\d)/.exec(text);
  if (m) return { y: Number(m[3]), m: Number(m[1]), d: Number(m[2]) };
  m = new RegExp(`(?:^|[^\\d])(\\d{1,2})(?:st|nd|rd|th)?[\\s-]+${MONTH_NAME},?[\\s-]+(\\d{4})(?!\\d)`, 'i').exec(text);
  if (m) return { y: Number(m[3]), m: MONTHS.findIndex((n) => n.startsWith(m![2].toLowerCase())) + 1, d: Number(m[1]) };
  m = new RegExp(`\\b${MONTH_NAME}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})(?!\\d)`, 'i').exec(text);
  if (m) return { y: Number(m[3]), m: MONTHS.findIndex((n) => n.startsWith(m![1].toLowerCase())) + 1, d: Number(m[2]) };
  return undefined;
}

const monthName = (m: number) => MONTHS[m - 1][0].toUpperCase() + MONTHS[m - 1].slice(1);

/** Epoch milliseconds of a time, or why it is not one ("February 2024 has 29 days"). */
export function readTime(value: unknown): { ms: number } | { error: string } {
  if (typeof value !== 'string' || value.trim() === '') return { error: 'not a time' };
  const ms = Date.parse(value);
  if (!Number.isFinite(ms)) return { error: 'not a time' };
  const w = writtenDate(value);
  if (w && w.m >= 1 && w.m <= 12 && (w.d < 1 || w.d > daysIn(w.y, w.m))) {
    return { error: w.d < 1 ? 'no such day' : `${monthName(w.m)} ${w.y} has ${daysIn(w.y, w.m)} days` };
  }
  if (ms < MIN_TIME) return { error: 'before the year 0000' };
  if (ms > MAX_TIME) return { error: 'after the year 9999' };
  return { ms };
}

/** Epoch milliseconds of a time, or undefined when absent, not a time, not a real day or out of range. */
export function parseTime(value: unknown): number | undefined {
  const r = readTime(value);
  return 'ms' in r ? r.ms : undefined;
}

/** `"2024-02-30" (February 2024 has 29 days)`: a refused time, quoted, with the reason when it says more. */
export function timeProblem(value: unknown): string {
  const r = readTime(value);
  const shown = JSON.stringify(value);
  return 'error' in r && r.error !== 'not a time' ? `${shown} (${r.error})` : shown;
}
