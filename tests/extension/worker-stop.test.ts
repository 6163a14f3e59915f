/**
 * The worker stopped at random moments (as the browser stops an idle service worker), in Chromium:
 * - while a long article is being recorded after its report: the popup notices the recording never
 *   ended, checks again in a new worker, and the article ends up stored exactly once, or the popup
 *   says it was not recorded and it is not stored; never "Recording…" for ever;
 * - while an outlet is being deleted, or the index copied into its next database generation after
 *   it: each transaction goes whole or not at all, the counts agree with the articles left, and a
 *   new worker opens a whole index (an unfinished copy is dropped);
 * - while segments are merged after imports: the next worker holds every posting once, merges
 *   again after its wake, and leaves no block without a head.
 * Trials: 5 each in npm test, 20 with WIRETRACE_LONG=1. Figures go to docs/reliability.md
 * (`npm run reliability`).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadReuters } from '../../scripts/bench/reuters';
import { outletKey } from '../../src/engine/outlet';
import { count, long, medianMax, ORDER, RAW_BROWSER_TEXT, recordFigures, STOP_COLUMNS } from './figures';
import { articlePage } from './fixtures';
import { extensionPage, indexSegments, launch, mergesSettled, openTab, serve, stopWorkers, type Harness } from './harness';

const TRIALS = long ? 20 : 5;
/** The merge's trials, ~25 s each here (four imports and their merges); the record's and delete's take a few seconds. */
const MERGE_TRIALS = long ? 20 : 3;
let h: Harness;
let server: Awaited<ReturnType<typeof serve>>;
let stories: Array<{ title?: string; paragraphs: string[] }> = [];
let ui: Page;

/** A reproducible random number in [0, 1). */
let seed = 4242;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);

/** The page's rows: a record and a deletion cut by the worker's stop. */
const rows: { record?: Array<string | number>; delete?: Array<string | number>; merge?: Array<string | number> } = {};
function report(): void {
  recordFigures({
    section: 'Records and deletions cut by the worker stopping',
    order: ORDER.record,
    method: `In Chromium (\`tests/extension/worker-stop.test.ts\`), the worker stopped (CDP \`ServiceWorker.stopAllWorkers\`, as the browser stops an idle one) at a random moment: while an article of 2,000 paragraphs is recorded after its report (each trial its own article, checked in the popup), while an outlet's 1,200 imported articles are deleted, and 0-200 ms after a merge of the postings segments of four imports of 1,000 articles was seen writing. *Finished whole*: recorded once, or all deleted; *nothing of it visible*: the popup says it was not recorded and it is not stored, or nothing was deleted; *part*: a deletion stopped between its transactions (500 articles each; more than 500 at once go 2,000 a transaction and are then copied into the next database generation, so the 1,200 go whole or not at all); *lost*: an article the popup says was recorded that is not stored, a count that disagrees with the articles there, or postings lost or doubled by a merge; *raw browser text*: the popup showing the browser's own error. A deletion and a merge have no page to show words (–); a merge stopped in the middle counts as *nothing of it visible* when the next worker merged again with nothing lost. *Time*: from the stop to the popup's last word, or from the deletion's start to its answer.`,
    columns: STOP_COLUMNS,
    rows: [rows.record, rows.delete, rows.merge].filter((r) => !!r),
  });
}

type Reply<T> = { ok: boolean; res: T; code?: string };
const send = <T>(type: string, req: object) =>
  ui.evaluate(({ type, req }) => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({ channel: 'wiretrace', type, req }), { type, req }) as Promise<Reply<T>>;
const documents = async () => (await send<{ documents: number }>('indexStats', {})).res.documents;

beforeAll(async () => {
  // Enough for 20 trials of each: 370 stories an article, 1,200 an outlet (from story 1,000 on, 150 apart).
  const reuters = await loadReuters(() => 'Reuters', 8000, true);
  stories = reuters.filter((a) => a.paragraphs.length >= 3);
  // Long articles: 2,000 paragraphs each, every trial its own text (the longer the recording, the
  // more often the stop comes while it runs; the table says how often it did).
  const pages = Array.from({ length: TRIALS }, (_, i) => ({
    path: `/long/${i}.html`,
    html: articlePage({ outlet: 'Long Post', title: `Long article ${i}`, published: '2020-01-01T00:00:00Z', byline: 'A. Writer', paragraphs: stories.slice(i * 370, i * 370 + 370).flatMap((s) => s.paragraphs).slice(0, 2000) }),
  }));
  server = await serve(pages);
  h = await launch();
  ui = await h.context.newPage();
  await ui.goto(extensionPage(h, 'options.html'));
}, 120_000);

afterAll(async () => {
  await h?.close();
  await server?.close();
});

