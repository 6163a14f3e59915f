/** The report view of the popup: summary, recording note, sources, passages, later reuse. */
import type { Report } from '../src/engine/types';
import type { CheckResult, NotRecordedReason } from '../src/protocol';
import { creditedText, percent, shareLine, sourceDate, summary } from '../src/report-format';
import { el, link } from './dom';
import { renderPassage } from './render-passage';

export const NOT_RECORDED: Record<NotRecordedReason, string> = {
  incognito: 'Not recorded: this is a private window, and Wiretrace never records private browsing.',
  paused: 'Not recorded: recording is paused (see Options).',
  'denied-site': 'Not recorded: this site is on your list of sites never to record (see Options).',
  'already-recorded': 'Already in your index.',
};

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
export function recordingNote(report: Report, o: RecordingOutcome): HTMLElement {
  const n = report.indexSize + 1;
  let text: string;
  if (o.pending) text = 'Recording this article in your index…';
  else if (o.error) text = `Not recorded: ${o.error}`;
  else if (o.recorded) text = `Recorded: your index now holds ${n.toLocaleString('en-GB')} ${n === 1 ? 'article' : 'articles'}.`;
  else text = NOT_RECORDED[o.notRecorded ?? 'already-recorded'];
  const warn = !o.pending && !o.recorded && (o.error !== undefined || o.notRecorded !== 'already-recorded');
  // Polite live region: the text changes when a recording under way ends.
  return el('p', { class: `note ${warn ? 'note-warn' : ''}`, id: 'recording', attrs: { 'aria-live': 'polite' } }, text);
}

function sources(report: Report): HTMLElement | null {
  if (!report.sources.length) return null;
  return el(
    'section',
    { id: 'sources', attrs: { 'aria-labelledby': 'sources-h' } },
    el('h3', { id: 'sources-h' }, 'Sources'),
    el(
      'ul',
      { class: 'sources' },
      ...report.sources.map((s) =>
        el(
          'li',
          { class: 'source' },
          el('span', { class: 'source-outlet' }, link(s.outlet, s.url)),
          el('span', { class: 'source-meta' }, [sourceDate(s), `${s.passages} ${s.passages === 1 ? 'passage' : 'passages'}`, `${percent(s.share)} of the text`, creditedText(s.credited)].filter(Boolean).join(' · ')),
          s.title ? el('span', { class: 'source-title' }, s.title) : null,
        ),
      ),
    ),
  );
}

function passages(report: Report, kind: 'copied' | 'quote', title: string, id: string): HTMLElement | null {
  const ps = report.passages.filter((p) => p.kind === kind);
  if (!ps.length) return null;
  return el(
    'section',
    { id, attrs: { 'aria-labelledby': `${id}-h` } },
    el('h3', { id: `${id}-h` }, `${title} (${ps.length})`),
    el('ol', { class: 'passages' }, ...ps.map((p, i) => renderPassage(p, i + 1, report.outlet))),
  );
}

function reusedBy(report: Report): HTMLElement | null {
  if (!report.reusedBy.length) return null;
  return el(
    'section',
    { id: 'reused', attrs: { 'aria-labelledby': 'reused-h' } },
    el('h3', { id: 'reused-h' }, 'Reused later by'),
    el('ul', { class: 'sources' }, ...report.reusedBy.map((r) => el('li', { class: 'source' }, el('span', { class: 'source-outlet' }, link(r.outlet, r.url)), el('span', { class: 'source-meta' }, [sourceDate(r), `${percent(r.share)} of this article`].filter(Boolean).join(' · '))))),
  );
}

export function renderReport(r: Extract<CheckResult, { status: 'report' }>, actions: HTMLElement | null): HTMLElement {
  const { report } = r;
  const empty = report.indexSize === 0 && report.passages.length === 0;
  const found = report.passages.length > 0;
  const share = shareLine(report);
  return el(
    'div',
    { class: 'report', attrs: { 'data-state': empty ? 'empty-index' : found ? 'found' : 'nothing-found' } },
    el('h2', { id: 'summary' }, empty ? 'Nothing recorded yet' : summary(report)),
    empty ? el('p', { class: 'lead' }, 'Wiretrace learns from the articles you check; nothing recorded yet. Each article you check is compared with those checked before, so finds appear as your index grows.') : null,
    share ? el('p', { class: 'lead' }, share.charAt(0).toUpperCase() + share.slice(1) + '.') : null,
    recordingNote(report, { recorded: r.recorded, notRecorded: r.notRecorded, pending: r.recording }),
    actions,
    sources(report),
    passages(report, 'copied', 'Copied passages', 'copied'),
    passages(report, 'quote', 'Shared quotes', 'quotes'),
    reusedBy(report),
  );
}
