/**
 * The team index through failures, on a throwaway cluster of its own (.ci/pg-clusters; it is killed):
 * PostgreSQL killed in the middle of a batch leaves no article of it after crash recovery, every
 * stored article with all its postings and the counts equal to a recount; the service killed and
 * started again while clients record leaves every article stored exactly once. The bench's fault runs
 * (`npm run bench:server -- --faults`) with smaller sizes. Needs PostgreSQL's binaries; skipped with
 * the reason where they are missing, except on CI.
 */
import { existsSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFaults } from '../../scripts/bench/fault-bench';
import { startClusters, type Clusters } from '../../scripts/bench/pg-cluster';
import { TeamCorpus } from '../../scripts/bench/team-corpus';

const binaries = existsSync('/usr/lib/postgresql') && readdirSync('/usr/lib/postgresql').some((v) => existsSync(`/usr/lib/postgresql/${v}/bin/initdb`));
if (!binaries) {
  if (process.env.CI) throw new Error("the fault test needs PostgreSQL's binaries on CI (.ci/run installs them)");
  console.log("skipped: the fault test needs PostgreSQL's binaries (apt-get install postgresql)");
}

(binaries ? describe : describe.skip)('the team index through failures', () => {
  let clusters: Clusters;
  let corpus: TeamCorpus;
  beforeAll(async () => {
    clusters = startClusters(1, [], false);
    corpus = await TeamCorpus.load();
  });
  afterAll(() => clusters?.stop());

  it('keeps no half-recorded article after a crash, and every article once after service restarts', async () => {
    const f = await runFaults(clusters, corpus, { before: 20, batch: 300, clients: 4, requests: 6, perRequest: 5, restarts: 2 });
    expect(f.kill).toMatchObject({ recordedBefore: 20, afterRestart: 20, halfRecorded: 0, postingsMissing: 0 });
    expect(f.restart).toMatchObject({ articles: 120, stored: 120, duplicates: 0, lost: 0 });
    expect(f.restart.restarts).toBe(2);
    expect(f.restart.retriedRequests).toBeGreaterThan(0);
  });
});
