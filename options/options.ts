/**
 * The options page: automatic checking (asks for the optional host permission), pausing, denied
 * sites, index statistics, clear, export and import of the index file.
 */
import browser from 'webextension-polyfill';
import { call, onEvent, send, type IndexStats } from '../src/protocol';
import { normalizeHostname, type Settings } from '../src/settings';
import { button, clear, download, el } from '../popup/dom';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const status = $('status');
const ioStatus = $('io-status');
const progress = $<HTMLProgressElement>('progress');
const ALL_URLS = { origins: ['<all_urls>'] };

function say(text: string): void {
  status.textContent = text;
}

function bytes(n: number | undefined): string {
  if (n === undefined) return 'unknown';
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}

function renderStats(s: IndexStats): void {
  const dl = $('stats');
  clear(dl);
  const rows: Array<[string, string]> = [
    ['Articles', s.documents.toLocaleString('en-GB')],
    ['Outlets', s.outlets.toLocaleString('en-GB')],
    ['Paragraphs', s.paragraphs.toLocaleString('en-GB')],
    ['Storage used', bytes(s.usage)],
  ];
  for (const [k, v] of rows) dl.append(el('dt', null, k), el('dd', { attrs: { 'data-stat': k.toLowerCase() } }, v));
}

async function refreshStats(): Promise<void> {
  const r = await send('indexStats', {});
  if (r.ok) renderStats(r.res);
  else say(`Could not read the index: ${r.error}`);
}

function renderSettings(s: Settings): void {
  $<HTMLInputElement>('auto-check').checked = s.autoCheck;
  $<HTMLInputElement>('pause').checked = s.pauseRecording;
  const list = $('denied-list');
  clear(list);
  if (!s.deniedSites.length) list.append(el('li', { class: 'hint' }, 'No sites yet.'));
  for (const host of s.deniedSites) {
    list.append(
      el(
        'li',
        { attrs: { 'data-host': host } },
        el('span', null, host),
        button('Remove', () => void update({ deniedSites: s.deniedSites.filter((h) => h !== host) }, `Removed ${host}.`), { attrs: { 'aria-label': `Remove ${host}` } }),
      ),
    );
  }
}

async function update(patch: Partial<Settings>, message: string): Promise<void> {
  const r = await send('setSettings', patch);
  if (!r.ok) return say(`Could not save: ${r.error}`);
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
      say(`Could not ask for access: ${(e as Error).message}`);
    }
    if (!granted) {
      box.checked = false;
      say('Automatic checking stays off: access to pages was not granted.');
      return;
    }
    await update({ autoCheck: true }, 'Automatic checking is on.');
  } else {
    await update({ autoCheck: false }, 'Automatic checking is off.');
    try {
      await browser.permissions.remove(ALL_URLS);
    } catch {
      // not granted or not removable
    }
  }
});

$<HTMLInputElement>('pause').addEventListener('change', (ev) => {
  const on = (ev.target as HTMLInputElement).checked;
  void update({ pauseRecording: on }, on ? 'Recording is paused.' : 'Recording resumed.');
});

$<HTMLFormElement>('denied-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const input = $<HTMLInputElement>('denied-input');
  const host = normalizeHostname(input.value);
  if (!host) return say(`"${input.value}" is not a site name (try example.com).`);
  const s = await currentSettings();
  await update({ deniedSites: [...s.deniedSites, host] }, `Added ${host}.`);
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
  if (!r.ok) return say(`Could not clear the index: ${r.error}`);
  renderStats(r.res);
  say('The index is empty.');
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
      ioStatus.textContent = `Exporting… ${Math.max(0, lines.length - 1).toLocaleString('en-GB')} articles`;
    } while (after !== undefined);
    download(lines.join('\n') + '\n', `wiretrace-index-${new Date().toISOString().slice(0, 10)}.jsonl`, 'application/x-ndjson');
    ioStatus.textContent = `Exported ${(lines.length - 1).toLocaleString('en-GB')} articles.`;
    say('Index exported.');
  } catch (e) {
    ioStatus.textContent = '';
    say(`Export failed: ${(e as Error).message}`);
  } finally {
    progress.hidden = true;
  }
});

// --- import --------------------------------------------------------------------------------------
const CHUNK_CHARS = 4_000_000;

onEvent('progress', (d) => {
  if (d.task !== 'import') return;
  ioStatus.textContent = d.text;
  if (d.total) {
    progress.max = d.total;
    progress.value = d.done ?? 0;
  }
});

$<HTMLInputElement>('import').addEventListener('change', async (ev) => {
  const input = ev.target as HTMLInputElement;
  const file = input.files?.[0];
  if (!file) return;
  const importId = `${Date.now()}-${Math.random().toString(36).slice(2)}`;
  progress.hidden = false;
  progress.max = file.size || 1;
  progress.value = 0;
  say(`Importing ${file.name}…`);
  try {
    const lines = (await file.text()).split(/\r?\n/);
    if (lines.length && lines[lines.length - 1] === '') lines.pop();
    // Chunks of lines, each well under the message size limit.
    let seq = 0;
    let i = 0;
    let sent = 0;
    let result;
    do {
      const chunk: string[] = [];
      let chars = 0;
      while (i < lines.length && (chunk.length === 0 || chars + lines[i].length < CHUNK_CHARS)) {
        chars += lines[i].length;
        chunk.push(lines[i++]);
      }
      sent += chars;
      const last = i >= lines.length;
      progress.value = Math.min(sent, progress.max);
      ioStatus.textContent = last ? 'Checking every line…' : `Reading ${file.name}: ${Math.round((i / lines.length) * 100)}%`;
      result = await call('importIndex', { importId, seq: seq++, lines: chunk, last });
    } while (i < lines.length);
    if (result.status === 'done') {
      const msg = `Imported ${result.documents.toLocaleString('en-GB')} articles${result.skipped ? ` (${result.skipped.toLocaleString('en-GB')} already in the index)` : ''}.`;
      ioStatus.textContent = msg;
      say(msg);
    }
  } catch (e) {
    const msg = `Import failed, nothing was changed: ${(e as Error).message}`;
    ioStatus.textContent = msg;
    say(msg);
  } finally {
    progress.hidden = true;
    input.value = '';
    await refreshStats();
  }
});

void currentSettings().then(renderSettings, (e) => say(`Could not read the settings: ${(e as Error).message}`));
void refreshStats();
