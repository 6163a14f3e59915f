/**
 * The team index's schema, as numbered migrations. Each runs once, in its own transaction, and is
 * recorded in `schema_migrations` (migrate.ts); a migration is never edited once released, only
 * followed by another. The layout and why it was chosen: docs/team-index.md.
 *
 *   teams          a team and the engine parameters its index was built with
 *   tokens         bearer tokens, by SHA-256 hash only, with a scope and a revocation time
 *   documents      the articles (one row each, unique by (team, id)): text, times, credits, sources,
 *                  paragraph fingerprints, and their units' band keys packed as in the extension's
 *                  records (unit-pack.ts: per unit its paragraph + 1, its number of keys, its keys;
 *                  uint32 little-endian), for export and for deleting the document's postings
 *   postings       one row per (band key, document) occurrence: hash-partitioned by band key, the
 *                  column a distributed deployment (Citus) shards on
 *   fingerprints   per team and outlet, how many documents hold each paragraph fingerprint (furniture)
 *   outlets        per team and outlet, its number of documents
 *   team_counts    per team, documents, units and paragraphs (the engine asks on every check)
 *
 * Band keys and fingerprints are unsigned 32-bit values stored in int4 columns as the same 32 bits
 * (key | 0): half the bytes of int8, and equality is all a look-up needs.
 */

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'team index',
    sql: `
      CREATE TABLE teams (
        id serial PRIMARY KEY,
        name text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 100),
        params jsonb,
        created timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE tokens (
        id serial PRIMARY KEY,
        team integer NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
        hash bytea NOT NULL UNIQUE CHECK (length(hash) = 32),
        scope text NOT NULL CHECK (scope IN ('read', 'write')),
        label text CHECK (length(label) <= 200),
        created timestamptz NOT NULL DEFAULT now(),
        revoked timestamptz
      );

      CREATE TABLE documents (
        key bigserial PRIMARY KEY,
        team integer NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
        id text NOT NULL,
        outlet text NOT NULL,
        outlet_key text NOT NULL,
        url text,
        title text,
        lang text,
        guid text,
        published timestamptz,
        first_seen timestamptz NOT NULL,
        paragraphs text[] NOT NULL,
        fingerprints int4[] NOT NULL,
        unit_count integer NOT NULL,
        units bytea NOT NULL,
        credits jsonb,
        sources text[],
        recorded timestamptz NOT NULL DEFAULT now(),
        UNIQUE (team, id)
      );
      CREATE INDEX documents_team_key ON documents (team, key);
      CREATE INDEX documents_team_first_seen ON documents (team, first_seen);
      CREATE INDEX documents_sources ON documents USING gin (sources);

      CREATE TABLE postings (
        band_key int4 NOT NULL,
        team integer NOT NULL,
        doc bigint NOT NULL
      ) PARTITION BY HASH (band_key);
      CREATE TABLE postings_local PARTITION OF postings FOR VALUES WITH (MODULUS 1, REMAINDER 0);
      CREATE INDEX postings_key ON postings (band_key, team, doc);

      CREATE TABLE fingerprints (
        team integer NOT NULL,
        outlet_key text NOT NULL,
        fp int4 NOT NULL,
        docs integer NOT NULL,
        PRIMARY KEY (team, outlet_key, fp)
      );

      CREATE TABLE outlets (
        team integer NOT NULL,
        outlet_key text NOT NULL,
        docs integer NOT NULL,
        PRIMARY KEY (team, outlet_key)
      );

      CREATE TABLE team_counts (
        team integer PRIMARY KEY REFERENCES teams (id) ON DELETE CASCADE,
        documents bigint NOT NULL DEFAULT 0,
        units bigint NOT NULL DEFAULT 0,
        paragraphs bigint NOT NULL DEFAULT 0
      );
    `,
  },
  {
    version: 2,
    name: 'shards over postgres_fdw',
    // Functions shards.ts calls with parameters: DDL takes no parameters, so the names and options
    // are quoted here by format() (%I an identifier, %L a literal), never pasted into SQL text.
    sql: `
      CREATE FUNCTION wiretrace_add_shard(name text, host text, port text, dbname text, username text, password text)
      RETURNS void LANGUAGE plpgsql AS $fn$
      BEGIN
        EXECUTE format('CREATE SERVER %I FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host %L, port %L, dbname %L, fetch_size %L, batch_size %L)',
                       name, host, port, dbname, '10000', '1000');
        EXECUTE format('CREATE USER MAPPING FOR CURRENT_USER SERVER %I OPTIONS (user %L, password %L)', name, username, password);
      END
      $fn$;

      -- moved_to_shards: the caller has already put each shard's rows in its postings_shard (a bulk
      -- copy); only this node's rows are kept. Otherwise every row is moved through the new table.
      CREATE FUNCTION wiretrace_partition_postings(modulus integer, servers text[], moved_to_shards boolean)
      RETURNS bigint LANGUAGE plpgsql AS $fn$
      DECLARE
        moved bigint;
      BEGIN
        IF modulus <> coalesce(array_length(servers, 1), 0) + 1 THEN
          RAISE EXCEPTION 'one local partition and one per shard: modulus % for % shards', modulus, coalesce(array_length(servers, 1), 0);
        END IF;
        ALTER TABLE postings RENAME TO postings_unsharded;
        CREATE TABLE postings (band_key int4 NOT NULL, team integer NOT NULL, doc bigint NOT NULL) PARTITION BY HASH (band_key);
        EXECUTE format('CREATE TABLE postings_p0 PARTITION OF postings FOR VALUES WITH (MODULUS %s, REMAINDER 0)', modulus);
        FOR i IN 1 .. modulus - 1 LOOP
          EXECUTE format('CREATE FOREIGN TABLE %I PARTITION OF postings FOR VALUES WITH (MODULUS %s, REMAINDER %s) SERVER %I OPTIONS (table_name %L)',
                         'postings_p' || i, modulus, i, servers[i], 'postings_shard');
        END LOOP;
        IF moved_to_shards THEN
          INSERT INTO postings_p0 (band_key, team, doc)
            SELECT band_key, team, doc FROM postings_unsharded WHERE satisfies_hash_partition('postings'::regclass, modulus, 0, band_key);
        ELSE
          INSERT INTO postings (band_key, team, doc) SELECT band_key, team, doc FROM postings_unsharded;
        END IF;
        GET DIAGNOSTICS moved = ROW_COUNT;
        CREATE INDEX postings_p0_key ON postings_p0 (band_key, team, doc);
        DROP TABLE postings_unsharded;
        RETURN moved;
      END
      $fn$;
    `,
  },
];
