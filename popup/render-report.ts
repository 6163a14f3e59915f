/**
 * The report view of the popup: headline (with the article's own time, an update's note), recording
 * note, the team index's note (its articles labelled "team"), sources, passages, the outlet's own
 * earlier text, later reuse. Times come from one formatter
 * per report (src/report-time.ts): hour and minute wherever two of its articles fall on one day.
 */
import type { Report } from '../src/engine/types';
import type { ErrorCode } from '../src/errors';
import type { Translator } from '../src/i18n';
import type { CheckResult, NotRecordedReason, TeamCheckInfo, TeamRecorded } from '../src/protocol';
import { outletWhen, ownEarlierGroups, paragraphList, quotesOnly, quotesOnlyDetail, reuseDetails, shareLine, sourceCredit, summary } from '../src/report-format';
import { whenFormatter, type When } from '../src/report-time';
import { el, interleave, link, SLOT } from './dom';
import { errorText } from './messages';
import { diffLegend, renderPassage } from './render-passage';

export function notRecordedText(reason: NotRecordedReason, t: Translator): string {
  switch (reason) {
    case 'incognito':
      return t('notRecordedIncognito');
    case 'paused':
      return t('notRecordedPaused');
    case 'denied-site':
      return t('notRecordedDeniedSite');
    case 'not-article':
      return t('notRecordedNotArticle');
    case 'already-recorded':
      return t('alreadyRecorded');
  }
}

/** The outcome of recording: known with the answer, or told later by a `recorded` event. */
export interface RecordingOutcome {
  recorded: boolean;
  notRecorded?: NotRecordedReason;
  /** Recording is under way (the answer came first). */
  pending?: boolean;
  /** Recording failed: why, and its code when the background gave one (shown in the page's language). */
  error?: string;
  code?: ErrorCode;
  /** Sending it to the team index, when that is turned on. */
  team?: TeamRecorded;
}

/** The note under the summary saying whether the article went into the index. */
export function recordingNote(report: Report, o: RecordingOutcome, t: Translator): HTMLElement {
  const n = report.indexSize + 1;
  let text: string;
  if (o.pending) text = t('recordingPending');
  else if (o.error) text = t('notRecordedError', errorText(t, { error: o.error, code: o.code }));
  else if (o.recorded) text = t.plural('recorded', n, n);
  else text = notRecordedText(o.notRecorded ?? 'already-recorded', t);
  if (o.team) text += ` ${o.team.sent ? t('teamRecordSent') : t('teamRecordFailed', teamReason(o.team, t))}`;
  const warn = (!o.pending && !o.recorded && (o.error !== undefined || o.notRecorded !== 'already-recorded')) || o.team?.sent === false;
  // Polite live region: the text changes when a recording under way ends.
  return el('p', { class: `note ${warn ? 'note-warn' : ''}`, id: 'recording', attrs: { 'aria-live': 'polite' } }, text);
}

/** "26 Aug 2016 · 3 passages · 40% of the text": each item kept on one line, the line wrapping between them. */
function metaLine(items: string[]): HTMLElement {
  const line = el('span', { class: 'source-meta' });
  items.filter(Boolean).forEach((item, i) => line.append(...(i ? [' · '] : []), el('span', { class: 'meta-item' }, item)));
  return line;
}

/** A linked article with its time: "<a>Title</a>, 14 Mar 2025, 07:05 UTC". */
function linkWhen(a: { outlet: string; url?: string; title?: string; published?: string; firstSeen?: string }, text: string, when: When): HTMLElement {
  const date = when(a);
  return el('span', null, link(text, a.url), ...(date ? [', ', el('span', { class: 'when' }, date)] : []));
}

/** The headline: the summary, or for shared quotations only a headline of its own with the details under it. */
function headline(report: Report, empty: boolean, t: Translator): HTMLElement[] {
  const share = shareLine(report, t);
  const shareText = share ? share.charAt(0).toUpperCase() + share.slice(1) + '.' : '';
  if (empty) return [el('h2', { id: 'summary' }, t('emptyHeading')), el('p', { class: 'lead' }, t('emptyLead'))];
  if (quotesOnly(report)) {
    return [
      el('h2', { id: 'summary', class: 'headline-quotes' }, t('quotesOnlyHeadline')),
      el('p', { class: 'lead' }, quotesOnlyDetail(report, t), shareText ? ` ${shareText}` : ''),
    ];
  }
  const out: HTMLElement[] = [el('h2', { id: 'summary' }, summary(report, t))];
  if (shareText) out.push(el('p', { class: 'lead' }, shareText));
  return out;
}

/** "This article: Coastline Daily, 14 Mar 2025, 10:15 UTC" and, for an update, what it updates. */
function articleLines(report: Report, when: When, t: Translator): HTMLElement[] {
  const out = [el('p', { class: 'article-line', id: 'article-line' }, t('checkedArticle', outletWhen(report, when)))];
  const u = report.updateOf;
  if (u) out.push(el('p', { class: 'update-of', id: 'update-of' }, interleave(t('updateOfNote', SLOT, t.percent(u.share)), linkWhen(u, u.title || u.outlet, when))));
  return out;
}

/** What the team index did in this check: compared (its articles labelled), or unreachable (the local index alone). */
function teamNote(team: TeamCheckInfo | undefined, t: Translator): HTMLElement | null {
  if (!team) return null;
  if (team.status === 'used') return el('p', { class: 'note', id: 'team-note', attrs: { 'data-team': 'used' } }, t('teamChecked'));
  return el('p', { class: 'note note-warn', id: 'team-note', attrs: { 'data-team': 'unreachable', role: 'status' } }, t('teamUnreachable', teamReason(team, t)));
}

