/**
 * Section 6 of `npm run bench`: the extension itself, measured in real Chromium (Debian's
 * /usr/bin/chromium driven by playwright-core through tests/extension/harness.ts).
 *
 * - Real articles only: BBC News 2004 (outlet "BBC News"; the corpus has no dates, so article i of
 *   the seeded shuffle is given 2004-01-01 + i hours) and Reuters-21578 (outlet "Reuters", its own
 *   dates with the junk after the time cut, read as the CLI reads it: hard-wrapped lines joined into
 *   their paragraphs, as in section 2's headline). BBC bodies that repeat exactly are dropped so no
 *   held-out article has a twin in the index.
 * - They reach IndexedDB through the extension's real import path, as a user imports a corpus: a
 *   JSONL file (plain articles, no cached units: the service worker hashes every article) chosen in
 *   the options page's file input, which sends it to the worker in chunks (importThroughOptionsPage).
 *   Chunks are staged, the last one publishes the whole file in one transaction.
 * - Popup-to-report: a page served from 127.0.0.1 built from a held-out BBC article with two
 *   paragraphs of an indexed BBC article copied in (outlet "Bench Herald", published 2006); the popup
 *   is opened for it N times (popup.html?tabId=N in a tab) and the popup's own performance mark
 *   'wiretrace:rendered' (navigation start to report on screen) is read. The first two runs are warm-up and discarded (the first one also records the page). The
 *   openings run twice: right after the import (the worker still merges its segments and the
 *   browser compacts the database it just wrote, and the popup is slower) and again SETTLE_MS after
 *   the merges are done and the browser is idle (mergesSettled, browserIdle: the steady state, which
 *   the target is about).
 *   Then openings each right after ServiceWorker.stopAllWorkers (over CDP), as Chrome stops an
 *   idle worker: COLD_RUNS of the same page (its report kept in session storage), and COLD_RUNS + 1
 *   pages never checked, each loaded before the stop, so that the popup's check wakes the worker
 *   (a click after reading for a while) and its time includes the worker's start.
 * - Sizes 1,000 / 10,000 / 100,000 (WIRETRACE_BENCH_SIZES=a,b,... to choose), imported in files of
 *   at most IMPORT_MAX articles; past the corpora (~21,000 stories) edited copies of their stories
 *   under other outlets ("Wire Copy 1", 2, ...).
 * - Where a popup's time goes, for pages never checked: the popup's 'wiretrace:sent' mark (the check
 *   sent, by popup-start.js), the worker's timings (injection, extraction, check) and the answer and
 *   report marks, each part's median.
 * - Recording: more held-out BBC articles as fresh pages, each opened once in the popup; the
 *   background's reply carries its timings (extract, check) on the popup body (data-timings), and the
 *   record time follows with the worker's `recorded` event (a new article is recorded after the
 *   report is shown, so the popup time does not include it).
 * - Storage: navigator.storage.estimate() in the extension origin (its IndexedDB usage detail when
 *   Chromium gives one) before and after the imports, divided by the paragraphs stored.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { CHUNK_CHARS } from '../../src/import-chunk';
import type { Page } from 'playwright-core';
import { openActionPopup, POPUP_SETTLED } from '../../tests/extension/action-popup';
import { attachTarget, listTargets } from '../../tests/extension/target-session';
import { articlePage } from '../../tests/extension/fixtures';
import { CHROMIUM, DIST, extensionPage, launch, mergesSettled, openTab, serve, stopWorkers, type Harness } from '../../tests/extension/harness';
import { browserPid, treeCpuMs, untilIdle } from '../../tests/extension/process-memory';
import { defaultOptions } from '../../src/engine/engine';
import { outletKey } from '../../src/engine/outlet';
import { english } from '../../src/i18n-english';
import { BACKING_STORE_CLOSE_MS } from '../../background/idb-store';
import { loadReuters } from './reuters';
import { editParagraph, fmt, median, now, quantile, readJsonl, ROOT, rng, sharedPath, shuffle } from './util';

export interface BrowserRow {
  measure: string;
  value: string;
  target: string;
  /** The numbers behind `value`, for bench-results/engine.json. */
  data?: Record<string, unknown>;
}

interface BbcRow {
  id: string;
  section: string;
  title: string;
  paragraphs: string[];
}
export interface CorpusArticle {
  id: string;
  outlet: string;
  title?: string;
  published?: string;
  paragraphs: string[];
}

const SOURCES = ['src', 'background', 'content', 'popup', 'options', 'icons', 'scripts/build', 'scripts/build.ts', 'manifest.json', 'vite.config.ts', 'package.json'];
const TARGET_P95_MS = 150;
const WARMUP = 2;
/** Popup openings right after the browser stopped the service worker (as Chrome does after 30 s idle). */
const COLD_RUNS = 9;
/** Idle time between the import and the measured popups (see measureAt). */
const SETTLE_MS = 30_000;
/** After SETTLE_MS, how long the bench waits at most for the browser to go idle (untilIdle). */
const IDLE_MAX_MS = 300_000;

/**
 * Waits until the browser's process tree is idle (the database's compaction after a large import
 * can run past SETTLE_MS); the CPU it used over `sinceMs` before, as a share of one core, and how
 * long the wait took.
 */
async function browserIdle(h: Harness, cpu0: number, sinceMs: number): Promise<{ share: number; waitMs: number }> {
  const root = browserPid(h.profile);
  const share = (treeCpuMs(root) - cpu0) / sinceMs;
  return { share, waitMs: await untilIdle(root, IDLE_MAX_MS) };
}
export const PAGE_OUTLET = 'Bench Herald';
/** Articles per imported file: an import holds its articles in the worker's memory until its one commit. */
export const IMPORT_MAX = 10_000;

function newestMtime(p: string): number {
  if (!existsSync(p)) return 0;
  const s = statSync(p);
  if (!s.isDirectory()) return s.mtimeMs;
  let m = 0;
  for (const e of readdirSync(p)) if (e !== 'node_modules') m = Math.max(m, newestMtime(join(p, e)));
  return m;
}

