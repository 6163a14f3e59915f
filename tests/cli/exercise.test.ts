/**
 * `wiretrace exercise build` run as a user would: a pack from .txt files and the audit's --meta
 * sidecar (answers from the engine, the description from options, to stdout or -o), with no option
 * but --meta and -o (the earliest article's title), the kinds of question chosen, usage errors,
 * an article without a time and an unknown --article refused; the committed packs equal to a
 * regeneration (npm run build:exercises).
 */
import { existsSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parsePack } from '../../src/exercise/pack-schema';
import { ROOT, tempFiles, wiretrace } from './run';

const WIRE = [
  'Harbour crane collapse halts Varnholm port',
  'A container crane collapsed onto a loading berth at Varnholm port early on Tuesday, halting all cargo traffic and injuring two dock workers, the harbour authority said.',
  'The crane folded at its base shortly after four while lifting an empty container, witnesses said, and both injured workers were taken to hospital.',
  'Harbour master Piet Lindqvist said the port would stay closed until engineers had inspected the five remaining cranes of the same model.',
].join('\n');
const COPY = `${WIRE.replace('Harbour crane', 'Crane')}\nOur reporter saw lorries queueing along the ring road for most of the morning while the gates stayed shut.`;
const META = JSON.stringify({ 'wire.txt': { outlet: 'Tidewater Wire', published: '2025-03-04T06:00:00Z' }, 'copy.txt': { outlet: 'Varnholm Echo', published: '2025-03-04T08:00:00Z' } });

