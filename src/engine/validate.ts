/** Checks an ArticleInput from outside (a page, a file, a corpus line) and says clearly what is wrong. */
import { parseTime, timeProblem } from './parse-time';
import type { ArticleInput } from './types';

export { parseTime };

export class ArticleError extends Error {
  override name = 'ArticleError';
}

const pad2 = (n: number) => (n < 10 ? '0' : '') + n;
const pad3 = (n: number) => (n < 10 ? '00' : n < 100 ? '0' : '') + n;

/**
 * new Date(ms).toISOString(), for the times of stored documents (every passage's source carries
 * two): written out by arithmetic (the civil calendar from days, H. Hinnant's algorithm) for whole
 * milliseconds in the years 0000-9999, where the builtin took about a microsecond here; other
 * values go to the builtin (a property test holds the two equal).
 */
export function isoTime(ms: number): string {
  if (!Number.isInteger(ms) || ms < -62167219200000 || ms >= 253402300800000) return new Date(ms).toISOString();
  const days = Math.floor(ms / 86400000);
  let rem = ms - days * 86400000;
  const hh = Math.floor(rem / 3600000);
  rem -= hh * 3600000;
  const mi = Math.floor(rem / 60000);
  rem -= mi * 60000;
  const ss = Math.floor(rem / 1000);
  const mss = rem - ss * 1000;
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  const yyyy = y < 10 ? '000' + y : y < 100 ? '00' + y : y < 1000 ? '0' + y : String(y);
  return `${yyyy}-${pad2(m)}-${pad2(d)}T${pad2(hh)}:${pad2(mi)}:${pad2(ss)}.${pad3(mss)}Z`;
}

/** The longest `pageUrl` an article may carry (the team service bounds `url` alike). */
export const MAX_PAGE_URL_CHARS = 4000;

/**
 * Why `value` is not an absolute http(s) address of at most MAX_PAGE_URL_CHARS characters, or
 * undefined when it is one. Checked by its form (scheme, a host, no spaces, controls or bidi
 * controls: a browser's location percent-encodes them), as shown: nothing is fetched or resolved.
 */
export function pageUrlProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return 'must be a string';
  if (value.length > MAX_PAGE_URL_CHARS) return `is longer than ${MAX_PAGE_URL_CHARS} characters`;
  if (!/^https?:\/\/[^\s/?#\\]+(?:[/?#][^\s]*)?$/i.test(value) || /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/.test(value)) return 'must be an http or https address';
  return undefined;
}

export function validateArticle(a: unknown): ArticleInput {
  if (!a || typeof a !== 'object') throw new ArticleError('an article must be an object');
  const x = a as Record<string, unknown>;
  if (typeof x.id !== 'string' || x.id.trim() === '') throw new ArticleError('the article has no id');
  if (typeof x.outlet !== 'string') throw new ArticleError(`article ${x.id}: outlet must be a string`);
  if (!Array.isArray(x.paragraphs)) throw new ArticleError(`article ${x.id}: paragraphs must be an array of strings`);
  if (x.paragraphs.some((p) => typeof p !== 'string')) throw new ArticleError(`article ${x.id}: every paragraph must be a string`);
  for (const f of ['url', 'title', 'lang', 'guid'] as const) {
    if (x[f] !== undefined && typeof x[f] !== 'string') throw new ArticleError(`article ${x.id}: ${f} must be a string`);
  }
  if (x.pageUrl !== undefined) {
    const problem = pageUrlProblem(x.pageUrl);
    if (problem) throw new ArticleError(`article ${x.id}: pageUrl ${problem}`);
  }
  if (x.sources !== undefined && (!Array.isArray(x.sources) || x.sources.length > 100 || x.sources.some((s) => typeof s !== 'string' || s === '' || s.length > 300))) {
    throw new ArticleError(`article ${x.id}: sources must be an array of at most 100 non-empty strings`);
  }
  for (const f of ['published', 'firstSeen'] as const) {
    if (x[f] !== undefined && x[f] !== null && parseTime(x[f]) === undefined) throw new ArticleError(`article ${x.id}: ${f} is not a valid time: ${timeProblem(x[f])}`);
  }
  return {
    ...(x as unknown as ArticleInput),
    outlet: (x.outlet as string).trim() || 'unknown outlet',
    published: (x.published as string | undefined) ?? undefined,
  };
}
