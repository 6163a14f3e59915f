/**
 * `npm run bench:server -- --faults`: the team index through two failures, on a database of its own
 * in the bench's first cluster.
 *
 *   1. PostgreSQL killed (SIGKILL of the postmaster) while a batch of 500 articles is being written:
 *      after crash recovery, no article of the batch may be there in part. Checked: the documents
 *      are those recorded before; every document has exactly the postings its units hold; no posting
 *      points at a missing document; the team's counts and the fingerprint counts equal a recount.
 *   2. The service (`wiretrace serve`, a process of its own) killed and started again three times
 *      while 8 clients record 2,000 articles in batches of 10, each request sent again until it is
 *      answered (the client's retries): every article must be stored exactly once.
 * tests/server/faults.test.ts runs the same with smaller sizes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { TeamClient } from '../../src/team/client';
import type { WireArticle } from '../../src/team/wire';
import { storeItem } from '../../server/article-item';
import { createPool } from '../../server/db';
import { migrate } from '../../server/migrate';
import { TeamDb, teamId, unpackUnits, type StoreItem } from '../../server/team-db';
import { createToken } from '../../server/tokens';
import type { Clusters } from './pg-cluster';
import type { FaultFigures } from './team-figures';
import type { TeamCorpus } from './team-corpus';
import { ROOT } from './util';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Consistency of the team's index: documents, their postings, counts. */
async function audit(url: string, team: number): Promise<{ documents: number; halfRecorded: number; orphans: number; countsRight: boolean }> {
  const pool = createPool(url, { max: 1, statementTimeout: 600_000 });
  try {
    const docs = await pool.query<{ key: number; units: Buffer }>('SELECT d.key, d.units FROM documents d WHERE d.team = $1', [team]);
    let halfRecorded = 0;
    for (const d of docs.rows) {
      const keys: number[] = [];
      for (const u of unpackUnits(d.units)) for (const k of new Int32Array(u.bandKeys.buffer, u.bandKeys.byteOffset, u.bandKeys.length)) keys.push(k);
      // One posting per key the document's units hold (a key held twice, twice).
      const r = await pool.query<{ n: string }>('SELECT count(*) AS n FROM postings WHERE team = $1 AND doc = $2 AND band_key = ANY ($3::int4[])', [team, d.key, [...new Set(keys)]]);
      if (Number(r.rows[0].n) !== keys.length) halfRecorded++;
    }
    const orphans = await pool.query<{ n: string }>('SELECT count(*) AS n FROM postings p WHERE p.team = $1 AND NOT EXISTS (SELECT 1 FROM documents d WHERE d.key = p.doc)', [team]);
    const counts = await pool.query<{ ok: boolean }>(
      `SELECT (SELECT coalesce(documents, 0) FROM team_counts WHERE team = $1) = (SELECT count(*) FROM documents WHERE team = $1)
          AND NOT EXISTS (
            SELECT 1 FROM (SELECT outlet_key, fp, count(*) AS n FROM (SELECT DISTINCT d.key, d.outlet_key, f.fp FROM documents d, unnest(d.fingerprints) f (fp) WHERE d.team = $1 AND f.fp <> 0) x GROUP BY 1, 2) want
            FULL JOIN (SELECT outlet_key, fp, docs FROM fingerprints WHERE team = $1) got USING (outlet_key, fp)
            WHERE want.n IS DISTINCT FROM got.docs) AS ok`,
      [team],
    );
    return { documents: docs.rows.length, halfRecorded, orphans: Number(orphans.rows[0].n), countsRight: counts.rows[0].ok };
  } finally {
    await pool.end();
  }
}

/** How big the runs are: the bench's, or a test's smaller ones. */
export interface FaultSizes {
  /** Articles recorded before the batch PostgreSQL is killed in, and in that batch. */
  before: number;
  batch: number;
  /** Clients recording while the service restarts, requests each, articles a request, restarts. */
  clients: number;
  requests: number;
  perRequest: number;
  /** Restarts, spread evenly over the load: one each time another share of the requests is answered. */
  restarts: number;
}

export const BENCH_FAULTS: FaultSizes = { before: 200, batch: 500, clients: 8, requests: 25, perRequest: 10, restarts: 3 };

