/**
 * When the articles named in a report appeared, as the report writes it: a date, or the date with
 * hour, minute and zone ("14 Mar 2025, 09:40 UTC") when another article named in the same report
 * falls on the same day, so that who had a text first can be read. Pure: the translator passed in
 * decides the language and the zone.
 */
import type { Report } from './engine/types';
import type { Translator } from './i18n';

/** An article as far as its time goes. */
export interface Dated {
  id?: string;
  published?: string;
  firstSeen?: string;
  /** Its claimed time lies far before anything else known about the text (claimed-times.ts). */
  claimedEarly?: boolean;
}

/** Writes the time of one article named in a report ('' when it has none). */
export type When = (a: Dated) => string;

/** The time an article is known by: its publication time, else when it was first seen. */
export function instantOf(a: Dated): string | undefined {
  return a.published ?? a.firstSeen;
}

/** Whether an ISO string carries a time of day: a bare date ("2025-03-14") does not, and gets no invented "00:00". */
export function hasTime(iso: string): boolean {
  return /T\d{2}:\d{2}/.test(iso);
}

/** Every article a report names with a time: the article itself, sources, who had a passage first, later reuse, own earlier text. */
export function datedArticles(report: Report): Dated[] {
  return [
    report,
    ...report.sources,
    ...report.passages.flatMap((p) => (p.firstSeen ? [p.source, p.firstSeen] : [p.source])),
    ...report.reusedBy,
    ...(report.ownEarlier ?? []).map((o) => o.source),
    ...(report.updateOf ? [report.updateOf] : []),
  ];
}

/** The time formatter of one report: hour and minute for the days on which two or more of its articles fall. */
export function whenFormatter(report: Report, t: Translator): When {
  const byDay = new Map<string, Set<string>>();
  for (const a of datedArticles(report)) {
    const iso = instantOf(a);
    const day = t.day(iso);
    if (!iso || !day) continue;
    const ids = byDay.get(day) ?? new Set<string>();
    ids.add(a.id ?? iso);
    byDay.set(day, ids);
  }
  return (a) => {
    const iso = instantOf(a);
    if (!iso) return '';
    const shared = (byDay.get(t.day(iso))?.size ?? 0) > 1;
    const text = shared && hasTime(iso) ? t.dateTime(iso) : t.date(iso);
    // A claimed time far before anything else known: say so, and since when it is vouched for.
    return a.claimedEarly && a.firstSeen ? t('claimedTime', text, t.date(a.firstSeen)) : text;
  };
}

/** The date of an article without the report around it (one article alone never needs the hour). */
export function dateOnly(t: Translator): When {
  return (a) => t.date(instantOf(a));
}
