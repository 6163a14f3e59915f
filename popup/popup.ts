/**
 * The popup: checks the tab it was opened for (?tabId=N, else the active tab) and shows the report.
 * States: loading (with progress), not an article (check anyway), unsupported page, report
 * (found / nothing found / empty index, with the recording note; Copy and the exports on every
 * report, highlighting when there are passages), error. A new article is recorded
 * after the report is shown: the note says "Recording…" until the worker's `recorded` event.
 * Every text is a message of the UI language (src/i18n-browser.ts).
 */
import browser from 'webextension-polyfill';
import type { Report } from '../src/engine/types';
import { onEvent, send, type CheckResult, type EventEnvelope, type Events, type Transport } from '../src/protocol';
import { localizePage } from '../src/i18n-browser';
import { fileStem, highlightMarks, summary, toJson, toMarkdown } from '../src/report-format';
import { button, clear, download, el } from './dom';
import { errorText, progressText, unsupportedText } from './messages';
import type { EarlyCheck } from './early-check';
import { recordingNote, renderReport } from './render-report';

performance.mark('wiretrace:start');
const t = localizePage();
const main = document.getElementById('content')!;
const status = document.getElementById('status')!;

/** The live region: announced to screen readers; shown on screen unless `visible` is false (it repeats a heading). */
function setStatus(text: string, visible = true): void {
  status.textContent = text;
  status.classList.toggle('visually-hidden', !visible);
}

function setBusy(busy: boolean): void {
  document.body.setAttribute('aria-busy', String(busy));
  document.body.dataset.state = busy ? 'loading' : document.body.dataset.state === 'loading' ? '' : (document.body.dataset.state ?? '');
}

/** The check start.ts sent before this module loaded: the first run takes it over. */
let early = (globalThis as { wiretraceEarlyCheck?: EarlyCheck }).wiretraceEarlyCheck;

async function targetTab(): Promise<number> {
  if (early) return early.tabId;
  const param = new URLSearchParams(location.search).get('tabId');
  if (param && /^\d+$/.test(param)) return Number(param);
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  if (tab?.id === undefined) throw new Error(t('errorNoTab'));
  return tab.id;
}

function show(state: string, ...nodes: HTMLElement[]): void {
  document.body.dataset.state = state;
  clear(main);
  main.append(...nodes);
}

/** The report's actions: highlighting when there are passages; copying and exporting for every report. */
function actions(tabId: number, report: Report): HTMLElement {
  const bar = el('div', { class: 'actions', attrs: { role: 'group', 'aria-label': t('actionsLabel') } });
  if (report.passages.length) bar.append(highlightButton(tabId, report), clearButton(tabId));
  bar.append(...exportButtons(report));
  return bar;
}

function highlightButton(tabId: number, report: Report): HTMLButtonElement {
  return button(
    t('highlightButton'),
    async () => {
      setStatus(t('highlighting'));
      delete document.body.dataset.highlighted;
      const r = await send('highlight', { tabId, marks: highlightMarks(report, t) });
      if (!r.ok) setStatus(t('highlightFailed', errorText(t, r)));
      else setStatus(t.plural('highlighted', r.res.placed + r.res.missed, r.res.placed, r.res.placed + r.res.missed));
      // The outcome for scripts, whatever the language: the number placed, or "failed".
      document.body.dataset.highlighted = r.ok ? String(r.res.placed) : 'failed';
    },
    { id: 'highlight', class: 'primary' },
  );
}

function clearButton(tabId: number): HTMLButtonElement {
  return button(
    t('clearHighlightsButton'),
    async () => {
      const r = await send('clearHighlights', { tabId });
      setStatus(r.ok ? t('highlightsCleared') : t('clearHighlightsFailed', errorText(t, r)));
    },
    { id: 'clear-highlights' },
  );
}

function exportButtons(report: Report): HTMLButtonElement[] {
  return [
    button(
      t('copyButton'),
      async () => {
        try {
          await navigator.clipboard.writeText(toMarkdown(report, t));
          setStatus(t('reportCopied'));
        } catch (e) {
          setStatus(t('copyFailed', (e as Error).message));
        }
      },
      { id: 'copy' },
    ),
    button(t('exportMarkdownButton'), () => download(toMarkdown(report, t), `${fileStem(report)}.md`, 'text/markdown'), { id: 'export-md' }),
    button(t('exportJsonButton'), () => download(toJson(report), `${fileStem(report)}.json`, 'application/json'), { id: 'export-json' }),
  ];
}

function render(tabId: number, r: CheckResult): void {
  if (r.status === 'not-article') {
    // By status, not by the extraction's (English) reason.
    setStatus(t('notArticleReason'), false);
    show(
      'not-article',
      el('h2', null, t('notArticleHeading')),
      el('p', null, t('notArticleReason')),
      el('p', null, t('notArticleHint')),
      button(t('checkAnywayButton'), () => void run(tabId, true), { id: 'force', class: 'primary' }),
    );
    (document.getElementById('force') as HTMLButtonElement).focus();
    return;
  }
  if (r.status === 'unsupported') {
    setStatus(t('unsupportedStatus'), false);
    show('unsupported', el('h2', null, t('unsupportedHeading')), el('p', null, unsupportedText(t, r.code)));
    return;
  }
  const view = renderReport(r, actions(tabId, r.report), t);
  const state = view.dataset.state ?? 'found';
  setStatus(state === 'empty-index' ? t('emptyStatus') : summary(r.report, t), false);
  show(state, view);
  if (r.recording) document.body.dataset.recording = 'pending';
  else document.body.dataset.recorded = String(r.recorded);
}

