/**
 * `npm run build`: the extension for Chrome and Firefox.
 *
 *   pass 1 (vite.config.ts)   popup.html, options.html, library.html, exercise.html + assets/;
 *                             offscreen.html, Chromium's offscreen document (not in Firefox's)
 *   pass 2                    content.js: content/content-script.ts as one classic IIFE (no imports);
 *                             popup-start.js: popup/start.ts, the popup's first script, the same way
 *   pass 3                    background.js per browser: one classic script (an IIFE); Firefox's with its
 *                             feed parsers initialised on first use and without linkedom,
 *                             Chromium's with none (vite.config.ts, backgroundConfig)
 *   icons                     drawn in code (icons/draw.ts) at 16, 32, 48, 128 px
 *   _locales/                 the message catalogues, as they are (manifest __MSG_…__, browser.i18n)
 *   per browser               dist/chrome, dist/chrome-test, dist/firefox with their manifests
 *   packages                  dist/wiretrace-chrome.zip, dist/wiretrace-firefox.zip
 *
 * The output is checked for what stores reject (eval or the Function constructor) and for what would
 * fail at run time: imports in the classic scripts, import() in the background (service workers may not).
 */
import { cp, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { build } from 'vite';
import { ICON_SIZES, renderIcon } from '../icons/draw';
import { backgroundConfig, classicScriptConfig, contentScriptConfig, pagesConfig, ROOT, STAGE_DIR } from '../vite.config';
import { manifestFor, type Manifest, type Target } from './build/manifest';
import { encodePng } from './build/png';
import { zip } from './build/zip';

const DIST = resolve(ROOT, 'dist');
const CONTENT_ENTRY = resolve(ROOT, 'content/content-script.ts');
const POPUP_START_ENTRY = resolve(ROOT, 'popup/start.ts');
/** Classic scripts: one file each, no imports (content scripts and parser-run scripts cannot import). */
const CLASSIC = ['content.js', 'popup-start.js'];
const BACKGROUND_ENTRY = resolve(ROOT, 'background/service-worker.ts');
/** Where pass 3 writes, per browser (beside the stage, so that it is copied into no package as it is). */
const BACKGROUND_DIR = { chrome: resolve(DIST, '.chrome-background'), firefox: resolve(DIST, '.firefox-background') };
const TARGETS: Target[] = ['chrome', 'chrome-test', 'firefox'];
/** The extension pages (each built from DIR/DIR.html into the top of the package). */
const PAGES = ['popup', 'options', 'library', 'exercise', 'offscreen'];
const LOCALES = resolve(ROOT, '_locales');

async function files(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await files(p)));
    else out.push(p);
  }
  return out.sort();
}

/** `src` without its block comments and line comments (bundled libraries' JSDoc names types with import('…')). */
function withoutComments(src: string): string {
  return src.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"\\])\/\/.*$/gm, '$1');
}

