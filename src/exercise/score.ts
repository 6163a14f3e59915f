/**
 * Scoring a student's answers against the pack's, and what the student missed, as notes the page
 * words in its language (a quote is not copy; an outlet's own earlier text is not copy; a credit makes
 * copy honest, not original; a later article cannot be the source). Scores are rounded to tenths:
 *   copied-paragraphs  points x the paragraphs judged right (marked exactly when copied) / all paragraphs
 *   source, credited   all or nothing
 *   original-share     all for the right band, half for the band beside it
 *   order              points x the pairs of outlets put in the right order / all pairs
 *   reflection         not scored (its points are 0 unless the teacher gives them by hand)
 * Pure.
 */
import type { Credited, ExerciseArticle, ExercisePack, Question } from './pack-schema';

export type StudentAnswer =
  | { kind: 'copied-paragraphs'; paragraphs: number[] }
  | { kind: 'source'; outlet: string | null }
  | { kind: 'credited'; credited: Credited }
  | { kind: 'original-share'; band: number }
  | { kind: 'order'; order: string[] }
  | { kind: 'reflection'; text: string };

export type Answers = Record<string, StudentAnswer | undefined>;

const tenths = (x: number) => Math.round(x * 10) / 10;

/** The score of one answer (0 when unanswered or of another kind). */
export function scoreQuestion(q: Question, a: StudentAnswer | undefined, article: ExerciseArticle | undefined): number {
  if (!a || a.kind !== q.kind) return 0;
  switch (q.kind) {
    case 'copied-paragraphs': {
      const n = article?.paragraphs.length ?? 0;
      if (!n) return 0;
      const marked = new Set((a as Extract<StudentAnswer, { kind: 'copied-paragraphs' }>).paragraphs);
      const copied = new Set(q.answer.paragraphs);
      let right = 0;
      for (let i = 0; i < n; i++) if (marked.has(i) === copied.has(i)) right++;
      return tenths((q.points * right) / n);
    }
    case 'source':
      return (a as Extract<StudentAnswer, { kind: 'source' }>).outlet === q.answer.outlet ? q.points : 0;
    case 'credited':
      return (a as Extract<StudentAnswer, { kind: 'credited' }>).credited === q.answer.credited ? q.points : 0;
    case 'original-share': {
      const d = Math.abs((a as Extract<StudentAnswer, { kind: 'original-share' }>).band - q.answer.band);
      return d === 0 ? q.points : d === 1 ? tenths(q.points / 2) : 0;
    }
    case 'order': {
      const given = (a as Extract<StudentAnswer, { kind: 'order' }>).order;
      const pos = new Map(given.map((o, i) => [o, i]));
      const right = q.answer.order;
      let pairs = 0;
      let ok = 0;
      for (let i = 0; i < right.length; i++) {
        for (let j = i + 1; j < right.length; j++) {
          pairs++;
          const pi = pos.get(right[i]);
          const pj = pos.get(right[j]);
          if (pi !== undefined && pj !== undefined && pi < pj) ok++;
        }
      }
      return pairs ? tenths((q.points * ok) / pairs) : 0;
    }
    case 'reflection':
      return 0;
  }
}

export interface Scored {
  /** Score by question id. */
  scores: Record<string, number>;
  total: number;
  max: number;
}

export function scoreAll(pack: ExercisePack, answers: Answers): Scored {
  const articles = new Map(pack.articles.map((a) => [a.id, a]));
  const scores: Record<string, number> = {};
  let total = 0;
  let max = 0;
  for (const q of pack.questions) {
    const s = scoreQuestion(q, answers[q.id], q.article ? articles.get(q.article) : undefined);
    scores[q.id] = s;
    total += s;
    max += q.points;
  }
  return { scores, total: tenths(total), max: tenths(max) };
}

/** What a student missed, for the page to put in words. Paragraphs are 0-based; outlets as the pack names them. */
export type MissNote =
  | { code: 'unanswered' }
  | { code: 'marked-quote'; paragraphs: number[] }
  | { code: 'marked-own'; paragraphs: number[] }
  | { code: 'marked-original'; paragraphs: number[] }
  | { code: 'missed-copied'; paragraphs: number[]; outlet: string | null }
  | { code: 'credited-copy'; outlet: string }
  | { code: 'source-none'; outlet: string }
  | { code: 'source-nothing-copied' }
  | { code: 'source-after'; picked: string }
  | { code: 'source-also-carried'; picked: string; outlet: string }
  | { code: 'source-other'; picked: string; outlet: string }
  | { code: 'credit-missed'; outlet: string }
  | { code: 'credit-imagined'; outlet: string }
  | { code: 'credit-partly'; outlet: string }
  | { code: 'share-high'; share: number }
  | { code: 'share-low'; share: number }
  | { code: 'first-wrong'; picked: string; outlet: string }
  | { code: 'order-pairs'; wrong: number; pairs: number };

