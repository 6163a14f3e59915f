/**
 * The syndication view's cost at N articles (2,000 by default; `npx tsx scripts/bench/syndication.ts
 * 2000`): building the graph of the whole index and drawing it.
 *
 * - Articles: the first N/2 Reuters-21578 stories (outlet "Reuters", read as the CLI reads them) and
 *   as many copies, each a Reuters story with 10% of its words edited, under one of eight outlets
 *   ("Copy Desk 1".."8"), published two hours later; every other copy carries a "(Reuters)" dateline.
 * - Node: the engine over a MemoryStore (WebAssembly signatures, as the CLI), documentsSyndication
 *   over every stored article; then the page's layout (library/syndication-layout.ts).
 * - Chromium: the same articles imported into the built extension (dist/chrome-test) through the
 *   options page; the library page opened; its catalogue's first and later article pages timed
 *   (the worker reads every article's metadata once), and the first page after the worker was
 *   stopped (as Chrome stops an idle one: it starts from the kept snapshot); then "the whole index" shown: the worker's build
 *   (JavaScript signatures, IndexedDB look-ups), and the picture's first frame with cytoscape.
 * `--catalogue-only` measures the library's lists alone. Prints a Markdown table. Needs `npm run build` first (the bench builds when dist is missing).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Engine } from '../../src/engine/engine';
import { MemoryStore } from '../../src/engine/memory-store';
import { documentsSyndication } from '../../src/engine/syndication';
import type { ArticleInput } from '../../src/engine/types';
import { layoutGraph } from '../../library/syndication-layout';
import { DIST, extensionPage, launch, stopWorkers } from '../../tests/extension/harness';
import { loadReuters } from './reuters';
import { editParagraph, fmt, median, now, ROOT, rng } from './util';

/** The little of the `chrome` global the bench uses in the library page. */
interface Runtime {
  chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };
}

const N = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 2000);
/** `--catalogue-only`: the library's lists alone (an index too large to build the whole graph of, in a bench). */
const CATALOGUE_ONLY = process.argv.includes('--catalogue-only');
const OUTLETS = 8;

async function corpus(n: number): Promise<ArticleInput[]> {
  const stories = await loadReuters(() => 'Reuters', Math.ceil(n / 2), true);
  const rand = rng(20);
  const copies = stories.slice(0, n - stories.length).map((a, i): ArticleInput => {
    const vocab = a.paragraphs.flatMap((p) => p.split(/\s+/).filter(Boolean));
    const paragraphs = a.paragraphs.map((p) => editParagraph(p, 0.1, rand, vocab));
    if (i % 2 === 0 && paragraphs.length) paragraphs[0] = `NEW YORK (Reuters) - ${paragraphs[0]}`;
    const published = new Date(Date.parse(a.published ?? '1987-03-01T00:00:00Z') + 2 * 3_600_000).toISOString();
    return { id: `copy-${i}`, outlet: `Copy Desk ${(i % OUTLETS) + 1}`, title: a.title, paragraphs, published };
  });
  return [...stories, ...copies];
}

interface Row {
  measure: string;
  value: string;
}

async function inNode(articles: ArticleInput[]): Promise<Row[]> {
  const engine = await Engine.open(new MemoryStore());
  const keys: number[] = [];
  for (const a of articles) keys.push((await engine.record(a)).key);
  const t0 = now();
  const g = await documentsSyndication(engine, keys);
  const build = now() - t0;
  const t1 = now();
  const layout = layoutGraph({ articles: g.articles, edges: g.edges.map((e) => ({ ...e, passages: e.passages.length })) });
  const lay = now() - t1;
  return [
    { measure: 'Node, MemoryStore: graph of the whole index, s (ms an article)', value: `${fmt(build / 1000, 1)} (${fmt(build / keys.length, 1)})` },
    { measure: 'edges; articles drawn', value: `${g.edges.length}; ${layout.articles.length}` },
    { measure: 'layout (lanes x time), ms', value: fmt(lay, 1) },
  ];
}

