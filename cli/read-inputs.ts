/**
 * The audit's inputs read into articles, file by file in the order given (expand-inputs.ts turns
 * the arguments into files). Problems are reported through Diagnostics and the reading goes on
 * with the next input.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ArticleInput } from '../src/engine/types';
import type { ArticleItem, ReadOptions } from './article-item';
import { InputError, type Diagnostics } from './diagnostics';
import { inputKind } from './expand-inputs';
import { metaFor, stripExtension } from './meta';
import { readTextFile } from './read-file';
import { extractHtml } from './read-html';
import { readJsonl } from './read-jsonl';
import { parseTxt } from './read-txt';

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
  const read = extractHtml(html, pathToFileURL(resolve(file)).href, { force: opts.force });
  if (read.status === 'error') throw new InputError(file, `cannot read the page (${read.message}); skipped`);
  if (read.status === 'not-article') {
    throw new InputError(
      file,
      read.why === 'no-text'
        ? 'no article found in the page (Readability extracted no article text); skipped'
        : 'no article found in the page (it does not look like an article; --force reads it anyway); skipped',
    );
  }
  const page = read.article;
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
