/**
 * The team index service (`wiretrace serve`): an HTTP API on Hono over one PostgreSQL database.
 * Every /v1 request carries a bearer token; the token's team scopes everything it reads and writes
 * (each statement of team-db.ts filters by it), and a `read` token may not record or delete.
 * Bodies are JSON, limited in size before they are read and checked by schema before they are used;
 * every refusal is a 4xx with a JSON body {error, message} that says what to change. The API and
 * its limits: docs/team-index.md. HTTPS is the operator's reverse proxy: this listens on plain HTTP.
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type pg from 'pg';
import * as v from 'valibot';
import { indexParams } from '../src/engine/engine';
import type { IndexParams } from '../src/engine/store';
import { base64ToBytes, base64ToU32, toWireDocument, u32ToBase64, unitsToWire, API, type ErrorBody, type IndexInfo, type LookupResponse, type RecordResponse } from '../src/team/wire';
import { ArticleInputError, SERVICE_PARAMS, storeItem } from './article-item';
import { AddSourceSchema, ClearSchema, describeIssue, FingerprintSchema, LIMITS, LookupSchema, PageSchema, ParamsSchema, RecordSchema, RemoveSourceSchema, SelectSchema } from './request-schemas';
import { TeamDb, type Found } from './team-db';
import { verifyToken, type Caller } from './tokens';

type Env = { Variables: { caller: Caller; db: TeamDb } };

/** A refusal with its status: the error handler answers it as JSON. */
export class HttpError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 503,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** SQLSTATE classes and Node errors that mean the database is not there (restarting, unreachable). */
function databaseGone(e: unknown): boolean {
  const code = (e as { code?: string } | null)?.code ?? '';
  const message = (e as Error | null)?.message ?? '';
  return /^(08|57P0|53)/.test(code) || code === '57014' || ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE'].includes(code) || /Connection terminated|timeout exceeded when trying to connect|the database system is (starting up|shutting down|in recovery mode)/i.test(message);
}

async function body<S extends v.GenericSchema>(c: Context<Env>, schema: S): Promise<v.InferOutput<S>> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) throw new HttpError(415, 'unsupported-media-type', 'send the body as JSON (Content-Type: application/json)');
  let value: unknown;
  try {
    value = await c.req.json();
  } catch {
    throw new HttpError(400, 'bad-json', 'the body is not valid JSON');
  }
  const r = v.safeParse(schema, value);
  if (!r.success) throw new HttpError(400, 'bad-request', describeIssue(r.issues));
  return r.output;
}

function writer(c: Context<Env>): void {
  if (c.get('caller').scope !== 'write') throw new HttpError(403, 'read-only-token', 'this token may only read: recording and deleting need a token made with --scope write');
}

function keysOf(b64: string, what: string): Uint32Array {
  try {
    return base64ToU32(b64);
  } catch (e) {
    throw new HttpError(400, 'bad-request', `${what}: ${(e as Error).message}`);
  }
}

function lookupAnswer(f: Found): LookupResponse {
  return {
    hits: f.ranked.map((k) => [k, f.hits.get(k)!]),
    candidates: f.candidates.map((c) => ({ document: toWireDocument(c.doc), fingerprints: u32ToBase64(c.fingerprints), counts: u32ToBase64(c.counts) })),
  };
}

function sameParams(a: IndexParams, b: IndexParams): boolean {
  return JSON.stringify(indexParams(a)) === JSON.stringify(indexParams(b));
}

/** Refuses articles hashed with other parameters than the team's index. */
async function checkParams(db: TeamDb): Promise<void> {
  const params = await db.params();
  if (!params) await db.setParams(SERVICE_PARAMS);
  else if (!sameParams(params, SERVICE_PARAMS)) {
    throw new HttpError(409, 'other-parameters', `the team's index was built with other engine parameters (${JSON.stringify(params)}) than this service hashes with (${JSON.stringify(SERVICE_PARAMS)})`);
  }
}

export interface AppOptions {
  /** Called with every error that is not a refusal (logging); the client gets a 500 or a 503. */
  onError?: (e: unknown) => void;
}

