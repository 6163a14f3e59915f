/**
 * The steps a student goes through: one per article that has questions (in the order of its first
 * question), then the story's questions (the order of the outlets, the reflection), each answered,
 * locked and revealed in turn; and the part of the story an article's step reveals. Pure.
 */
import type { SyndicationGraph } from '../engine/syndication';
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

/**
 * The part of the story's graph an article step reveals: the edges into the article and, upstream,
 * into each of its sources, and so on; the rest of the story (later outlets, the other steps'
 * articles) stays for their own steps and the story's step.
 */
export function upstream(graph: SyndicationGraph, articleId: string): SyndicationGraph {
  const reached = new Set([articleId]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const e of graph.edges) {
      if (reached.has(e.to) && !reached.has(e.from)) {
        reached.add(e.from);
        grew = true;
      }
    }
  }
  const edges = graph.edges.filter((e) => reached.has(e.to));
  return { ...graph, articles: graph.articles.filter((a) => reached.has(a.id)), edges };
}
