/**
 * One team's index in PostgreSQL: every statement the service and PgStore run, each scoped to the
 * team (`team = $1` in every WHERE), each with its values as parameters (no SQL is built from
 * strings). The schema is migrations.ts's; the layout's reasons are in docs/team-index.md.
 *
 * A batch of articles is recorded in one transaction whatever its size, in a fixed number of
 * statements: the documents (from one JSON parameter), their postings (two parallel arrays), the
 * fingerprint and outlet counts (aggregated per batch, upserted in key order so that two batches
 * lock rows in the same order) and the team's counts. So a batch is stored whole or not at all.
 */
import type pg from 'pg';
import type { IndexParams, NewDocument, StoreStats, StoredDocument, UnitRecord } from '../src/engine/store';
import { transaction } from './db';

/** An article ready to store: the document, its units (band keys) and paragraph fingerprints. */
export interface StoreItem {
  doc: NewDocument;
  units: UnitRecord[];
  fingerprints: Uint32Array;
}

export interface Recorded {
  id: string;
  key: number;
  added: boolean;
}

/** A look-up's hits, and the first candidates whole with the counts of their paragraph fingerprints. */
export interface Found {
  hits: Map<number, number>;
  ranked: number[];
  candidates: Array<{ doc: StoredDocument; fingerprints: Uint32Array; counts: Uint32Array }>;
}

/** The values of an unsigned 32-bit array as the int4 values that hold the same bits. */
function int4s(a: Uint32Array): number[] {
  return Array.from(new Int32Array(a.buffer, a.byteOffset, a.length));
}

function u32s(a: number[]): Uint32Array {
  return Uint32Array.from(a, (x) => x >>> 0);
}

/** A document's units packed (per unit: paragraph + 1, number of keys, keys; uint32 little-endian). */
export function packUnits(units: UnitRecord[]): Buffer {
  let size = 0;
  for (const u of units) size += 2 + u.bandKeys.length;
  const buf = Buffer.alloc(size * 4);
  let at = 0;
  for (const u of units) {
    buf.writeUInt32LE(u.paragraph + 1, at);
    buf.writeUInt32LE(u.bandKeys.length, at + 4);
    at += 8;
    for (let k = 0; k < u.bandKeys.length; k++, at += 4) buf.writeUInt32LE(u.bandKeys[k], at);
  }
  return buf;
}

export function unpackUnits(buf: Buffer): UnitRecord[] {
  const out: UnitRecord[] = [];
  for (let at = 0; at + 8 <= buf.length; ) {
    const paragraph = buf.readUInt32LE(at) - 1;
    const n = buf.readUInt32LE(at + 4);
    at += 8;
    const keys = new Uint32Array(n);
    for (let k = 0; k < n; k++, at += 4) keys[k] = buf.readUInt32LE(at);
    out.push({ paragraph, bandKeys: keys });
  }
  return out;
}

/** Every band key of some units, in order (a key held twice is there twice). */
function allKeys(units: UnitRecord[], flags?: Uint8Array): Uint32Array {
  let n = 0;
  for (let u = 0; u < units.length; u++) if (!flags || flags[u]) n += units[u].bandKeys.length;
  const out = new Uint32Array(n);
  let at = 0;
  for (let u = 0; u < units.length; u++) {
    if (flags && !flags[u]) continue;
    out.set(units[u].bandKeys, at);
    at += units[u].bandKeys.length;
  }
  return out;
}

/** Documents with most hits first, ties by the lower key (the engine's rankCandidates). */
export function rank(hits: Map<number, number>): number[] {
  return [...hits.entries()].sort((x, y) => y[1] - x[1] || x[0] - y[0]).map((e) => e[0]);
}

interface DocRow {
  key: number;
  id: string;
  outlet: string;
  outlet_key: string;
  url: string | null;
  title: string | null;
  lang: string | null;
  guid: string | null;
  published: Date | null;
  first_seen: Date;
  paragraphs: string[];
  fingerprints: number[];
  credits: StoredDocument['credits'] | null;
  sources: string[] | null;
}

