/** The committed exercise packs, read once for the exercise tests, and small helpers to build answers. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parsePack, type ExercisePack } from '../../src/exercise/pack-schema';
import type { Answers, StudentAnswer } from '../../src/exercise/score';

export const ROOT = resolve(import.meta.dirname, '../..');
export const DEMO_PACK = resolve(ROOT, 'exercises/lennock-floodgate.exercise.json');
export const FERRY_PACK = resolve(ROOT, 'exercises/pelling-ferry.exercise.json');

export function loadPack(file: string): ExercisePack {
  const r = parsePack(readFileSync(file, 'utf8'));
  if (!r.ok) throw new Error(`${file}: ${r.message}`);
  return r.value;
}

/** The question of `kind` about the article whose outlet is `outlet` (or the story's, without one). */
export function question<K extends ExercisePack['questions'][number]['kind']>(pack: ExercisePack, kind: K, outlet?: string): Extract<ExercisePack['questions'][number], { kind: K }> {
  const ids = new Set(pack.articles.filter((a) => a.outlet === outlet).map((a) => a.id));
  const q = pack.questions.find((x) => x.kind === kind && (outlet === undefined || (x.article !== undefined && ids.has(x.article))));
  if (!q) throw new Error(`no ${kind} question${outlet ? ` about ${outlet}` : ''}`);
  return q as Extract<ExercisePack['questions'][number], { kind: K }>;
}

/** The answers a student who knows every answer gives. */
export function perfect(pack: ExercisePack): Answers {
  const out: Answers = {};
  for (const q of pack.questions) {
    const a: StudentAnswer =
      q.kind === 'copied-paragraphs' ? { kind: q.kind, paragraphs: q.answer.paragraphs }
      : q.kind === 'source' ? { kind: q.kind, outlet: q.answer.outlet }
      : q.kind === 'credited' ? { kind: q.kind, credited: q.answer.credited }
      : q.kind === 'original-share' ? { kind: q.kind, band: q.answer.band }
      : q.kind === 'order' ? { kind: q.kind, order: q.answer.order }
      : { kind: 'reflection', text: 'I looked at the times.' };
    out[q.id] = a;
  }
  return out;
}

