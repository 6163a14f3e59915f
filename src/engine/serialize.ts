/**
 * The index file: JSON Lines, UTF-8, one JSON object a line.
 *
 * Line 1, the header:
 *   {"format":"wiretrace-index","version":1,"params":{shingle,hashes,bands,rows,seed,hashVersion},"documents":N,
 *    "pack"?:{"title","description"?,"creator"?,"created","licence"?,"tags"?:[...]}}
 * checked by pack-header.ts. `pack` makes the file an index pack: a described index to share. A pack's
 * `documents` must equal its article lines (a truncated download is refused).
 * Then one article a line, in the corpus format the CLI reads (so an index file is also a corpus):
 *   {"id","outlet","url"?,"title"?,"published"?,"firstSeen","pageUrl"?,"lang"?,"paragraphs":[...],
 *    "units":[[paragraph,"<base64 of bands x uint32 little-endian band keys>"],...],   (paragraph -1: the title)
 *    "fingerprints":"<base64 of one uint32 LE per paragraph>",
 *    "credits"?:[{"name","paragraph","start","end","scope":"article"|"paragraph"},...],
 *    "guid"?: the feed item's guid it was read from}
 * `pageUrl` is the address the page was read at when it differs from `url` (its canonical URL): an
 * absolute http(s) address of at most 4,000 characters, refused otherwise; not written in packs.
 * `credits` are the credits the article gives, found in its text when it was recorded (checked on
 * read: offsets inside their paragraph); a line without them has them found from its text on import.
 * `units` and `fingerprints` are a cache: when the header's params equal the engine's they are
 * used as they are, otherwise (or when absent) the article is hashed again. Times are ISO 8601.
 * A reader must reject versions it does not know. Version 1 is the only one so far; `pack`, `guid`,
 * `pageUrl` and the checksums are optional fields of it, which a reader that does not know them ignores.
 *
 * Self-checking: the header says `"checksum":"fnv1a32-line"` and every line, the header too, ends
 * with its checksum (`"sum"`: line-check.ts); `documents` is the number of article lines. A reader
 * verifies both and refuses the whole file, naming the line, when either fails. A file without
 * `checksum` (written before it existed, or a plain corpus) is read unverified, and says so.
 *
 * importIndex reads and checks every line before it writes anything, so a bad file changes nothing.
 */
import { validCredits } from './document-credits';
import { docRef } from './documents';
import { indexParams, type Engine } from './engine';
import { IdNumberError, idAsWritten } from './json-id';
import { checkLine, LINE_CHECKSUM, sealLine } from './line-check';
import { checkHeader, packSource, type PackInfo } from './pack-header';
import type { IndexParams, IndexStore, StoredDocument, UnitRecord } from './store';
import { splitText } from './split-text';
import type { ArticleInput, Credit } from './types';
import { ArticleError, parseTime, validateArticle } from './validate';

export const INDEX_FORMAT = 'wiretrace-index';
export const INDEX_VERSION = 1;

export class IndexFormatError extends Error {
  override name = 'IndexFormatError';
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
  }
}