/** The credited question's answer about the same article, when the pack has one. */
function creditOf(pack: ExercisePack, article: string | undefined): Extract<Question, { kind: 'credited' }>['answer'] | undefined {
  const q = pack.questions.find((x): x is Extract<Question, { kind: 'credited' }> => x.kind === 'credited' && x.article === article);
  return q?.answer;
}

function sourceOf(pack: ExercisePack, article: string | undefined): string | null {
  const q = pack.questions.find((x): x is Extract<Question, { kind: 'source' }> => x.kind === 'source' && x.article === article);
  return q?.answer.outlet ?? null;
}

export function missNotes(pack: ExercisePack, q: Question, a: StudentAnswer | undefined): MissNote[] {
  if (q.kind === 'reflection') return [];
  if (!a || a.kind !== q.kind) return [{ code: 'unanswered' }];
  const article = q.article ? pack.articles.find((x) => x.id === q.article) : undefined;
  const notes: MissNote[] = [];
  const credit = creditOf(pack, q.article);
  switch (q.kind) {
    case 'copied-paragraphs': {
      const marked = new Set((a as Extract<StudentAnswer, { kind: 'copied-paragraphs' }>).paragraphs);
      const copied = new Set(q.answer.paragraphs);
      const quotes = q.answer.quotes.filter((n) => marked.has(n));
      const own = q.answer.own.filter((n) => marked.has(n));
      const original = [...marked].filter((n) => !copied.has(n) && !q.answer.quotes.includes(n) && !q.answer.own.includes(n)).sort((x, y) => x - y);
      const missed = q.answer.paragraphs.filter((n) => !marked.has(n));
      if (quotes.length) notes.push({ code: 'marked-quote', paragraphs: quotes });
      if (own.length) notes.push({ code: 'marked-own', paragraphs: own });
      if (original.length) notes.push({ code: 'marked-original', paragraphs: original });
      if (missed.length) {
        notes.push({ code: 'missed-copied', paragraphs: missed, outlet: sourceOf(pack, q.article) });
        if (credit && credit.credited !== 'no') notes.push({ code: 'credited-copy', outlet: credit.outlet });
      }
      break;
    }
    case 'source': {
      const picked = (a as Extract<StudentAnswer, { kind: 'source' }>).outlet;
      if (picked === q.answer.outlet) break;
      if (picked === null) notes.push({ code: 'source-none', outlet: q.answer.outlet ?? '' });
      else if (q.answer.outlet === null) notes.push({ code: 'source-nothing-copied' });
      else {
        const mine = Date.parse(article?.published ?? '');
        const theirs = pack.articles.filter((x) => x.outlet === picked).map((x) => Date.parse(x.published));
        if (theirs.length && theirs.every((t) => t >= mine)) notes.push({ code: 'source-after', picked });
        else if (theirs.some((t) => t < mine) && pack.articles.some((x) => x.outlet === q.answer.outlet && Date.parse(x.published) < Math.min(...theirs))) notes.push({ code: 'source-also-carried', picked, outlet: q.answer.outlet });
        else notes.push({ code: 'source-other', picked, outlet: q.answer.outlet });
      }
      break;
    }
    case 'credited': {
      const picked = (a as Extract<StudentAnswer, { kind: 'credited' }>).credited;
      if (picked === q.answer.credited) break;
      if (q.answer.credited === 'yes') notes.push({ code: 'credit-missed', outlet: q.answer.outlet });
      else if (q.answer.credited === 'no') notes.push({ code: 'credit-imagined', outlet: q.answer.outlet });
      else notes.push({ code: 'credit-partly', outlet: q.answer.outlet });
      break;
    }
    case 'original-share': {
      const band = (a as Extract<StudentAnswer, { kind: 'original-share' }>).band;
      if (band > q.answer.band) {
        notes.push({ code: 'share-high', share: q.answer.share });
        if (credit && credit.credited !== 'no') notes.push({ code: 'credited-copy', outlet: credit.outlet });
      } else if (band < q.answer.band) notes.push({ code: 'share-low', share: q.answer.share });
      break;
    }
    case 'order': {
      const given = (a as Extract<StudentAnswer, { kind: 'order' }>).order;
      if (given[0] !== q.answer.order[0]) notes.push({ code: 'first-wrong', picked: given[0] ?? '', outlet: q.answer.order[0] });
      const pos = new Map(given.map((o, i) => [o, i]));
      const right = q.answer.order;
      let pairs = 0;
      let wrong = 0;
      for (let i = 0; i < right.length; i++) {
        for (let j = i + 1; j < right.length; j++) {
          pairs++;
          if (!((pos.get(right[i]) ?? Infinity) < (pos.get(right[j]) ?? -Infinity))) wrong++;
        }
      }
      if (wrong) notes.push({ code: 'order-pairs', wrong, pairs });
      break;
    }
  }
  return notes;
}
