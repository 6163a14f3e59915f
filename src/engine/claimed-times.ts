/**
 * Claimed times a report should not take on trust: a page says when it was published, and a page
 * can lie (a back-dated copy would become "the earliest source"). Takes a finished report, marks each
 * earlier article it names whose claimed publication is more than CLAIM_MARGIN_MS before everything
 * else known about that text: before Wiretrace first saw that article, and before the times of every
 * other article carrying the text (the checked one, the report's other sources). The report still
 * orders by the claimed time; the mark tells the reader the time is the page's word, and since when
 * Wiretrace can vouch for it (`firstSeen`). Archives imported later (a 1987 wire story) are marked
 * too: their times are claims as well.
 */
import type { ArticleRef, Report } from './types';

/** How far before everything else a claimed time must lie to be marked: 30 days. */
export const CLAIM_MARGIN_MS = 30 * 86_400_000;

/** Epoch ms of an ISO time; the last few parsed are kept (a report names a handful of articles). */
const parsed = new Map<string, number>();
function ms(iso: string | undefined): number {
  if (!iso) return NaN;
  let t = parsed.get(iso);
  if (t === undefined) {
    if (parsed.size > 256) parsed.clear();
    parsed.set(iso, (t = Date.parse(iso)));
  }
  return t;
}

/** Whether a ref claims a time more than the margin before it was first seen (the rare case). */
function claimsEarly(r: ArticleRef): boolean {
  if (!r.published || !r.firstSeen || r.published >= r.firstSeen) return false;
  return ms(r.published) <= ms(r.firstSeen) - CLAIM_MARGIN_MS;
}

export function markClaimedTimes(report: Report): void {
  // Almost every report names no article that claims a time far before it was seen: stop there.
  let any = false;
  for (const p of report.passages) if (claimsEarly(p.source) || (p.firstSeen && claimsEarly(p.firstSeen))) any = true;
  if (!any) return;
  const refs: ArticleRef[] = [];
  for (const p of report.passages) {
    refs.push(p.source);
    if (p.firstSeen) refs.push(p.firstSeen);
  }
  refs.push(...report.sources);
  const own = ms(report.published ?? report.firstSeen);
  // The times known of each article: the earliest claimed or seen.
  const timeOf = new Map<string, number>();
  for (const r of refs) {
    let t = Infinity;
    for (const x of [ms(r.published), ms(r.firstSeen)]) if (x < t) t = x;
    if (t < Infinity) timeOf.set(r.id, Math.min(t, timeOf.get(r.id) ?? Infinity));
  }
  const early = new Set<string>();
  for (const r of refs) {
    if (early.has(r.id) || !claimsEarly(r)) continue;
    let others = Number.isFinite(own) ? own : Infinity;
    for (const [id, t] of timeOf) if (id !== r.id && t < others) others = t;
    if (ms(r.published) <= others - CLAIM_MARGIN_MS) early.add(r.id);
  }
  if (!early.size) return;
  // New objects: the refs may be shared with other reports (documents.ts caches them per document).
  const mark = <T extends ArticleRef>(r: T): T => (early.has(r.id) ? { ...r, claimedEarly: true } : r);
  for (const p of report.passages) {
    p.source = mark(p.source);
    if (p.firstSeen) p.firstSeen = mark(p.firstSeen);
  }
  report.sources = report.sources.map(mark);
}
