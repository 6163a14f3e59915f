/**
 * The extension build's configurations (scripts/build.ts runs the passes): pass 1, the extension
 * pages (popup.html, options.html, library.html, exercise.html, and offscreen.html, Chromium's
 * offscreen document) with shared chunks under assets/;
 * pass 2, the content script and the popup's first script as classic IIFEs (classicScriptConfig);
 * pass 3, the background for each browser as one classic script (backgroundConfig).
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type InlineConfig, type Plugin, type UserConfig } from 'vite';

export const ROOT = fileURLToPath(new URL('.', import.meta.url));
/** Where both passes write; the build then copies it per browser. */
export const STAGE_DIR = resolve(ROOT, 'dist/.stage');
/** Chrome 121+ (MV3 workers, optional_host_permissions), Firefox 142+ (the manifest's minimum). */
export const TARGETS = ['chrome121', 'firefox142'];

export const pagesConfig: UserConfig = {
  plugins: [saferCytoscape(), saferReadability(), popupStartScript()],
  root: ROOT,
  base: '/',
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: STAGE_DIR,
    emptyOutDir: true,
    target: TARGETS,
    // Readable output: store reviewers read it, and size does not matter for a local extension.
    minify: false,
    sourcemap: false,
    modulePreload: { polyfill: false },
    rollupOptions: {
      input: {
        popup: resolve(ROOT, 'popup/popup.html'),
        options: resolve(ROOT, 'options/options.html'),
        library: resolve(ROOT, 'library/library.html'),
        exercise: resolve(ROOT, 'exercise/exercise.html'),
        offscreen: resolve(ROOT, 'offscreen/offscreen.html'),
      },
      output: {
        entryFileNames: 'assets/[name]-[hash].js',
        chunkFileNames: 'assets/[name]-[hash].js',
        assetFileNames: 'assets/[name]-[hash][extname]',
      },
    },
  },
};

/**
 * Puts popup-start.js (popup/start.ts, built as a classic script in pass 2) first in popup.html's
 * head: a classic script runs as soon as it is parsed, before any stylesheet has loaded and while
 * the popup's modules are still being fetched, so the check is sent 15-30 ms sooner. Added here
 * rather than written in popup.html, where Vite would warn that it cannot bundle it.
 */
export function popupStartScript(): Plugin {
  return {
    name: 'wiretrace-popup-start-script',
    transformIndexHtml(html, ctx) {
      if (!/[\\/]popup[\\/]popup\.html$/.test(ctx.filename)) return html;
      return [{ tag: 'script', attrs: { src: '/popup-start.js' }, injectTo: 'head-prepend' }];
    },
  };
}

/**
 * Readability (bundled into the content script and the background) restores a page and unwraps
 * <noscript> images by assigning HTML strings to innerHTML. Both work on Readability's own copy of
 * the page, but addons.mozilla.org's linter flags every such assignment (UNSAFE_VAR_ASSIGNMENT). This
 * rewrites the two statements to node operations with the same effect: clones of the saved children,
 * and clones of the noscript's children (Readability gets there only when the noscript holds an image
 * element, i.e. its markup was parsed into elements; a worker has no DOMParser to parse it again). The
 * build fails if Readability's code changes, so a new version is looked at rather than silently left
 * unpatched.
 */
export function saferReadability(): Plugin {
  const edits: Array<[string, string]> = [
    ['var pageCacheHtml = page.innerHTML;', 'var pageCacheNodes = Array.from(page.childNodes, function (n) { return n.cloneNode(true); });'],
    ['page.innerHTML = pageCacheHtml;', 'page.replaceChildren.apply(page, pageCacheNodes.map(function (n) { return n.cloneNode(true); }));'],
    [
      'tmp.innerHTML = noscript.innerHTML;',
      'tmp.replaceChildren.apply(tmp, Array.from(noscript.childNodes, function (n) { return n.cloneNode(true); }));',
    ],
  ];
  return {
    name: 'wiretrace-safer-readability',
    transform(code, id) {
      if (!/[\\/]@mozilla[\\/]readability[\\/]Readability\.js$/.test(id)) return null;
      for (const [from, to] of edits) {
        if (!code.includes(from)) this.error(`Readability changed: "${from}" not found; review saferReadability() in vite.config.ts`);
        code = code.split(from).join(to);
      }
      return { code, map: null };
    },
  };
}

