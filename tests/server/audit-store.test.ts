/**
 * `wiretrace audit --store postgres://…` (the team index in PostgreSQL, directly) gives the reports
 * of the local index on the news clusters (342 real articles, real wire syndication): byte for byte
 * the same JSON but for the first-seen times. Apart from the --remote test so the two run at once.
 */
import { expect, it } from 'vitest';
import { wiretrace } from '../cli/run';
import { CLUSTERS, localReports, withoutFirstSeen } from './clusters';
import { describePg, useTestDatabase } from './pg';

describePg('wiretrace audit --store', () => {
  const db = useTestDatabase();

  it('gives the same reports as the local index on the news clusters', async () => {
    const [local, run] = await Promise.all([localReports(), wiretrace(['audit', '--json', '--store', db.url, '--team', 'direct', CLUSTERS])]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(withoutFirstSeen(run.stdout)).toBe(local);
    const counts = await db.pool.query<{ documents: string }>("SELECT c.documents FROM team_counts c JOIN teams t ON t.id = c.team WHERE t.name = 'direct'");
    expect(Number(counts.rows[0].documents)).toBe(342);
  });
});
