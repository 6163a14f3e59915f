/**
 * Brings a database's schema up to date: creates `schema_migrations` when missing and runs, in
 * order, each migration (migrations.ts) whose version it does not list, each in a transaction with
 * its row. An advisory lock keeps two services started at once from running the same migration.
 * A database whose schema is newer than this build knows is refused rather than used.
 */
import type pg from 'pg';
import { MIGRATIONS } from './migrations';

/** Any number, the same in every build: the advisory lock that serialises migrations. */
const MIGRATION_LOCK = 0x77697265;

export interface MigrationReport {
  applied: number[];
  version: number;
}

export async function migrate(pool: pg.Pool): Promise<MigrationReport> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied timestamptz NOT NULL DEFAULT now()
    )`);
    const done = new Set((await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
    const newest = Math.max(0, ...MIGRATIONS.map((m) => m.version));
    const beyond = [...done].filter((v) => v > newest);
    if (beyond.length) throw new Error(`the database's schema is at version ${Math.max(...beyond)}, newer than this build knows (${newest}): run a newer wiretrace`);
    const applied: number[] = [];
    for (const m of MIGRATIONS) {
      if (done.has(m.version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
        await client.query('COMMIT');
      } catch (e) {
        await client.query('ROLLBACK');
        throw new Error(`schema migration ${m.version} (${m.name}) failed: ${(e as Error).message}`);
      }
      applied.push(m.version);
    }
    return { applied, version: newest };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
  }
}
