/**
 * A student's progress kept by the exercise page: it reads back as written (answers, name, start,
 * steps, the step on screen), and anything that does not read back whole is ignored rather than
 * half-restored: another exercise's, another number of steps, a step revealed but not locked, an
 * answer of the wrong kind, a step out of range, broken JSON, another version.
 */
import { describe, expect, it } from 'vitest';
import { progressKey, progressText, readProgress, type Progress } from '../../src/exercise/progress';
import { exerciseSteps } from '../../src/exercise/steps';
import { DEMO_PACK, FERRY_PACK, loadPack, perfect, question } from './fixtures';

const demo = loadPack(DEMO_PACK);
const ferry = loadPack(FERRY_PACK);
const steps = exerciseSteps(demo).length;
const started = new Date('2026-01-12T09:00:00Z');

function progress(): Progress {
  const answers = perfect(demo);
  const copied = question(demo, 'copied-paragraphs', 'Coastline Daily');
  answers[copied.id] = { kind: 'copied-paragraphs', paragraphs: [0, 2] };
  delete answers[question(demo, 'reflection').id];
  return { student: 'Robin Q.', started, answers, steps: Array.from({ length: steps }, (_, i) => ({ locked: i < 2, revealed: i < 1 })), current: 1 };
}

const edited = (text: string, edit: (o: Record<string, any>) => void) => {
  const o = JSON.parse(text);
  edit(o);
  return JSON.stringify(o);
};

describe("a student's progress", () => {
  it('reads back as written', () => {
    const p = progress();
    const back = readProgress(progressText(demo, p, new Date('2026-01-12T09:20:00Z')), demo, steps);
    expect(back).toEqual(p);
  });

  it('is kept apart for each exercise', () => {
    expect(progressKey(demo)).not.toBe(progressKey(ferry));
    expect(readProgress(progressText(demo, progress()), ferry, exerciseSteps(ferry).length)).toBeUndefined();
  });

  it('is ignored whole when any part of it does not read back', () => {
    const text = progressText(demo, progress());
    const copied = question(demo, 'copied-paragraphs', 'Coastline Daily');
    for (const bad of [
      null,
      '',
      '{"version":1',
      edited(text, (o) => (o.version = 2)),
      edited(text, (o) => o.steps.pop()),
      edited(text, (o) => (o.steps[3] = { locked: false, revealed: true })),
      edited(text, (o) => (o.steps[0] = { locked: 'yes', revealed: false })),
      edited(text, (o) => (o.current = steps)),
      edited(text, (o) => (o.current = 0.5)),
      edited(text, (o) => (o.result.answers.find((a: { question: string }) => a.question === copied.id).kind = 'source')),
      edited(text, (o) => (o.result.started = '2026-02-30T09:00:00Z')),
    ]) {
      expect(readProgress(bad, demo, steps), String(bad).slice(0, 80)).toBeUndefined();
    }
    expect(readProgress(text, demo, steps)).toBeDefined();
  });
});