/** Why the team index did not answer, in the page's language for the codes it knows (the service's own sentence otherwise). */
export function teamReason(failure: { error: string; code?: string }, t: Translator): string {
  switch (failure.code) {
    case 'unreachable':
      return t('teamReasonUnreachable');
    case 'timeout':
      return t('teamReasonTimeout');
    case 'no-token':
    case 'bad-token':
      return t('teamReasonToken');
    case 'read-only-token':
      return t('teamReasonReadOnly');
    case 'database-unavailable':
      return t('teamReasonDatabase');
    default:
      return failure.error;
  }
}

/** The "team" label of an article that came from the team index. */
function teamLabel(id: string, teamIds: ReadonlySet<string>, t: Translator): HTMLElement | null {
  return teamIds.has(id) ? el('span', { class: 'team-label', attrs: { title: t('teamLabelTitle') } }, t('teamLabel')) : null;
}

function sources(report: Report, when: When, teamIds: ReadonlySet<string>, t: Translator): HTMLElement | null {
  if (!report.sources.length) return null;
  return el(
    'section',
    { id: 'sources', attrs: { 'aria-labelledby': 'sources-h' } },
    el('h3', { id: 'sources-h' }, t('sourcesHeading')),
    el(
      'ul',
      { class: 'sources' },
      ...report.sources.map((s) =>
        el(
          'li',
          { class: 'source' },
          el('span', { class: 'source-outlet' }, link(s.outlet, s.url), teamLabel(s.id, teamIds, t)),
          metaLine([when(s), t.plural('passageCount', s.passages, s.passages), t('shareOfText', t.percent(s.share)), sourceCredit(report, s, t)]),
          s.title ? el('span', { class: 'source-title' }, s.title) : null,
        ),
      ),
    ),
  );
}

function passages(report: Report, kind: 'copied' | 'quote', title: string, id: string, when: When, legend: boolean, t: Translator): HTMLElement | null {
  const ps = report.passages.filter((p) => p.kind === kind);
  if (!ps.length) return null;
  return el(
    'section',
    { id, attrs: { 'aria-labelledby': `${id}-h` } },
    el('h3', { id: `${id}-h` }, `${title} (${t.number(ps.length)})`),
    legend ? diffLegend(t) : null,
    el('ol', { class: 'passages' }, ...ps.map((p, i) => renderPassage(p, i + 1, report.outlet, t, when))),
  );
}

/** Paragraphs that are the outlet's own earlier text: apart from copied passages, never counted as copying. */
function ownEarlier(report: Report, when: When, t: Translator): HTMLElement | null {
  const groups = ownEarlierGroups(report);
  if (!groups.length) return null;
  const n = groups.reduce((k, g) => k + g.paragraphs.length, 0);
  return el(
    'section',
    { id: 'own-earlier', attrs: { 'aria-labelledby': 'own-earlier-h' } },
    el('h3', { id: 'own-earlier-h' }, `${t('ownEarlierHeading', report.outlet)} (${t.number(n)})`),
    el('p', { class: 'note' }, t('ownEarlierNote', report.outlet)),
    el(
      'ul',
      { class: 'sources' },
      ...groups.map((g) =>
        el(
          'li',
          { class: 'source' },
          el('span', { class: 'source-outlet' }, link(g.source.title || g.source.outlet, g.source.url)),
          metaLine([when(g.source), t.plural('ownEarlierParagraphs', g.paragraphs.length, paragraphList(g.paragraphs, t))]),
        ),
      ),
    ),
  );
}

function reusedBy(report: Report, when: When, teamIds: ReadonlySet<string>, t: Translator): HTMLElement | null {
  if (!report.reusedBy.length) return null;
  return el(
    'section',
    { id: 'reused', attrs: { 'aria-labelledby': 'reused-h' } },
    el('h3', { id: 'reused-h' }, t('reusedHeading')),
    el(
      'ul',
      { class: 'sources' },
      ...report.reusedBy.map((r) =>
        el(
          'li',
          { class: 'source', attrs: r.kind ? { 'data-kind': r.kind } : {} },
          el('span', { class: 'source-outlet' }, link(r.outlet, r.url), teamLabel(r.id, teamIds, t)),
          metaLine([when(r), t('shareOfThisArticle', t.percent(r.share)), ...reuseDetails(r, t)]),
        ),
      ),
    ),
  );
}

export function renderReport(r: Extract<CheckResult, { status: 'report' }>, actions: HTMLElement | null, t: Translator): HTMLElement {
  const { report } = r;
  const empty = report.indexSize === 0 && report.passages.length === 0;
  const found = report.passages.length > 0;
  const when = whenFormatter(report, t);
  const hasCopied = report.passages.some((p) => p.kind === 'copied');
  const teamIds = new Set(r.team?.status === 'used' ? r.team.ids : []);
  return el(
    'div',
    { class: 'report', attrs: { 'data-state': empty ? 'empty-index' : found ? 'found' : 'nothing-found', 'data-quotes-only': String(quotesOnly(report)) } },
    ...headline(report, empty, t),
    ...(empty ? [] : articleLines(report, when, t)),
    recordingNote(report, { recorded: r.recorded, notRecorded: r.notRecorded, pending: r.recording }, t),
    teamNote(r.team, t),
    actions,
    sources(report, when, teamIds, t),
    passages(report, 'copied', t('copiedHeading'), 'copied', when, hasCopied, t),
    passages(report, 'quote', t('quotesHeading'), 'quotes', when, !hasCopied, t),
    ownEarlier(report, when, t),
    reusedBy(report, when, teamIds, t),
  );
}
