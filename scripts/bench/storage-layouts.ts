/**
 * `npx tsx scripts/bench/storage-layouts.ts [articles]`: IndexedDB layouts for the extension's index,
 * measured side by side in Debian's Chromium (the numbers behind docs/design.md, "The extension's
 * index").
 *
 * Real articles (Reuters-21578, hashed by the engine in Node: real band keys and fingerprints) are
 * written in batches of 500 into a page served from 127.0.0.1, once per layout, each in a fresh
 * profile; the figure is the change of navigator.storage.estimate().usage per paragraph, after the
 * browser had a few seconds to compact. Then 20 look-ups of 1,500 keys (half present) are timed.
 *
 *   records   one record per unit with a multi-entry index on its 42 band keys (schema v2)
 *   segments  one record per article (its units' keys packed in one Uint32Array) and the postings
 *             as sorted (key, document) typed arrays in blocks of BLOCK postings, one record each
 *   gzip      segments, with each article's paragraphs deflated (CompressionStream 'deflate-raw')
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { Engine } from '../../src/engine/engine';
import { MemoryStore } from '../../src/engine/memory-store';
import { loadReuters } from './reuters';
import { median } from './util';

const N = Number(process.argv[2] ?? 5000);
const BLOCK = Number(process.env.BLOCK ?? 1024);

interface Entry {
  id: string;
  outlet: string;
  outletKey: string;
  title?: string;
  published?: number;
  firstSeen: number;
  paragraphs: string[];
  units: number[][];
  fp: number[];
}

async function corpus(): Promise<Entry[]> {
  const engine = await Engine.open(new MemoryStore(), { wasm: false });
  for (const a of await loadReuters(() => 'Reuters', N, true)) await engine.record(a);
  const out: Entry[] = [];
  for await (const { doc, units, fingerprints } of engine.store.documents()) {
    const { key: _k, ...d } = doc;
    out.push({ ...d, units: units.map((u) => [u.paragraph, ...u.bandKeys]), fp: Array.from(fingerprints) } as Entry);
  }
  return out;
}

/** Runs in the page: writes the batch in `layout`, returns ms. */
async function writeBatch(arg: { layout: string; batch: Entry[]; seg: number; block: number }): Promise<number> {
  const { layout, batch, seg, block } = arg;
  const t0 = performance.now();
  const db: IDBDatabase = await new Promise((ok, ko) => {
    const r = indexedDB.open('exp', 1);
    r.onupgradeneeded = () => {
      const d = r.result;
      const docs = d.createObjectStore('documents', { keyPath: 'key', autoIncrement: true });
      docs.createIndex('id', 'id', { unique: true });
      if (layout === 'records') d.createObjectStore('units', { keyPath: ['doc', 'n'] }).createIndex('bandKeys', 'bandKeys', { multiEntry: true });
      else d.createObjectStore('postings');
    };
    r.onsuccess = () => ok(r.result);
    r.onerror = () => ko(r.error);
  });
  const deflate = async (s: string) => new Uint8Array(await new Response(new Blob([s]).stream().pipeThrough(new CompressionStream('deflate-raw'))).arrayBuffer());
  const texts = layout === 'gzip' ? await Promise.all(batch.map((e) => deflate(JSON.stringify(e.paragraphs)))) : [];
  const tx = db.transaction(db.objectStoreNames, 'readwrite');
  const docs = tx.objectStore('documents');
  const pairs: number[] = [];
  let left = batch.length;
  await new Promise<void>((ok, ko) => {
    batch.forEach((e, i) => {
      const { units, fp, paragraphs, ...meta } = e;
      const packed = Uint32Array.from(units.flat(), (x) => x >>> 0);
      const value = layout === 'records' ? { ...meta, paragraphs, fp: Uint32Array.from(fp) } : { ...meta, ...(layout === 'gzip' ? { text: texts[i] } : { paragraphs }), fp: Uint32Array.from(fp), units: packed };
      const req = docs.add(value);
      req.onsuccess = () => {
        const key = req.result as number;
        if (layout === 'records') units.forEach((u, n) => tx.objectStore('units').add({ doc: key, n, paragraph: u[0], bandKeys: u.slice(1) }));
        else for (const u of units) for (let j = 1; j < u.length; j++) pairs.push(u[j] >>> 0, key);
        if (--left === 0 && layout !== 'records') {
          const order = Array.from({ length: pairs.length / 2 }, (_, p) => p).sort((a, b) => pairs[2 * a] - pairs[2 * b] || pairs[2 * a + 1] - pairs[2 * b + 1]);
          for (let b = 0; b * block < order.length; b++) {
            const part = order.slice(b * block, (b + 1) * block);
            tx.objectStore('postings').put({ keys: Uint32Array.from(part, (p) => pairs[2 * p]), docs: Uint32Array.from(part, (p) => pairs[2 * p + 1]) }, [seg, b]);
          }
        }
      };
    });
    tx.oncomplete = () => ok();
    tx.onerror = () => ko(tx.error);
  });
  db.close();
  return performance.now() - t0;
}

