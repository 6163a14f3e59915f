/**
 * `wiretrace audit --remote URL --token T` (the team index through its service) gives the reports of
 * the local index on the news clusters (342 real articles, real wire syndication), byte for byte the
 * same JSON but for the first-seen times (the moment each was recorded); the summary names the team
 * index; an article is recorded once; the usage errors and a wrong token are one-line messages.
 * (--store, the database directly: audit-store.test.ts.)
 */
import { resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseCommand } from '../../cli/args';
import { openTeamStore } from '../../cli/team-store';
import { createToken } from '../../server/tokens';
import { wiretrace } from '../cli/run';
import { CLUSTERS, localReports, withoutFirstSeen } from './clusters';
import { describePg, useTestDatabase } from './pg';
import { startService, type RunningService } from './service';

describePg('wiretrace audit on the team index', () => {
  const db = useTestDatabase();
  let service: RunningService;
  let token: string;

  beforeAll(async () => {
    service = await startService(db.pool);
    token = (await createToken(db.pool, 'clusters', 'write')).token;
  });
  afterAll(() => service?.close());

  it('--remote URL --token T gives the same reports as the local index on the news clusters', async () => {
    const [local, run] = await Promise.all([localReports(), wiretrace(['audit', '--json', '--remote', service.url, CLUSTERS], { env: { WIRETRACE_TOKEN: token } })]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(withoutFirstSeen(run.stdout)).toBe(local);
  });

  it('names the team index and its size in the summary, and records an article once', async () => {
    const seeds = resolve(import.meta.dirname, '../../../shared/seeds');
    const t = (await createToken(db.pool, 'seeds', 'write')).token;
    const first = await wiretrace(['audit', '--remote', service.url, '--token', t, seeds]);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/; index http:\/\/127\.0\.0\.1:\d+ \(team 'seeds'\) now holds 5 articles\n$/);
    const again = await wiretrace(['audit', '--json', '--remote', service.url, '--token', t, seeds]);
    expect(JSON.parse(again.stdout).documents.map((d: { notRecorded: string }) => d.notRecorded)).toEqual(Array(5).fill('already-recorded'));
  });

  it('says in one line what is wrong with the team index options', async () => {
    const usage: Array<[string[], RegExp]> = [
      [['audit', '--store', db.url, '--index', 'x.idx', 'a.txt'], /^give one of --index, --store and --remote, not --index and --store$/],
      [['audit', '--store', 'mysql://x', 'a.txt'], /^--store needs a postgres:\/\/ URL/],
      [['audit', '--remote', service.url, 'a.txt'], /^--remote needs a token: --token T or WIRETRACE_TOKEN$/],
      [['audit', '--team', 't', 'a.txt'], /^--team goes with --store/],
      [['audit', '--token', 't', 'a.txt'], /^--token goes with --remote$/],
    ];
    for (const [args, message] of usage) expect(() => parseCommand(args, {})).toThrow(message);
    expect(parseCommand(['audit', '--remote', service.url, 'a.txt'], { WIRETRACE_TOKEN: 'wt_t' })).toMatchObject({ args: { remote: service.url, token: 'wt_t' } });
    await expect(openTeamStore({ remote: 'http://127.0.0.1:9', token }, { retries: 0 })).rejects.toThrow(/^team index http:\/\/127\.0\.0\.1:9: cannot reach the team index at http:\/\/127\.0\.0\.1:9/);
    const run = await wiretrace(['audit', '--remote', service.url, '--token', 'wt_nope', CLUSTERS]);
    expect(run.stderr).toMatch(/^wiretrace: team index http:\/\/127\.0\.0\.1:\d+: the token is unknown or revoked\n$/);
    expect(run.code).toBe(1);
  });
});
