/**
 * `npm run bench:server -- --shards 3`: the loaded band-key table spread over three clusters of
 * this machine and looked up there. Each shard's postings are copied to it in bulk (COPY out of
 * this node, COPY into the shard, its index built after), then server/shards.ts makes the shards
 * foreign partitions of `postings` (postgres_fdw), keeping this node's own part. Every query's hits
 * are compared with one node's before the look-ups are timed (8 clients, SQL and the service).
 */
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { TeamClient } from '../../src/team/client';
import { u32ToBase64 } from '../../src/team/wire';
import { createApp } from '../../server/app';
import { createPool } from '../../server/db';
import { prepareShard, shardPostings } from '../../server/shards';
import { TeamDb } from '../../server/team-db';
import { createToken } from '../../server/tokens';
import { concurrently } from './concurrently';
import type { ShardFigures } from './team-figures';

/** Each shard's postings, by hash remainder of three (COPY takes no parameters: one statement per shard). */
const COPY_OUT = [
  "COPY (SELECT band_key, team, doc FROM postings WHERE satisfies_hash_partition('postings'::regclass, 3, 1, band_key)) TO STDOUT",
  "COPY (SELECT band_key, team, doc FROM postings WHERE satisfies_hash_partition('postings'::regclass, 3, 2, band_key)) TO STDOUT",
];

const CLIENTS = 8;

function sameHits(a: Map<number, number>, b: Map<number, number>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, n] of a) if (b.get(k) !== n) return false;
  return true;
}

export async function runShards(clusterUrls: string[], benchUrl: string, team: number, queries: Uint32Array[]): Promise<ShardFigures> {
  const pool = createPool(benchUrl, { max: CLIENTS + 2, statementTimeout: 3_600_000 });
  const db = new TeamDb(pool, team);
  const before: Array<Map<number, number>> = [];
  for (const q of queries) before.push(await db.hits(q));

  const shardUrls: string[] = [];
  for (const url of clusterUrls.slice(1, 3)) {
    const admin = createPool(url, { max: 1 });
    await admin.query('DROP DATABASE IF EXISTS wiretrace_bench_shard WITH (FORCE)');
    await admin.query('CREATE DATABASE wiretrace_bench_shard');
    await admin.end();
    const u = new URL(url);
    u.pathname = '/wiretrace_bench_shard';
    shardUrls.push(u.toString());
  }
  const t0 = performance.now();
  await Promise.all(
    shardUrls.map(async (url, i) => {
      await prepareShard(url, false);
      const shard = createPool(url, { max: 1, statementTimeout: 3_600_000 });
      const from = await pool.connect();
      const to = await shard.connect();
      try {
        await pipeline(from.query(copyTo(COPY_OUT[i])), to.query(copyFrom('COPY postings_shard (band_key, team, doc) FROM STDIN')));
        await to.query('CREATE INDEX postings_shard_key ON postings_shard (band_key, team, doc)');
        await to.query('VACUUM ANALYZE postings_shard');
      } finally {
        from.release();
        to.release();
        await shard.end();
      }
    }),
  );
  await shardPostings(pool, shardUrls, true);
  await pool.query('VACUUM ANALYZE postings_p0');
  const spreadSeconds = (performance.now() - t0) / 1000;

  let same = true;
  for (let i = 0; i < queries.length; i++) same &&= sameHits(before[i], await db.hits(queries[i]));
  const each = (queries.length / CLIENTS) * 2;
  const postingsLayout = await concurrently(CLIENTS, each, (c, i) => db.hits(queries[(c * each + i) % queries.length]));

  const app = createApp(pool);
  const server = await new Promise<{ url: string; close: () => Promise<void> }>((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) => resolve({ url: `http://127.0.0.1:${info.port}`, close: () => new Promise((done) => s.close(() => done())) }));
  });
  const { token } = await createToken(pool, 'bench', 'read');
  const client = new TeamClient(server.url, token, { retries: 0 });
  const service = await concurrently(CLIENTS, each, (c, i) => client.lookup({ keys: u32ToBase64(queries[(c * each + i) % queries.length]), candidates: 64 }));
  await server.close();

  const partitionRows = [Number((await pool.query<{ n: string }>('SELECT count(*) AS n FROM postings_p0')).rows[0].n)];
  for (const url of shardUrls) {
    const shard = createPool(url, { max: 1 });
    partitionRows.push(Number((await shard.query<{ n: string }>('SELECT count(*) AS n FROM postings_shard')).rows[0].n));
    await shard.end();
  }
  await pool.end();
  return { shards: 3, postingsLayout, service, sameHits: same, spreadSeconds, partitionRows };
}