function fromRow(r: DocRow): StoredDocument {
  const doc: StoredDocument = { key: r.key, id: r.id, outlet: r.outlet, outletKey: r.outlet_key, firstSeen: r.first_seen.getTime(), paragraphs: r.paragraphs };
  if (r.url !== null) doc.url = r.url;
  if (r.title !== null) doc.title = r.title;
  if (r.published !== null) doc.published = r.published.getTime();
  if (r.lang !== null) doc.lang = r.lang;
  if (r.guid !== null) doc.guid = r.guid;
  if (r.sources !== null) doc.sources = r.sources;
  if (r.credits !== null) doc.credits = r.credits;
  return doc;
}

type Queryable = pg.Pool | pg.PoolClient;

/** The id of the team named `name`, created when it does not exist. */
export async function teamId(pool: pg.Pool, name: string): Promise<number> {
  await pool.query('INSERT INTO teams (name) VALUES ($1) ON CONFLICT (name) DO NOTHING', [name]);
  const r = await pool.query<{ id: number }>('SELECT id FROM teams WHERE name = $1', [name]);
  return r.rows[0].id;
}

export class TeamDb {
  constructor(
    readonly pool: pg.Pool,
    readonly team: number,
  ) {}

  async params(): Promise<IndexParams | undefined> {
    const r = await this.pool.query<{ params: IndexParams | null }>('SELECT params FROM teams WHERE id = $1', [this.team]);
    return r.rows[0]?.params ?? undefined;
  }

  async setParams(params: IndexParams): Promise<void> {
    await this.pool.query('UPDATE teams SET params = $2 WHERE id = $1', [this.team, JSON.stringify(params)]);
  }

  async stats(db: Queryable = this.pool): Promise<StoreStats> {
    const r = await db.query<{ documents: number; units: number; paragraphs: number; outlets: number }>(
      `SELECT coalesce(c.documents, 0) AS documents, coalesce(c.units, 0) AS units, coalesce(c.paragraphs, 0) AS paragraphs,
              (SELECT count(*) FROM outlets o WHERE o.team = $1 AND o.docs > 0) AS outlets
         FROM (SELECT 1) one LEFT JOIN team_counts c ON c.team = $1`,
      [this.team],
    );
    const s = r.rows[0];
    return { documents: Number(s.documents), outlets: Number(s.outlets), units: Number(s.units), paragraphs: Number(s.paragraphs) };
  }

  /** params(), stats() and latestFirstSeen() in one statement (the service's GET /v1/index). */
  async info(): Promise<{ params: IndexParams | undefined; stats: StoreStats; latestFirstSeen: number | undefined }> {
    const r = await this.pool.query<{ params: IndexParams | null; documents: string; units: string; paragraphs: string; outlets: string; latest: Date | null }>(
      `SELECT t.params, coalesce(c.documents, 0) AS documents, coalesce(c.units, 0) AS units, coalesce(c.paragraphs, 0) AS paragraphs,
              (SELECT count(*) FROM outlets o WHERE o.team = $1 AND o.docs > 0) AS outlets,
              (SELECT max(d.first_seen) FROM documents d WHERE d.team = $1) AS latest
         FROM teams t LEFT JOIN team_counts c ON c.team = t.id
        WHERE t.id = $1`,
      [this.team],
    );
    const s = r.rows[0];
    return {
      params: s.params ?? undefined,
      stats: { documents: Number(s.documents), outlets: Number(s.outlets), units: Number(s.units), paragraphs: Number(s.paragraphs) },
      latestFirstSeen: s.latest?.getTime(),
    };
  }

  async latestFirstSeen(): Promise<number | undefined> {
    const r = await this.pool.query<{ t: Date | null }>('SELECT max(first_seen) AS t FROM documents WHERE team = $1', [this.team]);
    return r.rows[0].t?.getTime();
  }

  /** Documents sharing band keys with `keys`, with the number of (key, posting) hits each (IndexStore.lookup). */
  async hits(keys: Uint32Array, db: Queryable = this.pool): Promise<Map<number, number>> {
    const hits = new Map<number, number>();
    if (!keys.length) return hits;
    // Each distinct key once, with how often the query holds it: a key given twice counts twice.
    // The database is asked with `= ANY` alone (one index scan; pushed whole to a remote shard) and
    // the multiplicities are applied here: a join with the query's keys planned badly at times.
    const times = new Map<number, number>();
    for (const k of int4s(keys)) times.set(k, (times.get(k) ?? 0) + 1);
    const r = await db.query<{ doc: number; keys: number[] }>(
      `SELECT p.doc, array_agg(p.band_key) AS keys FROM postings p
        WHERE p.team = $1 AND p.band_key = ANY ($2::int4[])
        GROUP BY p.doc`,
      [this.team, [...times.keys()]],
    );
    for (const row of r.rows) {
      let n = 0;
      for (const k of row.keys) n += times.get(k)!;
      hits.set(row.doc, n);
    }
    return hits;
  }

