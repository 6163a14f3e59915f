/**
 * `kill -9` while `wiretrace audit --index` saves: the index is always the old one or the complete new
 * one (it loads, verified, holding either count), and the temporary file the killed save left is
 * removed by the next run with a note. The kill lands while the temporary file is being written: the
 * test waits for it to appear, then kills after a random delay. Two kills in `npm test`; 21 with
 * WIRETRACE_LONG=1 (and for docs/reliability.md).
 */
import { spawn } from 'node:child_process';
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Engine } from '../../src/engine/engine';
import { MemoryStore } from '../../src/engine/memory-store';
import { importIndex } from '../../src/engine/serialize';
import { long, recordFigures } from '../reliability-report';
import { auditInProcess } from './in-process';
import { BIN, messages, tempFiles, wiretrace } from './run';
import { corpusLines } from './synthetic-corpus';

const KILLS = long ? 21 : 2;
const BASE = long ? 10_000 : 2000;
/** The kill lands this many milliseconds at most after the temporary file appears. */
const WITHIN_MS = long ? 500 : 30;

const t = tempFiles({
  'base.jsonl': corpusLines('base', BASE, 5).join('\n'),
  'more.jsonl': corpusLines('more', 200, 6).join('\n'),
});
afterAll(() => t.cleanup());

beforeAll(async () => {
  const r = await auditInProcess(['--index', t.path('start.idx'), '--order', 'given', '-q', t.path('base.jsonl')]);
  expect(r.code).toBe(0);
});

/** Runs an audit adding more.jsonl to `index`, and kills it a random time after its temporary file appears. */
function killDuringSave(index: string): Promise<{ killed: boolean; tmpSeen: boolean }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, 'audit', '--index', index, '--order', 'given', '-q', 'more.jsonl'], { cwd: t.dir, stdio: 'ignore' });
    let tmpSeen = false;
    const poll = setInterval(() => {
      if (tmpSeen || !readdirSync(t.dir).some((f) => f.startsWith(`${index}.`) && f.endsWith('.tmp'))) return;
      tmpSeen = true;
      setTimeout(() => child.kill('SIGKILL'), Math.random() * WITHIN_MS);
    }, 2);
    child.on('exit', (_code, signal) => {
      clearInterval(poll);
      done({ killed: signal === 'SIGKILL', tmpSeen });
    });
  });
}

async function articlesIn(index: string): Promise<number | 'unloadable'> {
  try {
    const r = await importIndex(await Engine.open(new MemoryStore()), readFileSync(t.path(index), 'utf8').split('\n'));
    return r.verified ? r.documents : 'unloadable';
  } catch {
    return 'unloadable';
  }
}

describe('a save killed with SIGKILL', () => {
  test(`${KILLS} kills while the temporary file is written: the index is the old one or the new one, the leftover is cleared`, async () => {
    const outcomes = new Map<string, number>();
    for (let k = 0; k < KILLS; k++) {
      const index = `killed-${k}.idx`;
      copyFileSync(t.path('start.idx'), t.path(index));
      const { killed, tmpSeen } = await killDuringSave(index);
      const held = await articlesIn(index);
      expect([BASE, BASE + 200]).toContain(held);
      const left = readdirSync(t.dir).filter((f) => f.startsWith(`${index}.`) && f.endsWith('.tmp'));
      let cleared = 'none left';
      let lock = readdirSync(t.dir).includes(`${index}.lock`) ? 'left' : 'none left';
      if (left.length || lock === 'left') {
        writeFileSync(t.path('one.jsonl'), corpusLines(`one${k}`, 1, 100 + k).join('\n'));
        const next = await wiretrace(['audit', '--index', index, '-q', 'one.jsonl'], { cwd: t.dir });
        expect(next.code).toBe(0);
        expect(readdirSync(t.dir).filter((f) => f.startsWith(`${index}.`) && f.endsWith('.tmp'))).toEqual([]);
        if (left.length) {
          expect(messages(next.stderr).some((m) => /note: removed, a temporary file \((?:[\d.]+ MB|\d+ bytes)\) that a save of this index left when it was stopped/.test(m))).toBe(true);
          cleared = 'removed by the next run, with a note';
        }
        if (lock === 'left') {
          expect(messages(next.stderr).some((m) => m.includes(`note: removed a stale lock ${index}.lock held by pid`) && m.endsWith('the process is gone'))).toBe(true);
          lock = 'removed by the next run as stale (its pid is gone)';
        }
      }
      const outcome = [killed ? 'yes' : 'no, it finished first', held === BASE ? 'the old index, verified' : held === BASE + 200 ? 'the new index, verified' : String(held), cleared, lock].join(' | ');
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    }
    recordFigures({
      section: 'Saves killed with SIGKILL',
      order: 2,
      method: `${KILLS} runs of \`wiretrace audit --index\` adding 200 articles to an index of ${BASE.toLocaleString('en-GB')} (\`tests/cli/killed-save.test.ts\`), each killed with SIGKILL a random 0-${WITHIN_MS} ms after its temporary file appeared (before or after its rename). The index afterwards is loaded and verified (checksums and count); then a run adding one article shows what it clears.`,
      columns: ['killed', 'the index afterwards', 'its temporary file', 'its lock', 'kills'],
      rows: [...outcomes].sort((a, b) => b[1] - a[1]).map(([outcome, count]) => [...outcome.split(' | '), count]),
    });
  }, long ? 3_600_000 : undefined);
});
