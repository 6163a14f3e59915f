/**
 * One corpus line (already parsed JSON) as an ArticleInput:
 *   id (string, or a number kept as its digits are written), url?, outlet | publisher, published | scrapeTime (a time; a valid
 *   "date" is read too),
 *   title?, lang?, and the text as paragraphs (array of strings) | text (string) | html (string).
 * Anything else of the wrong type is an error saying which field is wrong.
 */
import { IdNumberError, idAsWritten } from '../src/engine/json-id';
import { timeProblem } from '../src/engine/parse-time';
import { splitText } from '../src/engine/split-text';
import type { ArticleInput } from '../src/engine/types';
import { extractHtml } from './read-html';
import { isoTime } from './time';

export class LineError extends Error {}

function optionalString(x: Record<string, unknown>, field: string): string | undefined {
  const v = x[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new LineError(`"${field}" must be a string, not ${typeName(v)}`);
  return v;
}

function typeName(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

export interface LineDefaults {
  /** Outlet for lines without outlet/publisher. */
  outlet: string;
  /** Base URL for html lines without a url. */
  baseUrl: string;
}

/** `line` is the JSON text `value` was parsed from: an id given as a number is kept as written there. */
export function articleFromJson(value: unknown, defaults: LineDefaults, line = ''): ArticleInput {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new LineError(`expected a JSON object, found ${typeName(value)}`);
  const x = value as Record<string, unknown>;

  let id: string;
  if (x.id === undefined || x.id === null || x.id === '') throw new LineError('missing "id"');
  if (typeof x.id === 'string') id = x.id;
  else if (typeof x.id === 'number' && Number.isFinite(x.id)) {
    try {
      id = idAsWritten(x.id, line) as string;
    } catch (e) {
      if (e instanceof IdNumberError) throw new LineError(e.message);
      throw e;
    }
  }
  else throw new LineError(`"id" must be a string or a number, not ${typeName(x.id)}`);

  const outletField = x.outlet !== undefined && x.outlet !== null ? 'outlet' : 'publisher';
  let outlet = optionalString(x, outletField)?.trim() || undefined;

  let published: string | undefined;
  for (const f of ['published', 'scrapeTime']) {
    const v = x[f];
    if (v === undefined || v === null) continue;
    published = isoTime(v);
    if (!published) throw new LineError(`"${f}" is not a valid time: ${timeProblem(v)}`);
    break;
  }
  // "date" (as in the Reuters corpus) is read when it is a valid time and otherwise ignored:
  // it is not part of the corpus format, and such corpora carry stray bytes in it.
  published ??= isoTime(x.date);
  let firstSeen: string | undefined;
  if (x.firstSeen !== undefined && x.firstSeen !== null) {
    firstSeen = isoTime(x.firstSeen);
    if (!firstSeen) throw new LineError(`"firstSeen" is not a valid time: ${timeProblem(x.firstSeen)}`);
  }
  let url = optionalString(x, 'url');
  let title = optionalString(x, 'title');
  let lang = optionalString(x, 'lang');

  let paragraphs: string[];
  if (x.paragraphs !== undefined && x.paragraphs !== null) {
    if (!Array.isArray(x.paragraphs)) throw new LineError(`"paragraphs" must be an array of strings, not ${typeName(x.paragraphs)}`);
    const bad = x.paragraphs.findIndex((p) => typeof p !== 'string');
    if (bad !== -1) throw new LineError(`"paragraphs" must be an array of strings (item ${bad} is ${typeName(x.paragraphs[bad])})`);
    paragraphs = x.paragraphs as string[];
  } else if (x.text !== undefined && x.text !== null) {
    if (typeof x.text !== 'string') throw new LineError(`"text" must be a string, not ${typeName(x.text)}`);
    paragraphs = splitText(x.text);
  } else if (x.html !== undefined && x.html !== null) {
    if (typeof x.html !== 'string') throw new LineError(`"html" must be a string, not ${typeName(x.html)}`);
    // A corpus line is an article by declaration: its page is read (and recorded) even when it does
    // not look like one or its text is short.
    const read = extractHtml(x.html, url ?? defaults.baseUrl, { force: true });
    if (read.status === 'error') throw new LineError(`"html" cannot be read (${read.message})`);
    if (read.status !== 'ok') throw new LineError('"html" holds no article (Readability found no article text in it)');
    const page = read.article;
    paragraphs = page.paragraphs;
    title ??= page.title;
    url ??= page.url;
    lang ??= page.lang;
    published ??= page.published;
    outlet ??= page.outlet;
  } else {
    throw new LineError('no "paragraphs", "text" or "html"');
  }
  if (!paragraphs.some((p) => p.trim() !== '')) throw new LineError('the article has no text');
  return { id, url, outlet: outlet ?? defaults.outlet, title, published, firstSeen, lang, paragraphs };
}
