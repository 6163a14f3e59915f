/**
 * The class's results for the teacher: each student's answers scored again from the pack, the mean
 * score and the number of full marks per question, the outlet most often put first when it was not
 * the one that had the story first (the common wrong "first source"), the time taken, and a CSV of
 * it all (one row a student; the reflections' text included). Pure.
 */
import type { ExercisePack, Question } from './pack-schema';
import { answersOf, secondsTaken, type ResultFile } from './result-file';
import { scoreAll } from './score';

export interface QuestionSummary {
  id: string;
  kind: Question['kind'];
  /** The article asked about, when the question is about one. */
  outlet?: string;
  points: number;
  /** Mean score over the students (0 when none). */
  mean: number;
  /** Students with full marks (for a reflection: those who wrote something). */
  full: number;
  answered: number;
}

export interface StudentRow {
  student: string;
  seconds: number;
  total: number;
  scores: Record<string, number>;
  reflections: Record<string, string>;
}

export interface ClassSummary {
  students: StudentRow[];
  questions: QuestionSummary[];
  max: number;
  /** Mean total score. */
  mean: number;
  /** The wrong first outlet most students put first in an order question, and how many did. */
  commonWrongFirst?: { outlet: string; count: number; right: string };
  /** Time taken in seconds: median, fastest, slowest. */
  seconds: { median: number; min: number; max: number };
}

const tenths = (x: number) => Math.round(x * 10) / 10;

function median(xs: number[]): number {
  if (!xs.length) return 0;
  const s = xs.slice().sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : Math.round((s[m - 1] + s[m]) / 2);
}

export function classSummary(pack: ExercisePack, results: readonly ResultFile[]): ClassSummary {
  const outletOf = new Map(pack.articles.map((a) => [a.id, a.outlet]));
  const students: StudentRow[] = results.map((r, i) => {
    const answers = answersOf(r);
    const scored = scoreAll(pack, answers);
    const reflections: Record<string, string> = {};
    for (const q of pack.questions) {
      const a = answers[q.id];
      if (q.kind === 'reflection' && a?.kind === 'reflection') reflections[q.id] = a.text;
    }
    return { student: r.student || `#${i + 1}`, seconds: secondsTaken(r), total: scored.total, scores: scored.scores, reflections };
  });
  const questions: QuestionSummary[] = pack.questions.map((q) => {
    let sum = 0;
    let full = 0;
    let answered = 0;
    for (const [i, s] of students.entries()) {
      const a = answersOf(results[i])[q.id];
      if (a) answered++;
      sum += s.scores[q.id] ?? 0;
      if (q.kind === 'reflection' ? a?.kind === 'reflection' && a.text.trim() !== '' : (s.scores[q.id] ?? 0) >= q.points) full++;
    }
    return { id: q.id, kind: q.kind, ...(q.article ? { outlet: outletOf.get(q.article) } : {}), points: q.points, mean: students.length ? tenths(sum / students.length) : 0, full, answered };
  });
  const wrongFirst = new Map<string, number>();
  let right = '';
  for (const q of pack.questions) {
    if (q.kind !== 'order') continue;
    right ||= q.answer.order[0];
    for (const r of results) {
      const a = answersOf(r)[q.id];
      const first = a?.kind === 'order' ? a.order[0] : undefined;
      if (first && first !== q.answer.order[0]) wrongFirst.set(first, (wrongFirst.get(first) ?? 0) + 1);
    }
  }
  const common = [...wrongFirst.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
  const secs = students.map((s) => s.seconds);
  return {
    students,
    questions,
    max: tenths(pack.questions.reduce((m, q) => m + q.points, 0)),
    mean: students.length ? tenths(students.reduce((m, s) => m + s.total, 0) / students.length) : 0,
    ...(common ? { commonWrongFirst: { outlet: common[0], count: common[1], right } } : {}),
    seconds: { median: median(secs), min: secs.length ? Math.min(...secs) : 0, max: secs.length ? Math.max(...secs) : 0 },
  };
}

/** A CSV field: quoted when it holds a comma, quote or line break; a leading =, +, - or @ is kept from spreadsheets' formulas. */
function field(x: string | number): string {
  let s = String(x);
  if (typeof x === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One row a student: name, seconds, total, each question's score, each reflection's text; a last row of means. */
export function summaryCsv(pack: ExercisePack, summary: ClassSummary): string {
  const reflections = pack.questions.filter((q) => q.kind === 'reflection');
  const scored = pack.questions.filter((q) => q.kind !== 'reflection');
  const head = ['student', 'seconds', 'total', ...scored.map((q) => `${q.id} ${q.kind}${q.article ? ` (${pack.articles.find((a) => a.id === q.article)?.outlet ?? ''})` : ''} /${q.points}`), ...reflections.map((q) => `${q.id} reflection`)];
  const rows = summary.students.map((s) => [s.student, s.seconds, s.total, ...scored.map((q) => s.scores[q.id] ?? 0), ...reflections.map((q) => s.reflections[q.id] ?? '')]);
  const means = ['class: mean score; median seconds', median(summary.students.map((s) => s.seconds)), summary.mean, ...scored.map((q) => summary.questions.find((x) => x.id === q.id)?.mean ?? 0), ...reflections.map(() => '')];
  return [head, ...rows, means].map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';
}
