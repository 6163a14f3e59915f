/**
 * The English translator for Node (the CLI, scripts, tests): the `en` catalogue, numbers in en-GB
 * and dates with fixed month names, in UTC, so the output is the same on every machine (ICU versions
 * disagree on some abbreviations, "Sep" or "Sept").
 */
import en from '../_locales/en/messages.json';
import { catalogueTranslator, type Catalogue, type Translator } from './i18n';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "26 Aug 2016" (UTC, so the same instant reads the same everywhere); '' for missing or bad input. */
export function formatDate(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** "14 Mar 2025, 09:40 UTC": the date with hour and minute (24-hour clock) in UTC; '' for missing or bad input. */
export function formatDateTime(iso: string | undefined): string {
  const date = formatDate(iso);
  if (!date) return '';
  const d = new Date(iso!);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${date}, ${two(d.getUTCHours())}:${two(d.getUTCMinutes())} UTC`;
}

export const english: Translator = catalogueTranslator(en as Catalogue, 'en-GB', { timeZone: 'UTC', date: formatDate, dateTime: formatDateTime });