describe('the worker stopped mid-work', () => {
  it(`a record cut off by the worker's stop is finished in a new worker, or said not to be (${TRIALS} trials)`, async () => {
    const outcomes: Array<'finished' | 'nothing' | 'other'> = [];
    const times: number[] = [];
    let lost = 0;
    let raw = 0;
    let stuck = 0;
    let cut = 0;
    for (let i = 0; i < TRIALS; i++) {
      const { page, tabId } = await openTab(h, `${server.origin}/long/${i}.html`);
      const before = await documents();
      const popup = await h.context.newPage();
      await popup.goto(`chrome-extension://${h.extensionId}/popup.html?tabId=${tabId}`);
      await popup.waitForSelector('body[data-recording="pending"], body[data-recorded]', { timeout: 60_000 });
      await new Promise((r) => setTimeout(r, Math.floor(random() * 5)));
      // Whether the recording was still under way when the stop came (else the stop cut nothing).
      if ((await popup.getAttribute('body', 'data-recording')) === 'pending') cut++;
      const stopped = Date.now();
      await stopWorkers(h, page);
      await popup.waitForSelector('body[data-recording="done"], body[data-recorded]:not([data-recording="pending"])', { timeout: 60_000 });
      times.push(Date.now() - stopped);
      const recorded = await popup.getAttribute('body', 'data-recorded');
      const note = (await popup.textContent('#recording')) ?? '';
      const after = await documents();
      const stored = (await send<{ state: string }>('recordingState', { id: `${server.origin}/long/${i}.html` })).res.state;
      const added = after - before;
      outcomes.push(recorded === 'true' && stored === 'recorded' && added === 1 ? 'finished' : recorded !== 'true' && stored === 'idle' && added === 0 ? 'nothing' : 'other');
      if (recorded === 'true' && added < 1) lost++;
      if (RAW_BROWSER_TEXT.test(`${note} ${await popup.textContent('#status')}`)) raw++;
      if (/Recording this article/.test(note)) stuck++;
      if (recorded === 'true') {
        expect(stored).toBe('recorded');
        expect(after).toBe(before + 1);
      } else {
        expect(note).toMatch(/not recorded|stopped/i);
        expect(stored).toBe('idle');
        expect(after).toBe(before);
      }
      expect(note).not.toMatch(/Recording this article/);
      expect(`${note} ${await popup.textContent('#status')}`).not.toMatch(RAW_BROWSER_TEXT);
      await popup.close();
      await page.close();
    }
    rows.record = [`the worker stopped 0-5 ms after the report of a 2,000-paragraph article, while it is recorded (still recording at the stop: ${cut} of ${TRIALS})${stuck ? ` (**${stuck}** left saying "Recording…")` : ''}`, TRIALS, count(outcomes, 'finished'), count(outcomes, 'nothing'), count(outcomes, 'other'), lost, raw, medianMax(times)];
    report();
    expect(outcomes.filter((o) => o === 'finished').length).toBeGreaterThan(0);
  }, long ? 1_800_000 : 600_000);

  it(`a delete cut off by the worker's stop leaves whole batches and true counts (${TRIALS} trials)`, async () => {
    const left: number[] = [];
    const times: number[] = [];
    let lost = 0;
    const outletOf = async (i: number) => {
      const outlet = `Trial Wire ${i}`;
      const lines = stories.slice(1000 + i * 150, 1000 + i * 150 + 1200).map((s, j) => JSON.stringify({ id: `del-${i}-${j}`, outlet, title: s.title, paragraphs: s.paragraphs }));
      const imported = await send<{ status: string; documents: number }>('importIndex', { importId: `del-${i}`, seq: 0, lines, last: true });
      expect(imported.res).toMatchObject({ status: 'done', documents: lines.length });
      return outlet;
    };
    // How long a whole deletion takes here: the stops fall anywhere within it.
    const whole = await outletOf(-1);
    const w0 = Date.now();
    expect((await send<{ deleted: number }>('deleteArticles', { outletKey: outletKey(whole) })).res.deleted).toBe(1200);
    const span = Date.now() - w0;
    for (let i = 0; i < TRIALS; i++) {
      const before = await documents();
      const outlet = await outletOf(i);
      const t0 = Date.now();
      const deleting = send<{ deleted: number }>('deleteArticles', { outletKey: outletKey(outlet) }).catch(() => undefined);
      await new Promise((r) => setTimeout(r, Math.floor(random() * span)));
      await stopWorkers(h, ui);
      await deleting;
      times.push(Date.now() - t0);
      // What is left of the outlet is all of it or none (1,200 articles go by deleteLater, in one
      // transaction: batches of 2,000), whichever generation the stop left, and the counters agree.
      const leftNow = (await documents()) - before;
      left.push(leftNow);
      const again = await send<{ deleted: number; stats: { documents: number } }>('deleteArticles', { outletKey: outletKey(outlet) });
      // Counted but not there, or there but not counted.
      lost += Math.abs(again.res.deleted - leftNow) + Math.abs(again.res.stats.documents - before);
      expect([0, 1200]).toContain(leftNow);
      expect(again.res.deleted).toBe(leftNow);
      expect(again.res.stats.documents).toBe(before);
      // One generation of the index left: a copy cut off by the stop, or the old generation it
      // replaced, is deleted by the next open.
      await expect.poll(() => ui.evaluate(async () => (await indexedDB.databases()).filter((d) => /^wiretrace(\.\d+)?$/.test(d.name ?? '')).length)).toBe(1);
    }
    const part = left.filter((n) => n !== 0 && n !== 1200);
    rows.delete = [
      `the worker stopped at a random moment of the deletion of an outlet's 1,200 articles (one transaction, then the copy into the next database generation; a whole deletion took ${(span / 1000).toFixed(1)} s)${part.length ? `; left: ${[...new Set(part)].sort((a, b) => a - b).map((n) => `${n} (${count(part, n)})`).join(', ')}` : ''}`,
      TRIALS,
      count(left, 0),
      count(left, 1200),
      part.length,
      lost,
      '–',
      medianMax(times),
    ];
    report();
  }, long ? 1_800_000 : 600_000);

  it(`a merge cut off by the worker's stop loses no posting, and the next worker merges again and leaves no block without a head (${MERGE_TRIALS} trials)`, async () => {
    const stored = () => indexSegments(ui);
    const settled = () => mergesSettled(ui, 6000, 120_000);
    /** Four imports of the same 1,000 stories under fresh ids: four segments of one size class, merged after the last. */
    const importFour = async (tag: string) => {
      for (let f = 0; f < 4; f++) {
        const lines = stories.slice(0, 1000).map((s, j) => JSON.stringify({ id: `merge-${tag}-${f}-${j}`, outlet: `Merge Wire ${f}`, title: s.title, paragraphs: s.paragraphs }));
        const r = await send<{ status: string; documents: number }>('importIndex', { importId: `merge-${tag}-${f}`, seq: 0, lines, last: true });
        expect(r.res).toMatchObject({ status: 'done', documents: 1000 });
      }
    };
    // How long the merges after four imports take here, and how many postings four imports add.
    await documents(); // the worker opens (creates) the index
    const base = await settled();
    await importFour('whole');
    const w0 = Date.now();
    // The options page, opened while the merges run, says so (when it caught them) and stops saying so when they end.
    await ui.reload();
    const said = await ui.locator('#merging').isVisible();
    if (said) expect(await ui.locator('#merging').textContent()).toMatch(/Tidying the index in the background/);
    const whole = await settled();
    await expect.poll(() => ui.locator('#merging').isHidden(), { timeout: 10_000 }).toBe(true);
    const span = Math.max(500, Date.now() - w0 - 3000);
    const added = whole.postings - base.postings;
    expect(added).toBeGreaterThan(4 * 1000 * 40);
    const outcomes: Array<'finished' | 'nothing' | 'other'> = [];
    const times: number[] = [];
    let cut = 0;
    let lost = 0;
    for (let i = 0; i < MERGE_TRIALS; i++) {
      const before = await settled();
      const docs = await documents();
      await importFour(`t${i}`);
      // Until a merge has written blocks it has not published (or the merges are done), then 0-200 ms more.
      for (const t0 = Date.now(); Date.now() - t0 < span + 2000 && (await stored()).orphans === 0; );
      await new Promise((r) => setTimeout(r, Math.floor(random() * 200)));
      const atStop = await stored();
      await stopWorkers(h, ui);
      if (atStop.orphans > 0) cut++; // a merge's blocks written, not yet published
      const t0 = Date.now();
      expect(await documents()).toBe(docs + 4000); // wakes a new worker, which merges again after 5 s
      const after = await settled();
      times.push(Date.now() - t0);
      lost += Math.abs(after.postings - before.postings - added);
      outcomes.push(after.postings === before.postings + added && after.orphans === 0 ? (atStop.orphans > 0 ? 'nothing' : 'finished') : 'other');
      expect(after.postings).toBe(before.postings + added);
      expect(after.orphans).toBe(0);
      expect(after.segments).toBeLessThanOrEqual(before.segments + 1);
    }
    rows.merge = [`the worker stopped 0-200 ms after a merge was seen writing, after four imports of 1,000 articles (the merges took ${(span / 1000).toFixed(1)} s; blocks written and not published at the stop: ${cut} of ${MERGE_TRIALS})`, MERGE_TRIALS, count(outcomes, 'finished'), count(outcomes, 'nothing'), count(outcomes, 'other'), lost, '–', medianMax(times)];
    report();
  }, long ? 1_800_000 : 600_000);
});