async function killMidBatch(clusters: Clusters, url: string, corpus: TeamCorpus, first: number, z: FaultSizes): Promise<FaultFigures['kill']> {
  const pool = createPool(url, { max: 4 });
  await migrate(pool);
  const team = await teamId(pool, 'faults');
  const db = new TeamDb(pool, team);
  // Crash recovery replays the WAL since the last checkpoint: after a bulk load that is gigabytes,
  // and measures the load, not the batch.
  await pool.query('CHECKPOINT');
  const before: StoreItem[] = [];
  for (let i = 0; i < z.before; i++) before.push(storeItem(corpus.article(first + i) as WireArticle, i));
  await db.record(before);
  const batch: StoreItem[] = [];
  await pool.query('CHECKPOINT');
  for (let i = 0; i < z.batch; i++) batch.push(storeItem(corpus.article(first + z.before + i) as WireArticle, i));
  const watch = createPool(url, { max: 1 });
  const writing = db.record(batch).then(
    () => 'committed',
    (e: Error) => `failed: ${e.message}`,
  );
  // Kill once the batch's postings are being written (its documents are in, uncommitted).
  for (let i = 0; i < 2000; i++) {
    const r = await watch.query<{ n: string }>("SELECT count(*) AS n FROM pg_stat_activity WHERE state = 'active' AND query LIKE 'INSERT INTO postings%'");
    if (Number(r.rows[0].n) > 0) break;
    await sleep(5);
  }
  clusters.kill(1);
  const outcome = await writing;
  await watch.end().catch(() => undefined);
  await pool.end().catch(() => undefined);
  if (outcome === 'committed') throw new Error('the batch committed before the kill: nothing was tested');
  const t0 = performance.now();
  clusters.restart(1);
  for (;;) {
    const probe = createPool(url, { max: 1 });
    try {
      await probe.query('SELECT 1');
      break;
    } catch {
      await sleep(100);
    } finally {
      await probe.end().catch(() => undefined);
    }
  }
  const recoverySeconds = (performance.now() - t0) / 1000;
  const after = await audit(url, team);
  if (!after.countsRight) throw new Error('the counts differ from a recount after the restart');
  return { batchArticles: batch.length, recordedBefore: before.length, afterRestart: after.documents, halfRecorded: after.halfRecorded, postingsMissing: after.orphans, recoverySeconds };
}

function startService(url: string, port: number): Promise<ChildProcess> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [resolve(ROOT, 'bin/wiretrace.js'), 'serve', '--port', String(port)], { env: { ...process.env, WIRETRACE_DB: url }, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr!.setEncoding('utf8').on('data', (d: string) => {
      err += d;
      if (/listening on/.test(err)) resolvePromise(child);
    });
    child.on('exit', (code) => reject(new Error(`the service stopped (${code}): ${err}`)));
  });
}

async function restartUnderLoad(url: string, corpus: TeamCorpus, first: number, z: FaultSizes): Promise<FaultFigures['restart']> {
  const pool = createPool(url, { max: 2 });
  const { token } = await createToken(pool, 'restarts', 'write');
  const team = await teamId(pool, 'restarts');
  await pool.end();
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  let service = await startService(url, port);
  let sent = 0;
  const counting: typeof fetch = (input, init) => {
    sent++;
    return fetch(input, init);
  };
  const CLIENTS = z.clients;
  const REQUESTS = z.requests;
  const PER = z.perRequest;
  const t0 = performance.now();
  let requests = 0;
  let done = false;
  const load = Promise.all(
    Array.from({ length: CLIENTS }, async (_, c) => {
      const client = new TeamClient(`http://127.0.0.1:${port}`, token, { fetch: counting, retries: 60, retryDelayMs: 100, timeoutMs: 60_000 });
      for (let r = 0; r < REQUESTS; r++) {
        const start = first + (c * REQUESTS + r) * PER;
        await client.record({ articles: Array.from({ length: PER }, (_, k) => corpus.article(start + k) as WireArticle) });
        requests++;
      }
    }),
  ).finally(() => (done = true));
  let restarts = 0;
  const total = CLIENTS * REQUESTS;
  for (let k = 1; k <= z.restarts && !done; k++) {
    // Killed once another share of the requests has been answered: always in the middle of the load.
    while (!done && requests < Math.floor((total * k) / (z.restarts + 1))) await sleep(20);
    if (done) break;
    service.removeAllListeners('exit');
    service.kill('SIGKILL');
    await new Promise((r) => service.once('exit', r));
    restarts++;
    service = await startService(url, port);
  }
  await load;
  const seconds = (performance.now() - t0) / 1000;
  service.removeAllListeners('exit');
  service.kill('SIGTERM');
  const check = createPool(url, { max: 1 });
  const ids = await check.query<{ id: string; n: string }>('SELECT id, count(*) AS n FROM documents WHERE team = $1 GROUP BY id', [team]);
  await check.end();
  const want = new Set(Array.from({ length: CLIENTS * REQUESTS * PER }, (_, i) => `bench-${first + i}`));
  const stored = ids.rows.filter((r) => want.has(r.id)).length;
  const after = await audit(url, team);
  if (after.halfRecorded || after.orphans || !after.countsRight) throw new Error(`the index is inconsistent after the restarts: ${JSON.stringify(after)}`);
  return {
    clients: CLIENTS,
    articles: want.size,
    restarts,
    stored,
    duplicates: ids.rows.filter((r) => Number(r.n) > 1).length,
    lost: want.size - stored,
    retriedRequests: sent - requests,
    seconds,
  };
}

export async function runFaults(clusters: Clusters, corpus: TeamCorpus, z: FaultSizes = BENCH_FAULTS): Promise<FaultFigures> {
  if (!clusters.own) throw new Error('the fault bench kills its cluster: run it on clusters the bench starts (unset WIRETRACE_BENCH_PG)');
  const admin = createPool(clusters.urls[0], { max: 1 });
  await admin.query('DROP DATABASE IF EXISTS wiretrace_faults WITH (FORCE)');
  await admin.query('CREATE DATABASE wiretrace_faults');
  await admin.end();
  const u = new URL(clusters.urls[0]);
  u.pathname = '/wiretrace_faults';
  const first = 5_000_000; // articles no other part of the bench records
  const kill = await killMidBatch(clusters, u.toString(), corpus, first, z);
  const restart = await restartUnderLoad(u.toString(), corpus, first + 10_000, z);
  return { kill, restart };
}
