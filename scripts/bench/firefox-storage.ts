/**
 * `npx tsx scripts/bench/firefox-storage.ts [articles]`: the built add-on's index in Firefox ESR
 * (tests/firefox/harness.ts: puppeteer-core over WebDriver BiDi): real Reuters stories imported
 * through the importIndex protocol (chunks of 500 lines, files of at most 10,000, as the options page
 * sends them), articles per second, and the change of navigator.storage.estimate().usage in the
 * add-on's origin per stored paragraph. The Firefox figures of docs/design.md.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, ensureFirefox, firefoxTestCopy, launchFirefox, openLauncher, sendFrom, serve } from '../../tests/firefox/harness';
import { loadReuters } from './reuters';

const N = Number(process.argv[2] ?? 5000);

ensureFirefox();
ensureBuilt();
const stories = await loadReuters(() => 'Reuters', N, true);
const lines = stories.map((a) => JSON.stringify({ id: a.id, outlet: a.outlet, title: a.title, published: a.published, paragraphs: a.paragraphs }));
const tmp = mkdtempSync(join(tmpdir(), 'wiretrace-ff-bench-'));
const addon = firefoxTestCopy(join(tmp, 'addon'));
const server = await serve([{ path: 'a.html', html: '<!doctype html><title>a</title><p>a</p>' }]);
const h = await launchFirefox(addon.dir, addon.addonId);
try {
  const first = await h.browser.newPage();
  await first.goto(`${server.origin}/a.html`);
  const launcher = await openLauncher(h, first);
  const usage = () => launcher.evaluate(async () => (await navigator.storage.estimate()).usage ?? NaN);
  await sendFrom(launcher, 'indexStats', {});
  const u0 = await usage();
  const t0 = performance.now();
  for (let at = 0; at < lines.length; at += 10_000) {
    const file = lines.slice(at, at + 10_000);
    const importId = `ff-${at}`;
    for (let seq = 0; seq * 500 < file.length; seq++) {
      const r = await sendFrom<{ ok: boolean; error?: string }>(launcher, 'importIndex', { importId, seq, lines: file.slice(seq * 500, (seq + 1) * 500), last: (seq + 1) * 500 >= file.length });
      if (!r.ok) throw new Error(`import: ${r.error}`);
    }
  }
  const ms = performance.now() - t0;
  await new Promise((r) => setTimeout(r, 5000));
  const stats = (await sendFrom<{ res: { documents: number; paragraphs: number } }>(launcher, 'indexStats', {})).res;
  const u1 = await usage();
  console.log(`Firefox: ${stats.documents} articles (${stats.paragraphs} paragraphs) imported at ${((stats.documents / ms) * 1000).toFixed(0)} articles/s; ${((u1 - u0) / stats.paragraphs).toFixed(0)} bytes a paragraph (usage ${u0} -> ${u1})`);
  const c0 = performance.now();
  await sendFrom(launcher, 'clearIndex', {});
  await new Promise((r) => setTimeout(r, 3000));
  console.log(`after clear: usage ${await usage()} (cleared in ${(performance.now() - c0 - 3000).toFixed(0)} ms)`);
} finally {
  await h.close();
  await server.close();
  rmSync(tmp, { recursive: true, force: true });
}
