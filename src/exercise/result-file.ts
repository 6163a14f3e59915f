/**
 * A student's result file, version 1: which exercise (its title and id: a hash of title and
 * creation time, as index packs have), the name the student typed, when they started and finished,
 * each answer, and the scores the page gave. The teacher's page checks it with valibot, refuses it
 * naming the line and field at fault, refuses one made for another exercise, and scores the answers
 * again from the pack (a score edited in the file changes nothing). Pure.
 */
import * as v from 'valibot';
import { parseTime } from '../engine/parse-time';
import { packId } from '../engine/pack-header';
import { pathText, readLocated, type PathKey } from './json-lines';
import { CREDIT_VALUES, SHARE_BANDS, firstIssue, type ExercisePack, type Parsed } from './pack-schema';
import { scoreAll, type Answers, type StudentAnswer } from './score';

export const RESULT_FORMAT = 'wiretrace-exercise-result';
export const RESULT_VERSION = 1;

const isoTime = (s: string): boolean => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/.test(s) && parseTime(s) !== undefined;
const time = v.pipe(v.string('must be a string'), v.check(isoTime, 'must be an ISO 8601 time such as 2025-03-14T09:30:00Z'));
const whole = (min: number, max: number) =>
  v.pipe(v.number('must be a number'), v.integer('must be a whole number'), v.minValue(min, `must be at least ${min}`), v.maxValue(max, `must be at most ${max}`));
const name = v.pipe(v.string('must be a string'), v.maxLength(200, 'must be at most 200 characters'));

const AnswerSchema = v.variant(
  'kind',
  [
    v.object({ question: name, kind: v.literal('copied-paragraphs'), paragraphs: v.array(whole(0, 9999), 'must be an array of paragraph numbers') }),
    v.object({ question: name, kind: v.literal('source'), outlet: v.nullable(name) }),
    v.object({ question: name, kind: v.literal('credited'), credited: v.picklist(CREDIT_VALUES, `must be one of ${CREDIT_VALUES.join(', ')}`) }),
    v.object({ question: name, kind: v.literal('original-share'), band: whole(0, SHARE_BANDS.length - 1) }),
    v.object({ question: name, kind: v.literal('order'), order: v.array(name, 'must be an array of outlet names') }),
    v.object({ question: name, kind: v.literal('reflection'), text: v.pipe(v.string('must be a string'), v.maxLength(20_000, 'must be at most 20000 characters')) }),
  ],
  'must have a "kind" of a question',
);

export const ResultSchema = v.object(
  {
    format: v.literal(RESULT_FORMAT, `must be "${RESULT_FORMAT}"`),
    version: v.literal(RESULT_VERSION, `must be ${RESULT_VERSION}`),
    exercise: v.object({ id: name, title: name }, 'must be an object'),
    student: name,
    started: time,
    finished: time,
    answers: v.pipe(v.array(AnswerSchema, 'must be an array of answers'), v.maxLength(500, 'must hold at most 500 answers')),
    scores: v.record(v.string(), v.number('must be a number'), 'must be an object'),
    total: v.number('must be a number'),
    max: v.number('must be a number'),
  },
  'must be an object',
);

export type ResultFile = v.InferOutput<typeof ResultSchema>;

/** The exercise's id in result files: as an index pack's, a hash of its title and creation time. */
export function exerciseId(pack: Pick<ExercisePack, 'title' | 'created'>): string {
  return packId(pack);
}

/** The result file of a student's answers. */
export function makeResult(pack: ExercisePack, student: string, answers: Answers, started: Date, finished: Date): ResultFile {
  const scored = scoreAll(pack, answers);
  const list = pack.questions.flatMap((q) => {
    const a = answers[q.id];
    return a && a.kind === q.kind ? [{ question: q.id, ...a }] : [];
  });
  return {
    format: RESULT_FORMAT,
    version: RESULT_VERSION,
    exercise: { id: exerciseId(pack), title: pack.title },
    student: student.trim(),
    started: started.toISOString(),
    finished: finished.toISOString(),
    answers: list,
    scores: scored.scores,
    total: scored.total,
    max: scored.max,
  };
}

export function resultText(r: ResultFile): string {
  return `${JSON.stringify(r, null, 2)}\n`;
}

/** A result's answers by question id. */
export function answersOf(r: ResultFile): Answers {
  const out: Answers = {};
  for (const a of r.answers) {
    const { question, ...rest } = a;
    out[question] = rest as StudentAnswer;
  }
  return out;
}

/** Seconds from start to finish (0 when the clock went backwards). */
export function secondsTaken(r: ResultFile): number {
  return Math.max(0, Math.round((Date.parse(r.finished) - Date.parse(r.started)) / 1000));
}

/** Reads a result file's text for `pack`: the result, or the line and field at fault. */
export function parseResult(source: string, pack: ExercisePack): Parsed<ResultFile> {
  const read = readLocated(source);
  if (!read.ok) return read;
  const located = read.located;
  const value = located.value;
  if (value && typeof value === 'object' && (value as Record<string, unknown>).format === 'wiretrace-exercise') {
    return { ok: false, line: located.lineOf(['format']), field: 'format', message: "is an exercise pack, not a student's result file" };
  }
  const r = v.safeParse(ResultSchema, value);
  const at = (path: PathKey[], message: string): Parsed<ResultFile> => ({ ok: false, line: located.lineOf(path), field: pathText(path), message });
  if (!r.success) {
    const { path, message } = firstIssue(r.issues);
    return at(path, message);
  }
  const result = r.output;
  if (result.exercise.id !== exerciseId(pack)) return at(['exercise', 'id'], `is the result of another exercise ("${result.exercise.title}"), not of "${pack.title}"`);
  if (Date.parse(result.finished) < Date.parse(result.started)) return at(['finished'], 'is before "started"');
  const questions = new Map(pack.questions.map((q) => [q.id, q]));
  const seen = new Set<string>();
  for (const [i, a] of result.answers.entries()) {
    const q = questions.get(a.question);
    if (!q) return at(['answers', i, 'question'], `names no question of the exercise ("${a.question}")`);
    if (q.kind !== a.kind) return at(['answers', i, 'kind'], `is "${a.kind}", but question ${q.id} is of kind "${q.kind}"`);
    if (seen.has(a.question)) return at(['answers', i, 'question'], `answers question ${a.question} a second time`);
    seen.add(a.question);
  }
  return { ok: true, value: result };
}
