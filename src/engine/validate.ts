/** Checks an ArticleInput from outside (a page, a file, a corpus line) and says clearly what is wrong. */
import type { ArticleInput } from './types';

export class ArticleError extends Error {
  override name = 'ArticleError';
}

/** Epoch milliseconds of an ISO time, or undefined when absent or not a valid time. */
export function parseTime(value: unknown): number | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const t = Date.parse(value);
  return Number.isFinite(t) ? t : undefined;
}

export function validateArticle(a: unknown): ArticleInput {
  if (!a || typeof a !== 'object') throw new ArticleError('an article must be an object');
  const x = a as Record<string, unknown>;
  if (typeof x.id !== 'string' || x.id.trim() === '') throw new ArticleError('the article has no id');
  if (typeof x.outlet !== 'string') throw new ArticleError(`article ${x.id}: outlet must be a string`);
  if (!Array.isArray(x.paragraphs)) throw new ArticleError(`article ${x.id}: paragraphs must be an array of strings`);
  if (x.paragraphs.some((p) => typeof p !== 'string')) throw new ArticleError(`article ${x.id}: every paragraph must be a string`);
  for (const f of ['url', 'title', 'lang'] as const) {
    if (x[f] !== undefined && typeof x[f] !== 'string') throw new ArticleError(`article ${x.id}: ${f} must be a string`);
  }
  for (const f of ['published', 'firstSeen'] as const) {
    if (x[f] !== undefined && x[f] !== null && parseTime(x[f]) === undefined) throw new ArticleError(`article ${x.id}: ${f} is not a valid time: ${JSON.stringify(x[f])}`);
  }
  return {
    ...(x as unknown as ArticleInput),
    outlet: (x.outlet as string).trim() || 'unknown outlet',
    published: (x.published as string | undefined) ?? undefined,
  };
}
