/**
 * The service's requests, checked with schemas (valibot) before anything reads them: every field's
 * type, every string's and list's length, every count's range. A request that fails is answered 400
 * with the first field at fault ("articles[3].paragraphs: must be an array of strings").
 */
import * as v from 'valibot';

/** Limits of one request (docs/team-index.md, "Limits"). */
export const LIMITS = {
  /** Bytes of a request body to record articles; of any other request. */
  recordBytes: 16 * 1024 * 1024,
  otherBytes: 1024 * 1024,
  articlesPerBatch: 500,
  paragraphsPerArticle: 5_000,
  paragraphChars: 100_000,
  /** Band keys in one look-up (a 20-paragraph article has ~900). */
  lookupKeys: 100_000,
  candidates: 256,
  keysPerRequest: 1_000,
  pageSize: 1_000,
} as const;

const text = (max: number) => v.pipe(v.string('must be a string'), v.maxLength(max, `must be at most ${max} characters`));
const nonEmpty = (max: number) => v.pipe(text(max), v.minLength(1, 'must not be empty'));
const isoTime = v.pipe(
  v.string('must be an ISO 8601 time'),
  v.maxLength(40, 'must be an ISO 8601 time'),
  v.check((s) => Number.isFinite(Date.parse(s)), 'must be an ISO 8601 time'),
);
const base64 = (maxBytes: number) =>
  v.pipe(
    v.string('must be base64'),
    v.maxLength(Math.ceil(maxBytes / 3) * 4, `must be at most ${maxBytes} bytes`),
    v.regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64'),
    v.check((s) => s.length % 4 === 0, 'must be base64 (its length a multiple of 4)'),
  );
const count = (min: number, max: number) => v.pipe(v.number('must be a number'), v.integer('must be a whole number'), v.minValue(min, `must be at least ${min}`), v.maxValue(max, `must be at most ${max}`));
const docKey = count(1, Number.MAX_SAFE_INTEGER);

const Credit = v.object({
  name: nonEmpty(300),
  paragraph: count(0, LIMITS.paragraphsPerArticle),
  start: count(0, LIMITS.paragraphChars),
  end: count(1, LIMITS.paragraphChars),
  scope: v.picklist(['article', 'paragraph'], 'must be "article" or "paragraph"'),
});

export const ArticleSchema = v.object(
  {
    id: nonEmpty(2_000),
    outlet: nonEmpty(300),
    url: v.optional(text(4_000)),
    title: v.optional(text(2_000)),
    published: v.optional(isoTime),
    firstSeen: v.optional(isoTime),
    paragraphs: v.pipe(v.array(text(LIMITS.paragraphChars), 'must be an array of strings'), v.maxLength(LIMITS.paragraphsPerArticle, `must hold at most ${LIMITS.paragraphsPerArticle} paragraphs`)),
    lang: v.optional(text(35)),
    guid: v.optional(text(2_000)),
    sources: v.optional(v.pipe(v.array(nonEmpty(300), 'must be an array of strings'), v.maxLength(100, 'must hold at most 100 sources'))),
    credits: v.optional(v.pipe(v.array(Credit, 'must be an array of credits'), v.maxLength(1_000, 'must hold at most 1000 credits'))),
    units: v.optional(v.pipe(v.array(v.tuple([count(-1, LIMITS.paragraphsPerArticle), base64(4 * 4_096)], 'must be [paragraph, base64 keys]'), 'must be an array of units'), v.maxLength(100_000, 'too many units'))),
    fingerprints: v.optional(base64(4 * LIMITS.paragraphsPerArticle)),
  },
  'must be an object',
);

export const RecordSchema = v.object(
  {
    articles: v.pipe(v.array(ArticleSchema, 'must be an array of articles'), v.minLength(1, 'must hold an article'), v.maxLength(LIMITS.articlesPerBatch, `must hold at most ${LIMITS.articlesPerBatch} articles`)),
    lookup: v.optional(v.object({ flags: base64(1_000_000), candidates: v.optional(count(0, LIMITS.candidates)) }, 'must be an object')),
  },
  'must be an object',
);

export const LookupSchema = v.object({ keys: base64(4 * LIMITS.lookupKeys), candidates: v.optional(count(0, LIMITS.candidates)) }, 'must be an object');

const keyList = v.pipe(v.array(docKey, 'must be an array of document keys'), v.maxLength(LIMITS.keysPerRequest, `must hold at most ${LIMITS.keysPerRequest} keys`));
const idList = v.pipe(v.array(nonEmpty(2_000), 'must be an array of ids'), v.maxLength(LIMITS.keysPerRequest, `must hold at most ${LIMITS.keysPerRequest} ids`));

export const SelectSchema = v.object({ keys: v.optional(keyList), ids: v.optional(idList) }, 'must be an object');

export const FingerprintSchema = v.object({ outletKey: text(300), fingerprints: base64(4 * LIMITS.paragraphsPerArticle) }, 'must be an object');

export const AddSourceSchema = v.object({ keys: keyList, source: nonEmpty(300) }, 'must be an object');
export const RemoveSourceSchema = v.object({ source: nonEmpty(300) }, 'must be an object');
export const ClearSchema = v.object({ team: nonEmpty(100) }, 'must be an object');

const param = count(0, 2 ** 31 - 1);
export const ParamsSchema = v.object({ shingle: param, hashes: param, bands: param, rows: param, seed: param, hashVersion: param }, 'must be an object');

export const PageSchema = v.object({
  after: v.optional(v.pipe(v.string(), v.regex(/^\d{1,15}$/, 'must be a document key')), '0'),
  limit: v.optional(v.pipe(v.string(), v.regex(/^\d{1,4}$/, 'must be a number')), '200'),
});

/** The first issue of a failed parse as "field.path: message". */
export function describeIssue(issues: v.BaseIssue<unknown>[]): string {
  const issue = issues[0];
  const path = (issue.path ?? []).map((p) => (typeof p.key === 'number' ? `[${p.key}]` : String(p.key))).join('.').replace(/\.\[/g, '[');
  const message = issue.received === 'undefined' && path ? 'is missing' : issue.message;
  return path ? `${path}: ${message}` : message;
}
