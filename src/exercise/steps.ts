/**
 * The steps a student goes through: one per article that has questions (in the order of its first
 * question), then the story's questions (the order of the outlets, the reflection), each answered,
 * locked and revealed in turn. Pure.
 */
import type { ExerciseArticle, ExercisePack, Question } from './pack-schema';

export interface Step {
  /** The article the step is about; undefined for the story's step. */
  article?: ExerciseArticle;
  questions: Question[];
}

export function exerciseSteps(pack: ExercisePack): Step[] {
  const articles = new Map(pack.articles.map((a) => [a.id, a]));
  const steps = new Map<string, Step>();
  const story: Question[] = [];
  for (const q of pack.questions) {
    const a = q.article !== undefined && q.kind !== 'order' && q.kind !== 'reflection' ? articles.get(q.article) : undefined;
    if (!a) {
      story.push(q);
      continue;
    }
    const s = steps.get(a.id) ?? { article: a, questions: [] };
    s.questions.push(q);
    steps.set(a.id, s);
  }
  return [...steps.values(), ...(story.length ? [{ questions: story }] : [])];
}
