/**
 * The popup: checks the tab it was opened for (?tabId=N, else the active tab) and shows the report.
 * States: loading (with progress), not an article (check anyway), unsupported page, report
 * (found / nothing found / empty index, with the recording note), error. A new article is recorded
 * after the report is shown: the note says "Recording…" until the worker's `recorded` event.
 */
import browser from 'webextension-polyfill';
import type { Report } from '../src/engine/types';
import { onEvent, send, type CheckResult, type Events } from '../src/protocol';
import { fileStem, highlightMarks, summary, toJson, toMarkdown } from '../src/report-format';
import { button, clear, download, el } from './dom';
import { recordingNote, renderReport } from './render-report';

performance.mark('wiretrace:start');
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

async function targetTab(): Promise<number> {
  const param = new URLSearchParams(location.search).get('tabId');
  if (param && /^\d+$/.test(param)) return Number(param);
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  if (tab?.id === undefined) throw new Error('no active tab');
  return tab.id;
}

function show(state: string, ...nodes: HTMLElement[]): void {
  document.body.dataset.state = state;
  clear(main);
  main.append(...nodes);
}

function actions(tabId: number, report: Report): HTMLElement | null {
  if (!report.passages.length) return null;
  const bar = el('div', { class: 'actions', attrs: { role: 'group', 'aria-label': 'Report actions' } });
  bar.append(
    button(
      'Highlight on page',
      async () => {
        setStatus('Highlighting…');
        const r = await send('highlight', { tabId, marks: highlightMarks(report) });
        if (!r.ok) setStatus(`Could not highlight: ${r.error}`);
        else setStatus(`Highlighted ${r.res.placed} of ${r.res.placed + r.res.missed} passages on the page.`);
      },
      { id: 'highlight', class: 'primary' },
    ),
    button(
      'Clear highlights',
      async () => {
        const r = await send('clearHighlights', { tabId });
        setStatus(r.ok ? 'Highlights cleared.' : `Could not clear highlights: ${r.error}`);
      },
      { id: 'clear-highlights' },
    ),
    button(
      'Copy report',
      async () => {
        try {
          await navigator.clipboard.writeText(toMarkdown(report));
          setStatus('Report copied as Markdown.');
        } catch (e) {
          setStatus(`Could not copy: ${(e as Error).message}`);
        }
      },
      { id: 'copy' },
    ),
    button('Export Markdown', () => download(toMarkdown(report), `${fileStem(report)}.md`, 'text/markdown'), { id: 'export-md' }),
    button('Export JSON', () => download(toJson(report), `${fileStem(report)}.json`, 'application/json'), { id: 'export-json' }),
  );
  return bar;
}

function render(tabId: number, r: CheckResult): void {
  if (r.status === 'not-article') {
    setStatus('This page does not look like an article.', false);
    show(
      'not-article',
      el('h2', null, 'Not an article'),
      el('p', null, r.reason),
      el('p', null, 'If it is one, Wiretrace can still read the main text of the page and compare it.'),
      button('Check anyway', () => void run(tabId, true), { id: 'force', class: 'primary' }),
    );
    (document.getElementById('force') as HTMLButtonElement).focus();
    return;
  }
  if (r.status === 'unsupported') {
    setStatus('Wiretrace cannot read this page.', false);
    show('unsupported', el('h2', null, 'Cannot check this page'), el('p', null, r.reason));
    return;
  }
  const view = renderReport(r, actions(tabId, r.report));
  const state = view.dataset.state ?? 'found';
  setStatus(state === 'empty-index' ? 'Nothing recorded yet.' : summary(r.report), false);
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
  const outcome = recordingNote(report, d);
  if (note) {
    note.textContent = outcome.textContent;
    note.className = outcome.className;
  }
  document.body.dataset.recorded = String(d.recorded);
  const timings = document.body.dataset.timings;
  if (timings) document.body.dataset.timings = JSON.stringify({ ...JSON.parse(timings), record: d.ms });
  document.body.dataset.recording = 'done';
}

async function run(tabId: number, force = false): Promise<void> {
  setBusy(true);
  setStatus('Checking this page…', false);
  show('loading', el('p', { class: 'loading', id: 'progress' }, 'Checking this page…'));
  const off = onEvent('progress', (d) => {
    if (d.task !== 'check' || d.tabId !== tabId) return;
    const p = document.getElementById('progress');
    if (p) p.textContent = d.text;
  });
  // Listened for from the start: the event may overtake the answer it follows. Until the answer
  // names its report, events for this tab are kept (one may end an earlier check of the tab).
  const early: Array<Events['recorded']> = [];
  let shown: Report | undefined;
  const offRecorded = onEvent('recorded', (d) => {
    if (d.tabId !== tabId) return;
    if (!shown) early.push(d);
    else if (d.id === shown.id) {
      offRecorded();
      recordingDone(shown, d);
    }
  });
  const r = await send('check', { tabId, force });
  performance.mark('wiretrace:answer');
  off();
  setBusy(false);
  if (!r.ok || r.res.status !== 'report' || !r.res.recording) offRecorded();
  if (!r.ok) {
    setStatus(`Error: ${r.error}`, false);
    show('error', el('h2', null, 'Something went wrong'), el('p', { class: 'error' }, r.error), button('Try again', () => void run(tabId, force), { id: 'retry' }));
    return;
  }
  render(tabId, r.res);
  if (r.res.status === 'report' && r.res.timings) document.body.dataset.timings = JSON.stringify({ ...r.res.timings, cached: !!r.res.cached });
  if (r.res.status === 'report' && r.res.recording) {
    const report = (shown = r.res.report);
    const done = early.find((d) => d.id === report.id);
    if (done) {
      offRecorded();
      recordingDone(report, done);
    }
  }
  // Popup-to-report time (navigation start to report on screen), read by tests/extension/perf.ts.
  performance.mark('wiretrace:rendered');
}

document.getElementById('options')?.addEventListener('click', () => void browser.runtime.openOptionsPage());

targetTab().then(
  (tabId) => run(tabId),
  (e) => {
    setStatus(`Error: ${(e as Error).message}`);
    show('error', el('h2', null, 'Something went wrong'), el('p', { class: 'error' }, (e as Error).message));
  },
);