describe('wiretrace exercise build', () => {
  test('a pack from files and --meta: the copy found, its answers derived, the description from options', async () => {
    const t = tempFiles({ 'wire.txt': WIRE, 'copy.txt': COPY, 'meta.json': META });
    try {
      const r = await wiretrace(['exercise', 'build', '--meta', 'meta.json', '--title', 'Varnholm cranes', '--minutes', '15', '--created', '2025-03-05', 'copy.txt', 'wire.txt'], { cwd: t.dir });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const parsed = parsePack(r.stdout);
      expect(parsed.ok).toBe(true);
      if (!parsed.ok) return;
      const pack = parsed.value;
      expect(pack).toMatchObject({ title: 'Varnholm cranes', minutes: 15, language: 'en', licence: 'CC-BY-4.0', created: '2025-03-05T00:00:00.000Z' });
      expect(pack.articles.map((a) => a.outlet)).toEqual(['Tidewater Wire', 'Varnholm Echo']);
      expect(pack.questions.map((q) => q.kind)).toEqual(['copied-paragraphs', 'source', 'credited', 'original-share', 'order', 'reflection']);
      expect(pack.questions[0].answer).toEqual({ paragraphs: [0, 1, 2], quotes: [], own: [] });
      expect(pack.questions[1].answer).toEqual({ outlet: 'Tidewater Wire', article: 'wire.txt' });
      const again = await wiretrace(['exercise', 'build', '-o', 'cranes.json', '--meta', 'meta.json', '--title', 'Varnholm cranes', '--minutes', '15', '--created', '2025-03-05', 'copy.txt', 'wire.txt'], { cwd: t.dir });
      expect(again.stdout).toBe('exercise cranes.json: "Varnholm cranes", 2 articles, 6 questions about 1 of them and the story\n');
      expect(readFileSync(t.path('cranes.json'), 'utf8')).toBe(r.stdout);
    } finally {
      t.cleanup();
    }
  });

  test('with only --meta, -o and the inputs: the title is the earliest article\'s; --question chooses the kinds', async () => {
    const t = tempFiles({ 'wire.txt': WIRE, 'copy.txt': COPY, 'meta.json': META });
    try {
      const r = await wiretrace(['exercise', 'build', '--meta', 'meta.json', '-o', 'cranes.json', 'copy.txt', 'wire.txt'], { cwd: t.dir });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const parsed = parsePack(readFileSync(t.path('cranes.json'), 'utf8'));
      expect(parsed.ok && parsed.value.title).toBe('Harbour crane collapse halts Varnholm port');
      const some = await wiretrace(['exercise', 'build', '--meta', 'meta.json', '--question', 'source', '--question', 'order,reflection', 'copy.txt', 'wire.txt'], { cwd: t.dir });
      expect(some.code).toBe(0);
      const chosen = parsePack(some.stdout);
      expect(chosen.ok && chosen.value.questions.map((q) => q.kind)).toEqual(['source', 'order', 'reflection']);
      // A choice with no answer among the articles is named, and nothing is written.
      const wireOnly = tempFiles({ 'a.txt': WIRE, 'b.txt': 'Island weather\nA different story about the weather on the islands, with nothing taken from anywhere at all.', 'meta.json': JSON.stringify({ 'a.txt': { outlet: 'A', published: '2025-03-04T06:00:00Z' }, 'b.txt': { outlet: 'B', published: '2025-03-04T07:00:00Z' } }) });
      try {
        const none = await wiretrace(['exercise', 'build', '--meta', 'meta.json', '--question', 'credited', '-o', 'x.json', 'a.txt', 'b.txt'], { cwd: wireOnly.dir });
        expect(none.code).toBe(1);
        expect(none.stderr).toMatch(/^wiretrace: no question to ask: the kinds chosen have no answer in these articles .*; x\.json was not written$/m);
        expect(existsSync(wireOnly.path('x.json'))).toBe(false);
      } finally {
        wireOnly.cleanup();
      }
    } finally {
      t.cleanup();
    }
  });

  test('usage errors, an article without a time, an unknown --article', async () => {
    const t = tempFiles({ 'wire.txt': WIRE, 'copy.txt': COPY, 'meta.json': META });
    try {
      const kind = await wiretrace(['exercise', 'build', '--question', 'source,guess', 'wire.txt'], { cwd: t.dir });
      expect(kind.code).toBe(2);
      expect(kind.stderr).toMatch(/--question 'guess': not a kind of question \(copied-paragraphs, source, credited, original-share, order, reflection\)/);
      const noInput = await wiretrace(['exercise', 'build', '--title', 'x'], { cwd: t.dir });
      expect(noInput.code).toBe(2);
      expect(noInput.stderr).toMatch(/exercise build needs at least one input/);
      const sub = await wiretrace(['exercise', 'make'], { cwd: t.dir });
      expect(sub.code).toBe(2);
      expect(sub.stderr).toMatch(/unknown exercise command 'make'/);
      const untimed = await wiretrace(['exercise', 'build', '--title', 'x', 'wire.txt', 'copy.txt'], { cwd: t.dir });
      expect(untimed.code).toBe(1);
      expect(untimed.stderr).toMatch(/^wiretrace: wire.txt: has no publication time/m);
      expect(untimed.stderr).toMatch(/an exercise needs at least two articles with a time, 0 read/);
      const unknown = await wiretrace(['exercise', 'build', '--title', 'x', '--meta', 'meta.json', '--article', 'other.txt', 'wire.txt', 'copy.txt'], { cwd: t.dir });
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toMatch(/--article "other.txt": no such article among the inputs/);
      const help = await wiretrace(['exercise', '--help']);
      expect(help.code).toBe(0);
      expect(help.stdout).toMatch(/^Usage: wiretrace exercise build \[--meta FILE\] \[-o PACK\]/);
    } finally {
      t.cleanup();
    }
  });

  test('the committed exercise packs equal a regeneration', () => {
    const t = tempFiles();
    try {
      const r = spawnSync(process.execPath, ['--import', 'tsx', resolve(ROOT, 'scripts/build-exercise-packs.ts'), '--out', t.dir], { cwd: ROOT, encoding: 'utf8' });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      for (const name of ['lennock-floodgate.exercise.json', 'pelling-ferry.exercise.json']) {
        const fresh = readFileSync(t.path(name), 'utf8');
        const committed = readFileSync(resolve(ROOT, 'exercises', name), 'utf8');
        expect(fresh === committed, `exercises/${name} is out of date: npm run build:exercises`).toBe(true);
      }
    } finally {
      t.cleanup();
    }
  });
});
