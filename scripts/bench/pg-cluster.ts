/**
 * Throwaway PostgreSQL clusters for `npm run bench:server`, started and stopped with .ci/pg-clusters
 * (127.0.0.1, a free port, a non-root user), with settings for a bulk load on this machine's 24 GiB:
 * large shared buffers and maintenance memory, rare checkpoints. WIRETRACE_BENCH_PG names a cluster
 * of your own instead (then nothing is started or stopped, and the fault bench is skipped: it kills
 * and restarts the cluster).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ROOT } from './util';

const SCRIPT = resolve(ROOT, '.ci/pg-clusters');

export const BENCH_SETTINGS = [
  'shared_buffers = 4GB',
  'maintenance_work_mem = 2GB',
  'work_mem = 64MB',
  'max_wal_size = 16GB',
  'checkpoint_timeout = 30min',
  'effective_cache_size = 16GB',
  'max_parallel_maintenance_workers = 2',
];

export interface Clusters {
  /** URLs of the clusters' `postgres` database: the first, then the shards. */
  urls: string[];
  /** Kills cluster i (1-based) with SIGKILL; restart() starts it again (crash recovery runs). */
  kill(i: number): void;
  restart(i: number): void;
  stop(): void;
  own: boolean;
}

/** N clusters (with the bench's settings, or `settings`), or those WIRETRACE_BENCH_PG names. */
export function startClusters(n: number, settings: string[] = BENCH_SETTINGS, useGiven = true): Clusters {
  const given = process.env.WIRETRACE_BENCH_PG;
  if (given && useGiven) {
    const shards = (process.env.WIRETRACE_BENCH_PG_SHARDS ?? '').split(/\s+/).filter(Boolean);
    if (shards.length < n - 1) throw new Error(`WIRETRACE_BENCH_PG_SHARDS names ${shards.length} clusters; ${n - 1} are needed`);
    const no = () => {
      throw new Error('the fault bench kills its cluster: run it on clusters the bench starts (unset WIRETRACE_BENCH_PG)');
    };
    return { urls: [given, ...shards.slice(0, n - 1)], kill: no, restart: no, stop: () => undefined, own: false };
  }
  const dir = mkdtempSync(join(tmpdir(), 'wiretrace-bench-pg-'));
  const env = execFileSync(SCRIPT, ['start', dir, String(n), ...settings], { encoding: 'utf8' }).trim();
  const vars = Object.fromEntries(
    readFileSync(env, 'utf8')
      .trim()
      .split('\n')
      .map((l) => /^(\w+)='(.*)'$/.exec(l)!.slice(1, 3)),
  );
  const urls = [vars.WIRETRACE_TEST_PG, ...vars.WIRETRACE_TEST_PG_SHARDS.split(' ').filter(Boolean)];
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    execFileSync(SCRIPT, ['stop', dir]);
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', stop);
  return {
    urls,
    kill: (i) => execFileSync(SCRIPT, ['kill', dir, String(i)]),
    restart: (i) => execFileSync(SCRIPT, ['restart', dir, String(i)]),
    stop,
    own: true,
  };
}
