/**
 * Which HTML parser the extension's background reads feed items and pages with, measured where it
 * runs: `npx tsx scripts/bench/sw-html-parsers.ts [--domino DIR] [--no-firefox]`.
 *
 * A throwaway extension (html-parsers-probe.ts as its background: Chromium's service worker, Firefox's
 * background page) reads the 181 real pages of ../shared/pages/article-extraction-benchmark and the
 * demo's pages with each parser that runs there, then src/extract as a feed poll does:
 *   linkedom     (the project's; Node and every background)
 *   domino       (@mixmark-io/domino, when --domino names its package directory: it is no dependency,
 *                 install it anywhere, e.g. `npm i --prefix /tmp/d @mixmark-io/domino`)
 *   DOMParser    (the browser's own, where the background has one: Firefox, not Chromium's worker)
 * and prints, per browser and parser: the pages read exactly as linkedom reads them in Node (which
 * tests/extension/parity.test.ts holds equal to the content script in the browser), the time to
 * parse and to extract a page (median and 95th percentile, after a warm-up pass), and the bundled
 * size of the parser. jsdom and happy-dom need Node's modules and do not load in a worker; an
 * offscreen document (a DOMParser for Chromium) needs the `offscreen` permission.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import type { Page } from 'puppeteer-core';
import { build } from 'vite';
import { saferReadability } from '../../vite.config';
import { htmlDocument } from '../../src/extract/linkedom-document';
import { CHROMIUM } from '../../tests/extension/harness';
import { ensureFirefox, launchFirefox, openLauncher, serve } from '../../tests/firefox/harness';
import { digestOf, type ParserName, type ProbeRow } from './html-parsers-probe';
import { median, quantile, ROOT, sharedPath } from './util';

const args = process.argv.slice(2);
const dominoDir = args.includes('--domino') ? resolve(args[args.indexOf('--domino') + 1]) : undefined;
const withFirefox = !args.includes('--no-firefox');
const BATCH = 20;
const ADDON_ID = 'parser-bench@wiretrace.org';

interface PageIn {
  url: string;
  html: string;
}

function loadPages(): PageIn[] {
  const bench = join(sharedPath('pages/article-extraction-benchmark'), 'html');
  const pages = readdirSync(bench)
    .filter((f) => f.endsWith('.html.gz'))
    .sort()
    .map((f) => ({ url: `http://127.0.0.1/bench/${f.replace(/\.gz$/, '')}`, html: gunzipSync(readFileSync(join(bench, f))).toString('utf8') }));
  const demo = JSON.parse(readFileSync(resolve(ROOT, 'demo/articles.json'), 'utf8')) as { pages: Array<{ path: string }> };
  for (const p of demo.pages) pages.push({ url: `http://127.0.0.1/demo/${p.path}`, html: readFileSync(resolve(ROOT, 'demo', p.path), 'utf8') });
  return pages;
}

/** The bundled size of a module that only imports the parser, in KB (unminified, as the extension ships). */
async function parserSize(dir: string, name: string, code: string, alias: Record<string, string> = {}): Promise<number> {
  // Beside the project's node_modules, where the parser is found.
  const entry = join(ROOT, 'dist', `.${name}-size.ts`);
  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  writeFileSync(entry, code);
  await build({ configFile: false, logLevel: 'silent', resolve: { alias }, build: { outDir: join(dir, `${name}-size`), emptyOutDir: true, minify: false, lib: { entry, formats: ['es'], fileName: () => 'out.js' } } });
  rmSync(entry, { force: true });
  return statSync(join(dir, `${name}-size`, 'out.js')).size / 1024;
}

async function buildProbe(dir: string): Promise<void> {
  let prelude = '';
  if (dominoDir) {
    await build({ configFile: false, logLevel: 'silent', build: { outDir: join(dir, 'domino'), emptyOutDir: true, minify: false, lib: { entry: join(dominoDir, 'lib/index.js'), formats: ['iife'], name: 'wiretraceDomino', fileName: () => 'domino.js' } } });
    prelude = `${readFileSync(join(dir, 'domino', 'domino.js'), 'utf8')}\nglobalThis.wiretraceDomino = wiretraceDomino;\n`;
  }
  await build({
    configFile: false,
    logLevel: 'silent',
    root: ROOT,
    // Readability as the extension's background has it.
    plugins: [saferReadability()],
    build: { outDir: join(dir, 'probe'), emptyOutDir: true, minify: false, target: ['chrome121', 'firefox140'], lib: { entry: resolve(ROOT, 'scripts/bench/html-parsers-probe.ts'), formats: ['es'], fileName: () => 'background.js' } },
  });
  const background = prelude + readFileSync(join(dir, 'probe', 'background.js'), 'utf8');
  const base = { manifest_version: 3, name: 'Wiretrace parser bench', version: '1.0' };
  for (const [target, manifest] of [
    ['chrome', { ...base, background: { service_worker: 'background.js', type: 'module' } }],
    [
      'firefox',
      {
        ...base,
        background: { scripts: ['background.js'], type: 'module' },
        host_permissions: ['http://127.0.0.1/*'],
        web_accessible_resources: [{ resources: ['popup.html'], matches: ['http://127.0.0.1/*'] }],
        browser_specific_settings: { gecko: { id: ADDON_ID, strict_min_version: '140.0', data_collection_permissions: { required: ['none'] } } },
      },
    ],
  ] as const) {
    mkdirSync(join(dir, target), { recursive: true });
    writeFileSync(join(dir, target, 'background.js'), background);
    writeFileSync(join(dir, target, 'manifest.json'), JSON.stringify(manifest, null, 2));
    writeFileSync(join(dir, target, 'popup.html'), '<!doctype html><meta charset="utf-8"><title>bench</title>');
  }
}

