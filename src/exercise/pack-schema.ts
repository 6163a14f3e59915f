/**
 * The exercise pack, version 1 (docs/exercises.md): a classroom exercise in tracing a story to its
 * source. Its description (title, language, audience, minutes, licence), its articles bundled whole
 * (outlet, time, paragraphs: it works offline and gives the same answers everywhere) and its
 * questions, each with the answer the engine's reports give (questions.ts derives them), an
 * explanation and points. Checked with valibot (no eval: it runs under the extension's CSP), then
 * for what a schema cannot say (question ids unique, a question's article in the pack, paragraph
 * numbers inside it). A refused pack names the line and the field at fault.
 */
import * as v from 'valibot';
import { parseTime } from '../engine/parse-time';
import { pathText, readLocated, type PathKey } from './json-lines';

export const EXERCISE_FORMAT = 'wiretrace-exercise';
/** A pack's `language`: a BCP 47 tag such as en or de-CH. */
export const LANGUAGE_TAG = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/;
export const EXERCISE_VERSION = 1;

const isoTime = (s: string): boolean => /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.test(s) && parseTime(s) !== undefined;
const text = (max: number) => v.pipe(v.string('must be a string'), v.maxLength(max, `must be at most ${max} characters`));
const nonEmpty = (max: number) => v.pipe(text(max), v.check((s) => s.trim().length > 0, 'must not be empty'));
const time = v.pipe(v.string('must be a string'), v.check(isoTime, 'must be an ISO 8601 time such as 2025-03-14T06:10:00Z'));
const whole = (min: number, max: number) =>
  v.pipe(v.number('must be a number'), v.integer('must be a whole number'), v.minValue(min, `must be at least ${min}`), v.maxValue(max, `must be at most ${max}`));
const indexList = v.pipe(v.array(whole(0, 9999), 'must be an array of paragraph numbers'), v.maxLength(10000, 'is too long'));

export const ArticleSchema = v.object(
  {
    id: nonEmpty(2000),
    outlet: nonEmpty(200),
    title: v.optional(text(1000)),
    url: v.optional(text(2000)),
    published: time,
    lang: v.optional(text(35)),
    paragraphs: v.pipe(v.array(text(50_000), 'must be an array of strings'), v.minLength(1, 'must hold at least one paragraph'), v.maxLength(2000, 'must hold at most 2000 paragraphs')),
  },
  'must be an object',
);

export type ExerciseArticle = v.InferOutput<typeof ArticleSchema>;

export const CREDIT_VALUES = ['yes', 'partly', 'no'] as const;
export type Credited = (typeof CREDIT_VALUES)[number];

/** Bands of the original share: [0, 10%), [10, 40%), [40, 60%), [60, 90%), [90, 100%]. */
export const SHARE_BANDS = [0, 0.1, 0.4, 0.6, 0.9] as const;

const common = {
  id: nonEmpty(100),
  points: v.pipe(v.number('must be a number'), v.minValue(0, 'must not be negative'), v.maxValue(100, 'must be at most 100')),
  explanation: text(5000),
  prompt: v.optional(text(2000)),
};
const onArticle = { ...common, article: nonEmpty(2000) };

export const QuestionSchema = v.variant(
  'kind',
  [
    v.object({
      ...onArticle,
      kind: v.literal('copied-paragraphs'),
      // Paragraphs (0-based) with copied prose; those sharing only a quotation; the outlet's own earlier text.
      answer: v.object({ paragraphs: indexList, quotes: indexList, own: indexList }, 'must be an object'),
    }),
    v.object({
      ...onArticle,
      kind: v.literal('source'),
      // The outlet whose text was copied most (null: nothing copied), and its article.
      answer: v.object({ outlet: v.nullable(nonEmpty(200)), article: v.nullable(nonEmpty(2000)) }, 'must be an object'),
    }),
    v.object({
      ...onArticle,
      kind: v.literal('credited'),
      answer: v.object({ credited: v.picklist(CREDIT_VALUES, `must be one of ${CREDIT_VALUES.join(', ')}`), outlet: nonEmpty(200), via: v.optional(text(200)) }, 'must be an object'),
    }),
    v.object({
      ...onArticle,
      kind: v.literal('original-share'),
      answer: v.object({ share: v.pipe(v.number('must be a number'), v.minValue(0, 'must be at least 0'), v.maxValue(1, 'must be at most 1')), band: whole(0, SHARE_BANDS.length - 1) }, 'must be an object'),
    }),
    v.object({
      ...common,
      article: v.optional(nonEmpty(2000)),
      kind: v.literal('order'),
      // The story's outlets in the order they had it (the first had it first), with that time.
      answer: v.object(
        {
          order: v.pipe(v.array(nonEmpty(200), 'must be an array of outlet names'), v.minLength(2, 'must name at least two outlets'), v.maxLength(50, 'must name at most 50 outlets')),
          times: v.array(time, 'must be an array of times'),
        },
        'must be an object',
      ),
    }),
    v.object({
      ...common,
      article: v.optional(nonEmpty(2000)),
      kind: v.literal('reflection'),
      answer: v.null('must be null (a reflection has no answer to derive)'),
    }),
  ],
  'must have a "kind": copied-paragraphs, source, credited, original-share, order or reflection',
);

export type Question = v.InferOutput<typeof QuestionSchema>;
export type QuestionKind = Question['kind'];
export type QuestionOf<K extends QuestionKind> = Extract<Question, { kind: K }>;