/**
 * A recording announced by the answer has ended: the note says how, and body data-recorded /
 * data-recording="done" and the record time in data-timings tell tests and the bench.
 */
function recordingDone(report: Report, d: Events['recorded']): void {
  // The note is a live region: its text changes in place, so screen readers announce the outcome.
  const note = document.getElementById('recording');
  const outcome = recordingNote(report, d, t);
  if (note) {
    note.textContent = outcome.textContent;
    note.className = outcome.className;
  }
  document.body.dataset.recorded = String(d.recorded);
  const timings = document.body.dataset.timings;
  if (timings) document.body.dataset.timings = JSON.stringify({ ...JSON.parse(timings), record: d.ms });
  document.body.dataset.recording = 'done';
}

/** How often the popup asks where a recording stands, in case its end never comes (the worker stopped). */
const RECORDING_POLL_MS = 1500;

/**
 * Watches a recording announced by a check: should the worker stop before storing the article (the
 * browser stops it when idle), the `recorded` event never comes and the article is not stored; the
 * popup then checks again once, which records it, and says so if that stops too.
 */
function watchRecording(tabId: number, report: Report, force: boolean, retried: boolean): void {
  const timer = setInterval(async () => {
    if (document.body.dataset.recording !== 'pending') return clearInterval(timer);
    const s = await send('recordingState', { id: report.id });
    if (!s.ok || s.res.state === 'recording' || document.body.dataset.recording !== 'pending') return;
    clearInterval(timer);
    if (s.res.state === 'recorded') recordingDone(report, { tabId, id: report.id, recorded: true, ms: 0 });
    else if (!retried) void run(tabId, force, true);
    else recordingDone(report, { tabId, id: report.id, recorded: false, error: 'the background stopped while recording', code: 'worker-stopped', ms: 0 });
  }, RECORDING_POLL_MS);
}

async function run(tabId: number, force = false, retried = false): Promise<void> {
  setBusy(true);
  setStatus(t('checking'), false);
  show('loading', el('p', { class: 'loading', id: 'progress' }, t('checking')));
  const onProgress = (d: Events['progress']) => {
    if (d.task !== 'check' || d.tabId !== tabId) return;
    const p = document.getElementById('progress');
    if (p) p.textContent = progressText(t, d);
  };
  const off = onEvent('progress', onProgress);
  // Listened for from the start: the event may overtake the answer it follows. Until the answer
  // names its report, events for this tab are kept (one may end an earlier check of the tab).
  const kept: Array<Events['recorded']> = [];
  let shown: Report | undefined;
  const onRecorded = (d: Events['recorded']) => {
    if (d.tabId !== tabId) return;
    if (!shown) kept.push(d);
    else if (d.id === shown.id) {
      offRecorded();
      recordingDone(shown, d);
    }
  };
  const offRecorded = onEvent('recorded', onRecorded);
  // The first check was sent by start.ts: its reply, and the events that came before the listeners above.
  let transport: Transport | undefined;
  if (early) {
    const first = early;
    early = undefined;
    const buffered = first.take() as EventEnvelope[];
    if (!force && !retried) {
      for (const m of buffered) {
        if (m.event === 'progress') onProgress(m.data as Events['progress']);
        else if (m.event === 'recorded') onRecorded(m.data as Events['recorded']);
      }
      transport = () => first.reply;
    }
  }
  const r = await send('check', { tabId, force }, transport);
  performance.mark('wiretrace:answer');
  off();
  setBusy(false);
  if (!r.ok || r.res.status !== 'report' || !r.res.recording) offRecorded();
  // The worker stopped while checking: once more, in a new one.
  if (!r.ok && r.code === 'worker-stopped' && !retried) return run(tabId, force, true);
  if (!r.ok) {
    const text = errorText(t, r);
    setStatus(t('errorStatus', text), false);
    show('error', el('h2', null, t('errorHeading')), el('p', { class: 'error' }, text), button(t('tryAgainButton'), () => void run(tabId, force), { id: 'retry' }));
    return;
  }
  render(tabId, r.res);
  if (r.res.status === 'report' && r.res.timings) document.body.dataset.timings = JSON.stringify({ ...r.res.timings, cached: !!r.res.cached });
  if (r.res.status === 'report' && r.res.recording) {
    const report = (shown = r.res.report);
    const done = kept.find((d) => d.id === report.id);
    if (done) {
      offRecorded();
      recordingDone(report, done);
    } else watchRecording(tabId, report, force, retried);
  }
  // Popup-to-report time (navigation start to report on screen), read by npm run bench (scripts/bench/browser.ts).
  performance.mark('wiretrace:rendered');
}

document.getElementById('options')?.addEventListener('click', () => void browser.runtime.openOptionsPage());
document.getElementById('library')?.addEventListener('click', () => void browser.tabs.create({ url: browser.runtime.getURL('library.html') }));

targetTab().then(
  (tabId) => run(tabId),
  (e) => {
    setStatus(t('errorStatus', (e as Error).message));
    show('error', el('h2', null, t('errorHeading')), el('p', { class: 'error' }, (e as Error).message));
  },
);