type Runner = { available(): Promise<ParserName[]>; run(pages: PageIn[], name: ParserName): Promise<ProbeRow[]>; close(): Promise<void> };

async function chromiumRunner(dir: string): Promise<Runner> {
  const profile = mkdtempSync(join(tmpdir(), 'wiretrace-parsers-'));
  const ext = join(dir, 'chrome');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [`--disable-extensions-except=${ext}`, `--load-extension=${ext}`, '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  type Api = { wiretraceParsers: { available(): ParserName[]; run(p: PageIn[], n: ParserName): ProbeRow[] } };
  return {
    available: () => sw.evaluate(() => (globalThis as unknown as Api).wiretraceParsers.available()),
    run: (pages, name) => sw.evaluate(([p, n]) => (globalThis as unknown as Api).wiretraceParsers.run(p, n), [pages, name] as const),
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

async function firefoxRunner(dir: string): Promise<Runner> {
  ensureFirefox();
  const h = await launchFirefox(join(dir, 'firefox'), ADDON_ID);
  const server = await serve([{ path: 'index.html', html: '<!doctype html><title>bench</title><p>bench</p>' }]);
  const page = await h.browser.newPage();
  await page.goto(`${server.origin}/index.html`);
  const launcher: Page = await openLauncher(h, page);
  type Api = { browser: { runtime: { getBackgroundPage(): Promise<{ wiretraceParsers: { available(): ParserName[]; run(p: PageIn[], n: ParserName): ProbeRow[] } }> } } };
  return {
    available: () => launcher.evaluate(async () => [...(await (globalThis as unknown as Api).browser.runtime.getBackgroundPage()).wiretraceParsers.available()]),
    run: (pages, name) =>
      launcher.evaluate(async (p, n) => {
        const bg = await (globalThis as unknown as Api).browser.runtime.getBackgroundPage();
        return JSON.parse(JSON.stringify(bg.wiretraceParsers.run(p, n))) as ProbeRow[];
      }, pages, name),
    close: async () => {
      await h.close();
      await server.close();
    },
  };
}

async function measure(runner: Runner, pages: PageIn[], reference: string[]): Promise<Array<{ parser: ParserName; alike: number; parse: number[]; extract: number[] }>> {
  const out = [];
  for (const parser of await runner.available()) {
    await runner.run(pages.slice(0, BATCH), parser); // warm-up
    const rows: ProbeRow[] = [];
    for (let i = 0; i < pages.length; i += BATCH) rows.push(...(await runner.run(pages.slice(i, i + BATCH), parser)));
    out.push({ parser, alike: rows.filter((r, i) => r.digest === reference[i]).length, parse: rows.map((r) => r.parseMs), extract: rows.map((r) => r.extractMs) });
  }
  return out;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'wiretrace-parser-bench-'));
  try {
    const pages = loadPages();
    const reference = pages.map((p) => digestOf(htmlDocument(p.html, p.url), p.url));
    await buildProbe(dir);
    const sizes: Record<string, number> = { linkedom: await parserSize(dir, 'linkedom', "import { parseHTML } from 'linkedom';\nObject.assign(globalThis, { p: parseHTML });\n") };
    if (dominoDir) sizes.domino = await parserSize(dir, 'domino', "import * as d from 'domino-pkg';\nObject.assign(globalThis, { p: d });\n", { 'domino-pkg': join(dominoDir, 'lib/index.js') });
    sizes.domparser = 0;
    console.log(`${pages.length} pages (${(pages.reduce((n, p) => n + p.html.length, 0) / 1e6).toFixed(1)} M characters)\n`);
    console.log('| browser | parser | pages read as linkedom reads them in Node | parse, median / p95 ms | extract, median / p95 ms | all pages, s | parser bundled, KB |');
    console.log('| --- | --- | --- | --- | --- | --- | --- |');
    const browsers: Array<[string, (d: string) => Promise<Runner>]> = [['Chromium (service worker)', chromiumRunner]];
    if (withFirefox) browsers.push(['Firefox ESR (background page)', firefoxRunner]);
    for (const [label, start] of browsers) {
      const runner = await start(dir);
      try {
        for (const r of await measure(runner, pages, reference)) {
          const total = r.parse.reduce((a, b) => a + b, 0) + r.extract.reduce((a, b) => a + b, 0);
          const ms = (xs: number[]) => `${median(xs).toFixed(1)} / ${quantile(xs, 0.95).toFixed(1)}`;
          console.log(`| ${label} | ${r.parser} | ${r.alike} of ${pages.length} | ${ms(r.parse)} | ${ms(r.extract)} | ${(total / 1000).toFixed(2)} | ${r.parser === 'domparser' ? '0 (built in)' : sizes[r.parser].toFixed(0)} |`);
        }
      } finally {
        await runner.close();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
