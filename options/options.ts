/**
 * The options page: automatic checking (asks for the optional host permission), pausing, denied
 * sites, the team index (team-section.ts), index statistics, clear, export and import of the index file. Every text is a message of
 * the UI language (src/i18n-browser.ts).
 */
import browser from 'webextension-polyfill';
import { localizePage } from '../src/i18n-browser';
import { call, onEvent, send, type IndexStats } from '../src/protocol';
import { normalizeHostname, type Settings } from '../src/settings';
import { button, clear, download, el } from '../popup/dom';
import { errorText, exceptionText, progressText } from '../popup/messages';
import { newImportId, sendIndexFile } from '../src/send-index-file';
import { headerLine } from '../src/engine/serialize';
import type { IndexParams } from '../src/engine/store';
import { setUpTeamSection } from './team-section';

const t = localizePage();
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const status = $('status');
const ioStatus = $('io-status');
const progress = $<HTMLProgressElement>('progress');
const ALL_URLS = { origins: ['<all_urls>'] };

function say(text: string): void {
  status.textContent = text;
}

/** A size in the UI language's numbers; the unit symbols are the same in every language. */
function bytes(n: number | undefined): string {
  if (n === undefined) return t('sizeUnknown');
  if (n < 1024) return `${t.number(n)} B`;
  if (n < 1024 ** 2) return `${t.number(n / 1024, 1)} KB`;
  if (n < 1024 ** 3) return `${t.number(n / 1024 ** 2, 1)} MB`;
  return `${t.number(n / 1024 ** 3, 2)} GB`;
}

/** Milliseconds between two readings of the counts while the worker merges. */
const MERGE_POLL_MS = 3000;
let mergeWatch: ReturnType<typeof setTimeout> | undefined;

function renderStats(s: IndexStats): void {
  const dl = $('stats');
  clear(dl);
  // data-stat names the row whatever the language (tests and the bench read it).
  const rows: Array<[string, string, string]> = [
    ['articles', t('statArticles'), t.number(s.documents)],
    ['outlets', t('statOutlets'), t.number(s.outlets)],
    ['paragraphs', t('statParagraphs'), t.number(s.paragraphs)],
    ['storage used', t('statStorage'), bytes(s.usage)],
    ['storage left', t('statStorageLeft'), s.quota !== undefined && s.usage !== undefined ? bytes(Math.max(0, s.quota - s.usage)) : bytes(undefined)],
    ['persisted', t('statPersisted'), s.persisted === undefined ? t('sizeUnknown') : s.persisted ? t('yes') : t('no')],
  ];
  $('persist').hidden = s.persisted === true;
  for (const [stat, k, v] of rows) dl.append(el('dt', null, k), el('dd', { attrs: { 'data-stat': stat } }, v));
  // After a large import the worker merges the index's segments for a while (a minute at 100,000
  // articles): said while it runs, and the counts read again when it is done (storage used changes).
  $('merging').hidden = !s.merging;
  if (s.merging) mergeWatch ??= setTimeout(() => ((mergeWatch = undefined), void refreshStats()), MERGE_POLL_MS);
}

async function refreshStats(): Promise<void> {
  const r = await send('indexStats', {});
  if (r.ok) renderStats(r.res);
  else say(t('readIndexFailed', errorText(t, r)));
}

function renderSettings(s: Settings): void {
  $<HTMLInputElement>('auto-check').checked = s.autoCheck;
  $<HTMLInputElement>('pause').checked = s.pauseRecording;
  const list = $('denied-list');
  clear(list);
  if (!s.deniedSites.length) list.append(el('li', { class: 'hint' }, t('noSites')));
  for (const host of s.deniedSites) {
    list.append(
      el(
        'li',
        { attrs: { 'data-host': host } },
        el('span', null, host),
        button(t('removeButton'), () => void update({ deniedSites: s.deniedSites.filter((h) => h !== host) }, t('siteRemoved', host)), { attrs: { 'aria-label': t('removeSiteLabel', host) } }),
      ),
    );
  }
}

async function update(patch: Partial<Settings>, message: string): Promise<void> {
  const r = await send('setSettings', patch);
  if (!r.ok) return say(t('saveFailed', errorText(t, r)));
  renderSettings(r.res);
  say(message);
}

async function currentSettings(): Promise<Settings> {
  return call('getSettings', {});
}

$<HTMLInputElement>('auto-check').addEventListener('change', async (ev) => {
  const box = ev.target as HTMLInputElement;
  if (box.checked) {
    // Must run in the click's user gesture: request before any other await.
    let granted = false;
    try {
      granted = await browser.permissions.request(ALL_URLS);
    } catch (e) {
      say(t('permissionRequestFailed', (e as Error).message));
    }
    if (!granted) {
      box.checked = false;
      say(t('autoCheckNotGranted'));
      return;
    }
    await update({ autoCheck: true }, t('autoCheckOn'));
  } else {
    await update({ autoCheck: false }, t('autoCheckOff'));
    try {
      await browser.permissions.remove(ALL_URLS);
    } catch {
      // not granted or not removable
    }
  }
});