export const PackSchema = v.object(
  {
    format: v.literal(EXERCISE_FORMAT, `must be "${EXERCISE_FORMAT}"`),
    version: v.literal(EXERCISE_VERSION, `must be ${EXERCISE_VERSION} (this version of Wiretrace reads version ${EXERCISE_VERSION})`),
    title: nonEmpty(200),
    description: v.optional(text(5000)),
    language: v.pipe(v.string('must be a string'), v.regex(LANGUAGE_TAG, 'must be a language tag such as en or de-CH')),
    audience: nonEmpty(200),
    minutes: whole(1, 600),
    licence: nonEmpty(200),
    creator: v.optional(text(200)),
    created: time,
    articles: v.pipe(v.array(ArticleSchema, 'must be an array of articles'), v.minLength(2, 'must hold at least two articles'), v.maxLength(200, 'must hold at most 200 articles')),
    questions: v.pipe(v.array(QuestionSchema, 'must be an array of questions'), v.minLength(1, 'must hold at least one question'), v.maxLength(500, 'must hold at most 500 questions')),
  },
  'must be an object',
);

export type ExercisePack = v.InferOutput<typeof PackSchema>;

export type Parsed<T> = { ok: true; value: T } | { ok: false; line: number; field: string; message: string };

/** A complaint as one line: "line 12: questions[2].points: must be a number". */
export function refusal(r: Extract<Parsed<unknown>, { ok: false }>): string {
  return `line ${r.line}: ${r.field ? `${r.field}: ` : ''}${r.message}`;
}

function issuePath(issue: v.BaseIssue<unknown>): PathKey[] {
  return (issue.path ?? []).map((p) => (typeof p.key === 'number' ? p.key : String(p.key)));
}

/** The first issue of a failed parse as its path and message ("is missing" for an absent field). */
export function firstIssue(issues: readonly v.BaseIssue<unknown>[]): { path: PathKey[]; message: string } {
  // A variant's "kind" that matches none comes first; otherwise the deepest issue says most.
  const issue = issues[0];
  const path = issuePath(issue);
  const message = issue.received === 'undefined' && path.length ? 'is missing' : issue.message;
  return { path, message };
}

/** What a schema cannot say: ids unique, articles named by questions exist, paragraph numbers inside the article. */
function crossCheck(pack: ExercisePack): { path: PathKey[]; message: string } | undefined {
  const articles = new Map<string, ExerciseArticle>();
  for (const [i, a] of pack.articles.entries()) {
    if (articles.has(a.id)) return { path: ['articles', i, 'id'], message: `is the id of an earlier article too ("${a.id}")` };
    articles.set(a.id, a);
  }
  const outlets = new Set(pack.articles.map((a) => a.outlet));
  const ids = new Set<string>();
  for (const [i, q] of pack.questions.entries()) {
    if (ids.has(q.id)) return { path: ['questions', i, 'id'], message: `is the id of an earlier question too ("${q.id}")` };
    ids.add(q.id);
    if (q.kind === 'order') {
      const bad = q.answer.order.findIndex((o) => !outlets.has(o));
      if (bad >= 0) return { path: ['questions', i, 'answer', 'order', bad], message: `names no outlet of the pack's articles ("${q.answer.order[bad]}")` };
      if (new Set(q.answer.order).size !== q.answer.order.length) return { path: ['questions', i, 'answer', 'order'], message: 'names an outlet twice' };
      if (q.answer.times.length !== q.answer.order.length) return { path: ['questions', i, 'answer', 'times'], message: 'must give one time per outlet of "order"' };
    }
    if (q.article === undefined) continue;
    const a = articles.get(q.article);
    if (!a) return { path: ['questions', i, 'article'], message: `names no article of the pack ("${q.article}")` };
    if (q.kind === 'copied-paragraphs') {
      for (const key of ['paragraphs', 'quotes', 'own'] as const) {
        const bad = q.answer[key].findIndex((n) => n >= a.paragraphs.length);
        if (bad >= 0) return { path: ['questions', i, 'answer', key, bad], message: `is paragraph ${q.answer[key][bad]}, but the article has ${a.paragraphs.length} (numbered from 0)` };
      }
    }
    if (q.kind === 'source' && q.answer.article !== null && !articles.has(q.answer.article)) return { path: ['questions', i, 'answer', 'article'], message: `names no article of the pack ("${q.answer.article}")` };
  }
  return undefined;
}

/** Reads a pack file's text: the pack, or the line and field at fault. */
export function parsePack(source: string): Parsed<ExercisePack> {
  const read = readLocated(source);
  if (!read.ok) return read;
  const located = read.located;
  const value = located.value;
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const format = (value as Record<string, unknown>).format;
    if (format === 'wiretrace-index') return { ok: false, line: 1, field: 'format', message: 'is an index pack (wiretrace-index), not an exercise: import it in the Library' };
    if (format === 'wiretrace-exercise-result') return { ok: false, line: located.lineOf(['format']), field: 'format', message: "is a student's result file, not an exercise: import it in the teacher's view" };
  }
  const r = v.safeParse(PackSchema, value);
  if (!r.success) {
    const { path, message } = firstIssue(r.issues);
    return { ok: false, line: located.lineOf(path), field: pathText(path), message };
  }
  const bad = crossCheck(r.output);
  if (bad) return { ok: false, line: located.lineOf(bad.path), field: pathText(bad.path), message: bad.message };
  return { ok: true, value: r.output };
}

/** A pack as its file holds it: two-space JSON, the fields in the schema's order, a newline at the end. */
export function packText(pack: ExercisePack): string {
  return `${JSON.stringify(pack, null, 2)}\n`;
}
