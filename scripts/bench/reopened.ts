/**
 * `npm run bench:reopened`: the popup on an index of N articles (100,000 by default) imported in one
 * go, in the browser that imported them and in one started again on its profile; beside section 6
 * of `npm run bench`, which reaches its sizes in three imports with popups recording between.
 *
 * Imports N articles (section 6's corpus, loadArticles) through the options page in files of
 * IMPORT_MAX and waits for the background merges (mergesSettled) and IDLE_MS; then the popups; then
 * closes the browser, starts it again on the same profile, waits IDLE_MS, and the popups again on
 * other pages. The popups: PAGES held-out pages never checked, each opened in the toolbar popup, first
 * each right after the worker was stopped (the popup's check wakes it), then with the worker awake
 * (after WARMUP openings not counted). Prints the medians and the parts of each popup's time as
 * section 6 names them. Environment: N, PAGES.
 */
import { rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { articlePage } from '../../tests/extension/fixtures';
import type { Page } from 'playwright-core';
import { extensionPage, launch, mergesSettled, openTab, serve, stopWorkers, type Harness } from '../../tests/extension/harness';
import { actionPopupRun, ensureBuilt, importThroughOptionsPage, IMPORT_MAX, loadArticles, PAGE_OUTLET, type PopupRun } from './browser';
import { fmt, median, now } from './util';

const N = Number(process.env.N ?? 100_000);
const PAGES = Number(process.env.PAGES ?? 9);
const WARMUP = 2;
/** Before the popups, after the merges and after a start: the browser's own work settles. */
const IDLE_MS = 8_000;

const log = (s: string) => process.stdout.write(`${s}\n`);
log(ensureBuilt(log));
const PER_ROUND = 2 * PAGES + WARMUP;
const { all, held } = await loadArticles(N, 2 * PER_ROUND + 1);
const pages = held.slice(1).map((a, i) => ({
  path: `/fresh/${i}.html`,
  html: articlePage({ outlet: PAGE_OUTLET, title: a.title ?? `Story ${i}`, published: '2006-03-02T09:00:00Z', byline: 'Bench Reporter', paragraphs: a.paragraphs }),
}));
const server = await serve(pages);
const profile = mkdtempSync(join(tmpdir(), 'wiretrace-reopened-'));

/** PAGES popups with the worker woken by each, then PAGES with it awake, on pages from `first` on. */
async function popups(h: Harness, options: Page, first: number): Promise<{ woken: PopupRun[]; awake: PopupRun[] }> {
  const popupOn = async (i: number, stop: boolean): Promise<PopupRun> => {
    const t = await openTab(h, `${server.origin}/fresh/${first + i}.html`);
    if (stop) await stopWorkers(h, t.page);
    const r = await actionPopupRun(h, options, t.page);
    await t.page.close();
    if (!r.timings) throw new Error(`a popup ended without timings: ${r.state}: ${r.summary}`);
    return r;
  };
  const woken: PopupRun[] = [];
  for (let i = 0; i < PAGES; i++) woken.push(await popupOn(i, true));
  const awake: PopupRun[] = [];
  for (let i = 0; i < PAGES + WARMUP; i++) awake.push(await popupOn(PAGES + i, false));
  return { woken, awake: awake.slice(WARMUP) };
}

function report(title: string, r: { woken: PopupRun[]; awake: PopupRun[] }): void {
  const parts = (runs: PopupRun[]) => {
    const m = (f: (r: PopupRun) => number) => fmt(median(runs.map(f)), 0);
    return `${m((r) => r.ms)} ms (${runs.map((r) => fmt(r.ms, 0)).join(', ')}); sent ${m((r) => r.sent)}, inject ${m((r) => r.timings!.inject ?? 0)}, extract ${m((r) => r.timings!.extract - (r.timings!.inject ?? 0))}, check ${m((r) => r.timings!.check)}, record ${m((r) => r.timings!.record)}`;
  };
  log(`${title}; popup to report on a page never checked, median of ${PAGES}:`);
  log(`  worker woken by the popup: ${parts(r.woken)}`);
  log(`  worker awake (after ${WARMUP} openings not counted): ${parts(r.awake)}`);
}

try {
  let h = await launch({ profile });
  let options = await h.context.newPage();
  await options.goto(extensionPage(h, 'options.html'), { waitUntil: 'load' });
  const t0 = now();
  for (let at = 0; at < N; at += IMPORT_MAX) await importThroughOptionsPage(options, all.slice(at, Math.min(N, at + IMPORT_MAX)));
  const imported = now() - t0;
  const merged = await mergesSettled(options);
  log(`imported ${N.toLocaleString('en-GB')} articles in ${fmt(imported / 1000, 0)} s; merges done ${fmt((now() - t0 - imported) / 1000, 0)} s later: ${merged.segments} segments, ${merged.postings.toLocaleString('en-GB')} postings`);
  await options.waitForTimeout(IDLE_MS);
  report(`${N.toLocaleString('en-GB')} articles, in the browser that imported them`, await popups(h, options, 0));
  await h.close();

  h = await launch({ profile });
  options = await h.context.newPage();
  await options.goto(extensionPage(h, 'options.html'), { waitUntil: 'load' });
  await options.waitForTimeout(IDLE_MS);
  report(`${N.toLocaleString('en-GB')} articles, the browser started again on its profile`, await popups(h, options, PER_ROUND));
  await h.close();
} finally {
  await server.close();
  rmSync(profile, { recursive: true, force: true });
}
