/**
 * How the feeds section says things in the page's language: a feed problem in words (by its code,
 * with the detail the code needs), a poll interval, what the last poll did.
 */
import type { FeedInterval, FeedPollSummary, FeedProblem } from '../src/feed-status';
import type { Translator } from '../src/i18n';

/** Chromium's, Firefox's and Safari's words for a fetch that got no answer at all. */
const UNREACHABLE = /^(?:Failed to fetch|NetworkError when attempting to fetch resource\.?|Load failed)$/;

export function problemText(t: Translator, p: FeedProblem): string {
  const d = p.detail ?? p.message;
  switch (p.code) {
    case 'address':
      return t('feedProblemAddress', d);
    case 'permission':
      return t('feedProblemPermission', d);
    case 'page-origin':
      return t('feedProblemPageOrigin', d);
    case 'http':
      return t('feedProblemHttp', d);
    case 'timeout':
      return t('feedProblemTimeout');
    case 'network':
      // A browser's fetch says no more than this when nothing answered (refused, no such host, offline).
      return UNREACHABLE.test(d) ? t('feedProblemUnreachable') : t('feedProblemNetwork', d);
    case 'malformed':
      return t('feedProblemMalformed', d);
    case 'not-a-feed':
      return t('feedProblemNotAFeed');
    case 'empty':
      return t('feedProblemEmpty');
    case 'binary':
      return t('feedProblemBinary');
    case 'charset':
      return t('feedProblemCharset', d);
    case 'too-large':
      return t('feedProblemTooLarge');
    case 'not-article':
      return t('feedProblemNotArticle');
    case 'no-article-text':
      return t('feedProblemNoArticleText');
    case 'summary-only':
      return t('feedProblemSummaryOnly');
    case 'storage-full':
      return t('errorStorageFull');
    case 'record':
    case 'other':
      return t('feedProblemOther', p.message);
  }
}

export function intervalText(t: Translator, minutes: FeedInterval): string {
  switch (minutes) {
    case 15:
      return t('feedEvery15Minutes');
    case 30:
      return t('feedEvery30Minutes');
    case 60:
      return t('feedEveryHour');
    case 180:
      return t('feedEvery3Hours');
    case 360:
      return t('feedEvery6Hours');
    case 720:
      return t('feedEvery12Hours');
    case 1440:
      return t('feedEveryDay');
  }
}

/** What the last poll did, in one sentence. */
export function pollText(t: Translator, p: FeedPollSummary): string {
  if (p.notModified) return t('feedPollNotModified');
  const parts = [t.plural('feedPollItems', p.items, p.items), t.plural('feedPollAdded', p.added, p.added)];
  if (p.known) parts.push(t.plural('feedPollKnown', p.known, p.known));
  if (p.notArticles) parts.push(t.plural('feedPollNotArticles', p.notArticles, p.notArticles));
  if (p.failed) parts.push(t.plural('feedPollFailed', p.failed, p.failed));
  return parts.join(', ');
}

/** An epoch-ms time as the page writes times. */
export function when(t: Translator, ms: number | undefined): string {
  return ms === undefined ? t('feedNever') : t.dateTime(new Date(ms).toISOString());
}