  /** hits() with the first `candidates` documents of the ranking whole, and their furniture counts. */
  async find(keys: Uint32Array, candidates: number, db: Queryable = this.pool): Promise<Found> {
    const hits = await this.hits(keys, db);
    const ranked = rank(hits);
    return { hits, ranked, candidates: await this.candidates(ranked.slice(0, candidates), db) };
  }

  /** The documents with these keys, in this order, each with its fingerprints and their counts in its outlet. */
  async candidates(keys: number[], db: Queryable = this.pool): Promise<Found['candidates']> {
    if (!keys.length) return [];
    const r = await db.query<DocRow & { counts: number[] }>(
      `SELECT key, id, outlet, outlet_key, url, title, lang, guid, published, first_seen, paragraphs, fingerprints, credits, sources,
              ARRAY(SELECT coalesce(f.docs, 0)
                      FROM unnest(d.fingerprints) WITH ORDINALITY AS x (fp, i)
                      LEFT JOIN fingerprints f ON f.team = d.team AND f.outlet_key = d.outlet_key AND f.fp = x.fp AND x.fp <> 0
                     ORDER BY x.i) AS counts
         FROM documents d
        WHERE d.team = $1 AND d.key = ANY ($2::int8[])`,
      [this.team, keys],
    );
    const byKey = new Map(r.rows.map((row) => [row.key, row]));
    const out: Found['candidates'] = [];
    for (const k of keys) {
      const row = byKey.get(k);
      if (row) out.push({ doc: fromRow(row), fingerprints: u32s(row.fingerprints), counts: Uint32Array.from(row.counts) });
    }
    return out;
  }

  /** The stored documents with these keys, in the order given (keys not stored are left out). */
  async documents(keys: number[]): Promise<StoredDocument[]> {
    const wanted = keys.filter((k) => Number.isSafeInteger(k) && k > 0);
    if (!wanted.length) return [];
    const r = await this.pool.query<DocRow>(`SELECT key, id, outlet, outlet_key, url, title, lang, guid, published, first_seen, paragraphs, fingerprints, credits, sources FROM documents WHERE team = $1 AND key = ANY ($2::int8[])`, [this.team, wanted]);
    const byKey = new Map(r.rows.map((row) => [row.key, row]));
    return wanted.flatMap((k) => {
      const row = byKey.get(k);
      return row ? [fromRow(row)] : [];
    });
  }

  async documentById(id: string): Promise<StoredDocument | undefined> {
    const r = await this.pool.query<DocRow>(`SELECT key, id, outlet, outlet_key, url, title, lang, guid, published, first_seen, paragraphs, fingerprints, credits, sources FROM documents WHERE team = $1 AND id = $2`, [this.team, id]);
    return r.rows[0] ? fromRow(r.rows[0]) : undefined;
  }

  async documentsByIds(ids: string[]): Promise<StoredDocument[]> {
    if (!ids.length) return [];
    const r = await this.pool.query<DocRow>(`SELECT key, id, outlet, outlet_key, url, title, lang, guid, published, first_seen, paragraphs, fingerprints, credits, sources FROM documents WHERE team = $1 AND id = ANY ($2::text[]) ORDER BY key`, [this.team, ids]);
    return r.rows.map(fromRow);
  }

  /** How many of the outlet's documents hold each fingerprint (0 for fingerprint 0). */
  async fingerprintCounts(outletKey: string, fingerprints: Uint32Array): Promise<Uint32Array> {
    if (!fingerprints.length) return new Uint32Array(0);
    const r = await this.pool.query<{ n: number }>(
      `SELECT coalesce(f.docs, 0) AS n
         FROM unnest($3::int4[]) WITH ORDINALITY AS x (fp, i)
         LEFT JOIN fingerprints f ON f.team = $1 AND f.outlet_key = $2 AND f.fp = x.fp AND x.fp <> 0
        ORDER BY x.i`,
      [this.team, outletKey, int4s(fingerprints)],
    );
    return Uint32Array.from(r.rows, (row) => row.n);
  }