$<HTMLInputElement>('pause').addEventListener('change', (ev) => {
  const on = (ev.target as HTMLInputElement).checked;
  void update({ pauseRecording: on }, on ? t('recordingPaused') : t('recordingResumed'));
});

$<HTMLFormElement>('denied-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const input = $<HTMLInputElement>('denied-input');
  const host = normalizeHostname(input.value);
  if (!host) return say(t('notASiteName', input.value));
  const s = await currentSettings();
  await update({ deniedSites: [...s.deniedSites, host] }, t('siteAdded', host));
  input.value = '';
});

// --- clear ---------------------------------------------------------------------------------------
const confirmBox = $('clear-confirm');
$('clear').addEventListener('click', () => {
  confirmBox.hidden = false;
  $('clear-no').focus();
});
$('clear-no').addEventListener('click', () => {
  confirmBox.hidden = true;
  $('clear').focus();
});
$('clear-yes').addEventListener('click', async () => {
  confirmBox.hidden = true;
  const r = await send('clearIndex', {});
  if (!r.ok) return say(t('clearIndexFailed', errorText(t, r)));
  renderStats(r.res);
  say(t('indexCleared'));
  $('clear').focus();
});

// --- export --------------------------------------------------------------------------------------
$('export').addEventListener('click', async () => {
  const lines: string[] = [];
  let after: number | undefined;
  progress.hidden = false;
  progress.removeAttribute('value');
  try {
    do {
      const page = await call('exportIndex', { after, limit: 200 });
      lines.push(...page.lines);
      after = page.next;
      const n = Math.max(0, lines.length - 1);
      ioStatus.textContent = t.plural('exporting', n, n);
    } while (after !== undefined);
    // The header of the first page counted the index then; articles recorded or deleted while the
    // pages came would make the file refuse itself: the header says what the file holds.
    if (lines.length) lines[0] = headerLine((JSON.parse(lines[0]) as { params: IndexParams | null }).params, lines.length - 1);
    download(lines.join('\n') + '\n', `wiretrace-index-${new Date().toISOString().slice(0, 10)}.jsonl`, 'application/x-ndjson');
    ioStatus.textContent = t.plural('exported', lines.length - 1, lines.length - 1);
    say(t('indexExported'));
  } catch (e) {
    ioStatus.textContent = '';
    say(t('exportFailed', exceptionText(t, e)));
  } finally {
    progress.hidden = true;
  }
});

// --- storage -------------------------------------------------------------------------------------
$('persist').addEventListener('click', async () => {
  let granted = false;
  try {
    granted = await navigator.storage.persist();
  } catch {
    // not available: refused
  }
  say(granted ? t('persistGranted') : t('persistRefused'));
  await refreshStats();
});

// --- import --------------------------------------------------------------------------------------
const cancelButton = $<HTMLButtonElement>('import-cancel');
/** The import running (its id), and whether the user cancelled it. */
let running: { importId: string; cancelled: boolean } | undefined;

cancelButton.addEventListener('click', () => {
  if (!running) return;
  running.cancelled = true;
  cancelButton.disabled = true;
  void send('cancelImport', { importId: running.importId });
});

onEvent('progress', (d) => {
  // Only this page's import (another page may import at the same time).
  if (d.task !== 'import' || !running || d.importId !== running.importId) return;
  ioStatus.textContent = progressText(t, d);
  if (d.total) {
    progress.max = d.total;
    progress.value = d.done ?? 0;
  }
});

$<HTMLInputElement>('import').addEventListener('change', async (ev) => {
  const input = ev.target as HTMLInputElement;
  const file = input.files?.[0];
  if (!file) return;
  const importId = newImportId();
  const job = (running = { importId, cancelled: false });
  cancelButton.hidden = false;
  cancelButton.disabled = false;
  progress.hidden = false;
  progress.max = file.size || 1;
  progress.value = 0;
  say(t('importing', file.name));
  try {
    const result = await sendIndexFile(importId, file, {
      cancelled: () => job.cancelled,
      onChunk: (share, last) => {
        progress.value = Math.min(share * progress.max, progress.max);
        ioStatus.textContent = last ? t('importCheckingLines') : t('importReading', file.name, t.percent(share));
      },
    });
    if (result.status === 'done') {
      const msg = result.skipped ? t.plural('importedSkipped', result.documents, result.documents, result.skipped) : t.plural('imported', result.documents, result.documents);
      ioStatus.textContent = msg;
      say(msg);
    }
  } catch (e) {
    // A cancel is what the user asked for, not a failure.
    const msg = (e as { code?: string } | null)?.code === 'import-cancelled' ? exceptionText(t, e) : t('importFailed', exceptionText(t, e));
    ioStatus.textContent = msg;
    say(msg);
  } finally {
    running = undefined;
    cancelButton.hidden = true;
    progress.hidden = true;
    input.value = '';
    await refreshStats();
  }
});

setUpTeamSection(t, say);
void currentSettings().then(renderSettings, (e) => say(t('readSettingsFailed', exceptionText(t, e))));
void refreshStats();
