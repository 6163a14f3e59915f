/**
 * The --meta sidecar: a JSON object from file names to what the files themselves do not say,
 *   { "000_d133af7383112456.txt": { "outlet": "BBC News", "published": "2016-08-26T10:00:00Z" } }
 * Keys may be the path as given, the base name, or the base name without its extension.
 */
import { basename } from 'node:path';
import { FatalError, InputError } from './diagnostics';
import { readTextFile } from './read-file';
import { timeProblem } from '../src/engine/parse-time';
import { isoTime } from './time';

export interface FileMeta {
  outlet?: string;
  published?: string;
  url?: string;
  title?: string;
}

export type MetaMap = Map<string, FileMeta>;

export async function loadMeta(path: string, maxBytes: number): Promise<MetaMap> {
  let text: string;
  try {
    text = await readTextFile(path, maxBytes);
  } catch (e) {
    if (e instanceof InputError) throw new FatalError(`${e.where}: ${e.message}`);
    throw e;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new FatalError(`${path}: not valid JSON (${(e as Error).message})`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new FatalError(`${path}: expected a JSON object mapping file names to {outlet, published, url, title}`);
  const out: MetaMap = new Map();
  for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
    if (!entry || typeof entry !== 'object' || Array.isArray(entry)) throw new FatalError(`${path}: "${key}": expected an object {outlet, published, url, title}`);
    const e = entry as Record<string, unknown>;
    const m: FileMeta = {};
    for (const f of ['outlet', 'url', 'title'] as const) {
      if (e[f] === undefined || e[f] === null) continue;
      if (typeof e[f] !== 'string') throw new FatalError(`${path}: "${key}": ${f} must be a string`);
      m[f] = e[f] as string;
    }
    if (e.published !== undefined && e.published !== null) {
      const t = isoTime(e.published);
      if (!t) throw new FatalError(`${path}: "${key}": published is not a valid time: ${timeProblem(e.published)}`);
      m.published = t;
    }
    out.set(key, m);
  }
  return out;
}

/** The sidecar entry for an input file, if any. */
export function metaFor(meta: MetaMap | undefined, file: string): FileMeta | undefined {
  if (!meta) return undefined;
  const base = basename(file);
  return meta.get(file) ?? meta.get(base) ?? meta.get(stripExtension(base));
}

/** "a/b/story.jsonl.gz" -> "story", "x.txt" -> "x". */
export function stripExtension(name: string): string {
  const base = basename(name);
  const m = /^(.+?)(\.jsonl\.gz|\.[^.]+)$/i.exec(base);
  return m ? m[1] : base;
}