export function createApp(pool: pg.Pool, o: AppOptions = {}): Hono<Env> {
  const app = new Hono<Env>();
  const tooLarge = (limit: number) =>
    bodyLimit({ maxSize: limit, onError: (c) => c.json<ErrorBody>({ error: 'too-large', message: `the body is over ${limit} bytes: send fewer articles a request` }, 413) });

  app.onError((e, c) => {
    if (e instanceof HttpError) {
      if (e.status === 401) c.header('WWW-Authenticate', 'Bearer realm="wiretrace"');
      return c.json<ErrorBody>({ error: e.code, message: e.message }, e.status);
    }
    if (e instanceof ArticleInputError) return c.json<ErrorBody>({ error: 'bad-article', message: e.message }, 400);
    o.onError?.(e);
    if (databaseGone(e)) {
      c.header('Retry-After', '1');
      return c.json<ErrorBody>({ error: 'database-unavailable', message: 'the database is not answering; try again shortly' }, 503);
    }
    return c.json<ErrorBody>({ error: 'internal', message: 'the service failed on this request (see its log)' }, 500);
  });
  app.notFound((c) => c.json<ErrorBody>({ error: 'not-found', message: `no ${c.req.method} ${new URL(c.req.url).pathname} here (the API is under /v1)` }, 404));

  app.get('/healthz', async (c) => {
    await pool.query('SELECT 1');
    return c.json({ ok: true });
  });

  // Authentication for everything under /v1, before any body is read.
  app.use('/v1/*', async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!m) throw new HttpError(401, 'no-token', 'send a token: Authorization: Bearer <token> (made by wiretrace serve token create)');
    const caller = await verifyToken(pool, m[1]);
    if (!caller) throw new HttpError(401, 'bad-token', 'the token is unknown or revoked');
    c.set('caller', caller);
    c.set('db', new TeamDb(pool, caller.team));
    await next();
  });
  const recordLimit = tooLarge(LIMITS.recordBytes);
  const otherLimit = tooLarge(LIMITS.otherBytes);
  app.use('/v1/*', (c, next) => (c.req.method === 'POST' && c.req.path === API.articles ? recordLimit : otherLimit)(c, next));

  app.get(API.index, async (c) => {
    const { params, stats, latestFirstSeen: latest } = await c.get('db').info();
    return c.json<IndexInfo>({ team: c.get('caller').teamName, params: params ?? null, stats, latestFirstSeen: latest !== undefined ? new Date(latest).toISOString() : null, scope: c.get('caller').scope });
  });

  app.put(`${API.index}/params`, async (c) => {
    writer(c);
    const db = c.get('db');
    const params = await body(c, ParamsSchema);
    const stored = await db.params();
    if (stored && !sameParams(stored, params) && (await db.stats()).documents > 0) {
      throw new HttpError(409, 'other-parameters', `the team's index was built with other engine parameters (${JSON.stringify(stored)})`);
    }
    if (!sameParams(params, SERVICE_PARAMS)) throw new HttpError(409, 'other-parameters', `this service hashes with ${JSON.stringify(SERVICE_PARAMS)}`);
    await db.setParams(params);
    return c.json({ params });
  });

  app.post(API.articles, async (c) => {
    writer(c);
    const db = c.get('db');
    const req = await body(c, RecordSchema);
    const items = req.articles.map((a, i) => storeItem(a, i));
    await checkParams(db);
    if (req.lookup) {
      if (items.length !== 1) throw new HttpError(400, 'bad-request', 'lookup: record one article at a time with a look-up');
      const flags = base64ToBytes(req.lookup.flags);
      if (flags.length !== items[0].units.length) throw new HttpError(400, 'bad-request', `lookup.flags: ${flags.length} flags for the article's ${items[0].units.length} units`);
      const { recorded, found } = await db.recordAndFind(items[0], flags, req.lookup.candidates ?? 64);
      return c.json<RecordResponse>({ results: [recorded], lookup: lookupAnswer(found) });
    }
    return c.json<RecordResponse>({ results: await db.record(items) });
  });

  app.get(API.articles, async (c) => {
    const q = v.safeParse(PageSchema, c.req.query());
    if (!q.success) throw new HttpError(400, 'bad-request', describeIssue(q.issues));
    const limit = Math.min(Number(q.output.limit), LIMITS.pageSize);
    if (limit < 1) throw new HttpError(400, 'bad-request', 'limit: must be at least 1');
    const page = await c.get('db').page(Number(q.output.after), limit);
    return c.json({
      documents: page.map((e) => ({ ...toWireDocument(e.doc), units: unitsToWire(e.units), fingerprints: u32ToBase64(e.fingerprints) })),
      next: page.length === limit ? page[page.length - 1].doc.key : null,
    });
  });

  app.post(API.get, async (c) => {
    const db = c.get('db');
    const req = await body(c, SelectSchema);
    const docs = [...(req.keys ? await db.documents(req.keys) : []), ...(req.ids ? await db.documentsByIds(req.ids) : [])];
    return c.json({ documents: docs.map(toWireDocument) });
  });

  app.post(API.remove, async (c) => {
    writer(c);
    const db = c.get('db');
    const req = await body(c, SelectSchema);
    const keys = [...(req.keys ?? []), ...(req.ids ? (await db.documentsByIds(req.ids)).map((d) => d.key) : [])];
    return c.json({ deleted: await db.deleteDocuments(keys) });
  });

  app.delete(API.clear, async (c) => {
    writer(c);
    const req = await body(c, ClearSchema);
    const caller = c.get('caller');
    if (req.team !== caller.teamName) throw new HttpError(409, 'wrong-team', `to delete every article of the team, send {"team": "${caller.teamName}"}`);
    const before = (await c.get('db').stats()).documents;
    await c.get('db').clear();
    return c.json({ deleted: before });
  });

  app.post(API.lookup, async (c) => {
    const req = await body(c, LookupSchema);
    const keys = keysOf(req.keys, 'keys');
    if (keys.length > LIMITS.lookupKeys) throw new HttpError(400, 'bad-request', `keys: at most ${LIMITS.lookupKeys} band keys a look-up`);
    return c.json<LookupResponse>(lookupAnswer(await c.get('db').find(keys, req.candidates ?? 64)));
  });

  app.post(API.fingerprints, async (c) => {
    const req = await body(c, FingerprintSchema);
    const counts = await c.get('db').fingerprintCounts(req.outletKey, keysOf(req.fingerprints, 'fingerprints'));
    return c.json({ counts: u32ToBase64(counts) });
  });

  app.post(API.addSource, async (c) => {
    writer(c);
    const req = await body(c, AddSourceSchema);
    return c.json({ changed: await c.get('db').addSource(req.keys, req.source) });
  });

  app.post(API.removeSource, async (c) => {
    writer(c);
    const req = await body(c, RemoveSourceSchema);
    return c.json(await c.get('db').removeSource(req.source));
  });

  return app;
}
