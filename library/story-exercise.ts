/**
 * "Make an exercise" from the story the syndication view shows: the ids of its articles linked to
 * another (those the lanes draw), sent to the exercise page (exercise.html?mode=build), which asks
 * the worker for their text and makes the pack there. The ids travel in the address's fragment: it
 * never leaves the browser.
 */
import browser from 'webextension-polyfill';
import type { SyndicationView } from '../src/protocol';

/** The articles of a graph that an edge links, oldest first (the view lists them so). */
export function storyArticleIds(view: Pick<SyndicationView, 'articles' | 'edges'>): string[] {
  const linked = new Set<string>();
  for (const e of view.edges) linked.add(e.from), linked.add(e.to);
  return view.articles.filter((a) => linked.has(a.id)).map((a) => a.id);
}

/** The exercise page's address that makes an exercise of these articles. */
export function exerciseBuildUrl(base: string, ids: readonly string[]): string {
  return `${base}?mode=build#${new URLSearchParams({ ids: JSON.stringify(ids) }).toString()}`;
}

export async function openStoryExercise(view: Pick<SyndicationView, 'articles' | 'edges'>): Promise<void> {
  await browser.tabs.create({ url: exerciseBuildUrl(browser.runtime.getURL('exercise.html'), storyArticleIds(view)) });
}
