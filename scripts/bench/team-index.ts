/**
 * `npm run bench:server`: the team index on PostgreSQL at scale, with the figures written into
 * docs/team-index.md (between its bench markers, with the machine, date and commit).
 *
 *   1. Load N paragraphs (default 1,000,000: 50,000 articles of 20, team-corpus.ts) through the
 *      service's own batched inserts (TeamDb.record, 500 articles a transaction), the band-key
 *      index built after the load; the same units also copied (COPY) into the other layout, one row
 *      per unit with an int4[] of its band keys under a GIN index.
 *   2. Bytes per paragraph of each table and index.
 *   3. Look-ups of 20-paragraph articles (half edited copies of stored ones, half new text) by 8
 *      concurrent clients: each layout's SQL alone, then the service's POST /v1/lookup over HTTP.
 *   4. Records per second through the service (8 clients, 10 articles a request) on the loaded index.
 *   5. With --shards 3: the same band-key table hash-partitioned over three clusters (postgres_fdw),
 *      look-ups measured there and their reports compared with one node's (shard-bench.ts).
 *   6. With --faults: PostgreSQL killed in the middle of a batch, the service restarted under load
 *      (fault-bench.ts).
 *
 * Options: --paragraphs N, --shards 3, --faults, --no-doc (print only), --only faults (the fault runs
 * alone, on a cluster of their own, written beside the figures the page already holds). WIRETRACE_BENCH_PG runs it on
 * a cluster of your own (pg-cluster.ts).
 */
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { defaultOptions } from '../../src/engine/engine';
import { prepareArticle } from '../../src/engine/prepare';
import { UnitKeyMaker } from '../../src/engine/unit-keys';
import { TeamClient } from '../../src/team/client';
import { u32ToBase64, type WireArticle } from '../../src/team/wire';
import { createApp } from '../../server/app';
import { storeItem } from '../../server/article-item';
import { createPool } from '../../server/db';
import { migrate } from '../../server/migrate';
import { TeamDb, teamId, type StoreItem } from '../../server/team-db';
import { createToken } from '../../server/tokens';
import { concurrently } from './concurrently';
import { startClusters } from './pg-cluster';
import { PARAGRAPHS_PER_ARTICLE, TeamCorpus } from './team-corpus';
import type { LatencyFigures, LoadFigures, LookupFigures, RecordFigures, SizeRow, TeamFigures } from './team-figures';
import { commitLine, invokedAs } from '../doc-page';
import { readTeamFigures, writeTeamFigures } from './team-doc';

const { values: opts } = parseArgs({
  options: {
    paragraphs: { type: 'string', default: '1000000' },
    shards: { type: 'string' },
    faults: { type: 'boolean', default: false },
    only: { type: 'string' },
    'no-doc': { type: 'boolean', default: false },
  },
});
const PARAGRAPHS = Number(opts.paragraphs);
const SHARDS = opts.shards ? Number(opts.shards) : 1;
if (!Number.isInteger(PARAGRAPHS) || PARAGRAPHS < PARAGRAPHS_PER_ARTICLE) throw new Error('--paragraphs needs a whole number of at least 20');
if (SHARDS !== 1 && SHARDS !== 3) throw new Error('--shards takes 3 (three local clusters)');
const ARTICLES = Math.floor(PARAGRAPHS / PARAGRAPHS_PER_ARTICLE);
const BATCH = 500;
const CLIENTS = 8;
const QUERIES = 200;

