/**
 * Sections 3 and 4 of the bench, run in a child process so its peak RSS is its own:
 * the whole Reuters corpus checked and indexed in date order (engine over a MemoryStore), then
 * (with --export) the index's size beyond the text.
 *
 *   node --import tsx scripts/bench/audit-child.ts [--limit N] [--outlets single|per-story] [--export] [--reflow]
 *
 * Prints one JSON object on stdout.
 */
import { parseArgs } from 'node:util';
import { Engine } from '../../src/engine/engine';
import { MemoryStore } from '../../src/engine/memory-store';
import { exportIndex } from '../../src/engine/serialize';
import { loadNotes, loadReuters } from './reuters';
import { now } from './util';

const { values } = parseArgs({
  options: { limit: { type: 'string' }, outlets: { type: 'string', default: 'single' }, export: { type: 'boolean', default: false }, reflow: { type: 'boolean', default: false } },
});
const limit = values.limit ? Number(values.limit) : Infinity;
const perStory = values.outlets === 'per-story';

let peakSampled = process.memoryUsage().rss;
const sample = () => {
  const r = process.memoryUsage().rss;
  if (r > peakSampled) peakSampled = r;
};

const t0 = now();
const articles = await loadReuters((row) => (perStory ? `Reuters desk ${row.id}` : 'Reuters'), limit, values.reflow);
const loadMs = now() - t0;
sample();

const store = new MemoryStore();
const engine = await Engine.open(store);
let withPassages = 0;
let passages = 0;
let reusedBy = 0;
const t1 = now();
for (let i = 0; i < articles.length; i++) {
  const r = await engine.checkAndRecord(articles[i]);
  if (r.passages.length) withPassages++;
  passages += r.passages.length;
  reusedBy += r.reusedBy.length;
  if ((i & 255) === 0) sample();
}
const auditMs = now() - t1;
sample();
const stats = await store.stats();
const result: Record<string, unknown> = {
  articles: articles.length,
  outlets: perStory ? 'one per story' : 'Reuters (all)',
  reflow: values.reflow,
  loadNotes,
  loadMs,
  auditMs,
  totalMs: loadMs + auditMs,
  articlesWithPassages: withPassages,
  passages,
  reusedBy,
  stats,
  peakRssSampled: peakSampled,
  maxRss: process.resourceUsage().maxRSS * 1024,
  postingBytes: store.postingBytes(),
};

if (values.export) {
  let lines = 0;
  let total = 0;
  let text = 0;
  let unitsBytes = 0;
  let header = 0;
  const enc = (s: string) => Buffer.byteLength(s, 'utf8');
  const docs: Array<{ paragraphs: string[]; units: number; fp: number }> = [];
  for await (const e of store.documents()) docs.push({ paragraphs: e.doc.paragraphs, units: e.units.length, fp: e.fingerprints.length });
  let i = -1;
  for await (const line of exportIndex(store)) {
    const b = enc(line) + 1; // newline
    total += b;
    if (i < 0) header = b;
    else {
      const obj = JSON.parse(line) as { paragraphs: string[]; units: unknown; fingerprints: string };
      text += enc(JSON.stringify(obj.paragraphs));
      unitsBytes += enc(JSON.stringify(obj.units)) + enc(JSON.stringify(obj.fingerprints)) + enc(',"units":,"fingerprints":');
    }
    i++;
    lines++;
  }
  const paragraphs = stats.paragraphs;
  result.index = {
    lines,
    bytes: total,
    textJsonBytes: text,
    headerBytes: header,
    beyondTextBytes: total - text,
    beyondTextPerParagraph: (total - text) / paragraphs,
    unitsAndFingerprintsPerParagraph: unitsBytes / paragraphs,
    unitsPerParagraph: stats.units / paragraphs,
    beyondTextPerUnit: (total - text) / stats.units,
    postingBytesPerParagraph: store.postingBytes() / paragraphs,
    postingBytesPerUnit: store.postingBytes() / stats.units,
  };
}

process.stdout.write(JSON.stringify(result) + '\n');
