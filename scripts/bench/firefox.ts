/**
 * Section 7 of `npm run bench`: the built add-on (dist/firefox) in Debian's Firefox ESR, driven by
 * puppeteer-core over WebDriver BiDi (tests/firefox/harness.ts), with the articles of section 6
 * (loadArticles: BBC News and Reuters, 1 : 4).
 *
 * - Import: the same JSONL files as section 6 (at most IMPORT_MAX articles each), chosen in the
 *   options page's file input, timed by the page's own clock (IMPORT_CLOCK: the input's change
 *   event to the progress bar hidden). Sizes 1,000 and 10,000 (1,000 only with --quick).
 * - Storage: navigator.storage.estimate().usage of the add-on's origin, right after each import,
 *   against the empty index, per paragraph stored; and after *Clear*, against the empty index.
 * - Popup to report over pages never checked, at the largest size: held-out BBC stories served from
 *   127.0.0.1, each opened once; popup.html?tabId=N opened in a tab (a test cannot click Firefox's
 *   toolbar), read by its 'wiretrace:rendered' mark from its navigation start. The background page
 *   is awake (Firefox suspends an idle event page after 30 s; each popup follows the last within it).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, ensureFirefox, firefoxTestCopy, launchFirefox, openExtensionPage, openLauncher, openPopup, sendFrom, serve, tabIdOf, until } from '../../tests/firefox/harness';
import { articlePage } from '../../tests/extension/fixtures';
import { IMPORT_CLOCK, IMPORT_MAX, importEnd, importFile, loadArticles, PAGE_OUTLET, READ_RUN, type BrowserRow, type ImportResult, type PopupRun } from './browser';
import { fmt, median, now } from './util';

/** How long after an import its storage is read again: Firefox deletes a disk probe's files after it. */
const SETTLE_MS = 10_000;
/** Pages never checked, opened once each in the popup at the largest size. */
const FRESH = 9;

interface Stats {
  documents: number;
  paragraphs: number;
}

