/**
 * Parity of the two ways a page is read: the built extension in Chromium (the content script on the
 * page served from 127.0.0.1, as the background injects and asks it) and `wiretrace audit --json`
 * (the CLI on the same HTML file, through linkedom). Pages: every demo page (its seven articles and
 * pages, and its contents page) and all 181 real pages of ../shared/pages/article-extraction-benchmark.
 *
 * Each page must give the same paragraphs, title, publication time and outlet (an outlet the page
 * does not name is the host name of the address in the browser, of the canonical URL or else the
 * file name in the CLI), and both must agree on whether it looks like an article. The real pages are
 * served with a Content-Security-Policy that runs none of their scripts and loads nothing (a page's
 * own scripts would change its DOM in the browser, not in the CLI); the demo's pages are served as
 * they are. The demo is also checked in the order the demo records its articles (articles.json, the
 * CLI's time order): the extension's reports and the CLI's must have the same passages, sources,
 * shares and credits.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { serveStatic, type StaticServer } from '../../demo/serve';
import type { Report } from '../../src/engine/types';
import type { ExtractResult } from '../../src/extract-types';
import { CHROMIUM, launch, openTab, ROOT, type Harness } from './harness';
import { auditJson, checkTab, comparableReport, compareExtraction, extractInTab, optionsPage, type CheckAnswer, type CliRun } from './parity';

if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
const BENCH = resolve(ROOT, '../shared/pages/article-extraction-benchmark/html');
if (!existsSync(BENCH)) throw new Error(`${BENCH} is missing: the real pages are in ../shared (see ../shared/docs/data.md)`);

const DEMO = resolve(ROOT, 'demo');
const demoList = (JSON.parse(readFileSync(resolve(DEMO, 'articles.json'), 'utf8')) as { pages: Array<{ path: string; role: string }> }).pages;
const demoPages = [...demoList.map((p) => p.path), 'index.html'];
/** The demo's articles (every page but the section front and the contents page). */
const demoArticles = demoList.filter((p) => p.role !== 'not-article').length;
/** Nothing but the HTML: no script of the page runs, no image, style sheet or frame is fetched. */
const NO_SCRIPTS = { 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'" };

describe('the extension and the CLI read pages alike', () => {
  let h: Harness;
  let demo: StaticServer;
  let real: StaticServer;
  let dir: string;
  let realIds: string[];
  let tab: { page: Page; tabId: number };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wiretrace-parity-'));
    mkdirSync(join(dir, 'pages'));
    realIds = readdirSync(BENCH).filter((f) => f.endsWith('.html.gz')).map((f) => f.slice(0, -'.html.gz'.length)).sort();
    for (const id of realIds) writeFileSync(join(dir, 'pages', `${id}.html`), gunzipSync(readFileSync(join(BENCH, `${id}.html.gz`))));
    [demo, real, h] = await Promise.all([serveStatic(DEMO), serveStatic(dir, { headers: NO_SCRIPTS }), launch()]);
    // Nothing leaves the machine.
    await h.context.route((url) => /^(?:https?|wss?):/.test(url.protocol) && url.hostname !== '127.0.0.1', (route) => route.abort());
    tab = await openTab(h, `${demo.url}index.html`);
  });

  afterAll(async () => {
    await h?.close();
    await demo?.close();
    await real?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('checks the demo in its order with the same reports', async () => {
    const options = await optionsPage(h);
    const answers = new Map<string, CheckAnswer>();
    const extracted = new Map<string, ExtractResult>();
    for (const path of demoPages) {
      extracted.set(resolve(DEMO, path), await extractInTab(h, tab.page, tab.tabId, demo.url + path));
      answers.set(path, await checkTab(options, tab.tabId));
    }
    await options.close();
    const cli = await auditJson(['-r', DEMO]);
    // The page's id in the extension (its canonical URL) -> the CLI's (its path).
    const ids = new Map<string, string>();
    for (const [file, r] of extracted) if (r.status === 'ok') ids.set(r.article.id, file);
    const sourceId = (id: string) => ids.get(id) ?? id;

    const checked = demoPages.filter((p) => answers.get(p)!.status === 'report');
    expect(checked).toHaveLength(demoArticles);
    expect(cli.order).toEqual(checked.map((p) => resolve(DEMO, p)));
    expect([...cli.skipped.keys()].sort()).toEqual(demoPages.filter((p) => answers.get(p)!.status === 'not-article').map((p) => resolve(DEMO, p)).sort());
    let passages = 0;
    for (const path of checked) {
      const report = (answers.get(path) as { report: Report }).report;
      const doc = cli.documents.get(resolve(DEMO, path))!;
      expect(comparableReport(doc as unknown as Report, (id) => id), path).toEqual(comparableReport(report, sourceId));
      passages += report.passages.length;
    }
    // The demo's copies are found at all (a comparison of empty reports would prove nothing).
    expect(passages).toBeGreaterThanOrEqual(15);
    const gazette = (answers.get('northshore-gazette/lennock-floodgate-evacuation.html') as { report: Report }).report;
    expect(gazette.sources.map((s) => [s.outlet, s.credited])).toEqual([['Meridian Wire', 'yes']]);
  });

  it('extracts every demo page and all 181 real pages alike', async () => {
    const extracted = new Map<string, ExtractResult>();
    for (const path of demoPages) extracted.set(resolve(DEMO, path), await extractInTab(h, tab.page, tab.tabId, demo.url + path));
    const started = Date.now();
    for (const id of realIds) extracted.set(join(dir, 'pages', `${id}.html`), await extractInTab(h, tab.page, tab.tabId, `${real.url}pages/${id}.html`));
    const browserMs = Date.now() - started;
    const [forced, gate, demoGate] = await Promise.all([
      auditJson(['--force', '--order', 'given', '-r', DEMO, join(dir, 'pages')]),
      auditJson(['--order', 'given', join(dir, 'pages')]),
      auditJson(['--order', 'given', '-r', DEMO]),
    ]);
    const gates: CliRun = { ...gate, skipped: new Map([...gate.skipped, ...demoGate.skipped]) };
    expect(extracted.size).toBe(demoPages.length + 181);
    const differences = [...extracted].flatMap(([file, result]) => compareExtraction(file, result, forced, gates));
    const ok = [...extracted.values()].filter((r) => r.status === 'ok').length;
    console.info(`parity: ${extracted.size} pages (${ok} with article text) read alike by the extension and the CLI; the browser took ${browserMs} ms for the real pages`);
    expect(differences).toEqual([]);
    expect(ok).toBeGreaterThanOrEqual(175);
  }, 600_000);
});
