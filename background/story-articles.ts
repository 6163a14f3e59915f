/**
 * The stored articles of a story, whole (outlet, times, paragraphs), for an exercise the teacher
 * makes from the Library's syndication view: the exercise bundles its articles, so it works offline
 * and gives the same answers everywhere. At most 200 ids; those not in the index are left out.
 */
import { storedArticle } from '../src/engine/documents';
import type { Res } from '../src/protocol';
import { getStore } from './engine-host';

export const MAX_STORY_ARTICLES = 200;

export async function storyArticles(ids: string[]): Promise<Res<'storyArticles'>> {
  const store = await getStore();
  const articles: Res<'storyArticles'>['articles'] = [];
  for (const id of [...new Set(ids)].slice(0, MAX_STORY_ARTICLES)) {
    const doc = await store.getDocumentById(id);
    if (!doc) continue;
    const a = storedArticle(doc);
    articles.push({ ...a, firstSeen: a.firstSeen ?? new Date(doc.firstSeen).toISOString() });
  }
  return { articles };
}
