/** The report view of the popup: summary, recording note, sources, passages, later reuse. */
import type { Report } from '../src/engine/types';
import type { Translator } from '../src/i18n';
import type { CheckResult, NotRecordedReason } from '../src/protocol';
import { creditedText, shareLine, sourceDate, summary } from '../src/report-format';
import { el, link } from './dom';
import { renderPassage } from './render-passage';

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
  /** Recording failed: why. */
  error?: string;
}

/** The note under the summary saying whether the article went into the index. */
export function recordingNote(report: Report, o: RecordingOutcome, t: Translator): HTMLElement {
  const n = report.indexSize + 1;
  let text: string;
  if (o.pending) text = t('recordingPending');
  else if (o.error) text = t('notRecordedError', o.error);
  else if (o.recorded) text = t.plural('recorded', n, n);
  else text = notRecordedText(o.notRecorded ?? 'already-recorded', t);
  const warn = !o.pending && !o.recorded && (o.error !== undefined || o.notRecorded !== 'already-recorded');
  // Polite live region: the text changes when a recording under way ends.
  return el('p', { class: `note ${warn ? 'note-warn' : ''}`, id: 'recording', attrs: { 'aria-live': 'polite' } }, text);
}

/** "26 Aug 2016 · 3 passages · 40% of the text": each item kept on one line, the line wrapping between them. */
function metaLine(items: string[]): HTMLElement {
  const line = el('span', { class: 'source-meta' });
  items.filter(Boolean).forEach((item, i) => line.append(...(i ? [' · '] : []), el('span', { class: 'meta-item' }, item)));
  return line;
}

function sources(report: Report, t: Translator): HTMLElement | null {
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
          el('span', { class: 'source-outlet' }, link(s.outlet, s.url)),
          metaLine([sourceDate(s, t), t.plural('passageCount', s.passages, s.passages), t('shareOfText', t.percent(s.share)), creditedText(s.credited, t)]),
          s.title ? el('span', { class: 'source-title' }, s.title) : null,
        ),
      ),
    ),
  );
}

function passages(report: Report, kind: 'copied' | 'quote', title: string, id: string, t: Translator): HTMLElement | null {
  const ps = report.passages.filter((p) => p.kind === kind);
  if (!ps.length) return null;
  return el(
    'section',
    { id, attrs: { 'aria-labelledby': `${id}-h` } },
    el('h3', { id: `${id}-h` }, `${title} (${t.number(ps.length)})`),
    el('ol', { class: 'passages' }, ...ps.map((p, i) => renderPassage(p, i + 1, report.outlet, t))),
  );
}

function reusedBy(report: Report, t: Translator): HTMLElement | null {
  if (!report.reusedBy.length) return null;
  return el(
    'section',
    { id: 'reused', attrs: { 'aria-labelledby': 'reused-h' } },
    el('h3', { id: 'reused-h' }, t('reusedHeading')),
    el(
      'ul',
      { class: 'sources' },
      ...report.reusedBy.map((r) =>
        el('li', { class: 'source' }, el('span', { class: 'source-outlet' }, link(r.outlet, r.url)), metaLine([sourceDate(r, t), t('shareOfThisArticle', t.percent(r.share))])),
      ),
    ),
  );
}

export function renderReport(r: Extract<CheckResult, { status: 'report' }>, actions: HTMLElement | null, t: Translator): HTMLElement {
  const { report } = r;
  const empty = report.indexSize === 0 && report.passages.length === 0;
  const found = report.passages.length > 0;
  const share = shareLine(report, t);
  return el(
    'div',
    { class: 'report', attrs: { 'data-state': empty ? 'empty-index' : found ? 'found' : 'nothing-found' } },
    el('h2', { id: 'summary' }, empty ? t('emptyHeading') : summary(report, t)),
    empty ? el('p', { class: 'lead' }, t('emptyLead')) : null,
    share ? el('p', { class: 'lead' }, share.charAt(0).toUpperCase() + share.slice(1) + '.') : null,
    recordingNote(report, { recorded: r.recorded, notRecorded: r.notRecorded, pending: r.recording }, t),
    actions,
    sources(report, t),
    passages(report, 'copied', t('copiedHeading'), 'copied', t),
    passages(report, 'quote', t('quotesHeading'), 'quotes', t),
    reusedBy(report, t),
  );
}
