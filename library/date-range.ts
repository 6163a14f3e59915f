/**
 * A range of days as the library's date fields give it (yyyy-mm-dd, either end may be empty), checked
 * before anything is asked of the worker: a first day after the last one is a mistake to name, not a
 * range that silently holds nothing. Used by the syndication view and the pack export.
 */
import type { Translator } from '../src/i18n';

/** The message naming what is wrong with the range, or undefined when it is a range (or open). */
export function rangeProblem(t: Translator, from: string, to: string): string | undefined {
  if (from && to && from > to) return t('rangeReversed', t.date(`${from}T00:00:00Z`), t.date(`${to}T00:00:00Z`));
  return undefined;
}