/** Builds dist/chrome-test when it is missing or older than the sources; returns what happened. */
export function ensureBuilt(log: (s: string) => void): string {
  const built = existsSync(join(DIST, 'manifest.json')) ? Math.min(...['manifest.json', 'background.js', 'popup.html', 'options.html', 'content.js'].map((f) => (existsSync(join(DIST, f)) ? statSync(join(DIST, f)).mtimeMs : 0))) : 0;
  const sources = Math.max(...SOURCES.map((s) => newestMtime(resolve(ROOT, s))));
  if (built && built >= sources) return 'dist/chrome-test up to date';
  log(built ? 'dist/chrome-test is older than the sources: npm run build' : 'dist/chrome-test missing: npm run build');
  const r = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`npm run build failed: ${(r.stderr || r.stdout).trim().split('\n').slice(-4).join(' | ')}`);
  return 'built with npm run build';
}

const key = (a: { paragraphs: string[] }) => a.paragraphs.join('\n');

export async function loadArticles(indexed: number, heldOut: number) {
  const bbcRows = await readJsonl<BbcRow>(sharedPath('corpora/bbc-news-2004.jsonl.gz'));
  const seen = new Set<string>();
  const bbcUnique = bbcRows.filter((r) => r.paragraphs.length > 0 && !seen.has(key(r)) && (seen.add(key(r)), true));
  const bbc: CorpusArticle[] = shuffle(bbcUnique, rng(0xb6c)).map((r, i) => ({
    id: r.id,
    outlet: 'BBC News',
    title: r.title,
    published: new Date(Date.UTC(2004, 0, 1) + i * 3_600_000).toISOString(),
    paragraphs: r.paragraphs,
  }));
  // Held out (never imported): the checked page's own text (a story of 8+ paragraphs, like most
  // news pages) and the pages recorded fresh.
  const page = bbc.splice(Math.max(0, bbc.findIndex((a) => a.paragraphs.length >= 8)), 1);
  const held = [...page, ...bbc.splice(0, heldOut)];
  const bbcShare = Math.min(bbc.length, Math.round(indexed / 5));
  const reuters = (await loadReuters(() => 'Reuters', indexed - bbcShare, true)).map(
    (a): CorpusArticle => ({ id: a.id, outlet: a.outlet, title: a.title, published: a.published ? new Date(Date.parse(a.published)).toISOString() : undefined, paragraphs: a.paragraphs }),
  );
  // Interleave so that any prefix holds both outlets in the same proportion (1 BBC : 4 Reuters).
  let all: CorpusArticle[] = [];
  let b = 0;
  let r = 0;
  while (b < bbcShare || r < reuters.length) {
    if (b < bbcShare && (r >= reuters.length || b * (reuters.length + bbcShare) <= (b + r) * bbcShare)) all.push(bbc[b++]);
    else all.push(reuters[r++]);
  }
  // Past the corpora (~21,000 stories): edited copies of their stories (5% of words changed) under
  // other outlets ("Wire Copy 1", 2, ...), as wire copy is carried by many outlets.
  if (all.length < indexed) {
    const base = all;
    const rand = rng(0xc0b1);
    const vocab = base.slice(0, 200).flatMap((a) => a.paragraphs.join(' ').split(/\s+/)).filter((w) => /^[a-z]+$/.test(w));
    all = [...base];
    for (let i = 0; all.length < indexed; i++) {
      const a = base[i % base.length];
      const copy = Math.floor(i / base.length) + 1;
      all.push({ ...a, id: `${a.id}#copy${copy}`, outlet: `Wire Copy ${copy}`, paragraphs: a.paragraphs.map((p) => editParagraph(p, 0.05, rand, vocab)) });
    }
  }
  return { all, held, bbcDropped: bbcRows.length - bbcUnique.length };
}

export interface ImportResult {
  articles: number;
  chunks: number;
  ms: number;
  /** Until the page sends the last chunk: the chunks before it read, hashed and written (unpublished), all but the one before the last. */
  stagingMs: number;
  /** From the last chunk's sending to the end: the write of the chunk before it (two are in flight), the last chunk's, the publication. */
  lastMs: number;
  documents: number;
  skipped: number;
}

/**
 * Imports the articles as a user does: one JSONL file (a line an article) chosen in the options page's
 * file input, which reads it as a stream and sends it to the worker in chunks of at most CHUNK_CHARS
 * characters (src/send-index-file.ts). The file reaches the page before the clock starts (playwright
 * sets the input's file, then fires its change event); the time runs from that change event to the
 * page's end of the import (its progress bar hidden), both read with the page's own clock. The split
 * is at the last chunk's sending (the status "Checking every line…"). Two chunks are in flight, so the
 * second part holds the write of the chunk before the last too, besides the last and the publication.
 */
export async function importThroughOptionsPage(options: Page, articles: CorpusArticle[]): Promise<ImportResult> {
  const file = importFile(articles);
  await options.evaluate(IMPORT_CLOCK);
  await options.setInputFiles('#import', { name: `bench-${articles.length}.jsonl`, mimeType: 'application/x-ndjson', buffer: Buffer.from(file.text) });
  return importEnd(articles.length, file.chunks, (e) => options.evaluate(e));
}

/** An import file of `articles` (a JSON line each) and the chunks the options page cuts it into. */
export function importFile(articles: CorpusArticle[]): { text: string; chunks: number } {
  const lines = articles.map((a) => JSON.stringify(a));
  let chunks = 0;
  let chars = 0;
  for (const l of lines) {
    if (!chunks || (chars && chars + l.length >= CHUNK_CHARS)) chunks++, (chars = 0);
    chars += l.length;
  }
  return { text: `${lines.join('\n')}\n`, chunks };
}

/**
 * The options page's own clock for its next import (an expression, for Playwright and Puppeteer
 * pages alike): the input's change event, the status "Checking every line…" (the last chunk sent),
 * and the progress bar hidden (the import's end), in window.__benchImport.
 */
