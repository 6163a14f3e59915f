/**
 * PostgreSQL for the server tests: WIRETRACE_TEST_PG names a cluster (`.ci/run` starts a throwaway
 * one: `.ci/pg-clusters`); each test file gets a database of its own, migrated, and dropped after.
 * Without WIRETRACE_TEST_PG the tests are skipped with the reason printed, except on CI, where a
 * missing database is a failure.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import { createPool } from '../../server/db';
import { migrate } from '../../server/migrate';

export const PG_URL = process.env.WIRETRACE_TEST_PG;
/** The other clusters of the sharded test (space-separated URLs). */
export const PG_SHARDS = (process.env.WIRETRACE_TEST_PG_SHARDS ?? '').split(/\s+/).filter(Boolean);

const SKIP_REASON = 'WIRETRACE_TEST_PG is not set: the team index tests need PostgreSQL (.ci/pg-clusters start DIR, then source DIR/env)';

if (!PG_URL) {
  if (process.env.CI) throw new Error(`${SKIP_REASON}; on CI it must be (.ci/run starts one)`);
  console.log(`skipped: ${SKIP_REASON}`);
}

/** describe() when a test database is at hand, describe.skip() otherwise. */
export const describePg = PG_URL ? describe : describe.skip;

/** A URL of the same cluster with another database. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Creates a fresh database on the cluster at `url`; returns its URL and a function that drops it. */
export async function scratchDatabase(url: string, prefix = 'wt_test'): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    // A name of our own making (hex), quoted: CREATE DATABASE takes no parameters.
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  return {
    url: withDatabase(url, name),
    drop: async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

/** A migrated scratch database for the enclosing describe block: `db.pool` and `db.url` once beforeAll ran. */
export function useTestDatabase(): { pool: pg.Pool; url: string } {
  const state = {} as { pool: pg.Pool; url: string; drop: () => Promise<void> };
  beforeAll(async () => {
    const scratch = await scratchDatabase(PG_URL!);
    state.url = scratch.url;
    state.drop = scratch.drop;
    state.pool = createPool(scratch.url);
    await migrate(state.pool);
  });
  afterAll(async () => {
    await state.pool?.end();
    await state.drop?.();
  });
  return state;
}