const log = (s: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${s}\n`);
const seconds = (t0: number) => (performance.now() - t0) / 1000;




/** Rows of one unit each for the int4[] + GIN layout, as COPY's text format. */
function* unitRows(team: number, items: StoreItem[], keys: number[]): Generator<string> {
  for (let a = 0; a < items.length; a++) {
    let chunk = '';
    for (const u of items[a].units) chunk += `${team}\t${keys[a]}\t${u.paragraph}\t{${Array.from(new Int32Array(u.bandKeys.buffer, u.bandKeys.byteOffset, u.bandKeys.length)).join(',')}}\n`;
    yield chunk;
  }
}

async function load(pool: pg.Pool, db: TeamDb, corpus: TeamCorpus): Promise<LoadFigures> {
  const f: LoadFigures = { paragraphs: 0, articles: 0, units: 0, postings: 0, hashSeconds: 0, insertSeconds: 0, copyUnitsSeconds: 0, postingsIndexSeconds: 0, ginIndexSeconds: 0, vacuumSeconds: 0 };
  await pool.query('CREATE TABLE units_gin (team integer NOT NULL, doc bigint NOT NULL, paragraph integer NOT NULL, keys int4[] NOT NULL)');
  // The band-key index is built once the postings are in: faster than keeping it up to date row by row.
  await pool.query('DROP INDEX postings_key');
  for (let start = 0; start < ARTICLES; start += BATCH) {
    let t = performance.now();
    const items: StoreItem[] = [];
    for (let i = start; i < Math.min(ARTICLES, start + BATCH); i++) items.push(storeItem(corpus.article(i) as WireArticle, i - start));
    f.hashSeconds += seconds(t);
    t = performance.now();
    const recorded = await db.record(items);
    f.insertSeconds += seconds(t);
    t = performance.now();
    const client = await pool.connect();
    try {
      await pipeline(Readable.from(unitRows(db.team, items, recorded.map((r) => r.key))), client.query(copyFrom('COPY units_gin (team, doc, paragraph, keys) FROM STDIN')));
    } finally {
      client.release();
    }
    f.copyUnitsSeconds += seconds(t);
    for (const it of items) {
      f.articles++;
      f.paragraphs += it.doc.paragraphs.length;
      f.units += it.units.length;
      for (const u of it.units) f.postings += u.bandKeys.length;
    }
    if ((start / BATCH) % 10 === 0) log(`loaded ${f.paragraphs.toLocaleString('en')} paragraphs (${f.insertSeconds.toFixed(0)} s of inserts, ${f.hashSeconds.toFixed(0)} s hashing)`);
  }
  let t = performance.now();
  await pool.query('CREATE INDEX postings_key ON postings (band_key, team, doc)');
  f.postingsIndexSeconds = seconds(t);
  log(`band-key index built in ${f.postingsIndexSeconds.toFixed(0)} s`);
  t = performance.now();
  await pool.query('CREATE INDEX units_gin_keys ON units_gin USING gin (keys)');
  f.ginIndexSeconds = seconds(t);
  log(`GIN index built in ${f.ginIndexSeconds.toFixed(0)} s`);
  t = performance.now();
  await pool.query('VACUUM ANALYZE');
  f.vacuumSeconds = seconds(t);
  return f;
}


async function sizes(pool: pg.Pool): Promise<{ rows: SizeRow[]; unitBytes: number }> {
  const names = ['documents', 'postings_local', 'units_gin', 'fingerprints', 'outlets'];
  const r = await pool.query<{ name: string; table: string; indexes: string }>(
    `SELECT c.relname AS name, pg_table_size(c.oid) AS table, pg_indexes_size(c.oid) AS indexes
       FROM pg_class c WHERE c.relname = ANY ($1::text[]) AND c.relkind = 'r'`,
    [names],
  );
  const u = await pool.query<{ bytes: string }>('SELECT sum(pg_column_size(units)) AS bytes FROM documents');
  return { rows: names.flatMap((n) => r.rows.filter((x) => x.name === n).map((x) => ({ name: n, table: Number(x.table), indexes: Number(x.indexes) }))), unitBytes: Number(u.rows[0].bytes) };
}


function queryKeys(corpus: TeamCorpus, stored: number): Uint32Array[] {
  const maker = new UnitKeyMaker(defaultOptions);
  return Array.from({ length: QUERIES }, (_, k) => {
    const q = corpus.query(k, stored);
    const prep = prepareArticle(q.title, q.paragraphs, defaultOptions.shingle);
    const { keys } = maker.of(prep);
    maker.forget(prep);
    return keys.slice();
  });
}

/** The unit-row layout's look-up: the units holding any key (GIN), then their keys matched against the query's by a hash join. */
const GIN_LOOKUP = `WITH q AS (SELECT DISTINCT unnest($2::int4[]) AS key),
  m AS (SELECT u.doc, u.keys FROM units_gin u WHERE u.team = $1 AND u.keys && $2::int4[])
SELECT m.doc, count(*)::int AS hits
  FROM m CROSS JOIN LATERAL unnest(m.keys) AS k (key) JOIN q ON q.key = k.key
 GROUP BY m.doc`;

async function lookups(url: string, db: TeamDb, queries: Uint32Array[], token: string, serviceUrl: string): Promise<LookupFigures> {
  // Each layout's index, even where a small table would make the planner read the table instead
  // (the GIN layout's && then compares every key with every key, row by row).
  const pool = createPool(url, { max: CLIENTS, options: '-c enable_seqscan=off' });
  const int4 = (k: Uint32Array) => Array.from(new Int32Array(k.buffer, k.byteOffset, k.length));
  const dbOfPool = new TeamDb(pool, db.team);
  let hits = 0;
  let mismatches = 0;
  // Warm-up: every query once on each layout, and their answers compared.
  for (const q of queries) {
    const a = await dbOfPool.hits(q);
    const b = await pool.query<{ doc: number; hits: number }>(GIN_LOOKUP, [db.team, [...new Set(int4(q))]]);
    hits += a.size;
    if (b.rows.length !== a.size) mismatches++;
  }
  if (mismatches) log(`note: ${mismatches} look-ups found another number of documents in the GIN layout`);
  const each = QUERIES / CLIENTS;
  const postingsLayout = await concurrently(CLIENTS, each * 2, (c, i) => dbOfPool.hits(queries[(c * each + i) % QUERIES]));
  const ginLayout = await concurrently(CLIENTS, each * 2, (c, i) => pool.query(GIN_LOOKUP, [db.team, [...new Set(int4(queries[(c * each + i) % QUERIES]))]]));
  const client = new TeamClient(serviceUrl, token, { retries: 0 });
  const service = await concurrently(CLIENTS, each * 2, (c, i) => client.lookup({ keys: u32ToBase64(queries[(c * each + i) % QUERIES]), candidates: 64 }));
  await pool.end();
  return { keysPerQuery: queries.reduce((s, q) => s + q.length, 0) / queries.length, postingsLayout, ginLayout, service, hitsPerQuery: hits / queries.length };
}


async function records(corpus: TeamCorpus, token: string, serviceUrl: string): Promise<RecordFigures> {
  const client = new TeamClient(serviceUrl, token, { retries: 0, timeoutMs: 120_000 });
  const PER_REQUEST = 10;
  const REQUESTS = 5;
  const t0 = performance.now();
  const r = await concurrently(CLIENTS, REQUESTS, (c, i) => {
    const first = ARTICLES + (c * REQUESTS + i) * PER_REQUEST;
    return client.record({ articles: Array.from({ length: PER_REQUEST }, (_, k) => corpus.article(first + k) as WireArticle) });
  });
  const articles = CLIENTS * REQUESTS * PER_REQUEST;
  return { articles, paragraphs: articles * PARAGRAPHS_PER_ARTICLE, seconds: seconds(t0), p50: r.p50, p95: r.p95 };
}

/** `--only faults`: the fault runs on a fresh cluster, merged into the figures the page holds. */
async function faultsOnly(): Promise<void> {
  const before = readTeamFigures();
  if (!before) throw new Error('docs/team-index.md holds no figures yet: run npm run bench:server first');
  const commit = commitLine();
  const clusters = startClusters(1);
  const { runFaults } = await import('./fault-bench');
  const faults = await runFaults(clusters, await TeamCorpus.load());
  faults.measured = { command: invokedAs('bench:server'), date: `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`, commit };
  const figures = { ...before.figures, faults };
  console.log(JSON.stringify(figures));
  if (!opts['no-doc']) log(`written to ${writeTeamFigures(figures, before.commit, new Date(before.date), before.command)}`);
  clusters.stop();
}

async function main(): Promise<void> {
  if (opts.only === 'faults') return faultsOnly();
  if (opts.only !== undefined) throw new Error(`--only takes faults, not '${opts.only}'`);
  const commit = commitLine();
  const clusters = startClusters(SHARDS);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      clusters.stop();
      process.exit(130);
    });
  }
  const admin = createPool(clusters.urls[0], { max: 1 });
  await admin.query('DROP DATABASE IF EXISTS wiretrace_bench WITH (FORCE)');
  await admin.query('CREATE DATABASE wiretrace_bench');
  await admin.end();
  const url = new URL(clusters.urls[0]);
  url.pathname = '/wiretrace_bench';
  const pool = createPool(url.toString(), { max: CLIENTS + 4, statementTimeout: 3_600_000 });
  await migrate(pool);
  const team = await teamId(pool, 'bench');
  const db = new TeamDb(pool, team);
  log('learning the text model from the Reuters corpus');
  const corpus = await TeamCorpus.load();
  log(`loading ${PARAGRAPHS.toLocaleString('en')} paragraphs`);
  const loaded = await load(pool, db, corpus);
  const size = await sizes(pool);

  const app = createApp(pool, { onError: (e) => log(`service error: ${(e as Error).message}`) });
  const server = await new Promise<{ url: string; close: () => Promise<void> }>((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) => resolve({ url: `http://127.0.0.1:${info.port}`, close: () => new Promise((done) => s.close(() => done())) }));
  });
  const { token } = await createToken(pool, 'bench', 'write');
  log('look-ups');
  const queries = queryKeys(corpus, ARTICLES);
  const look = await lookups(url.toString(), db, queries, token, server.url);
  log('records through the service');
  const rec = await records(corpus, token, server.url);
  await server.close();

  const figures: TeamFigures = { loaded, size, look, rec, clients: CLIENTS };
  // Written as each part is measured: a later part that fails leaves the earlier figures written.
  const write = () => {
    console.log(JSON.stringify(figures));
    if (!opts['no-doc']) log(`written to ${writeTeamFigures(figures, commit)}`);
  };
  write();
  if (SHARDS === 3) {
    log('shards');
    const { runShards } = await import('./shard-bench');
    figures.shards = await runShards(clusters.urls, url.toString(), team, queries);
    write();
  }
  await pool.end();
  if (opts.faults) {
    log('faults');
    const { runFaults } = await import('./fault-bench');
    figures.faults = await runFaults(clusters, corpus);
    write();
  }
  clusters.stop();
}

await main();
