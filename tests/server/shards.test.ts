/**
 * The team index sharded over three PostgreSQL clusters: the band-key table hash-partitioned by band
 * key, two of its three partitions foreign tables (postgres_fdw) on the other clusters. The engine
 * over it gives the same reports as over one node, on the seed articles and on a day of the news
 * clusters; every shard holds part of the postings; deleting an article reaches them all. Needs
 * WIRETRACE_TEST_PG_SHARDS (.ci/run starts the clusters), skipped with the reason otherwise.
 */
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/engine';
import { MemoryStore } from '../../src/engine/memory-store';
import type { IndexStore } from '../../src/engine/store';
import type { ArticleInput } from '../../src/engine/types';
import { readJsonl } from '../../scripts/eval/read';
import { articleFromJson } from '../../src/engine/serialize';
import { createPool } from '../../server/db';
import { migrate } from '../../server/migrate';
import { PgStore } from '../../server/pg-store';
import { shardPostings } from '../../server/shards';
import { seed } from '../engine/seeds';
import { PG_SHARDS, PG_URL, scratchDatabase } from './pg';

const CLUSTERS = resolve(import.meta.dirname, '../../../shared/corpora/news-clusters-dev.jsonl.gz');
const ready = !!PG_URL && PG_SHARDS.length >= 2;
if (PG_URL && !ready) {
  if (process.env.CI) throw new Error('WIRETRACE_TEST_PG_SHARDS must name two more clusters on CI (.ci/run starts them)');
  console.log('skipped: the sharded team index test needs WIRETRACE_TEST_PG_SHARDS (two more clusters: .ci/pg-clusters start DIR 3)');
}

(ready ? describe : describe.skip)('the team index sharded over three clusters with postgres_fdw', () => {
  const drops: Array<() => Promise<void>> = [];
  const shardUrls: string[] = [];
  let pool: ReturnType<typeof createPool>;

  beforeAll(async () => {
    const main = await scratchDatabase(PG_URL!, 'wt_shard');
    drops.push(main.drop);
    for (const url of PG_SHARDS.slice(0, 2)) {
      const s = await scratchDatabase(url, 'wt_shard');
      drops.push(s.drop);
      shardUrls.push(s.url);
    }
    pool = createPool(main.url);
    await migrate(pool);
    const layout = await shardPostings(pool, shardUrls);
    expect(layout.partitions).toEqual(['local', 'shard_1', 'shard_2']);
  });
  afterAll(async () => {
    await pool?.end();
    // The coordinator first: its foreign servers hold connections to the shards.
    for (const drop of drops) await drop();
  });

  async function reports(store: IndexStore, articles: ArticleInput[]) {
    const engine = await Engine.open(store);
    const out = [];
    for (const a of articles) out.push(await engine.checkAndRecord({ ...a, firstSeen: '2024-01-01T00:00:00Z' }));
    return out;
  }

  it('gives the same reports as one node, with the postings spread over the three clusters', async () => {
    const news = (await readJsonl(CLUSTERS)).map((x) => articleFromJson(x));
    const day = news.filter((a) => a.published?.startsWith('2018-07-1')).sort((a, b) => Date.parse(a.published!) - Date.parse(b.published!)).slice(0, 60);
    const articles = [...['000', '004', '001', '002', '003'].map(seed), ...day];
    const sharded = await PgStore.open(pool, 'sharded');
    const one = await reports(new MemoryStore(), articles);
    expect(day).toHaveLength(60);
    expect(one.filter((r) => r.passages.length > 0).length).toBeGreaterThan(20);
    expect(await reports(sharded, articles)).toEqual(one);

    const local = await pool.query<{ n: string }>('SELECT count(*) AS n FROM postings_p0');
    const counts = [Number(local.rows[0].n)];
    for (const url of shardUrls) {
      const shard = createPool(url, { max: 1 });
      counts.push(Number((await shard.query<{ n: string }>('SELECT count(*) AS n FROM postings_shard')).rows[0].n));
      await shard.end();
    }
    const total = counts.reduce((a, b) => a + b, 0);
    expect(total).toBe(Number((await pool.query<{ n: string }>('SELECT count(*) AS n FROM postings')).rows[0].n));
    for (const c of counts) expect(c / total).toBeGreaterThan(0.25);

    // Deleting an article takes its postings from every shard.
    const doc = await sharded.getDocumentById(day[0].id);
    expect(await sharded.deleteDocuments([doc!.key])).toBe(1);
    expect(Number((await pool.query<{ n: string }>('SELECT count(*) AS n FROM postings WHERE doc = $1', [doc!.key])).rows[0].n)).toBe(0);
  });
});
