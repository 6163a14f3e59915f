/**
 * The PostgreSQL connection pool of the service and of `wiretrace audit --store`: int8 columns (the
 * document keys) read as numbers (they stay below 2^53), and a transaction helper that retries the
 * failures PostgreSQL asks a client to retry (a deadlock, a serialisation failure).
 */
import pg from 'pg';

const INT8 = 20;
const INT8_ARRAY = 1016;

function int8(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`int8 value ${value} is beyond what a document key may be`);
  return n;
}

const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: string) => {
    if (oid === INT8) return int8;
    // A one-dimensional int8[] is '{1,2,3}' (no quotes, no NULLs in the columns read here).
    if (oid === INT8_ARRAY) return (v: string) => (v === '{}' ? [] : v.slice(1, -1).split(',').map(int8));
    return (pg.types.getTypeParser as (id: number, format?: string) => unknown)(oid, format);
  }) as pg.CustomTypesConfig['getTypeParser'],
};

export interface PoolOptions {
  /** Connections at most (default 10). */
  max?: number;
  /** Milliseconds a statement may run (default 30,000). */
  statementTimeout?: number;
  applicationName?: string;
  /** Settings for every connection, as libpq's `options` ("-c enable_seqscan=off"). */
  options?: string;
}

export function createPool(url: string, o: PoolOptions = {}): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: o.max ?? 10,
    types,
    statement_timeout: o.statementTimeout ?? 30_000,
    application_name: o.applicationName ?? 'wiretrace',
    connectionTimeoutMillis: 10_000,
    ...(o.options ? { options: o.options } : {}),
  });
  // An idle connection the server dropped (a restart) is an error on the pool, not on a query: the
  // next query takes a new connection.
  pool.on('error', () => undefined);
  return pool;
}

/** SQLSTATEs worth running a transaction again for. */
const RETRY = new Set(['40001', '40P01']);

/** Runs `fn` in a transaction (READ COMMITTED), committed when it returns, rolled back when it throws; retried up to 3 times on a deadlock or serialisation failure. */
export async function transaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  for (let round = 1; ; round++) {
    const client = await pool.connect();
    let broken = false;
    // A connection the server drops mid-transaction (a restart) fails the query that is running;
    // the client's own 'error' event must not go unheard and bring the process down.
    const dropped = () => {
      broken = true;
    };
    client.on('error', dropped);
    try {
      await client.query('BEGIN');
      const value = await fn(client);
      await client.query('COMMIT');
      return value;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => {
        broken = true;
      });
      const code = (e as { code?: string }).code;
      if (round < 3 && code && RETRY.has(code)) continue;
      throw e;
    } finally {
      client.off('error', dropped);
      client.release(broken);
    }
  }
}
