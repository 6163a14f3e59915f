/**
 * `npm run bench:golden [-- REV]`: a hash of every report the engine makes on the corpora, to show
 * that a change meant only for speed changes no finding. Each corpus is audited in order with
 * checkAndRecord (news clusters in scrape-time order with their publishers; BBC 2004 under seven
 * outlets; the first 8,000 Reuters stories as the CLI reads them under fifty outlets, and the first
 * 4,000 with every line a paragraph, one outlet per story, so every candidate is aligned) and each
 * report, without its first-seen times and index size, is hashed with SHA-256. With REV, the engine at that git revision
 * runs the same and the two are printed side by side; the exit status is 1 when they differ.
 */
import { createHash } from 'node:crypto';
import * as current from '../../src/engine/engine';
import * as currentStore from '../../src/engine/memory-store';
import type { ArticleInput, Report } from '../../src/engine/types';
import { engineAt } from './engine-at';
import { loadReuters } from './reuters';
import { readJsonl, sharedPath } from './util';

type EngineModule = typeof current;
type StoreModule = typeof currentStore;

interface ClusterRow { id: string; publisher: string; scrapeTime: string; paragraphs: string[] }
interface BbcRow { id: string; title: string; paragraphs: string[] }

async function corpora(): Promise<Array<[string, ArticleInput[]]>> {
  const clusters = (await readJsonl<ClusterRow>(sharedPath('corpora/news-clusters-dev.jsonl.gz'))).map((r, i) => ({ r, i, t: Date.parse(r.scrapeTime) }));
  clusters.sort((a, b) => a.t - b.t || a.i - b.i);
  const bbc = await readJsonl<BbcRow>(sharedPath('corpora/bbc-news-2004.jsonl.gz'));
  return [
    ['news clusters', clusters.map(({ r }) => ({ id: r.id, outlet: r.publisher, published: r.scrapeTime, paragraphs: r.paragraphs }))],
    ['BBC 2004', bbc.map((r, i) => ({ id: r.id, title: r.title, outlet: `outlet-${i % 7}`, paragraphs: r.paragraphs }))],
    ['Reuters paragraphs', await loadReuters((_, i) => `outlet-${i % 50}`, 8000, true)],
    ['Reuters lines', await loadReuters((_, i) => `outlet-${i}`, 4000, false)],
  ];
}

/** Per corpus: articles, passages and the hash of its reports. */
async function audit(engine: EngineModule, store: StoreModule, sets: Array<[string, ArticleInput[]]>) {
  const out: Array<{ corpus: string; articles: number; passages: number; hash: string }> = [];
  for (const [corpus, articles] of sets) {
    const e = await engine.Engine.open(new store.MemoryStore());
    const h = createHash('sha256');
    let passages = 0;
    for (const a of articles) {
      const r: Report = await e.checkAndRecord({ ...a, firstSeen: '2020-01-01T00:00:00Z' });
      passages += r.passages.length;
      h.update(JSON.stringify({ ...r, indexSize: undefined }, (k, v) => (k === 'firstSeen' ? undefined : v)));
    }
    out.push({ corpus, articles: articles.length, passages, hash: h.digest('hex').slice(0, 16) });
  }
  return out;
}

const rev = process.argv[2];
const load = rev ? engineAt(rev) : undefined; // a revision that cannot be read stops here, at once
const sets = await corpora();
const now = await audit(current, currentStore, sets);
if (!rev || !load) {
  console.log('| corpus | articles | passages | reports hash |\n| --- | --- | --- | --- |');
  for (const x of now) console.log(`| ${x.corpus} | ${x.articles} | ${x.passages} | ${x.hash} |`);
} else {
  const then = await audit((await load('engine.ts')) as EngineModule, (await load('memory-store.ts')) as StoreModule, sets);
  console.log(`| corpus | articles | passages at ${rev} / now | reports hash at ${rev} | now | same |\n| --- | --- | --- | --- | --- | --- |`);
  for (let i = 0; i < now.length; i++) {
    console.log(`| ${now[i].corpus} | ${now[i].articles} | ${then[i].passages} / ${now[i].passages} | ${then[i].hash} | ${now[i].hash} | ${then[i].hash === now[i].hash ? 'yes' : '**no**'} |`);
  }
  if (now.some((x, i) => x.hash !== then[i].hash)) process.exitCode = 1;
}