async function check(dir: string): Promise<void> {
  const problems: string[] = [];
  for (const f of await files(dir)) {
    if (!f.endsWith('.js')) continue;
    const src = await readFile(f, 'utf8');
    const name = relative(dir, f);
    if (/(^|[^.\w$])eval\s*\(|(^|[^.\w$])Function\s*\(/.test(src)) problems.push(`${name}: eval or the Function constructor`);
    if (CLASSIC.includes(name) && (/^\s*import[\s{*'"]/m.test(src) || /\bimport\s*\(/.test(src))) problems.push(`${name}: imports (a classic script must be one file)`);
    if (name === 'background.js' && (/^\s*import[\s{*'"]/m.test(src) || /\bimport\s*\(/.test(withoutComments(src)))) problems.push(`${name}: imports (the background must be one file; a service worker may not import() at run time)`);
  }
  if (problems.length) throw new Error(`build output rejected:\n  ${problems.join('\n  ')}`);
}

/** Removes `page` from the package in `dir`, and the assets no remaining page reaches. */
async function dropPage(dir: string, page: string): Promise<void> {
  await rm(join(dir, page));
  const pages = (await readdir(dir)).filter((f) => f.endsWith('.html'));
  const reached = new Set<string>();
  const queue = await Promise.all(pages.map((f) => readFile(join(dir, f), 'utf8')));
  while (queue.length) {
    const text = queue.pop()!;
    for (const m of text.matchAll(/(?:assets\/|\.\/)([\w.-]+\.(?:js|css))/g)) {
      if (reached.has(m[1]) || !existsSync(join(dir, 'assets', m[1]))) continue;
      reached.add(m[1]);
      queue.push(await readFile(join(dir, 'assets', m[1]), 'utf8'));
    }
  }
  for (const f of await readdir(join(dir, 'assets'))) if (!reached.has(f)) await rm(join(dir, 'assets', f));
}

async function main(): Promise<void> {
  const t0 = Date.now();
  const pkg = JSON.parse(await readFile(resolve(ROOT, 'package.json'), 'utf8')) as { version: string };
  const base = JSON.parse(await readFile(resolve(ROOT, 'manifest.json'), 'utf8')) as Manifest;

  await build({ ...pagesConfig, configFile: false });
  // Pages are built from popup/ and options/; the manifest wants them at the top.
  for (const page of PAGES) await rename(join(STAGE_DIR, page, `${page}.html`), join(STAGE_DIR, `${page}.html`));
  for (const page of PAGES) await rm(join(STAGE_DIR, page), { recursive: true, force: true });

  if (existsSync(CONTENT_ENTRY)) await build(contentScriptConfig(CONTENT_ENTRY));
  else if (process.env.CI) throw new Error(`missing ${relative(ROOT, CONTENT_ENTRY)}`);
  else console.warn(`build: WARNING ${relative(ROOT, CONTENT_ENTRY)} does not exist yet; content.js is missing`);
  await build(classicScriptConfig(POPUP_START_ENTRY, 'popup-start.js', 'wiretracePopupStart'));

  await mkdir(join(STAGE_DIR, 'icons'), { recursive: true });
  for (const size of ICON_SIZES) await writeFile(join(STAGE_DIR, 'icons', `icon-${size}.png`), encodePng(size, size, renderIcon(size)));

  await cp(LOCALES, join(STAGE_DIR, '_locales'), { recursive: true });

  for (const browser of ['chrome', 'firefox'] as const) {
    await build(backgroundConfig(BACKGROUND_ENTRY, BACKGROUND_DIR[browser], browser));
    await check(BACKGROUND_DIR[browser]);
  }

  await check(STAGE_DIR);

  for (const target of TARGETS) {
    const out = join(DIST, target);
    await rm(out, { recursive: true, force: true });
    await cp(STAGE_DIR, out, { recursive: true });
    await cp(join(BACKGROUND_DIR[target === 'firefox' ? 'firefox' : 'chrome'], 'background.js'), join(out, 'background.js'));
    await writeFile(join(out, 'manifest.json'), JSON.stringify(manifestFor(base, target, pkg.version), null, 2) + '\n');
    // Firefox's background page parses feeds itself: no offscreen document, nor the code only it used.
    if (target === 'firefox') await dropPage(out, 'offscreen.html');
  }
  for (const dir of Object.values(BACKGROUND_DIR)) await rm(dir, { recursive: true, force: true });
  for (const target of ['chrome', 'firefox'] as const) {
    const dir = join(DIST, target);
    const entries = await Promise.all((await files(dir)).map(async (f) => ({ name: relative(dir, f).split('\\').join('/'), data: await readFile(f) })));
    await writeFile(join(DIST, `wiretrace-${target}.zip`), zip(entries));
  }
  await rm(STAGE_DIR, { recursive: true, force: true });
  console.log(`build: dist/chrome, dist/chrome-test, dist/firefox and the zips in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