export const IMPORT_CLOCK = `(() => {
  const w = window;
  w.__benchImport = { start: 0, lastChunk: 0, end: 0, text: '' };
  if (w.__benchImportWatch) return;
  w.__benchImportWatch = true;
  const input = document.getElementById('import');
  const status = document.getElementById('io-status');
  const bar = document.getElementById('progress');
  input.addEventListener('change', () => { w.__benchImport.start = performance.now(); }, { capture: true });
  new MutationObserver(() => {
    const rec = w.__benchImport;
    if (rec.start && !rec.lastChunk && status.textContent === ${JSON.stringify(english('importCheckingLines'))}) rec.lastChunk = performance.now();
  }).observe(status, { childList: true, characterData: true, subtree: true });
  new MutationObserver(() => {
    const rec = w.__benchImport;
    if (bar.hidden && rec.start && !rec.end) { rec.end = performance.now(); rec.text = status.textContent; }
  }).observe(bar, { attributes: true, attributeFilter: ['hidden'] });
})()`;

/** Waits for the end of the import IMPORT_CLOCK watches (polled: an extension page's CSP refuses the eval behind waitForFunction) and reads it. */
export async function importEnd(articles: number, chunks: number, evaluate: (expression: string) => Promise<unknown>): Promise<ImportResult> {
  const until = now() + 30 * 60_000;
  while (!(await evaluate('window.__benchImport.end > 0'))) {
    if (now() > until) throw new Error(`import of ${articles} articles through the options page: no end after 30 minutes (status "${await evaluate('document.getElementById("io-status").textContent')}")`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const r = (await evaluate('window.__benchImport')) as { start: number; lastChunk: number; end: number; text: string };
  const m = /^Imported ([\d,]+) articles?(?: \(([\d,]+) already in the index\))?\.$/.exec(r.text);
  if (!m) throw new Error(`import of ${articles} articles through the options page ended with "${r.text}"`);
  const count = (s: string | undefined) => Number((s ?? '0').replace(/,/g, ''));
  const lastChunk = r.lastChunk || r.start;
  return { articles, chunks, ms: r.end - r.start, stagingMs: lastChunk - r.start, lastMs: r.end - lastChunk, documents: count(m[1]), skipped: count(m[2]) };
}


interface Usage {
  usage: number;
  indexedDB?: number;
}
async function storageUsage(options: Page): Promise<Usage> {
  return options.evaluate(async () => {
    const e = (await navigator.storage.estimate()) as StorageEstimate & { usageDetails?: Record<string, number> };
    return { usage: e.usage ?? NaN, indexedDB: e.usageDetails?.indexedDB };
  });
}
async function indexStats(options: Page): Promise<{ documents: number; paragraphs: number; units: number; outlets: number }> {
  const r = (await options.evaluate(() => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({ channel: 'wiretrace', type: 'indexStats', req: {} }))) as {
    ok: boolean;
    res: { documents: number; paragraphs: number; units: number; outlets: number };
    error?: string;
  };
  if (!r.ok) throw new Error(`indexStats: ${r.error}`);
  return r.res;
}

/**
 * Deletes the largest outlet other than the two corpora's own (else BBC News) from the index and
 * measures the delete (with the copy into the next database generation) and the IndexedDB bytes
 * before it and after the worker's next start (a stop as an idle worker's, the files closed, the
 * options page opened again), against the outlet's share of the bytes (its paragraphs' share).
 */
async function deleteOutlet(h: Harness, options: Page, articles: CorpusArticle[], usage0: Usage, log: (s: string) => void) {
  const counts = new Map<string, number>();
  for (const a of articles) counts.set(a.outlet, (counts.get(a.outlet) ?? 0) + 1);
  const others = [...counts].filter(([o]) => o !== 'BBC News' && o !== 'Reuters').sort((a, b) => b[1] - a[1]);
  const outlet = others[0]?.[0] ?? 'BBC News';
  const bytes = (u: Usage) => (u.indexedDB ?? u.usage) - (usage0.indexedDB ?? usage0.usage);
  // The least of a few readings: merges write their output before they delete their inputs.
  const settled = async () => {
    let least = Infinity;
    for (let i = 0; i < 4; i++, await options.waitForTimeout(2000)) least = Math.min(least, bytes(await storageUsage(options)));
    return least;
  };
  const before = await settled();
  const statsBefore = await indexStats(options);
  const t = now();
  const r = (await options.evaluate((k) => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({ channel: 'wiretrace', type: 'deleteArticles', req: { outletKey: k } }), outletKey(outlet))) as { ok: boolean; res: { deleted: number }; error?: string };
  const ms = now() - t;
  if (!r.ok) throw new Error(`deleteArticles: ${r.error}`);
  const rightAfter = bytes(await storageUsage(options));
  await stopWorkers(h, options);
  await options.waitForTimeout(BACKING_STORE_CLOSE_MS + 3000);
  await options.reload();
  const statsAfter = await indexStats(options);
  const after = await settled();
  const share = (statsBefore.paragraphs - statsAfter.paragraphs) / statsBefore.paragraphs;
  log(`  deleted ${outlet}: ${r.res.deleted} articles in ${fmt(ms / 1000, 1)} s; IndexedDB ${fmt(before / 2 ** 20, 1)} MiB -> ${fmt(rightAfter / 2 ** 20, 1)} right after -> ${fmt(after / 2 ** 20, 1)} after the worker's next start (share ${fmt(share * 100, 1)} %)`);
  return { outlet, deleted: r.res.deleted, ms, before, rightAfter, after, share, freed: before - after, expected: before * share };
}

export interface PopupRun {
  ms: number;
  /** The popup's own marks: its check sent, its document loaded, the worker's answer received (ms from navigation start). */
  sent: number;
  answer: number;
  loaded: number;
  state: string;
  summary: string;
  timings?: { extract: number; inject?: number; check: number; record: number; cached?: boolean };
  recorded: string | null;
}
/** Reads a finished popup's figures (an expression, for a Playwright page and a CDP-driven popup alike). */
export const READ_RUN = `(() => {
  const mark = (name) => performance.getEntriesByName(name)[0]?.startTime ?? NaN;
  const nav = performance.getEntriesByType('navigation')[0];
  const timings = document.body.getAttribute('data-timings');
  return {
    ms: mark('wiretrace:rendered'),
    sent: mark('wiretrace:sent'),
    answer: mark('wiretrace:answer'),
    loaded: nav ? nav.domContentLoadedEventEnd : NaN,
    state: document.body.getAttribute('data-state') ?? '',
    summary: (document.getElementById('status')?.textContent ?? '').trim(),
    timings: timings ? JSON.parse(timings) : undefined,
    recorded: document.body.getAttribute('data-recorded'),
  };
})()`;

/**
 * The toolbar's popup over `tab`, opened through the extension page `via` (action-popup.ts): for a
 * stopped worker, the popup's own check is what wakes it, as after a reader's click. Every popup the
 * bench opens is this one. popup.html opened in a tab of its own is not what a reader meets: its tab's
 * events wake a stopped worker before its check does, and it loads slower than the toolbar's (its
 * check sent a median 54-80 ms after it opened, where the toolbar's sends it after 37-44).
 */
export async function actionPopupRun(h: Harness, via: Page, tab: Page): Promise<PopupRun> {
  const popup = await openActionPopup(h, via, tab);
  try {
    await popup.evaluate(POPUP_SETTLED);
    return await popup.evaluate<PopupRun>(READ_RUN);
  } finally {
    await popup.close();
  }
}

interface SizeResult {
  indexed: number;
  runs: number[];
  p50: number;
  p95: number;
  max: number;
  state: string;
  summary: string;
  worker: { extract: number; check: number; record: number };
  record: { pages: number; recordMedian: number; recordMax: number; checkMedian: number; extractMedian: number; popupMedian: number; recorded: number };
  /** Popups right after the worker was stopped: its memory (the segment heads) is gone. */
  cold: { runs: number[]; checks: number[]; cached: number };
  /** Popups for pages never checked, each right after the worker was stopped. */
  coldNew: { runs: number[]; checks: number[] };
  /** The background merges after the import: ms from the import's end until done (polled every 500 ms), and the index then. */
  merges: { ms: number; segments: number; postings: number };
  /** The browser's CPU (share of a core) over SETTLE_MS after the merges, and the wait until it was idle (browserIdle). */
  settle: { share: number; waitMs: number };
  /** The same openings right after the import, while the database is still settling (merges, compaction). */
  afterImport: { runs: number[]; p50: number; p95: number; max: number };
  /** The worker's memory right after that popup (bytes; workerMemory). */
  wakeMemory: { heap: number; embedder: number; buffers: number; total: number };
  /** One more popup for a page never checked, after one more stop. */
  rebuild: { ms: number; check: number };
  /** Where the time of a popup on a page never checked goes (medians), the worker just woken and awake. */
  breakdown: { woken: Breakdown; awake: Breakdown };
}

/**
 * A popup's time in parts (medians, ms): navigation to the check sent; in the worker, injecting the
 * content script, the extraction without it, the check; the rest of the wait for the answer (the
 * worker's start or wake, the store opening, the queue, messages); the answer to the report on screen.
 */
interface Breakdown {
  sent: number;
  inject: number;
  extract: number;
  check: number;
  rest: number;
  render: number;
  total: number;
}
function breakdownOf(runs: PopupRun[]): Breakdown {
  const t = (r: PopupRun, k: 'extract' | 'inject' | 'check') => r.timings?.[k] ?? NaN;
  return {
    sent: median(runs.map((r) => r.sent)),
    inject: median(runs.map((r) => t(r, 'inject'))),
    extract: median(runs.map((r) => t(r, 'extract') - t(r, 'inject'))),
    check: median(runs.map((r) => t(r, 'check'))),
    rest: median(runs.map((r) => r.answer - r.sent - t(r, 'extract') - t(r, 'check'))),
    render: median(runs.map((r) => r.ms - r.answer)),
    total: median(runs.map((r) => r.ms)),
  };
}
const breakdownText = (b: Breakdown) =>
  `${fmt(b.total, 0)} = sent ${fmt(b.sent, 0)} + inject ${fmt(b.inject, 0)} + extract ${fmt(b.extract, 0)} + check ${fmt(b.check, 0)} + rest ${fmt(b.rest, 0)} + render ${fmt(b.render, 0)}`;

/**
 * The extension service worker's memory (bytes): its JavaScript heap in use, the embedder's (Blink)
 * heap and the backing stores of its ArrayBuffers (the segment filters), by Runtime.getHeapUsage.
 */
export async function workerMemory(h: Harness, page: Page): Promise<{ heap: number; embedder: number; buffers: number; total: number }> {
  const cdp = await h.context.newCDPSession(page);
  try {
    const sw = (await listTargets(cdp)).find((t) => t.type === 'service_worker' && t.url.startsWith('chrome-extension://'));
    if (!sw) throw new Error('no extension service worker is running');
    const worker = await attachTarget(cdp, sw.targetId);
    const reply = (await worker.call('Runtime.getHeapUsage'))!;
    if (!reply.result) throw new Error(`Runtime.getHeapUsage: ${reply.error?.message}`);
    const r = reply.result as { usedSize: number; embedderHeapUsedSize?: number; backingStorageSize?: number };
    const embedder = r.embedderHeapUsedSize ?? 0;
    const buffers = r.backingStorageSize ?? 0;
    return { heap: r.usedSize, embedder, buffers, total: r.usedSize + embedder + buffers };
  } finally {
    await cdp.detach();
  }
}

async function measureAt(h: Harness, options: Page, origin: string, indexed: number, runs: number, fresh: string[], unseen: string[], log: (s: string) => void): Promise<SizeResult> {
  const { page } = await openTab(h, `${origin}/copy.html`);
  // Right after a bulk import the worker merges the import's segments and the browser compacts the
  // database (LevelDB) for a while, and the popup is slower; then, once the merges are done and
  // SETTLE_MS idle after them, the steady state a reader meets.
  const early: PopupRun[] = [];
  const t0 = now();
  for (let i = 0; i < runs + WARMUP; i++) early.push(await actionPopupRun(h, options, page));
  const merged = await mergesSettled(options);
  const merges = { ms: now() - t0 - 6000, ...merged };
  log(`  ${indexed}: merges done ${fmt(merges.ms / 1000, 0)} s after the import: ${merged.segments} segments, ${merged.postings.toLocaleString('en-GB')} postings`);
  const cpu0 = treeCpuMs(browserPid(h.profile));
  await new Promise((r) => setTimeout(r, SETTLE_MS));
  const settle = await browserIdle(h, cpu0, SETTLE_MS);
  log(`  ${indexed}: the browser used ${fmt(settle.share * 100, 0)} % of a core over the ${SETTLE_MS / 1000} s after the merges; idle ${fmt(settle.waitMs / 1000, 0)} s later`);
  const all: PopupRun[] = [];
  for (let i = 0; i < runs + WARMUP; i++) all.push(await actionPopupRun(h, options, page));
  // Cold: the next popup wakes the worker, which reopens the database. For the page checked just
  // before, its report is kept in session storage; a page never checked is compared for real (the
  // worker reads the segment heads again).
  const cold: PopupRun[] = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    await stopWorkers(h, page);
    cold.push(await actionPopupRun(h, options, page));
  }
  // A page never checked, opened and read a while before the click: the worker, woken by the page's
  // load, is stopped (as after 30 s idle), so the popup's check wakes it and waits for its start.
  const coldNew: PopupRun[] = [];
  for (const path of unseen.slice(0, COLD_RUNS)) {
    const t = await openTab(h, `${origin}${path}`);
    await stopWorkers(h, page);
    coldNew.push(await actionPopupRun(h, options, t.page));
    await t.page.close();
  }
  // One more page never checked, after one more stop.
  const rebuildPage = await openTab(h, `${origin}${unseen[COLD_RUNS]}`);
  await stopWorkers(h, page);
  const rebuilt = await actionPopupRun(h, options, rebuildPage.page);
  const wakeMemory = await workerMemory(h, rebuildPage.page);
  await rebuildPage.page.close();
  log(`  ${indexed}: worker memory after the wake and one check: ${fmt(wakeMemory.total / 2 ** 20, 1)} MiB (heap ${fmt(wakeMemory.heap / 2 ** 20, 1)}, embedder ${fmt(wakeMemory.embedder / 2 ** 20, 1)}, array buffers ${fmt(wakeMemory.buffers / 2 ** 20, 1)})`);
  log(`  ${indexed}: after the worker stopped: same page ${cold.map((r) => fmt(r.ms, 0)).join(', ')} ms; pages never checked ${coldNew.map((r) => fmt(r.ms, 0)).join(', ')} ms; one more: ${fmt(rebuilt.ms, 0)} ms`);
  await page.close();
  const kept = all.slice(WARMUP);
  const ms = kept.map((r) => r.ms);
  const med = (k: 'extract' | 'check' | 'record') => median(kept.map((r) => r.timings?.[k] ?? NaN));
  log(`  ${indexed}: popup-to-report p50 ${fmt(quantile(ms, 0.5), 0)} ms, p95 ${fmt(quantile(ms, 0.95), 0)} ms (${all[0].state}: ${all[0].summary})`);
  // Recording: fresh pages, each checked (and so recorded) once.
  const rec: PopupRun[] = [];
  for (const path of fresh) {
    const t = await openTab(h, `${origin}${path}`);
    rec.push(await actionPopupRun(h, options, t.page));
    await t.page.close();
  }
  const r = (k: 'extract' | 'check' | 'record') => rec.map((x) => x.timings?.[k] ?? NaN);
  for (const x of [...coldNew, rebuilt, ...rec]) if (!x.timings) log(`  ${indexed}: a new page ended without timings: ${x.state}: ${x.summary}`);
  log(`  ${indexed}: new pages, popup loaded / answer / rendered (median ms): ${fmt(median(rec.map((x) => x.loaded)), 0)} / ${fmt(median(rec.map((x) => x.answer)), 0)} / ${fmt(median(rec.map((x) => x.ms)), 0)}; worker extract ${fmt(median(r('extract')), 0)}, check ${fmt(median(r('check')), 0)}, record ${fmt(median(r('record')), 0)}`);
  return {
    indexed,
    runs: ms,
    p50: quantile(ms, 0.5),
    p95: quantile(ms, 0.95),
    max: Math.max(...ms),
    state: all[0].state,
    summary: all[0].summary,
    worker: { extract: med('extract'), check: med('check'), record: med('record') },
    record: {
      pages: rec.length,
      recordMedian: median(r('record')),
      recordMax: Math.max(...r('record')),
      checkMedian: median(r('check')),
      extractMedian: median(r('extract')),
      popupMedian: median(rec.map((x) => x.ms)),
      recorded: rec.filter((x) => x.recorded === 'true').length,
    },
    wakeMemory,
    cold: { runs: cold.map((x) => x.ms), checks: cold.map((x) => x.timings?.check ?? NaN), cached: cold.filter((x) => x.timings?.cached).length },
    coldNew: { runs: coldNew.map((x) => x.ms), checks: coldNew.map((x) => x.timings?.check ?? NaN) },
    afterImport: (() => {
      const e = early.slice(WARMUP).map((x) => x.ms);
      return { runs: e, p50: quantile(e, 0.5), p95: quantile(e, 0.95), max: Math.max(...e) };
    })(),
    rebuild: { ms: rebuilt.ms, check: rebuilt.timings?.check ?? NaN },
    merges,
    settle,
    breakdown: { woken: breakdownOf([...coldNew, rebuilt]), awake: breakdownOf(rec) },
  };
}

export async function runBrowserBench(opts: { quick: boolean; log?: (s: string) => void }): Promise<BrowserRow[]> {
  const log = opts.log ?? ((s: string) => process.stderr.write(`${s}\n`));
  const load = () => os.loadavg().map((x) => x.toFixed(2)).join(', ');
  if (!existsSync('/usr/bin/chromium') && !existsSync(CHROMIUM)) {
    log(`skipped: ${CHROMIUM} is missing (apt-get install -y chromium)`);
    return [{ measure: 'in Chromium', value: `skipped: ${CHROMIUM} is missing (apt-get install -y chromium)`, target: '', data: { skipped: `${CHROMIUM} missing` } }];
  }
  const started = now();
  const loadBefore = load();
  const build = ensureBuilt(log);
  const sizes = process.env.WIRETRACE_BENCH_SIZES ? process.env.WIRETRACE_BENCH_SIZES.split(',').map(Number) : opts.quick ? [1_000] : [1_000, 10_000, 100_000];
  const runs = opts.quick ? 8 : 20;
  const freshPages = opts.quick ? 5 : 7;
  const total = sizes[sizes.length - 1];
  const tLoad = now();
  // The same held-out set in quick and 2-size runs, so they index and check the same articles; one
  // page set per size (fresh pages, pages opened cold).
  const { all, held, bbcDropped } = await loadArticles(total, 1 + Math.max(2, sizes.length) * (7 + COLD_RUNS + 1));
  const loadMs = now() - tLoad;

  // The checked page: a held-out BBC article with two paragraphs of an indexed BBC article (in the first 1,000).
  const source = all.slice(0, sizes[0]).find((a) => a.outlet === 'BBC News' && a.paragraphs.length >= 6 && a.paragraphs.slice(2, 4).every((p) => p.split(' ').length >= 25))!;
  const own = held[0];
  const copied = source.paragraphs.slice(2, 4);
  const body = [...own.paragraphs.slice(0, 2), copied[0], ...own.paragraphs.slice(2, 5), copied[1], ...own.paragraphs.slice(5)];
  const words = body.join(' ').split(/\s+/).length;
  const pages = [
    { path: '/copy.html', html: articlePage({ outlet: PAGE_OUTLET, title: own.title ?? 'A story', published: '2006-03-01T09:00:00Z', byline: 'Bench Reporter', paragraphs: body }) },
    ...held.slice(1).map((a, i) => ({ path: `/fresh/${i}.html`, html: articlePage({ outlet: PAGE_OUTLET, title: a.title ?? `Story ${i}`, published: '2006-03-02T09:00:00Z', byline: 'Bench Reporter', paragraphs: a.paragraphs }) })),
  ];
  const server = await serve(pages);
  const h = await launch();
  const rows: BrowserRow[] = [];
  try {
    const options = await h.context.newPage();
    await options.goto(extensionPage(h, 'options.html'), { waitUntil: 'load' });
    const empty = await indexStats(options); // opens (creates) the database
    const usage0 = await storageUsage(options);
    const imports: ImportResult[] = [];
    const results: SizeResult[] = [];
    const usages: Usage[] = [];
    /** The same, read again after the size's popups: the merges done, the database left to settle. */
    const laterUsages: Array<{ usage: Usage; paragraphs: number }> = [];
    const stats: Array<Awaited<ReturnType<typeof indexStats>>> = [];
    let from = 0;
    for (const [si, size] of sizes.entries()) {
      log(`  import ${size - from} articles (${from} -> ${size}) through the options page's file input, files of at most ${IMPORT_MAX}, chunks of at most ${CHUNK_CHARS} characters`);
      const parts: ImportResult[] = [];
      for (let at = from; at < size; at += IMPORT_MAX) parts.push(await importThroughOptionsPage(options, all.slice(at, Math.min(size, at + IMPORT_MAX))));
      const imp = parts.reduce((a, b) => ({
        ...a,
        articles: a.articles + b.articles,
        chunks: a.chunks + b.chunks,
        ms: a.ms + b.ms,
        stagingMs: a.stagingMs + b.stagingMs,
        lastMs: a.lastMs + b.lastMs,
        documents: a.documents + b.documents,
        skipped: a.skipped + b.skipped,
      }));
      imports.push(imp);
      log(`  imported ${imp.documents} in ${fmt(imp.ms / 1000, 1)} s (${fmt(imp.articles / (imp.ms / 1000), 0)} articles/s; ${imp.chunks} chunks: until the last is sent ${fmt(imp.stagingMs / 1000, 1)} s, then to the end ${fmt(imp.lastMs / 1000, 1)} s)`);
      usages.push(await storageUsage(options));
      stats.push(await indexStats(options));
      from = size;
      const perSize = freshPages + COLD_RUNS + 1;
      const paths = Array.from({ length: perSize }, (_, i) => `/fresh/${si * perSize + i}.html`);
      results.push(await measureAt(h, options, server.origin, size, runs, paths.slice(0, freshPages), paths.slice(freshPages), log));
      laterUsages.push({ usage: await storageUsage(options), paragraphs: (await indexStats(options)).paragraphs });
    }
    const usageEnd = await storageUsage(options);
    const statsEnd = await indexStats(options);
    const deletion = await deleteOutlet(h, options, all.slice(0, total), usage0, log);

    // Rows.
    const seconds = (now() - started) / 1000;
    rows.push({
      measure: `setup: ${build}; Chromium ${h.context.browser()?.version() ?? ''}; load average before / after (1, 5, 15 min)`,
      value: `${loadBefore} / ${load()} on ${os.cpus().length} CPUs`,
      target: '',
      data: { build, loadBefore, loadAfter: os.loadavg(), cpus: os.cpus().length, seconds },
    });
    rows.push({
      measure: `articles: BBC News 2004 ("BBC News", times 2004-01-01 + 1 h each) and Reuters-21578 ("Reuters", own dates, paragraphs as the CLI reads them), 1 : 4; ${bbcDropped} BBC exact repeats dropped; corpus read in Node`,
      value: `${fmt(loadMs / 1000, 1)} s`,
      target: '',
    });
    const bands = defaultOptions.bands;
    imports.forEach((imp, i) => {
      const units = stats[i].units - (i ? stats[i - 1].units : empty.units);
      const entries = units * bands;
      rows.push({
        measure: `import ${imp.articles.toLocaleString('en-GB')} articles through the options page's file input (files of at most ${IMPORT_MAX.toLocaleString('en-GB')} articles, read by the page and sent in ${imp.chunks} chunks of at most ${(CHUNK_CHARS / 1e6).toLocaleString('en-GB')} M characters; the worker hashes and writes each chunk, unpublished, as it comes, and the last publishes the file), from the input's change event to the page's end of the import: articles/s (wall s: until the page sends the last chunk, then to the end: the last chunk, the write of the one before it when there is one, two being in flight, and the publication)`,
        value: `${fmt(imp.articles / (imp.ms / 1000), 0)} (${fmt(imp.ms / 1000, 1)} s: ${fmt(imp.stagingMs / 1000, 1)} + ${fmt(imp.lastMs / 1000, 1)})`,
        target: '',
        data: { ...imp, units, bandKeyIndexEntries: entries },
      });
    });
    for (const r of results) {
      rows.push({
        measure: `**popup to report, ${r.indexed.toLocaleString('en-GB')} articles indexed**: ${r.runs.length} popup openings after ${WARMUP} warm-up openings (discarded; the first also records the page), ${SETTLE_MS / 1000} s after the import's background merges, a ${words}-word, ${body.length}-paragraph page from 127.0.0.1 (a held-out BBC story with 2 paragraphs of an indexed one); p50 / p95 (interpolated) / max ms from the popup's navigation start to its 'wiretrace:rendered' mark`,
        value: `${fmt(r.p50, 0)} / ${fmt(r.p95, 0)} / ${fmt(r.max, 0)}`,
        target: r.indexed >= 10_000 ? `p95 <= ${TARGET_P95_MS} ms (${r.p95 <= TARGET_P95_MS ? 'met' : '**MISSED**'})` : '',
        data: { ...r },
      });
      rows.push({
        measure: `... the same openings right after the import, while the worker merges its segments and the browser compacts the database it just wrote (p50 / p95 / max ms)`,
        value: `${fmt(r.afterImport.p50, 0)} / ${fmt(r.afterImport.p95, 0)} / ${fmt(r.afterImport.max, 0)}`,
        target: '',
        data: { ...r.afterImport },
      });
      rows.push({
        measure: `... the background merges after the import: done after (s; polled every 500 ms, the popups above running meanwhile); segments then, postings`,
        value: `${fmt(r.merges.ms / 1000, 0)} s; ${r.merges.segments} segments, ${r.merges.postings.toLocaleString('en-GB')} postings`,
        target: '',
        data: { ...r.merges },
      });
      rows.push({
        measure: `... then SETTLE_MS (${SETTLE_MS / 1000} s): the browser's CPU over it (% of a core, its whole process tree: the database compacts what the import and merges wrote), and the wait after it until the browser was idle (under 50 ms of CPU in each of 2 seconds in a row), before the popups below`,
        value: `${fmt(r.settle.share * 100, 0)} %; ${fmt(r.settle.waitMs / 1000, 0)} s`,
        target: '',
        data: { ...r.settle },
      });
      rows.push({ measure: '... in the worker (median ms): extract / check (record: none, the page is already in the index); the report shown', value: `${r.worker.extract} / ${r.worker.check}; ${r.state}: "${r.summary}"`, target: '' });
      rows.push({
        measure: `first popup after the browser stopped the service worker, ${r.indexed.toLocaleString('en-GB')} indexed: median / max ms of ${r.cold.runs.length} for the page checked just before (its report kept in session storage: ${r.cold.cached} of ${r.cold.runs.length}; the check inside, median ms), and of ${r.coldNew.runs.length + 1} pages never checked (a real check: the worker reads the segment heads again)`,
        value: `same page ${fmt(median(r.cold.runs), 0)} / ${fmt(Math.max(...r.cold.runs), 0)} (check ${fmt(median(r.cold.checks), 0)}); new pages ${fmt(median([...r.coldNew.runs, r.rebuild.ms]), 0)} / ${fmt(Math.max(...r.coldNew.runs, r.rebuild.ms), 0)} (check ${fmt(median([...r.coldNew.checks, r.rebuild.check]), 0)})`,
        target: '',
      });
      rows.push({
        measure: `record one new article, ${r.indexed.toLocaleString('en-GB')} indexed: median (max) ms of engine.record in the worker over ${r.record.pages} fresh held-out BBC pages (${r.record.recorded} recorded); check median; whole first popup median (the report is shown before the record, which follows it)`,
        value: `${fmt(r.record.recordMedian, 0)} (${fmt(r.record.recordMax, 0)}); check ${fmt(r.record.checkMedian, 0)}; popup ${fmt(r.record.popupMedian, 0)}`,
        target: '',
      });
    }
    if (opts.quick) rows.push({ measure: 'popup to report, 10,000 and 100,000 articles indexed', value: 'skipped in quick mode (run without --quick)', target: `p95 <= ${TARGET_P95_MS} ms` });
    // Side by side: how each figure moves from the smallest index to the largest.
    const side = (f: (r: SizeResult, i: number) => string) => results.map(f).join(' / ');
    const head = sizes.map((n) => n.toLocaleString('en-GB')).join(' / ');
    rows.push({ measure: `**side by side, ${head} articles**: popup on the page checked before, p50 ms`, value: side((r) => fmt(r.p50, 0)), target: '' });
    rows.push({ measure: '... popup on the page checked before, p95 ms', value: side((r) => fmt(r.p95, 0)), target: `<= ${TARGET_P95_MS} ms` });
    rows.push({ measure: '... popup on a page never checked, worker woken by the popup (stopped after the page loaded), median ms (its check inside)', value: side((r) => `${fmt(median([...r.coldNew.runs, r.rebuild.ms]), 0)} (${fmt(median([...r.coldNew.checks, r.rebuild.check]), 0)})`), target: '<= 200 ms' });
    rows.push({ measure: '... popup on a page never checked, worker awake, median ms (check inside)', value: side((r) => `${fmt(r.record.popupMedian, 0)} (${fmt(r.record.checkMedian, 0)})`), target: '<= 200 ms' });
    rows.push({
      measure: "... where that time goes, worker just woken (median ms; each part's own median, so the parts need not add up to the whole): popup page to the check sent + content script injected + extraction + check + the rest of the wait for the answer (worker start, store opening, queue, messages) + answer to report on screen",
      value: side((r) => breakdownText(r.breakdown.woken)),
      target: '',
      data: { breakdown: results.map((r) => ({ indexed: r.indexed, ...r.breakdown })) },
    });
    rows.push({ measure: '... the same, worker awake', value: side((r) => breakdownText(r.breakdown.awake)), target: '' });
    rows.push({ measure: '... record one new article, median ms', value: side((r) => fmt(r.record.recordMedian, 0)), target: '<= 20 ms' });
    rows.push({ measure: '... service worker memory after a wake and one check of a page never checked, MiB (JS heap + Blink heap + array buffers, Runtime.getHeapUsage)', value: side((r) => fmt(r.wakeMemory.total / 2 ** 20, 1)), target: '<= 100 MB' });
    rows.push({ measure: '... import, articles/s (of the articles added at that size)', value: imports.map((imp) => fmt(imp.articles / (imp.ms / 1000), 0)).join(' / '), target: '>= 1,000' });
    rows.push({
      measure: '... IndexedDB bytes per stored paragraph, all-in (usage delta from the empty profile to that size / paragraphs stored), read right after the import',
      value: usages.map((u, i) => fmt(((u.indexedDB ?? u.usage) - (usage0.indexedDB ?? usage0.usage)) / stats[i].paragraphs, 0)).join(' / '),
      target: '<= 1,000',
    });
    rows.push({
      measure: "... the same, read again after that size's popups (the merges done, the database left to settle; the articles the popups recorded counted)",
      value: laterUsages.map((l) => fmt(((l.usage.indexedDB ?? l.usage.usage) - (usage0.indexedDB ?? usage0.usage)) / l.paragraphs, 0)).join(' / '),
      target: '<= 1,000',
      data: { laterUsages },
    });
    const bytes = (u: Usage) => u.indexedDB ?? u.usage;
    const imported = all.slice(0, total);
    const textParagraphs = imported.reduce((n, a) => n + a.paragraphs.length, 0);
    const textBytes = imported.reduce((n, a) => n + a.paragraphs.reduce((m, p) => m + Buffer.byteLength(p), 0), 0);
    const what = usageEnd.indexedDB !== undefined ? 'usageDetails.indexedDB' : 'usage';
    const perPara = (bytes(usageEnd) - bytes(usage0)) / statsEnd.paragraphs;
    rows.push({
      measure: `IndexedDB bytes per stored paragraph: navigator.storage.estimate() ${what} delta in the extension origin / paragraphs stored (${statsEnd.documents.toLocaleString('en-GB')} articles, ${statsEnd.paragraphs.toLocaleString('en-GB')} paragraphs, ${statsEnd.units.toLocaleString('en-GB')} units). Includes the paragraph text, document records with their units' band keys, the postings segments with their fences and Bloom filters, fingerprint buckets, and database files not yet compacted (the staged import chunks, deleted)`,
      value: `${fmt(perPara, 0)} (${fmt((bytes(usageEnd) - bytes(usage0)) / 2 ** 20, 1)} MiB)`,
      target: '',
      data: { usage0, usages, usageEnd, stats, statsEnd, empty, perParagraph: perPara },
    });
    rows.push({
      measure: `... for scale: the imported paragraphs' text averages ${fmt(textBytes / textParagraphs, 0)} bytes (UTF-8); each paragraph brings ${fmt((statsEnd.units * bands) / statsEnd.paragraphs, 0)} postings (${fmt(statsEnd.units / statsEnd.paragraphs, 2)} units x ${bands} keys): the delta over those ${(statsEnd.units * bands).toLocaleString('en-GB')} entries, bytes per entry`,
      value: fmt((bytes(usageEnd) - bytes(usage0)) / (statsEnd.units * bands), 0),
      target: '',
    });
    if (usages.length > 1) {
      const last = usages.length - 1;
      const dl = stats[last].paragraphs - stats[0].paragraphs;
      rows.push({ measure: `... marginal, from ${sizes[0].toLocaleString('en-GB')} to ${sizes[last].toLocaleString('en-GB')} articles (${dl.toLocaleString('en-GB')} paragraphs), each estimate read right after its import`, value: fmt((bytes(usages[last]) - bytes(usages[0])) / dl, 0), target: '' });
    }
    rows.push({
      measure: `delete one outlet at ${total.toLocaleString('en-GB')} articles ("${deletion.outlet}", ${deletion.deleted.toLocaleString('en-GB')} articles, ${fmt(deletion.share * 100, 1)} % of the paragraphs) through deleteArticles: s (the deletion and the copy into the next database generation); IndexedDB MiB before / right after / after the worker's next start; freed, of its share of the bytes`,
      value: `${fmt(deletion.ms / 1000, 1)} s; ${fmt(deletion.before / 2 ** 20, 1)} / ${fmt(deletion.rightAfter / 2 ** 20, 1)} / ${fmt(deletion.after / 2 ** 20, 1)} MiB; ${fmt(deletion.freed / 2 ** 20, 1)} of ${fmt(deletion.expected / 2 ** 20, 1)} MiB`,
      // Chromium compacts an origin's files as they close at most once a day: a browser that has
      // compacted already keeps the space until then (docs/design.md).
      target: `frees its share (${fmt((100 * deletion.freed) / deletion.expected, 0)} % of it after the worker's next start${deletion.freed < deletion.expected / 2 ? '; the rest at Chromium\'s next daily compaction' : ''})`,
      data: deletion,
    });
    rows.push({ measure: 'section 6 wall time', value: `${fmt((now() - started) / 1000, 0)} s`, target: '' });
    await options.close();
  } finally {
    await h.close();
    await server.close();
  }
  return rows;
}