  /** Stores a batch of articles (idempotent by id: an id already stored, or twice in the batch, is left as it is). */
  async record(items: StoreItem[]): Promise<Recorded[]> {
    return transaction(this.pool, (client) => this.insert(client, items));
  }

  /**
   * putDocumentAndLookup: in one transaction, the look-up of the flagged units' band keys as the
   * index stands before the article, then the article stored; the candidates' furniture counts are
   * read after it (as the engine reads them once the article is in).
   */
  async recordAndFind(item: StoreItem, flags: Uint8Array, candidates: number): Promise<{ recorded: Recorded; found: Found }> {
    return transaction(this.pool, async (client) => {
      const hits = await this.hits(allKeys(item.units, flags), client);
      const [recorded] = await this.insert(client, [item]);
      if (recorded.added) hits.delete(recorded.key);
      const ranked = rank(hits);
      return { recorded, found: { hits, ranked, candidates: await this.candidates(ranked.slice(0, candidates), client) } };
    });
  }

  private async insert(client: pg.PoolClient, items: StoreItem[]): Promise<Recorded[]> {
    if (!items.length) return [];
    const rows = items.map(({ doc, units, fingerprints }, ord) => ({
      ord,
      id: doc.id,
      outlet: doc.outlet,
      outlet_key: doc.outletKey,
      url: doc.url ?? null,
      title: doc.title ?? null,
      lang: doc.lang ?? null,
      guid: doc.guid ?? null,
      published: doc.published !== undefined ? new Date(doc.published).toISOString() : null,
      first_seen: new Date(doc.firstSeen).toISOString(),
      paragraphs: doc.paragraphs,
      fingerprints: int4s(fingerprints),
      unit_count: units.length,
      units: packUnits(units).toString('base64'),
      credits: doc.credits ?? null,
      sources: doc.sources ?? null,
    }));
    // Keys are given in the batch's order (the engine breaks ties between equal candidates by key).
    const inserted = await client.query<{ key: number; id: string }>(
      `INSERT INTO documents (team, id, outlet, outlet_key, url, title, lang, guid, published, first_seen, paragraphs, fingerprints, unit_count, units, credits, sources)
       SELECT $1, r.id, r.outlet, r.outlet_key, r.url, r.title, r.lang, r.guid, r.published, r.first_seen,
              ARRAY(SELECT p FROM jsonb_array_elements_text(r.paragraphs) WITH ORDINALITY AS t (p, i) ORDER BY i),
              ARRAY(SELECT f::int4 FROM jsonb_array_elements_text(r.fingerprints) WITH ORDINALITY AS t (f, i) ORDER BY i),
              r.unit_count, decode(r.units, 'base64'), r.credits,
              CASE WHEN r.sources IS NULL THEN NULL ELSE ARRAY(SELECT s FROM jsonb_array_elements_text(r.sources) WITH ORDINALITY AS t (s, i) ORDER BY i) END
         FROM jsonb_to_recordset($2::jsonb) AS r (ord int, id text, outlet text, outlet_key text, url text, title text, lang text, guid text,
              published timestamptz, first_seen timestamptz, paragraphs jsonb, fingerprints jsonb, unit_count int, units text, credits jsonb, sources jsonb)
        ORDER BY r.ord
       ON CONFLICT (team, id) DO NOTHING
       RETURNING key, id`,
      [this.team, JSON.stringify(rows)],
    );
    const added = new Map(inserted.rows.map((r) => [r.id, r.key]));
    const missing = items.filter((it) => !added.has(it.doc.id)).map((it) => it.doc.id);
    const existing = new Map<string, number>();
    if (missing.length) {
      const r = await client.query<{ key: number; id: string }>('SELECT key, id FROM documents WHERE team = $1 AND id = ANY ($2::text[])', [this.team, missing]);
      for (const row of r.rows) existing.set(row.id, row.key);
    }

    // Postings, fingerprint and outlet counts of the documents this batch added.
    const keys: number[] = [];
    const docs: number[] = [];
    const fps = new Map<string, Map<number, number>>();
    const outlets = new Map<string, number>();
    let units = 0;
    let paragraphs = 0;
    const results: Recorded[] = [];
    const first = new Set<string>();
    for (const it of items) {
      const key = added.get(it.doc.id);
      if (key === undefined || first.has(it.doc.id)) {
        results.push({ id: it.doc.id, key: key ?? existing.get(it.doc.id) ?? 0, added: false });
        continue;
      }
      first.add(it.doc.id);
      results.push({ id: it.doc.id, key, added: true });
      for (const u of it.units) {
        for (const k of int4s(u.bandKeys)) {
          keys.push(k);
          docs.push(key);
        }
      }
      units += it.units.length;
      paragraphs += it.doc.paragraphs.length;
      outlets.set(it.doc.outletKey, (outlets.get(it.doc.outletKey) ?? 0) + 1);
      let m = fps.get(it.doc.outletKey);
      if (!m) fps.set(it.doc.outletKey, (m = new Map()));
      for (const fp of new Set(int4s(it.fingerprints))) if (fp !== 0) m.set(fp, (m.get(fp) ?? 0) + 1);
    }
    if (!first.size) return results;
    // Postings in chunks, so that no one parameter grows past a few megabytes.
    const CHUNK = 200_000;
    for (let i = 0; i < keys.length; i += CHUNK) {
      await client.query('INSERT INTO postings (band_key, team, doc) SELECT k, $1, d FROM unnest($2::int4[], $3::int8[]) AS t (k, d)', [this.team, keys.slice(i, i + CHUNK), docs.slice(i, i + CHUNK)]);
    }
    await this.addCounts(client, fps, outlets, { documents: first.size, units, paragraphs }, 1);
    return results;
  }

