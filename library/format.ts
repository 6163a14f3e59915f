/**
 * How the library writes what it lists: an article's time, a size in bytes, a share, an address. In
 * the page's language; times in UTC with the zone written, as the popup writes them.
 */
import type { Translator } from '../src/i18n';

/** A size in the UI language's numbers; the unit symbols are the same in every language. */
export function bytes(t: Translator, n: number | undefined): string {
  if (n === undefined) return t('sizeUnknown');
  if (n < 1024) return `${t.number(n)} B`;
  if (n < 1024 ** 2) return `${t.number(n / 1024, 1)} KB`;
  if (n < 1024 ** 3) return `${t.number(n / 1024 ** 2, 1)} MB`;
  return `${t.number(n / 1024 ** 3, 2)} GB`;
}

/** An article's time (publication, else first seen) with hour and minute. */
export function articleWhen(t: Translator, a: { published?: string; firstSeen?: string }): string {
  return t.dateTime(a.published ?? a.firstSeen);
}

/** A share of a whole, or a dash when there is no whole. */
export function shareOf(t: Translator, part: number, whole: number): string {
  return whole > 0 ? t.percent(part / whole) : '–';
}

/** The longest address shown in full; a longer one is cut (its link keeps all of it). */
const ADDRESS_CHARS = 90;

/** An address as a row shows it: without its scheme, cut with an ellipsis past ADDRESS_CHARS. */
export function shownAddress(url: string): string {
  const s = url.replace(/^https?:\/\//i, '');
  return s.length > ADDRESS_CHARS ? `${s.slice(0, ADDRESS_CHARS - 1)}…` : s;
}