async function inChromium(articles: ArticleInput[]): Promise<Row[]> {
  if (!existsSync(resolve(DIST, 'library.html'))) spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build.ts'], { cwd: ROOT, stdio: 'inherit' });
  const h = await launch();
  try {
    const options = await h.context.newPage();
    await options.goto(extensionPage(h, 'options.html'));
    await options.waitForSelector('[data-stat="articles"]');
    const lines = articles.map((a) => JSON.stringify({ id: a.id, outlet: a.outlet, title: a.title, published: a.published, paragraphs: a.paragraphs }));
    await options.setInputFiles('#import', { name: 'bench.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(lines.join('\n') + '\n') });
    await options.waitForFunction((n) => new RegExp(`Imported ${n.toLocaleString('en')} articles`).test(document.getElementById('io-status')?.textContent ?? ''), articles.length, { timeout: 600_000 });
    const lib = await h.context.newPage();
    await lib.setViewportSize({ width: 1280, height: 1000 });
    await lib.goto(extensionPage(h, 'library.html'));
    // Catalogue: the first page reads every article's metadata; later pages do not.
    const page = (offset: number, query = '') =>
      lib.evaluate(
        async ([o, q]) => {
          const t = performance.now();
          await (globalThis as unknown as Runtime).chrome.runtime.sendMessage({ channel: 'wiretrace', type: 'libraryArticles', req: { query: q, order: 'newest', offset: o, limit: 50 } });
          return performance.now() - t;
        },
        [offset, query] as const,
      );
    const first = await page(0);
    const later: number[] = [];
    for (let i = 1; i <= 5; i++) later.push(await page(i * 50));
    const search: number[] = [];
    for (const q of ['oil', 'copy desk 3 prices', 'bank']) search.push(await page(0, q));
    // A woken worker starts from the catalogue's kept snapshot (written ~2 s after a change).
    await new Promise((ok) => setTimeout(ok, 4000));
    await stopWorkers(h, lib);
    const woken = await page(0);
    const lists = [
      { measure: 'Chromium: library catalogue, first page (reads every article), ms', value: fmt(first, 0) },
      { measure: 'first page in a woken worker (from the kept snapshot), ms', value: fmt(woken, 0) },
      { measure: 'later pages; searches, median ms', value: `${fmt(median(later), 1)}; ${fmt(median(search), 1)}` },
    ];
    if (CATALOGUE_ONLY) return lists;
    // The whole index, as the page shows it.
    await lib.check('#scope-range');
    const t0 = Date.now();
    await lib.click('#graph-go');
    await lib.waitForSelector('#syndication[data-render-ms]', { timeout: 1_800_000 });
    const wall = Date.now() - t0;
    const summary = await lib.textContent('#graph-summary');
    const built = Number(/built in ([\d.]+) s/.exec(summary ?? '')?.[1]) * 1000;
    const render = Number(await lib.getAttribute('#syndication', 'data-render-ms'));
    await lib.screenshot({ path: resolve(ROOT, 'tests/artifacts/bench-syndication.png') });
    // Shown again: kept for the same index.
    await lib.reload();
    await lib.check('#scope-range');
    const t1 = Date.now();
    await lib.click('#graph-go');
    await lib.waitForSelector('#syndication[data-render-ms]', { timeout: 600_000 });
    const again = Date.now() - t1;
    return [
      ...lists,
      { measure: 'Chromium worker: graph of the whole index, s (ms an article)', value: `${fmt(built / 1000, 1)} (${fmt(built / articles.length, 1)})` },
      { measure: 'cytoscape: first frame of the picture, ms', value: fmt(render, 0) },
      { measure: 'click to picture, s; shown again (kept), s', value: `${fmt(wall / 1000, 1)}; ${fmt(again / 1000, 1)}` },
      { measure: 'summary', value: summary ?? '' },
    ];
  } finally {
    await h.close();
  }
}

const articles = await corpus(N);
const rows = [...(CATALOGUE_ONLY ? [] : await inNode(articles)), ...(await inChromium(articles))];
console.log(`\n### Syndication view at ${articles.length.toLocaleString('en')} articles\n\n| measure | value |\n| --- | --- |`);
for (const r of rows) console.log(`| ${r.measure} | ${r.value} |`);