/** Runs in the page: `runs` look-ups of `keys`, returns ms each. */
async function lookups(arg: { layout: string; keys: number[]; runs: number }): Promise<number[]> {
  const layout = arg.layout;
  const db: IDBDatabase = await new Promise((ok) => {
    const r = indexedDB.open('exp', 1);
    r.onsuccess = () => ok(r.result);
  });
  // The fences (first key of every block) are what an in-memory segment index would hold.
  const fences: Array<{ k: IDBValidKey; first: number }> = [];
  if (layout !== 'records') {
    const tx = db.transaction('postings');
    await new Promise<void>((ok) => {
      const c = tx.objectStore('postings').openCursor();
      c.onsuccess = () => {
        const cur = c.result;
        if (!cur) return ok();
        fences.push({ k: cur.primaryKey, first: (cur.value as { keys: Uint32Array }).keys[0] });
        cur.continue();
      };
    });
  }
  const segs = new Map<number, Array<{ k: IDBValidKey; first: number }>>();
  for (const f of fences) {
    const s = (f.k as number[])[0];
    if (!segs.has(s)) segs.set(s, []);
    segs.get(s)!.push(f);
  }
  const times: number[] = [];
  for (let r = 0; r < arg.runs; r++) {
    const t0 = performance.now();
    const hits = new Map<number, number>();
    const tx = db.transaction(layout === 'records' ? 'units' : 'postings');
    if (layout === 'records') {
      const idx = tx.objectStore('units').index('bandKeys');
      for (const k of arg.keys) {
        const q = idx.getAllKeys(k);
        q.onsuccess = () => {
          for (const pk of q.result as unknown as number[][]) hits.set(pk[0], (hits.get(pk[0]) ?? 0) + 1);
        };
      }
    } else {
      const want = new Map<IDBValidKey, number[]>();
      for (const list of segs.values()) {
        for (const k of arg.keys) {
          let lo = 0;
          let hi = list.length - 1;
          while (lo < hi) {
            const mid = (lo + hi + 1) >> 1;
            if (list[mid].first <= k) lo = mid;
            else hi = mid - 1;
          }
          const ks = want.get(list[lo].k) ?? [];
          ks.push(k);
          want.set(list[lo].k, ks);
        }
      }
      for (const [pk, ks] of want) {
        const q = tx.objectStore('postings').get(pk);
        q.onsuccess = () => {
          const b = q.result as { keys: Uint32Array; docs: Uint32Array };
          for (const k of ks) {
            let lo = 0;
            let hi = b.keys.length;
            while (lo < hi) {
              const mid = (lo + hi) >> 1;
              if (b.keys[mid] < k) lo = mid + 1;
              else hi = mid;
            }
            for (let i = lo; i < b.keys.length && b.keys[i] === k; i++) hits.set(b.docs[i], (hits.get(b.docs[i]) ?? 0) + 1);
          }
        };
      }
    }
    await new Promise((ok) => (tx.oncomplete = ok));
    times.push(performance.now() - t0);
  }
  db.close();
  return times;
}

async function main() {
  const entries = await corpus();
  const paragraphs = entries.reduce((a, e) => a + e.paragraphs.length, 0);
  const textBytes = entries.reduce((a, e) => a + e.paragraphs.reduce((b, p) => b + new TextEncoder().encode(p).length, 0), 0);
  const units = entries.reduce((a, e) => a + e.units.length, 0);
  console.log(`${entries.length} articles, ${paragraphs} paragraphs (${(textBytes / paragraphs).toFixed(0)} B of text each), ${units} units; blocks of ${BLOCK} postings`);
  const server = createServer((_q, res) => res.end('<!doctype html><title>x</title>'));
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const rand = (() => {
    let s = 7;
    return () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32);
  })();
  const present = entries.flatMap((e) => e.units.flatMap((u) => u.slice(1)));
  const keys = [...Array.from({ length: 750 }, () => present[Math.floor(rand() * present.length)] >>> 0), ...Array.from({ length: 750 }, () => Math.floor(rand() * 2 ** 32))];
  for (const layout of (process.env.LAYOUTS ?? 'records,segments,gzip').split(',')) {
    const profile = mkdtempSync(join(tmpdir(), 'wiretrace-layout-'));
    const ctx = await chromium.launchPersistentContext(profile, { executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
    const page = await ctx.newPage();
    await page.addInitScript('globalThis.__name = (f) => f'); // tsx keeps function names with a helper
    await page.goto(origin);
    const usage = () => page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
    const before = await usage();
    let ms = 0;
    for (let i = 0, seg = 0; i < entries.length; i += 500, seg++) ms += await page.evaluate(writeBatch, { layout, batch: entries.slice(i, i + 500), seg, block: BLOCK });
    await page.waitForTimeout(5000);
    const after = await usage();
    const times = await page.evaluate(lookups, { layout, keys, runs: 20 });
    console.log(`${layout.padEnd(9)} ${((after - before) / paragraphs).toFixed(0).padStart(5)} B/paragraph  write ${((entries.length / ms) * 1000).toFixed(0).padStart(6)} articles/s  look-up of 1,500 keys median ${median(times).toFixed(1)} ms`);
    await ctx.close();
    rmSync(profile, { recursive: true, force: true });
  }
  server.close();
}

await main();