function u32ToBase64(a: Uint32Array): string {
  const bytes = new Uint8Array(a.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < a.length; i++) view.setUint32(i * 4, a[i], true);
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function base64ToU32(s: string): Uint32Array {
  const bin = atob(s);
  if (bin.length % 4 !== 0) throw new Error('binary field length is not a multiple of 4');
  const out = new Uint32Array(bin.length / 4);
  for (let i = 0; i < out.length; i++) {
    out[i] = (bin.charCodeAt(4 * i) | (bin.charCodeAt(4 * i + 1) << 8) | (bin.charCodeAt(4 * i + 2) << 16) | (bin.charCodeAt(4 * i + 3) << 24)) >>> 0;
  }
  return out;
}

/** The index as lines of the file; with `pack`, an index pack. */
export async function* exportIndex(store: IndexStore, opts: { pack?: PackInfo } = {}): AsyncGenerator<string> {
  const params = await store.getParams();
  const stats = await store.stats();
  yield headerLine(params ?? null, stats.documents, opts.pack);
  for await (const entry of store.documents()) yield articleLine(entry, !!opts.pack);
}

/** The header line of an index file of `documents` articles (with `pack`, an index pack's), sealed. */
export function headerLine(params: IndexParams | null, documents: number, pack?: PackInfo): string {
  return sealLine(JSON.stringify({ format: INDEX_FORMAT, version: INDEX_VERSION, params, documents, ...(pack ? { pack } : {}), checksum: LINE_CHECKSUM }));
}

/** One article line of an index file, sealed with its checksum; in a pack (`inPack`) without its sources. */
export function articleLine({ doc, units, fingerprints }: { doc: StoredDocument; units: UnitRecord[]; fingerprints: Uint32Array }, inPack = false): string {
  return sealLine(JSON.stringify({
    ...docRef(doc),
    // Where the user's browser read it: a backup keeps it, a pack (made to be shared) does not.
    pageUrl: inPack ? undefined : doc.pageUrl,
    lang: doc.lang,
    guid: doc.guid,
    // A pack is itself the source of what it holds; a backup keeps where each article came from.
    sources: inPack ? undefined : doc.sources,
    paragraphs: doc.paragraphs,
    units: units.map((u) => [u.paragraph, u32ToBase64(u.bandKeys)]),
    fingerprints: u32ToBase64(fingerprints),
    credits: doc.credits,
  }));
}

/**
 * An article line of a corpus or index file, with the corpus aliases (publisher, scrapeTime, text).
 * `line` is the text it was parsed from: an id given as a number is kept as written there.
 */
export function articleFromJson(value: unknown, line = ''): ArticleInput {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new ArticleError('expected a JSON object');
  const x = value as Record<string, unknown>;
  let id: unknown;
  try {
    id = idAsWritten(x.id, line);
  } catch (e) {
    if (e instanceof IdNumberError) throw new ArticleError(e.message);
    throw e;
  }
  let paragraphs = x.paragraphs;
  if (paragraphs === undefined && typeof x.text === 'string') paragraphs = splitText(x.text);
  if (paragraphs === undefined && x.html !== undefined) throw new ArticleError('articles given as html need a DOM to extract: use `wiretrace audit` on the file');
  if (paragraphs === undefined) throw new ArticleError('no paragraphs or text');
  return validateArticle({
    id,
    url: x.url ?? undefined,
    pageUrl: x.pageUrl ?? undefined,
    outlet: x.outlet ?? x.publisher ?? 'unknown outlet',
    title: x.title ?? undefined,
    published: x.published ?? x.scrapeTime ?? x.date ?? undefined,
    firstSeen: x.firstSeen ?? undefined,
    lang: x.lang ?? undefined,
    guid: x.guid ?? undefined,
    sources: x.sources ?? undefined,
    paragraphs,
  });
}

interface Parsed {
  article: ArticleInput;
  units?: UnitRecord[];
  fingerprints?: Uint32Array;
  credits?: Credit[];
}

function sameParams(a: IndexParams | null | undefined, b: IndexParams): boolean {
  return !!a && JSON.stringify(indexParams(a)) === JSON.stringify(indexParams(b));
}

/** What importIndex read. */
export interface ImportResult {
  documents: number;
  skipped: number;
  skippedIds: string[];
  pack?: PackInfo;
  /**
   * Whether every line's checksum and the header's count were verified. False for a file without
   * checksums (written before they existed, or a plain corpus): its damage would go unnoticed.
   */
  verified: boolean;
  /** Article lines read, and the count the header declares (a part's caller checks the file's). */
  articles: number;
  declared?: number;
}

/** Why a line's checksum failed, in words. */
function checksumProblem(check: 'missing' | 'wrong'): string {
  return check === 'missing'
    ? 'has no checksum, though the header says every line has one (a line from another file, or edited by hand?)'
    : 'its checksum does not match: the line is damaged (or was edited by hand)';
}

/**
 * A part of a file read on its own (the extension imports a file chunk by chunk): its first line's
 * number in the file, and the file's header line (line 1) when the part does not start with it. The
 * header's article count is then left for the caller to check against the whole file.
 */
export interface FilePart {
  firstLine: number;
  header?: string;
}

/**
 * Reads an index (or a plain corpus) into the engine's store. Every line is parsed and checked
 * first; nothing is written unless all are good: a damaged line, a line lost (the header's count),
 * or a bad field refuses the whole file. Articles already stored (same id) are skipped.
 * With `part`, the lines are a part of a file (FilePart); `articles` and `declared` let the caller
 * check the whole file's count.
 */
export async function importIndex(
  engine: Engine,
  lines: Iterable<string> | AsyncIterable<string>,
  onProgress?: (done: number, total: number) => void,
  part?: FilePart,
): Promise<ImportResult> {
  const parsed: Parsed[] = [];
  let lineNo = part ? part.firstLine - 1 : 0;
  let cached = false;
  let pack: PackInfo | undefined;
  let declared: number | undefined;
  let headerAt = 0;
  let checksums = false;
  const seen = new Set<string>();
  const all = part?.header !== undefined ? withHeader(part.header, lines) : lines;
  let headerPending = part?.header !== undefined;
  for await (const raw of all as AsyncIterable<string>) {
    // The header given with a part is line 1 of the file; the part's lines keep their own numbers.
    if (headerPending) lineNo = 1;
    else lineNo++;
    const line = raw.trim();
    if (line === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      throw new IndexFormatError(lineNo, `not valid JSON (${(e as Error).message})${checksums ? ': the line is damaged or cut short' : ''}`);
    }
    if (checksums) {
      const check = checkLine(line);
      if (check !== 'ok') throw new IndexFormatError(lineNo, checksumProblem(check));
    }
    const obj = value as Record<string, unknown>;
    if (obj && typeof obj === 'object' && obj.format !== undefined) {
      if (obj.format !== INDEX_FORMAT) throw new IndexFormatError(lineNo, `unknown format ${JSON.stringify(obj.format)}`);
      if (obj.version !== INDEX_VERSION) throw new IndexFormatError(lineNo, `index version ${JSON.stringify(obj.version)} is not supported (this build reads version ${INDEX_VERSION})`);
      if (parsed.length || headerAt) throw new IndexFormatError(lineNo, headerAt ? 'a second header (two files joined?)' : 'the header must be the first line');
      if (obj.checksum !== undefined) {
        if (obj.checksum !== LINE_CHECKSUM) throw new IndexFormatError(lineNo, `checksum ${JSON.stringify(obj.checksum)} is not known to this build (it checks ${JSON.stringify(LINE_CHECKSUM)})`);
        const check = checkLine(line);
        if (check !== 'ok') throw new IndexFormatError(lineNo, check === 'missing' ? 'the header names a checksum but carries none' : "the header's checksum does not match: the header is damaged (or was edited by hand)");
        checksums = true;
      }
      const header = checkHeader(obj);
      if (!header.ok) throw new IndexFormatError(lineNo, `bad header: ${header.message}`);
      cached = sameParams(header.value.params ?? undefined, engine.options);
      pack = header.value.pack;
      declared = header.value.documents;
      headerAt = lineNo;
      if (headerPending) {
        headerPending = false;
        lineNo = part!.firstLine - 1;
      }
      continue;
    }
    let article: ArticleInput;
    try {
      article = articleFromJson(value, line);
    } catch (e) {
      throw new IndexFormatError(lineNo, (e as Error).message);
    }
    // What a pack holds comes from the pack (its lines' own sources are not taken on trust).
    if (pack) article = { ...article, sources: [packSource(pack)] };
    if (seen.has(article.id)) throw new IndexFormatError(lineNo, `duplicate id ${JSON.stringify(article.id)}`);
    seen.add(article.id);
    const entry: Parsed = { article };
    if (obj.credits !== undefined) {
      try {
        entry.credits = validCredits(obj.credits, article.paragraphs);
      } catch (e) {
        throw new IndexFormatError(lineNo, `bad credits: ${(e as Error).message}`);
      }
    }
    if (cached && Array.isArray(obj.units) && typeof obj.fingerprints === 'string') {
      try {
        entry.units = (obj.units as unknown[]).map((u) => {
          if (!Array.isArray(u) || typeof u[0] !== 'number' || typeof u[1] !== 'string') throw new Error('bad unit');
          const keys = base64ToU32(u[1]);
          if (keys.length < engine.options.bands) throw new Error(`a unit has ${keys.length} band keys, expected at least ${engine.options.bands}`);
          if (!Number.isInteger(u[0]) || u[0] < -1 || u[0] >= article.paragraphs.length) throw new Error('unit paragraph out of range');
          return { paragraph: u[0], bandKeys: keys };
        });
        entry.fingerprints = base64ToU32(obj.fingerprints as string);
        if (entry.fingerprints.length !== article.paragraphs.length) throw new Error('fingerprints do not match the paragraphs');
      } catch (e) {
        throw new IndexFormatError(lineNo, `bad units or fingerprints: ${(e as Error).message}`);
      }
    }
    parsed.push(entry);
  }
  if (!part && declared !== undefined && declared !== parsed.length) {
    const what = declared > parsed.length ? 'is it cut short?' : 'lines added to it?';
    throw new IndexFormatError(headerAt, `documents: the ${pack ? "pack's " : ''}header says ${declared} articles, the file holds ${parsed.length} (${what})`);
  }
  let documents = 0;
  let skipped = 0;
  let done = 0;
  const skippedIds: string[] = [];
  for (const { article, units, fingerprints, credits } of parsed) {
    if (units && fingerprints) {
      if (await engine.store.getDocumentById(article.id)) skipped++, skippedIds.push(article.id);
      else {
        await engine.store.putDocument(engine.newDocument(article, credits), units, fingerprints);
        documents++;
      }
    } else {
      const r = await engine.record(article);
      if (r.added) documents++;
      else skipped++, skippedIds.push(article.id);
    }
    onProgress?.(++done, parsed.length);
  }
  return { documents, skipped, skippedIds, articles: parsed.length, ...(declared !== undefined ? { declared } : {}), ...(pack ? { pack } : {}), verified: checksums };
}

async function* withHeader(header: string, lines: Iterable<string> | AsyncIterable<string>): AsyncGenerator<string> {
  yield header;
  yield* lines as AsyncIterable<string>;
}

export { parseTime };
