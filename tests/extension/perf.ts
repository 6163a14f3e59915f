/**
 * Popup-to-report time with a large index (target: p95 <= 150 ms at 10,000 articles).
 * Not part of `npm test` (filling the index takes minutes):
 *   npm run build && npx tsx tests/extension/perf.ts [articles=10000] [runs=20]
 *
 * Fills the extension's IndexedDB from inside the service worker with synthetic articles (random
 * band keys, 15 units each, as stored by background/idb-store.ts), then opens the popup for a real
 * article page repeatedly and measures until the report is on screen.
 */
import { A_PARAGRAPHS, articlePage, B_PARAGRAPHS, C_PARAGRAPHS, fixturePages } from './fixtures';
import { launch, openPopup, openTab, serve } from './harness';

const ARTICLES = Number(process.argv[2] ?? 10_000);
const RUNS = Number(process.argv[3] ?? 20);

async function main(): Promise<void> {
  // A longer article (~20 paragraphs, ~650 words) like a typical news story, copying from A.
  const long = [...B_PARAGRAPHS, ...C_PARAGRAPHS, ...A_PARAGRAPHS.map((p) => p.replace(/the /g, 'a ')), ...C_PARAGRAPHS.map((p) => `Meanwhile, ${p}`)];
  const pages = [...fixturePages(), { path: '/copy/long.html', html: articlePage({ outlet: 'Copy Times', title: 'A long story', published: '2016-08-28T09:00:00Z', byline: 'Tom Baker', paragraphs: long }) }];
  const server = await serve(pages);
  const h = await launch();
  try {
    // Open the popup once so the extension creates its database (schema and params).
    const first = await openTab(h, `${server.origin}/wire/flood.html`);
    await (await openPopup(h, first.tabId)).close();
    const t0 = Date.now();
    // A string, not a function: tsx's name helpers do not exist inside the worker.
    await h.sw.evaluate(`(async (n) => {
      const db = await new Promise((ok, err) => {
        const r = indexedDB.open('wiretrace');
        r.onsuccess = () => ok(r.result);
        r.onerror = () => err(r.error);
      });
      const para = 'Officials said on Tuesday that the talks would continue next week after a long day of negotiations in the capital, according to people familiar with the matter.';
      let seed = 12345;
      const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0), seed || 1);
      for (let start = 0; start < n; start += 500) {
        await new Promise((ok, err) => {
          const tx = db.transaction(['documents', 'units', 'fingerprints', 'meta'], 'readwrite');
          const docs = tx.objectStore('documents');
          const units = tx.objectStore('units');
          for (let i = start; i < Math.min(n, start + 500); i++) {
            const paragraphs = Array.from({ length: 18 }, (_, k) => \`\${para} (\${i}.\${k})\`);
            const req = docs.add({ id: \`synthetic-\${i}\`, outlet: \`Outlet \${i % 200}\`, outletKey: \`outlet \${i % 200}\`, firstSeen: 1e12 + i, paragraphs, fp: new Uint32Array(18) });
            req.onsuccess = () => {
              const key = req.result;
              for (let u = 0; u < 15; u++) units.add({ doc: key, n: u, paragraph: u, bandKeys: Array.from({ length: 42 }, rnd) });
            };
          }
          tx.oncomplete = () => ok();
          tx.onerror = () => err(tx.error);
        });
      }
      db.close();
})(${ARTICLES})`);
    console.log(`filled ${ARTICLES} synthetic articles in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

    const { tabId } = await openTab(h, `${server.origin}/copy/long.html`);
    const times: number[] = [];
    const parts: Array<Record<string, number>> = [];
    for (let i = 0; i < RUNS + 2; i++) {
      const popup = await openPopup(h, tabId);
      // From the popup's navigation start to the report on screen (the popup marks it).
      const ms = await popup.evaluate(() => performance.getEntriesByName('wiretrace:rendered')[0]?.startTime ?? NaN);
      if (i >= 2) times.push(ms); // the first runs open the database and warm the engine
      if (i >= 2) {
        const marks = await popup.evaluate(() => Object.fromEntries(['wiretrace:start', 'wiretrace:answer'].map((m) => [m, performance.getEntriesByName(m)[0]?.startTime ?? NaN])));
        parts.push({ ...JSON.parse((await popup.getAttribute('body', 'data-timings')) ?? '{}'), start: marks['wiretrace:start'], answer: marks['wiretrace:answer'] - marks['wiretrace:start'], render: ms - marks['wiretrace:answer'] });
      }
      if (i === 0) console.log(`${long.length} paragraphs; state:`, await popup.getAttribute('body', 'data-state'), await popup.textContent('#summary'));
      await popup.close();
    }
    times.sort((a, b) => a - b);
    const q = (p: number) => times[Math.min(times.length - 1, Math.ceil(p * times.length) - 1)].toFixed(0);
    const med = (k: string) => parts.map((p) => p[k]).sort((a, b) => a - b)[Math.floor(parts.length / 2)];
    console.log(`medians: popup script starts at ${med('start').toFixed(0)} ms; request to answer ${med('answer').toFixed(0)} ms (in the worker: extract ${med('extract')}, check ${med('check')}, record ${med('record')}); render ${med('render').toFixed(0)} ms`);
    console.log(`popup-to-report over ${times.length} runs: p50 ${q(0.5)} ms, p95 ${q(0.95)} ms, max ${q(1)} ms`);
    const lookup = (await h.sw.evaluate(`(async () => {
      const db = await new Promise((ok) => {
        const r = indexedDB.open('wiretrace');
        r.onsuccess = () => ok(r.result);
      });
      const keys = Array.from({ length: 1000 }, (_, i) => (i * 2654435761) >>> 0);
      const t = performance.now();
      await new Promise((ok) => {
        const tx = db.transaction('units');
        const idx = tx.objectStore('units').index('bandKeys');
        for (const k of keys) idx.getAllKeys(k);
        tx.oncomplete = () => ok();
      });
      db.close();
      return performance.now() - t;
})()`)) as number;
    console.log(`raw look-up of 1,000 band keys: ${lookup.toFixed(0)} ms`);
  } finally {
    await h.close();
    await server.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
