/**
 * The band-key table spread over several PostgreSQL clusters with PostgreSQL's own postgres_fdw:
 * `postings` stays the one table every statement names, hash-partitioned by band key into as many
 * partitions as clusters; the first partition is local, each other one a foreign table on its
 * cluster (a table `postings_shard` with its own band-key index). A look-up (`band_key = ANY ($2)`)
 * is sent to every shard, each answering from its own index; inserts and deletes are routed to the
 * partition of each key. Documents, fingerprints and counts stay on this node.
 *
 * The foreign servers and user mappings are made by the function migration 2 defines, whose
 * arguments are parameters (it quotes them with format's %I and %L): no SQL is built from strings
 * here. Postings already stored are moved into the new partitions, in the same transaction.
 */
import pg from 'pg';
import { transaction } from './db';

/** The table each shard keeps its part of the postings in. */
const SHARD_TABLE = `
  CREATE TABLE IF NOT EXISTS postings_shard (
    band_key int4 NOT NULL,
    team integer NOT NULL,
    doc bigint NOT NULL
  )`;
const SHARD_INDEX = 'CREATE INDEX IF NOT EXISTS postings_shard_key ON postings_shard (band_key, team, doc)';

export interface ShardLayout {
  /** Partitions: 'local' or the foreign server's name, in remainder order. */
  partitions: string[];
  moved: number;
}

/** Makes the table a shard keeps its postings in (its band-key index too, unless `index` is false: a bulk copy builds it after). */
export async function prepareShard(url: string, index = true): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(SHARD_TABLE);
    if (index) await c.query(SHARD_INDEX);
  } finally {
    await c.end();
  }
}

/**
 * Spreads `postings` over this database's cluster and the databases at `shardUrls` (each must
 * exist). With `copied`, the caller has already put each shard's postings into its table (and
 * built its index): only this node's part is kept here; otherwise every posting is moved.
 */
export async function shardPostings(pool: pg.Pool, shardUrls: string[], copied = false): Promise<ShardLayout> {
  if (!copied) for (const url of shardUrls) await prepareShard(url);
  const modulus = shardUrls.length + 1;
  return transaction(pool, async (client) => {
    await client.query('CREATE EXTENSION IF NOT EXISTS postgres_fdw');
    const partitions = ['local'];
    for (const [i, url] of shardUrls.entries()) {
      const u = new URL(url);
      const name = `shard_${i + 1}`;
      await client.query('SELECT wiretrace_add_shard($1, $2, $3, $4, $5, $6)', [name, u.hostname, u.port || '5432', decodeURIComponent(u.pathname.slice(1)) || 'postgres', decodeURIComponent(u.username), decodeURIComponent(u.password)]);
      partitions.push(name);
    }
    const moved = await client.query<{ n: string }>('SELECT wiretrace_partition_postings($1, $2::text[], $3) AS n', [modulus, partitions.slice(1), copied]);
    return { partitions, moved: Number(moved.rows[0].n) };
  });
}
