/**
 * Any failure of a poll as a FeedProblem: a FeedError keeps its code and words; the other codes
 * carry what a page needs to say it in its language (`detail`: an HTTP status, a site, the
 * parser's own words).
 */
import { errorCode } from '../../src/errors';
import type { FeedProblem, FeedProblemCode } from '../../src/feed-status';
import { FeedError } from '../../src/feeds/feed-types';

export class FeedPollError extends Error {
  override name = 'FeedPollError';
  constructor(readonly problem: FeedProblem) {
    super(problem.message);
  }
}

export function problem(code: FeedProblemCode, message: string, detail?: string): FeedProblem {
  return detail === undefined ? { code, message } : { code, message, detail };
}

/** The part of a FeedError's message a page shows beside its own sentence for the code. */
function detailOf(e: FeedError): string | undefined {
  switch (e.code) {
    case 'http':
      return /answered (.+)$/.exec(e.message)?.[1];
    case 'malformed':
      return /\(([^()]*(?:\([^()]*\))?[^()]*)\)$/.exec(e.message)?.[1];
    case 'network':
      // "the request failed (Failed to fetch)": the page's sentence already says the request failed.
      return /^the request failed \((.*)\)$/s.exec(e.message)?.[1] ?? e.message;
    case 'not-article':
    case 'no-article-text':
    case 'charset':
      return e.message;
    default:
      return undefined;
  }
}

export function problemOf(e: unknown): FeedProblem {
  if (e instanceof FeedPollError) return e.problem;
  if (e instanceof FeedError) return problem(e.code, e.message, detailOf(e));
  if (errorCode(e) === 'storage-full') return problem('storage-full', (e as Error).message);
  return problem('other', e instanceof Error ? e.message || e.name : String(e));
}