  /** Adds (sign 1) or takes away (sign -1) documents' fingerprint, outlet and team counts. */
  private async addCounts(client: pg.PoolClient, fps: Map<string, Map<number, number>>, outlets: Map<string, number>, totals: { documents: number; units: number; paragraphs: number }, sign: 1 | -1): Promise<void> {
    const fo: string[] = [];
    const ff: number[] = [];
    const fn: number[] = [];
    for (const o of [...fps.keys()].sort()) {
      const m = fps.get(o)!;
      for (const fp of [...m.keys()].sort((a, b) => a - b)) {
        fo.push(o);
        ff.push(fp);
        fn.push(sign * m.get(fp)!);
      }
    }
    if (fo.length) {
      await client.query(
        `INSERT INTO fingerprints (team, outlet_key, fp, docs)
         SELECT $1, o, f, n FROM unnest($2::text[], $3::int4[], $4::int4[]) AS t (o, f, n)
         ON CONFLICT (team, outlet_key, fp) DO UPDATE SET docs = fingerprints.docs + EXCLUDED.docs`,
        [this.team, fo, ff, fn],
      );
      if (sign < 0) await client.query('DELETE FROM fingerprints WHERE team = $1 AND outlet_key = ANY ($2::text[]) AND docs <= 0', [this.team, [...fps.keys()]]);
    }
    const os = [...outlets.keys()].sort();
    if (os.length) {
      await client.query(
        `INSERT INTO outlets (team, outlet_key, docs)
         SELECT $1, o, n FROM unnest($2::text[], $3::int4[]) AS t (o, n)
         ON CONFLICT (team, outlet_key) DO UPDATE SET docs = outlets.docs + EXCLUDED.docs`,
        [this.team, os, os.map((o) => sign * outlets.get(o)!)],
      );
      if (sign < 0) await client.query('DELETE FROM outlets WHERE team = $1 AND outlet_key = ANY ($2::text[]) AND docs <= 0', [this.team, os]);
    }
    // The team's counts last: the one row every writer of the team updates is held for the shortest time.
    await client.query(
      `INSERT INTO team_counts (team, documents, units, paragraphs) VALUES ($1, $2, $3, $4)
       ON CONFLICT (team) DO UPDATE SET documents = team_counts.documents + EXCLUDED.documents,
         units = team_counts.units + EXCLUDED.units, paragraphs = team_counts.paragraphs + EXCLUDED.paragraphs`,
      [this.team, sign * totals.documents, sign * totals.units, sign * totals.paragraphs],
    );
  }

  /** Deletes these documents with their postings and counts, all or none; returns how many went. */
  async deleteDocuments(keys: number[]): Promise<number> {
    const wanted = [...new Set(keys.filter((k) => Number.isSafeInteger(k) && k > 0))];
    if (!wanted.length) return 0;
    return transaction(this.pool, (client) => this.deleteIn(client, wanted));
  }

