/**
 * The extension's use of the team index (background/team-check.ts), against the real service: a
 * check finds the source only the team index holds and names it among the team's articles; what the
 * check sends is band keys alone (no text, address, outlet or fingerprint); a team article the
 * browser also holds is used once, as the local one; an unreachable service or a revoked token makes
 * the check fall back to the local index with the reason; recording sends the article. And the
 * team settings: off by default, nothing on without an address and a token.
 */
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { Engine } from '../../src/engine/engine';
import { MemoryStore } from '../../src/engine/memory-store';
import type { ArticleInput } from '../../src/engine/types';
import { TeamClient } from '../../src/team/client';
import { defaultTeamSettings, loadTeamSettings, sanitizeTeamSettings, saveTeamSettings, teamOriginPattern } from '../../src/team/settings';
import { createToken, revokeToken } from '../../server/tokens';
import { fakeBrowser } from '../unit-ext/fake-browser';
import { seed } from '../engine/seeds';
import { describePg, useTestDatabase } from './pg';
import { startService, type RunningService } from './service';

vi.mock('webextension-polyfill', () => ({ default: fakeBrowser() }));
const { checkWithTeam, recordToTeam } = await import('../../background/team-check');

const wire = seed('000');
const copy: ArticleInput = { ...seed('001'), id: 'https://nation.example/story', url: 'https://nation.example/story' };

describePg('the team index in the extension', () => {
  const db = useTestDatabase();
  let service: RunningService;
  let write: { id: number; token: string };

  beforeAll(async () => {
    service = await startService(db.pool);
    write = await createToken(db.pool, 'desk', 'write');
    await new TeamClient(service.url, write.token).record({ articles: [{ ...wire, id: 'https://bbc.example/wire' }] });
  });
  afterAll(() => service?.close());

  /** A client that keeps every request body it sends. */
  function spied(token: string) {
    const bodies: string[] = [];
    const client = new TeamClient(service.url, token, {
      retries: 0,
      timeoutMs: 4000,
      fetch: (input, init) => {
        if (typeof init?.body === 'string') bodies.push(init.body);
        return fetch(input, init);
      },
    });
    return { client, bodies };
  }

  it("finds a source only the team's index holds, sending nothing but band keys", async () => {
    const local = new MemoryStore();
    const engine = await Engine.open(local);
    const alone = await engine.check(copy);
    expect(alone.passages).toHaveLength(0);

    const { client, bodies } = spied(write.token);
    const { report, team } = await checkWithTeam(local, engine, copy, { settings: { ...defaultTeamSettings }, client });
    expect(team).toEqual({ status: 'used', ids: ['https://bbc.example/wire'] });
    expect(report.passages.length).toBeGreaterThan(0);
    expect(report.sources.map((s) => s.outlet)).toEqual(['BBC News']);

    expect(bodies).toHaveLength(1);
    const sent = JSON.parse(bodies[0]) as Record<string, unknown>;
    expect(Object.keys(sent).sort()).toEqual(['candidates', 'keys']);
    for (const text of [copy.paragraphs[0].slice(0, 30), copy.url!, copy.outlet, copy.title!]) expect(bodies[0]).not.toContain(text);
    // The same report as with the team's article in the browser's own index.
    const both = new MemoryStore();
    const e2 = await Engine.open(both);
    await e2.record({ ...wire, id: 'https://bbc.example/wire' });
    const withLocal = await e2.check(copy);
    const noFirstSeen = (x: unknown) => JSON.stringify(x).replace(/"firstSeen":"[^"]*"/g, '');
    expect(noFirstSeen(report.passages) === noFirstSeen(withLocal.passages)).toBe(true);
  });

  it('uses an article the browser holds too once, as its own', async () => {
    const local = new MemoryStore();
    const engine = await Engine.open(local);
    await engine.record({ ...wire, id: 'https://bbc.example/wire' });
    const { report, team } = await checkWithTeam(local, engine, copy, { settings: { ...defaultTeamSettings }, client: spied(write.token).client });
    expect(team).toEqual({ status: 'used', ids: [] });
    expect(report.sources).toHaveLength(1);
  });

  it('falls back to the local index, saying why, when the service is unreachable or refuses the token', async () => {
    const local = new MemoryStore();
    const engine = await Engine.open(local);
    const down = new TeamClient('http://127.0.0.1:9', write.token, { retries: 0, timeoutMs: 2000 });
    const r1 = await checkWithTeam(local, engine, copy, { settings: { ...defaultTeamSettings }, client: down });
    expect(r1.team).toMatchObject({ status: 'unreachable', error: expect.stringMatching(/cannot reach the team index at http:\/\/127\.0\.0\.1:9 \(bad port\)$/), code: 'unreachable' });
    expect(r1.report.passages).toHaveLength(0);

    const revoked = await createToken(db.pool, 'desk', 'read');
    await revokeToken(db.pool, revoked.id);
    const r2 = await checkWithTeam(local, engine, copy, { settings: { ...defaultTeamSettings }, client: spied(revoked.token).client });
    expect(r2.team).toEqual({ status: 'unreachable', error: 'the token is unknown or revoked', code: 'bad-token' });
  });

  it('records an article to the team index when asked, and refuses with a read token', async () => {
    const article = { ...seed('002'), id: 'https://tribune.example/x' };
    await recordToTeam(article, { settings: { ...defaultTeamSettings }, client: spied(write.token).client });
    const got = await new TeamClient(service.url, write.token).documents({ ids: [article.id] });
    expect(got.documents.map((d) => [d.outlet, d.paragraphs.length])).toEqual([[article.outlet, article.paragraphs.length]]);
    const read = await createToken(db.pool, 'desk', 'read');
    await expect(recordToTeam(article, { settings: { ...defaultTeamSettings }, client: spied(read.token).client })).rejects.toThrow(/may only read/);
  });
});

it('team settings: off by default, nothing on without an address and a token, the origin as a permission pattern', async () => {
  const store = fakeBrowser().storage.local;
  expect(await loadTeamSettings(store)).toEqual({ url: '', token: '', check: false, record: false });
  expect(await saveTeamSettings({ check: true, record: true }, store)).toEqual({ url: '', token: '', check: false, record: false });
  expect(await saveTeamSettings({ url: 'https://Team.Example.org/wt/', token: ' wt_x ', check: true }, store)).toEqual({ url: 'https://team.example.org/wt', token: 'wt_x', check: true, record: false });
  expect(sanitizeTeamSettings({ url: 'ftp://x', token: 't', check: true })).toEqual({ url: '', token: 't', check: false, record: false });
  expect(sanitizeTeamSettings({ url: 'https://u:p@x.org', token: 't', check: true }).url).toBe('');
  expect(teamOriginPattern('https://team.example.org/wt')).toBe('https://team.example.org/*');
});
