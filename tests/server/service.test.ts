/**
 * The team index service over real HTTP and PostgreSQL: tokens (only their hashes stored, a revoked
 * one refused, a read token kept from writing), one team never seeing another's articles (look-ups,
 * reads by key and id, deletions, sources, export, stats), the refusals of bad requests (each a 4xx
 * with a JSON body naming the problem), recording idempotent by id, and the service's own hashing
 * of plain articles equal to the engine's.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { defaultOptions } from '../../src/engine/engine';
import { prepareArticle } from '../../src/engine/prepare';
import { UnitKeyMaker, lookupKeys } from '../../src/engine/unit-keys';
import { API, u32ToBase64, unitsToWire, type IndexInfo, type LookupResponse, type RecordResponse, type WireArticle, type WireDocument } from '../../src/team/wire';
import { parseCommand } from '../../cli/args';
import { createToken, listTokens, revokeToken, verifyToken } from '../../server/tokens';
import { wiretrace } from '../cli/run';
import { seed } from '../engine/seeds';
import { describePg, useTestDatabase } from './pg';
import { startService, type RunningService } from './service';

const story = (id: string, outlet: string, prefix = '000'): WireArticle => {
  const s = seed(prefix);
  return { id, outlet, title: s.title, paragraphs: s.paragraphs, published: s.published };
};

describePg('the team index service', () => {
  const db = useTestDatabase();
  let service: RunningService;
  const tokens = {} as Record<'aWrite' | 'aRead' | 'bWrite' | 'revoked', string>;

  beforeAll(async () => {
    service = await startService(db.pool);
    tokens.aWrite = (await createToken(db.pool, 'alpha', 'write', 'alpha desk')).token;
    tokens.aRead = (await createToken(db.pool, 'alpha', 'read')).token;
    tokens.bWrite = (await createToken(db.pool, 'beta', 'write')).token;
    const r = await createToken(db.pool, 'alpha', 'write');
    tokens.revoked = r.token;
    expect(await revokeToken(db.pool, r.id)).toBe(true);
    expect(await revokeToken(db.pool, r.id)).toBe(false);
  });
  afterAll(() => service?.close());

  const call = async (token: string | undefined, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(service.url + path, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown>, headers: res.headers };
  };

  it('stores tokens only as SHA-256 hashes and lists them without their secret', async () => {
    const stored = await db.pool.query<{ hash: Buffer }>('SELECT hash FROM tokens');
    for (const t of Object.values(tokens)) {
      expect(stored.rows.some((r) => r.hash.toString('utf8').includes(t) || r.hash.toString('hex').includes(Buffer.from(t).toString('hex')))).toBe(false);
    }
    expect(stored.rows.every((r) => r.hash.length === 32)).toBe(true);
    const list = await listTokens(db.pool, 'alpha');
    expect(list.map((t) => [t.scope, t.label, t.revoked !== null])).toEqual([['write', 'alpha desk', false], ['read', null, false], ['write', null, true]]);
    expect(JSON.stringify(list)).not.toContain('wt_');
  });

  it('refuses requests without a valid token, and writes with a read token', async () => {
    const none = await call(undefined, 'GET', API.index);
    expect(none.status).toBe(401);
    expect(none.body.error).toBe('no-token');
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect((await call('wt_' + 'x'.repeat(43), 'GET', API.index)).body.error).toBe('bad-token');
    expect((await call(tokens.revoked, 'GET', API.index)).status).toBe(401);
    const ro = await call(tokens.aRead, 'POST', API.articles, { articles: [story('a1', 'Alpha Wire')] });
    expect(ro.status).toBe(403);
    expect(ro.body).toEqual({ error: 'read-only-token', message: expect.stringMatching(/--scope write/) });
    expect((await call(tokens.aRead, 'GET', API.index)).body.scope).toBe('read');
  });

  it('answers bad requests with a 4xx and a JSON body that says what is wrong', async () => {
    const t = tokens.aWrite;
    expect(await call(t, 'POST', API.lookup, 'not json')).toMatchObject({ status: 400, body: { error: 'bad-json' } });
    expect(await call(t, 'POST', API.lookup, { keys: 'AAAA' }, { 'content-type': 'text/plain' })).toMatchObject({ status: 415 });
    expect(await call(t, 'POST', API.lookup, { keys: 'A' })).toMatchObject({ status: 400, body: { message: expect.stringMatching(/^keys: /) } });
    expect(await call(t, 'POST', API.lookup, { keys: 'AAAAAA==', candidates: 10_000 })).toMatchObject({ status: 400, body: { message: 'candidates: must be at most 256' } });
    expect(await call(t, 'POST', API.lookup, { keys: 'AAAAAAA=' })).toMatchObject({ status: 400, body: { message: expect.stringMatching(/multiple of 4/) } });
    const bad = await call(t, 'POST', API.articles, { articles: [{ id: 'x', outlet: 'O', paragraphs: ['ok', 7] }] });
    expect(bad).toMatchObject({ status: 400, body: { error: 'bad-request', message: 'articles[0].paragraphs[1]: must be a string' } });
    expect((await call(t, 'POST', API.articles, { articles: [{ id: 'x', paragraphs: [] }] })).body.message).toBe('articles[0].outlet: is missing');
    expect((await call(t, 'POST', API.articles, { articles: [{ ...story('x', 'O'), published: 'yesterday' }] })).body.message).toMatch(/^articles\[0\]\.published: must be an ISO 8601 time/);
    expect((await call(t, 'POST', API.articles, { articles: [{ ...story('x', 'O'), units: [[0, 'AAAAAA==']], fingerprints: '' }] })).body).toMatchObject({ error: 'bad-article', message: expect.stringMatching(/units\[0\]: has 1 band keys, expected at least 42/) });
    // Refused on its Content-Length, before the body is read: the answer may come while it is still
    // being sent, which fetch reports as a broken connection, so this one is sent with node:http.
    const big = await new Promise<{ status?: number; body: string }>((resolve, reject) => {
      const req = request(service.url + API.lookup, { method: 'POST', headers: { authorization: `Bearer ${t}`, 'content-type': 'application/json' } }, (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (d) => (body += d)).on('end', () => resolve({ status: res.statusCode, body }));
      });
      req.on('error', (e) => ((e as NodeJS.ErrnoException).code === 'EPIPE' || (e as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(e)));
      req.end(JSON.stringify({ keys: 'A'.repeat(2 * 1024 * 1024) }));
    });
    expect(big.status).toBe(413);
    expect(JSON.parse(big.body)).toMatchObject({ error: 'too-large' });
    const many = await call(t, 'POST', API.articles, { articles: Array.from({ length: 501 }, (_, i) => ({ id: `m${i}`, outlet: 'O', paragraphs: [] })) });
    expect(many.body.message).toBe('articles: must hold at most 500 articles');
    expect(await call(t, 'GET', '/v2/nothing')).toMatchObject({ status: 404, body: { error: 'not-found' } });
    expect((await call(t, 'GET', `${API.articles}?after=abc`)).body.message).toBe('after: must be a document key');
    expect(await call(t, 'DELETE', API.clear, { team: 'beta' })).toMatchObject({ status: 409, body: { error: 'wrong-team' } });
  });

  it('records idempotently by id, hashing plain articles as the engine does', async () => {
    const a = story('wire-1', 'Alpha Wire');
    const first = await call(tokens.aWrite, 'POST', API.articles, { articles: [a, story('dup', 'Alpha Wire', '004'), story('dup', 'Alpha Wire', '004')] });
    expect(first.status).toBe(200);
    const results = (first.body as unknown as RecordResponse).results;
    expect(results.map((r) => [r.id, r.added])).toEqual([['wire-1', true], ['dup', true], ['dup', false]]);
    expect(results[2].key).toBe(results[1].key);
    const again = (await call(tokens.aWrite, 'POST', API.articles, { articles: [a] })).body as unknown as RecordResponse;
    expect(again.results).toEqual([{ id: 'wire-1', key: results[0].key, added: false }]);

    // The units the service computed are the engine's: exported as the engine makes them.
    const maker = new UnitKeyMaker(defaultOptions);
    const prep = prepareArticle(a.title, a.paragraphs, defaultOptions.shingle);
    const page = (await call(tokens.aRead, 'GET', `${API.articles}?limit=1`)).body as { documents: Array<WireDocument & { units: Array<[number, string]> }> };
    expect(page.documents[0].units).toEqual(unitsToWire(maker.of(prep).records));
    const info = (await call(tokens.aRead, 'GET', API.index)).body as unknown as IndexInfo;
    expect(info).toMatchObject({ team: 'alpha', stats: { documents: 2, outlets: 1 }, params: { bands: 42, rows: 3 } });
  });

  it("never shows one team's articles to another team's token", async () => {
    // The same story under the same id in both teams, and one only beta has.
    const mine = (await call(tokens.bWrite, 'POST', API.articles, { articles: [story('wire-1', 'Beta Wire'), story('beta-only', 'Beta Post', '001')] })).body as unknown as RecordResponse;
    const alphaKeys = ((await call(tokens.aRead, 'POST', API.get, { ids: ['wire-1', 'dup'] })).body.documents as WireDocument[]).map((d) => d.key);
    expect(alphaKeys).toHaveLength(2);
    const betaKeys = mine.results.map((r) => r.key);
    expect(betaKeys.some((k) => alphaKeys.includes(k))).toBe(false);

    // Look-ups with every key of the story: each team finds its own copy only.
    const maker = new UnitKeyMaker(defaultOptions);
    const s = story('probe', 'Probe');
    const keys = lookupKeys(maker.of(prepareArticle(s.title, s.paragraphs, 4)), new Uint8Array(s.paragraphs.length + 1));
    const seen = async (token: string) => {
      const r = (await call(token, 'POST', API.lookup, { keys: u32ToBase64(keys) })).body as unknown as LookupResponse;
      return { keys: r.hits.map(([k]) => k), outlets: r.candidates.map((c) => c.document.outlet) };
    };
    const alpha = await seen(tokens.aRead);
    const beta = await seen(tokens.bWrite);
    expect(alpha.outlets).toEqual(['Alpha Wire']);
    // Beta Post reprints part of the story: beta's own two articles, and nothing of alpha's.
    expect(beta.outlets.sort()).toEqual(['Beta Post', 'Beta Wire']);
    expect(alpha.keys.every((k) => alphaKeys.includes(k))).toBe(true);
    expect(beta.keys.every((k) => betaKeys.includes(k))).toBe(true);

    // Reads, deletions and sources by another team's keys or ids find nothing.
    expect((await call(tokens.bWrite, 'POST', API.get, { keys: alphaKeys, ids: ['dup'] })).body.documents).toEqual([]);
    expect((await call(tokens.aRead, 'POST', API.get, { ids: ['beta-only'] })).body.documents).toEqual([]);
    expect((await call(tokens.bWrite, 'POST', API.remove, { keys: alphaKeys, ids: ['dup'] })).body.deleted).toBe(0);
    expect((await call(tokens.bWrite, 'POST', API.addSource, { keys: alphaKeys, source: 'feed:x' })).body.changed).toBe(0);
    expect((await call(tokens.bWrite, 'POST', API.removeSource, { source: 'read' })).body).toEqual({ untagged: 0, deleted: 0 });
    const betaOutlet = (await call(tokens.bWrite, 'POST', API.fingerprints, { outletKey: 'alpha wire', fingerprints: u32ToBase64(Uint32Array.of(1, 2)) })).body;
    expect(betaOutlet.counts).toBe(u32ToBase64(new Uint32Array(2)));
    const exported = (await call(tokens.bWrite, 'GET', `${API.articles}?limit=1000`)).body.documents as WireDocument[];
    expect(exported.map((d) => d.id).sort()).toEqual(['beta-only', 'wire-1']);
    expect(((await call(tokens.bWrite, 'GET', API.index)).body as unknown as IndexInfo).stats.documents).toBe(2);
    expect(((await call(tokens.aRead, 'GET', API.index)).body as unknown as IndexInfo).stats.documents).toBe(2);

    // Clearing beta's index leaves alpha's whole.
    expect((await call(tokens.bWrite, 'DELETE', API.clear, { team: 'beta' })).body.deleted).toBe(2);
    expect(((await call(tokens.aRead, 'GET', API.index)).body as unknown as IndexInfo).stats.documents).toBe(2);
    expect((await seen(tokens.aRead)).outlets).toEqual(['Alpha Wire']);
    expect((await seen(tokens.bWrite)).outlets).toEqual([]);
  });
});

describePg('wiretrace serve token', () => {
  const db = useTestDatabase();

  it('creates a token shown once, lists tokens without their secret, revokes one', async () => {
    const env = { WIRETRACE_DB: db.url };
    const made = await wiretrace(['serve', 'token', 'create', '--team', 'night desk', '--scope', 'read', '--label', 'browsers'], { env });
    expect(made.code).toBe(0);
    expect(made.stderr).toMatch(/^token 1 for team 'night desk' \(read\); it is shown once/);
    const token = made.stdout.trim();
    expect(token).toMatch(/^wt_[A-Za-z0-9_-]{43}$/);
    expect((await verifyToken(db.pool, token))?.teamName).toBe('night desk');

    const list = await wiretrace(['serve', 'token', 'list'], { env });
    expect(list.stdout).toMatch(/^1\tnight desk\tread\t\d{4}-\d\d-\d\dT[\d:.]+Z\tactive\tbrowsers\n$/);
    expect(list.stdout).not.toContain(token);
    expect((await wiretrace(['serve', 'token', 'revoke', '1'], { env })).stdout).toBe('token 1 revoked\n');
    expect(await verifyToken(db.pool, token)).toBeUndefined();
    const again = await wiretrace(['serve', 'token', 'revoke', '1'], { env });
    expect([again.code, again.stderr]).toEqual([1, 'wiretrace: no active token 1 (see wiretrace serve token list)\n']);
  });

  it('says in one line what is missing from a serve command', () => {
    const cases: Array<[string[], NodeJS.ProcessEnv, RegExp]> = [
      [['serve'], {}, /^serve needs the database: --db postgres:\/\/… or WIRETRACE_DB$/],
      [['serve', 'token', 'create', '--team', 't'], { WIRETRACE_DB: 'postgres://x' }, /^token create needs --scope read or --scope write$/],
      [['serve', 'token', 'create', '--scope', 'read'], { WIRETRACE_DB: 'postgres://x' }, /^token create needs --team NAME$/],
      [['serve', '--port', 'x'], { WIRETRACE_DB: 'postgres://x' }, /^--port needs a port number/],
      [['serve', 'token', 'revoke'], { WIRETRACE_DB: 'postgres://x' }, /^token revoke needs the id of one token/],
      [['serve', 'migrate', '--team', 't'], { WIRETRACE_DB: 'postgres://x' }, /^--team does not apply to 'serve migrate'$/],
    ];
    for (const [args, env, message] of cases) expect(() => parseCommand(args, env)).toThrow(message);
    expect(parseCommand(['serve', '--port', '0'], { WIRETRACE_DB: 'postgres://x' })).toEqual({ kind: 'serve', args: { action: 'run', db: 'postgres://x', host: '127.0.0.1', port: 0 } });
  });
});