/**
 * cytoscape (the library page's graph) carries lodash's look-up of the global object, which ends in
 * `Function('return this')()` when neither `global` nor `self` exists. Never reached in an extension
 * page (`self` is there), but it is the Function constructor, which the extension pages' CSP forbids
 * and addons.mozilla.org's linter flags (DANGEROUS_EVAL): it becomes `globalThis`. The build fails if
 * cytoscape's code changes, so a new version is looked at rather than silently left unpatched.
 */
export function saferCytoscape(): Plugin {
  const from = "freeGlobal || freeSelf || Function('return this')()";
  return {
    name: 'wiretrace-safer-cytoscape',
    transform(code, id) {
      if (!/[\\/]cytoscape[\\/]dist[\\/]cytoscape\.esm\.mjs$/.test(id)) return null;
      if (!code.includes(from)) this.error(`cytoscape changed: "${from}" not found; review saferCytoscape() in vite.config.ts`);
      return { code: code.split(from).join('freeGlobal || freeSelf || globalThis'), map: null };
    },
  };
}

/**
 * A package's background, built on its own as one classic script (an IIFE): Chromium starts a
 * classic worker script sooner than a module one (its first line ran 15 ms after the worker's start
 * instead of 22, a message's round trip to a stopped worker 34 ms instead of 40, medians of 24
 * wakes; docs/design.md, "The background's start"). A service worker may not import() at run time,
 * so the feed parsers the background loads on first use (background/feeds/lazy-parsers.ts) are
 * bundled in, as a module initialised on its first call rather than when the worker starts
 * (codeSplitting: false). In Firefox's, Readability is in it: feed items and pages are read with it,
 * by the background page's own DOMParser (background/feeds/html-parser.ts), so that build leaves out
 * linkedom, whose HTML setters addons.mozilla.org's linter flags (background/feeds/no-linkedom.ts).
 * Chromium's worker has no DOMParser: its build puts offscreen-parsers.ts where feed-parsers.ts
 * would be, and the offscreen document (offscreen/) parses; its script carries no parser at all.
 */
export function backgroundConfig(entry: string, outDir: string, browser: 'chrome' | 'firefox'): InlineConfig {
  return {
    plugins: [saferReadability()],
    root: ROOT,
    publicDir: false,
    logLevel: 'warn',
    configFile: false,
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    resolve: {
      alias:
        browser === 'firefox'
          ? [{ find: /^.*\/src\/extract\/linkedom-document$/, replacement: resolve(ROOT, 'background/feeds/no-linkedom.ts') }]
          : // Chromium's worker has the offscreen document parse (offscreen/): no parser in its script.
            [{ find: /^\.\/feed-parsers$/, replacement: resolve(ROOT, 'background/feeds/offscreen-parsers.ts') }],
    },
    build: {
      outDir,
      emptyOutDir: true,
      target: TARGETS,
      minify: false,
      sourcemap: false,
      lib: { entry, formats: ['iife'], name: 'wiretraceBackground', fileName: () => 'background.js' },
      // Strict, as a module is: a classic script is strict only when it says so.
      rollupOptions: { output: { codeSplitting: false, strict: true } },
    },
  };
}

export function contentScriptConfig(entry: string): InlineConfig {
  return classicScriptConfig(entry, 'content.js', 'wiretraceContent');
}

/**
 * One classic script (an IIFE, no imports) built from `entry` into the stage as `fileName`: the
 * content script, and the popup's first script (popup/start.ts), which runs while the page is
 * parsed, before the popup's modules have loaded.
 */
export function classicScriptConfig(entry: string, fileName: string, name: string): InlineConfig {
  return {
    plugins: [saferReadability()],
    root: ROOT,
    publicDir: false,
    logLevel: 'warn',
    configFile: false,
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      outDir: STAGE_DIR,
      emptyOutDir: false,
      target: TARGETS,
      minify: false,
      sourcemap: false,
      lib: { entry, formats: ['iife'], name, fileName: () => fileName },
    },
  };
}

export default defineConfig(pagesConfig);
