/** The news clusters corpus and its reports through the local index, for the team index's audit tests. */
import { resolve } from 'node:path';
import { expect } from 'vitest';
import { wiretrace } from '../cli/run';

export const CLUSTERS = resolve(import.meta.dirname, '../../../shared/corpora/news-clusters-dev.jsonl.gz');

/** The report without the times that say when each article was recorded. */
export const withoutFirstSeen = (json: string) => json.replace(/"firstSeen":"[^"]*"/g, '"firstSeen":"…"');

/** `wiretrace audit --json` of the news clusters with the run's own index, first-seen times left out. */
export async function localReports(): Promise<string> {
  const run = await wiretrace(['audit', '--json', CLUSTERS]);
  expect(run.code).toBe(0);
  const local = withoutFirstSeen(run.stdout);
  expect(JSON.parse(local).documents).toHaveLength(342);
  return local;
}
