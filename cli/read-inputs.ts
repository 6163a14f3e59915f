/**
 * The audit's inputs: arguments expanded to files (a directory means its .txt, .html, .jsonl and
 * .jsonl.gz files, sorted by name), and files read into articles in the order given. Problems are
 * reported through Diagnostics and the reading goes on with the next input.
 */
import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ArticleInput } from '../src/engine/types';
import { InputError, type Diagnostics } from './diagnostics';
import { metaFor, stripExtension, type MetaMap } from './meta';
import { fsMessage, readTextFile } from './read-file';
import { extractHtml } from './read-html';
import { readJsonl } from './read-jsonl';
import { parseTxt } from './read-txt';

export interface ArticleItem {
  article: ArticleInput;
  /** Where it came from, for messages: "file.txt" or "corpus.jsonl:7". */
  where: string;
}

export interface ReadOptions {
  maxBytes: number;
  /** --outlet: the outlet of files (and corpus lines) that do not name one. */
  outlet?: string;
  meta?: MetaMap;
}

export type InputKind = 'txt' | 'html' | 'jsonl';

export function inputKind(file: string): InputKind | undefined {
  if (/\.txt$/i.test(file)) return 'txt';
  if (/\.html?$/i.test(file)) return 'html';
  if (/\.jsonl(\.gz)?$/i.test(file)) return 'jsonl';
  return undefined;
}

const KINDS = '.txt, .html, .jsonl or .jsonl.gz';

/** The files the arguments name, in order; a directory contributes its input files sorted by name. */
export async function expandInputs(args: string[], diag: Diagnostics): Promise<string[]> {
  const files: string[] = [];
  for (const arg of args) {
    let isDir = false;
    try {
      isDir = (await stat(arg)).isDirectory();
    } catch (e) {
      diag.error(arg, fsMessage(e));
      continue;
    }
    if (!isDir) {
      if (!inputKind(arg)) diag.error(arg, `unsupported file type (expected ${KINDS})`);
      else files.push(arg);
      continue;
    }
    let names: string[];
    try {
      names = (await readdir(arg, { withFileTypes: true })).filter((d) => !d.isDirectory() && inputKind(d.name)).map((d) => d.name);
    } catch (e) {
      diag.error(arg, fsMessage(e));
      continue;
    }
    if (names.length === 0) diag.error(arg, `the directory has no ${KINDS} files`);
    names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    for (const n of names) files.push(join(arg, n));
  }
  return files;
}

async function readTxt(file: string, opts: ReadOptions): Promise<ArticleInput> {
  const text = await readTextFile(file, opts.maxBytes);
  const parsed = parseTxt(text);
  if (!parsed) throw new InputError(file, 'has no paragraphs (expected a title line, then one paragraph a line)');
  const meta = metaFor(opts.meta, file);
  return {
    id: file,
    url: meta?.url,
    outlet: meta?.outlet ?? opts.outlet ?? stripExtension(file),
    title: meta?.title ?? parsed.title,
    published: meta?.published,
    paragraphs: parsed.paragraphs,
  };
}

async function readHtml(file: string, opts: ReadOptions): Promise<ArticleInput> {
  const html = await readTextFile(file, opts.maxBytes);
  const page = extractHtml(html, pathToFileURL(resolve(file)).href);
  if (!page) throw new InputError(file, 'no article found in the page (Readability extracted no article text); skipped');
  const meta = metaFor(opts.meta, file);
  return {
    id: file,
    url: meta?.url ?? page.url,
    outlet: meta?.outlet ?? opts.outlet ?? page.outlet ?? stripExtension(file),
    title: meta?.title ?? page.title,
    published: meta?.published ?? page.published,
    lang: page.lang,
    paragraphs: page.paragraphs,
  };
}

/** Every article of the files, in order. Bad files and lines are reported and skipped. */
export async function* readArticles(files: string[], opts: ReadOptions, diag: Diagnostics): AsyncGenerator<ArticleItem> {
  for (const file of files) {
    try {
      const kind = inputKind(file);
      if (kind === 'jsonl') yield* readJsonl(file, opts, diag);
      else if (kind === 'html') yield { article: await readHtml(file, opts), where: file };
      else yield { article: await readTxt(file, opts), where: file };
    } catch (e) {
      if (e instanceof InputError) diag.error(e.where, e.message);
      else throw e;
    }
  }
}
