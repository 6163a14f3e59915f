/**
 * The index file's header line, checked with a schema (valibot: no eval, so it runs under the
 * extension's content security policy): format, version, params, documents, and for an index pack
 * its `pack` description {title, description?, creator?, created, licence?, tags?}. A header that
 * fails says which field and why ("pack.title: must not be empty"), so a refused pack names the
 * line and the field at fault. Fields a header may gain later are ignored, not refused.
 */
import * as v from 'valibot';
import { hashRange } from './hash';
import { parseTime } from './parse-time';

/** What a pack says about itself (docs/index-format.md, "Index packs"). */
export interface PackInfo {
  title: string;
  description?: string;
  creator?: string;
  /** When the pack was made, ISO 8601. */
  created: string;
  licence?: string;
  tags?: string[];
}

const isoTime = (s: string): boolean => /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.test(s) && parseTime(s) !== undefined;

const text = (max: number) => v.pipe(v.string('must be a string'), v.trim(), v.maxLength(max, `must be at most ${max} characters`));

export const PackSchema = v.object({
  title: v.pipe(text(200), v.minLength(1, 'must not be empty')),
  description: v.optional(text(5000)),
  creator: v.optional(text(200)),
  created: v.pipe(v.string('must be a string'), v.check(isoTime, 'must be an ISO 8601 time such as 2025-03-14T06:00:00Z')),
  licence: v.optional(text(200)),
  tags: v.optional(
    v.pipe(
      v.array(v.pipe(text(60), v.minLength(1, 'must not be empty')), 'must be an array of strings'),
      v.maxLength(50, 'must hold at most 50 tags'),
    ),
  ),
}, 'must be an object');

const count = v.pipe(v.number('must be a number'), v.integer('must be a whole number'), v.minValue(0, 'must not be negative'));

export const HeaderSchema = v.object({
  format: v.literal('wiretrace-index'),
  version: v.literal(1),
  params: v.nullish(
    v.object({ shingle: count, hashes: count, bands: count, rows: count, seed: count, hashVersion: count }, 'must be an object'),
  ),
  documents: v.optional(count),
  pack: v.optional(PackSchema),
});

export type IndexHeader = v.InferOutput<typeof HeaderSchema>;

/** The first issue of a failed parse as "field.path: message". */
function describe(issues: v.BaseIssue<unknown>[], prefix = ''): string {
  const issue = issues[0];
  const path = (issue.path ?? []).map((p) => (typeof p.key === 'number' ? `[${p.key}]` : String(p.key))).join('.').replace(/\.\[/g, '[');
  const where = prefix + path;
  const message = issue.received === 'undefined' && where ? 'is missing' : issue.message;
  return where ? `${where}: ${message}` : message;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

/** A header as read from the file; the message names the field at fault. */
export function checkHeader(value: unknown): Checked<IndexHeader> {
  const r = v.safeParse(HeaderSchema, value);
  return r.success ? { ok: true, value: r.output } : { ok: false, message: describe(r.issues) };
}

/** A pack description (from the command line or a --meta file); the message names the field. */
export function checkPack(value: unknown, prefix = ''): Checked<PackInfo> {
  const r = v.safeParse(PackSchema, value);
  return r.success ? { ok: true, value: r.output } : { ok: false, message: describe(r.issues, prefix) };
}

/** A pack's identity: a hash of its title and creation time (two packs with both equal are one). */
export function packId(p: Pick<PackInfo, 'title' | 'created'>): string {
  const key = `${p.title}\u0000${p.created}`;
  return hashRange(key, 0, key.length).toString(16).padStart(8, '0');
}

/** The source its articles carry in the index ('pack:<id>'). */
export function packSource(p: Pick<PackInfo, 'title' | 'created'>): string {
  return `pack:${packId(p)}`;
}