  private async deleteIn(client: pg.PoolClient, keys: number[]): Promise<number> {
    const r = await client.query<{ key: number; outlet_key: string; fingerprints: number[]; units: Buffer; n_paragraphs: number; unit_count: number }>(
      `DELETE FROM documents WHERE team = $1 AND key = ANY ($2::int8[])
       RETURNING key, outlet_key, fingerprints, units, cardinality(paragraphs) AS n_paragraphs, unit_count`,
      [this.team, keys],
    );
    if (!r.rows.length) return 0;
    const bandKeys = new Set<number>();
    const fps = new Map<string, Map<number, number>>();
    const outlets = new Map<string, number>();
    let units = 0;
    let paragraphs = 0;
    for (const row of r.rows) {
      for (const u of unpackUnits(row.units)) for (const k of int4s(u.bandKeys)) bandKeys.add(k);
      units += row.unit_count;
      paragraphs += row.n_paragraphs;
      outlets.set(row.outlet_key, (outlets.get(row.outlet_key) ?? 0) + 1);
      let m = fps.get(row.outlet_key);
      if (!m) fps.set(row.outlet_key, (m = new Map()));
      for (const fp of new Set(row.fingerprints)) if (fp !== 0) m.set(fp, (m.get(fp) ?? 0) + 1);
    }
    // Every posting of a deleted document has one of its own keys: these keys and these documents
    // select exactly their postings.
    await client.query('DELETE FROM postings WHERE team = $1 AND band_key = ANY ($2::int4[]) AND doc = ANY ($3::int8[])', [this.team, [...bandKeys], r.rows.map((row) => row.key)]);
    await this.addCounts(client, fps, outlets, { documents: r.rows.length, units, paragraphs }, -1);
    return r.rows.length;
  }

  async addSource(keys: number[], source: string): Promise<number> {
    const wanted = keys.filter((k) => Number.isSafeInteger(k) && k > 0);
    if (!wanted.length) return 0;
    const r = await this.pool.query(
      `UPDATE documents SET sources = coalesce(sources, ARRAY['read']) || $3::text
        WHERE team = $1 AND key = ANY ($2::int8[]) AND NOT (coalesce(sources, ARRAY['read']) @> ARRAY[$3::text])`,
      [this.team, wanted, source],
    );
    return r.rowCount ?? 0;
  }

  async removeSource(source: string): Promise<{ untagged: number; deleted: number }> {
    return transaction(this.pool, async (client) => {
      const untagged = await client.query(
        `UPDATE documents SET sources = array_remove(sources, $2::text)
          WHERE team = $1 AND sources @> ARRAY[$2::text] AND NOT (sources <@ ARRAY[$2::text])`,
        [this.team, source],
      );
      const orphans = await client.query<{ key: number }>(`SELECT key FROM documents WHERE team = $1 AND sources @> ARRAY[$2::text] AND sources <@ ARRAY[$2::text]`, [this.team, source]);
      const deleted = orphans.rows.length ? await this.deleteIn(client, orphans.rows.map((o) => o.key)) : 0;
      return { untagged: untagged.rowCount ?? 0, deleted };
    });
  }

  /** A page of stored documents in key order, with their units and fingerprints (export). */
  async page(after: number, limit: number): Promise<Array<{ doc: StoredDocument; units: UnitRecord[]; fingerprints: Uint32Array }>> {
    const r = await this.pool.query<DocRow & { units: Buffer }>(`SELECT key, id, outlet, outlet_key, url, title, lang, guid, published, first_seen, paragraphs, fingerprints, credits, sources, units FROM documents WHERE team = $1 AND key > $2 ORDER BY key LIMIT $3`, [this.team, after, limit]);
    return r.rows.map((row) => ({ doc: fromRow(row), units: unpackUnits(row.units), fingerprints: u32s(row.fingerprints) }));
  }

  /** Deletes every document of the team and its parameters. */
  async clear(): Promise<void> {
    await transaction(this.pool, async (client) => {
      await client.query('DELETE FROM postings WHERE team = $1', [this.team]);
      await client.query('DELETE FROM fingerprints WHERE team = $1', [this.team]);
      await client.query('DELETE FROM outlets WHERE team = $1', [this.team]);
      await client.query('DELETE FROM team_counts WHERE team = $1', [this.team]);
      await client.query('DELETE FROM documents WHERE team = $1', [this.team]);
      await client.query('UPDATE teams SET params = NULL WHERE id = $1', [this.team]);
    });
  }
}
