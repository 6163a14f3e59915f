/**
 * A student's work in progress on an exercise, kept in the browser by the exercise page so that a
 * reload or a closed tab loses nothing: the answers in the form of a result file (result-file.ts),
 * read back through the same checks as a teacher's import, the name typed, when the student
 * started, each step's state and the step on screen. Anything that does not read back whole (another
 * version, another exercise, an edit) is ignored and the exercise starts afresh. Pure: the page
 * stores and reads the text.
 */
import { answersOf, exerciseId, makeResult, parseResult, type ResultFile } from './result-file';
import type { ExercisePack } from './pack-schema';
import type { Answers } from './score';

const PROGRESS_VERSION = 1;

export interface StepProgress {
  locked: boolean;
  revealed: boolean;
}

export interface Progress {
  student: string;
  started: Date;
  answers: Answers;
  steps: StepProgress[];
  /** The step on screen. */
  current: number;
}

/** The storage key of an exercise's progress (one a pack, by its id). */
export function progressKey(pack: Pick<ExercisePack, 'title' | 'created'>): string {
  return `wiretrace-exercise-progress:${exerciseId(pack)}`;
}

export function progressText(pack: ExercisePack, p: Progress, now = new Date()): string {
  const result = makeResult(pack, p.student, p.answers, p.started, now < p.started ? p.started : now);
  return JSON.stringify({ version: PROGRESS_VERSION, result, steps: p.steps, current: p.current });
}

const isStep = (s: unknown): s is StepProgress =>
  !!s && typeof s === 'object' && typeof (s as StepProgress).locked === 'boolean' && typeof (s as StepProgress).revealed === 'boolean' && ((s as StepProgress).locked || !(s as StepProgress).revealed);

/** The progress stored for `pack` of `stepCount` steps, or undefined when there is none that reads back whole. */
export function readProgress(text: string | null | undefined, pack: ExercisePack, stepCount: number): Progress | undefined {
  if (!text) return undefined;
  let o: { version?: unknown; result?: unknown; steps?: unknown; current?: unknown };
  try {
    o = JSON.parse(text) as typeof o;
  } catch {
    return undefined;
  }
  if (!o || typeof o !== 'object' || o.version !== PROGRESS_VERSION) return undefined;
  const steps = o.steps;
  if (!Array.isArray(steps) || steps.length !== stepCount || !steps.every(isStep)) return undefined;
  const current = o.current;
  if (typeof current !== 'number' || !Number.isInteger(current) || current < 0 || current >= stepCount) return undefined;
  const r = parseResult(JSON.stringify(o.result), pack);
  if (!r.ok) return undefined;
  const result: ResultFile = r.value;
  return { student: result.student, started: new Date(result.started), answers: answersOf(result), steps: steps.map((s) => ({ locked: s.locked, revealed: s.revealed })), current };
}
