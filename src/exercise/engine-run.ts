/**
 * The engine over an exercise's bundled articles: a fresh index in memory, the articles checked and
 * recorded one by one in publication order (the order given among equal times), each report made
 * against the articles before it, as the popup would have shown it to a reader that day. The
 * answers of a pack are derived from these reports (questions.ts); the student's reveal shows them
 * (highlights, passages side by side) and draws the story's lanes from their edges. Pure: the
 * engine and its memory store use no browser or Node API, so the CLI and the extension's exercise
 * page get the same reports.
 */
import { Engine } from '../engine/engine';
import { MemoryStore } from '../engine/memory-store';
import { SyndicationBuilder, type SyndicationGraph } from '../engine/syndication';
import type { Report } from '../engine/types';
import type { ExerciseArticle } from './pack-schema';

export interface ExerciseRun {
  /** Each article's report, by article id. */
  reports: Map<string, Report>;
  /** Who carried whose text among the articles: each report's edges. */
  graph: SyndicationGraph;
}

/** The articles in the order the engine reads them: by publication time, the given order among equals. */
export function inTimeOrder<A extends { published: string }>(articles: readonly A[]): A[] {
  return articles
    .map((a, i) => ({ a, i, t: Date.parse(a.published) }))
    .sort((x, y) => x.t - y.t || x.i - y.i)
    .map((x) => x.a);
}

export async function runEngine(articles: readonly ExerciseArticle[]): Promise<ExerciseRun> {
  // wasm: the JavaScript MinHash loop (bit for bit the kernel's), so the extension's CSP is no matter.
  const engine = await Engine.open(new MemoryStore(), { wasm: false });
  const reports = new Map<string, Report>();
  const builder = new SyndicationBuilder();
  for (const a of inTimeOrder(articles)) {
    const report = await engine.checkAndRecord({ id: a.id, outlet: a.outlet, title: a.title, url: a.url, published: a.published, firstSeen: a.published, lang: a.lang, paragraphs: a.paragraphs });
    reports.set(a.id, report);
    builder.add(report);
  }
  return { reports, graph: builder.graph() };
}
