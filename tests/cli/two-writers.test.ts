/**
 * Two `wiretrace audit --index SAME` runs at once, each adding its own articles: when both are done,
 * the index loads and holds every article of both (a run may instead fail clearly, naming the lock's
 * holder, with exit status 1; it must never exit 0 having lost its work). Two trials of 1,000 articles
 * a run in `npm test`; eight of 4,500 with WIRETRACE_LONG=1 (and for docs/reliability.md).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, test } from 'vitest';
import { Engine } from '../../src/engine/engine';
import { MemoryStore } from '../../src/engine/memory-store';
import { importIndex } from '../../src/engine/serialize';
import { long, recordFigures, timed } from '../reliability-report';
import { tempFiles, wiretrace, type Run } from './run';
import { corpusLines } from './synthetic-corpus';

const TRIALS = long ? 8 : 2;
const ARTICLES = long ? 4500 : 1000;

const t = tempFiles({
  'a.jsonl': corpusLines('a', ARTICLES, 11).join('\n'),
  'b.jsonl': corpusLines('b', ARTICLES, 22).join('\n'),
});
afterAll(() => t.cleanup());

interface Trial {
  codes: Array<number | null>;
  /** Articles of a run that exited 0 and are not in the index. */
  lost: number;
  /** Runs that failed with a message naming the lock's holder. */
  failedClearly: number;
  loads: boolean;
  held: number;
  ms: number;
  stderr: string[];
}

async function trial(n: number): Promise<Trial> {
  const index = `shared-${n}.idx`;
  const { value: runs, ms } = await timed(() =>
    Promise.all(['a', 'b'].map((who) => wiretrace(['audit', '--index', index, '--order', 'given', '-q', `${who}.jsonl`], { cwd: t.dir }))),
  );
  let loads = true;
  const ids = new Set<string>();
  try {
    const lines = readFileSync(t.path(index), 'utf8').split('\n');
    await importIndex(await Engine.open(new MemoryStore()), lines);
    for (const line of lines.slice(1)) if (line) ids.add((JSON.parse(line) as { id: string }).id);
  } catch {
    loads = false;
  }
  let lost = 0;
  let failedClearly = 0;
  runs.forEach((r: Run, i) => {
    const who = i === 0 ? 'a' : 'b';
    if (r.code === 0) {
      for (let k = 0; k < ARTICLES; k++) if (!ids.has(`${who}-${k}`)) lost++;
    } else if (/locked: .*held by pid \d+ on /.test(r.stderr)) failedClearly++;
  });
  return { codes: runs.map((r) => r.code), lost, failedClearly, loads, held: ids.size, ms, stderr: runs.map((r) => r.stderr) };
}

describe('two writers on one index', () => {
  test(`${TRIALS} trials of two runs saving ${ARTICLES} articles each into the same --index at once`, async () => {
    const results: Trial[] = [];
    for (let n = 0; n < TRIALS; n++) results.push(await trial(n));
    recordFigures({
      section: 'Two writers on one index',
      order: 1,
      method: `Two \`wiretrace audit --index SAME --order given -q\` runs started together, each adding ${ARTICLES.toLocaleString('en-GB')} articles of its own (\`tests/cli/two-writers.test.ts\`). *Lost*: articles of a run that exited 0 and are missing from the index afterwards; *unloadable*: the index afterwards fails to load.`,
      columns: ['trial', 'exit statuses', 'articles in the index', 'lost', 'loads', 'wall time'],
      rows: results.map((r, i) => [i + 1, r.codes.join(', '), r.held.toLocaleString('en-GB'), r.lost, r.loads ? 'yes' : '**no**', `${(r.ms / 1000).toFixed(1)} s`]),
    });
    for (const r of results) {
      expect(r.loads).toBe(true);
      expect(r.lost).toBe(0);
      // Every run either kept its work or failed naming the holder.
      expect(r.codes.filter((c) => c !== 0).length).toBe(r.failedClearly);
    }
    // Writing the index again keeps it whole (a later run loads what both left).
    writeFileSync(t.path('c.jsonl'), corpusLines('c', 3, 33).join('\n'));
    const after = await wiretrace(['audit', '--index', 'shared-0.idx', 'c.jsonl'], { cwd: t.dir });
    expect(after.code).toBe(0);
    expect(after.stdout).toContain(`now holds ${results[0].held + 3} articles`);
  }, long ? 3_600_000 : undefined);
});