export async function runFirefoxBench(opts: { quick: boolean; log?: (s: string) => void }): Promise<BrowserRow[]> {
  const log = opts.log ?? ((s: string) => process.stderr.write(`${s}\n`));
  try {
    ensureFirefox();
  } catch (e) {
    const why = (e as Error).message;
    log(`skipped: ${why}`);
    return [{ measure: 'in Firefox', value: `skipped: ${why}`, target: '', data: { skipped: why } }];
  }
  ensureBuilt();
  const sizes = opts.quick ? [1_000] : [1_000, 10_000];
  const total = sizes[sizes.length - 1];
  const fresh = opts.quick ? 5 : FRESH;
  const { all, held } = await loadArticles(total, fresh);
  const pages = held.slice(0, fresh).map((a, i) => ({
    path: `fresh/${i}.html`,
    html: articlePage({ outlet: PAGE_OUTLET, title: a.title ?? `Story ${i}`, published: '2006-03-02T09:00:00Z', byline: 'Bench Reporter', paragraphs: a.paragraphs }),
  }));
  const tmp = mkdtempSync(join(os.tmpdir(), 'wiretrace-ff-bench-'));
  const addon = firefoxTestCopy(join(tmp, 'addon'));
  const server = await serve([{ path: 'start.html', html: '<!doctype html><title>start</title><p>start</p>' }, ...pages]);
  const h = await launchFirefox(addon.dir, addon.addonId);
  const rows: BrowserRow[] = [];
  try {
    const first = await h.browser.newPage();
    await first.goto(`${server.origin}/start.html`);
    const launcher = await openLauncher(h, first);
    const usage = async () => (await launcher.evaluate(async () => (await navigator.storage.estimate()).usage ?? NaN)) as number;
    const stats = async () => {
      const r = await sendFrom<{ ok: boolean; res: Stats; error?: string }>(launcher, 'indexStats', {});
      if (!r.ok) throw new Error(`indexStats: ${r.error}`);
      return r.res;
    };
    const empty = await stats(); // opens (creates) the database
    const usage0 = await usage();
    const options = await openExtensionPage(h, launcher, 'options.html', 'options');
    await until(options, () => document.readyState === 'complete' && document.getElementById('import') !== null, undefined, 'the options page');
    const version = await h.browser.version();

    let from = 0;
    let before = empty;
    for (const size of sizes) {
      const parts: ImportResult[] = [];
      for (let at = from; at < size; at += IMPORT_MAX) {
        const articles = all.slice(at, Math.min(size, at + IMPORT_MAX));
        const file = importFile(articles);
        const path = join(tmp, `bench-${at}.jsonl`);
        writeFileSync(path, file.text);
        await options.evaluate(IMPORT_CLOCK);
        const input = await options.$('#import');
        if (!input) throw new Error('the options page has no #import input');
        await (input as unknown as { uploadFile(path: string): Promise<void> }).uploadFile(path);
        parts.push(await importEnd(articles.length, file.chunks, (e) => options.evaluate(e)));
        rmSync(path);
      }
      const ms = parts.reduce((s, p) => s + p.ms, 0);
      const documents = parts.reduce((s, p) => s + p.documents, 0);
      const chunks = parts.reduce((s, p) => s + p.chunks, 0);
      const after = await stats();
      const used = await usage();
      const paragraphs = after.paragraphs - empty.paragraphs;
      const perParagraph = (used - usage0) / paragraphs;
      await new Promise((r) => setTimeout(r, SETTLE_MS));
      const settled = await usage();
      const perParagraphSettled = (settled - usage0) / paragraphs;
      log(`  imported ${documents} (${from} -> ${size}) in ${fmt(ms / 1000, 1)} s, ${fmt((size - from) / (ms / 1000), 0)} articles/s; ${fmt(perParagraph, 0)} bytes a paragraph, ${fmt(perParagraphSettled, 0)} ${SETTLE_MS / 1000} s later`);
      rows.push({
        measure: `import ${(size - from).toLocaleString('en-GB')} articles (${from.toLocaleString('en-GB')} -> ${size.toLocaleString('en-GB')}) through the options page's file input (files of at most ${IMPORT_MAX.toLocaleString('en-GB')} articles, ${chunks} chunks), from the input's change event to the page's end of the import: articles/s (wall s)`,
        value: `${fmt((size - from) / (ms / 1000), 0)} (${fmt(ms / 1000, 1)} s)`,
        target: '>= 1,000 (in Chromium)',
        data: { size, from, ms, documents, chunks, parts },
      });
      rows.push({
        measure: `storage at ${size.toLocaleString('en-GB')} articles: change of navigator.storage.estimate().usage since the empty index, per paragraph stored (${paragraphs.toLocaleString('en-GB')} paragraphs), read right after the import / ${SETTLE_MS / 1000} s later`,
        value: `${fmt(perParagraph, 0)} / ${fmt(perParagraphSettled, 0)} bytes (${fmt((used - usage0) / 2 ** 20, 1)} / ${fmt((settled - usage0) / 2 ** 20, 1)} MiB)`,
        target: '<= 1,000 (in Chromium)',
        data: { size, usage0, usage: used, settled, paragraphs, perParagraph, perParagraphSettled },
      });
      if (after.documents - before.documents !== documents) throw new Error(`import to ${size}: the index grew by ${after.documents - before.documents} articles, the page said ${documents}`);
      before = after;
      from = size;
    }

    // Popups over pages never checked, the background page awake.
    const runs: PopupRun[] = [];
    for (const p of pages) {
      const tab = await h.browser.newPage();
      const url = `${server.origin}/${p.path}`;
      await tab.goto(url);
      const popup = await openPopup(h, launcher, await tabIdOf(launcher, url), 'popup');
      runs.push((await popup.evaluate(READ_RUN)) as PopupRun);
      await popup.close();
      await tab.close();
    }
    const bad = runs.filter((r) => r.state !== 'nothing-found' && r.state !== 'found');
    if (bad.length) throw new Error(`a popup did not show a report: ${JSON.stringify(bad[0])}`);
    const ms = runs.map((r) => r.ms);
    log(`  popups over pages never checked: ${ms.map((m) => fmt(m, 0)).join(' ')} ms`);
    rows.push({
      measure: `popup to report on a page never checked, ${total.toLocaleString('en-GB')} articles indexed, the background page awake: ${runs.length} held-out BBC stories from 127.0.0.1, each opened once in popup.html?tabId=N in a tab; median (min-max) ms from the popup's navigation start to its 'wiretrace:rendered' mark (check sent at, median)`,
      value: `${fmt(median(ms), 0)} (${fmt(Math.min(...ms), 0)}-${fmt(Math.max(...ms), 0)}; sent ${fmt(median(runs.map((r) => r.sent)), 0)})`,
      target: '<= 200 (in Chromium, at 100,000)',
      data: { runs },
    });

    // Clear: the space comes back.
    const full = await usage();
    const t = now();
    const cleared = await sendFrom<{ ok: boolean; error?: string }>(launcher, 'clearIndex', {});
    if (!cleared.ok) throw new Error(`clearIndex: ${cleared.error}`);
    const clearMs = now() - t;
    await new Promise((r) => setTimeout(r, 3000));
    const left = await usage();
    log(`  cleared in ${fmt(clearMs, 0)} ms: usage ${fmt(full / 2 ** 20, 1)} MiB -> ${fmt(left / 2 ** 20, 2)} MiB (empty index ${fmt(usage0 / 2 ** 20, 2)} MiB)`);
    rows.push({
      measure: `*Clear* at ${total.toLocaleString('en-GB')} articles: ms; usage 3 s later against the empty index`,
      value: `${fmt(clearMs, 0)} ms; ${fmt((left - usage0) / 2 ** 20, 2)} MiB above (${fmt(full / 2 ** 20, 1)} MiB before)`,
      target: 'within 1 MiB',
      data: { clearMs, full, left, usage0 },
    });
    rows.unshift({
      measure: `setup: Firefox ${version}, the built add-on (dist/firefox); load average after (1, 5, 15 min)`,
      value: `${os.loadavg().map((x) => x.toFixed(2)).join(', ')} on ${os.cpus().length} CPUs`,
      target: '',
    });
    return rows;
  } finally {
    await h.close();
    await server.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}
