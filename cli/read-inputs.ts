/**
 * The audit's inputs read into articles, file by file in the order given (expand-inputs.ts turns
 * the arguments into files). Problems are reported through Diagnostics and the reading goes on
 * with the next input; pages that are not articles are skipped with a note (not an error).
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ArticleInput } from '../src/engine/types';
import { MIN_ARTICLE_WORDS } from '../src/extract/extract-article';
import type { ArticleItem, ReadOptions } from './article-item';
import { InputError, type Diagnostics } from './diagnostics';
import { inputKind } from './expand-inputs';
import { metaFor, stripExtension } from './meta';
import { readTextFile } from './read-file';
import { extractHtml, type HtmlReading } from './read-html';
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

/** The address of `file` below the working directory, served at `baseUrl` (--base-url). */
function servedAt(file: string, baseUrl: string): string {
  const below = relative(process.cwd(), resolve(file));
  if (!below || below.startsWith('..') || isAbsolute(below)) {
    throw new InputError(file, `is not below the working directory, so --base-url (${baseUrl}) gives it no address; run wiretrace pack from a directory that holds it`);
  }
  return new URL(below.split(sep).map(encodeURIComponent).join('/'), baseUrl).href;
}

/** Why a page was skipped as not an article, as a note on stderr says it. */
export function skippedPage(read: Extract<HtmlReading, { status: 'not-article' }>): string {
  switch (read.why) {
    case 'not-readerable':
      return 'not an article (the page does not look like one: a contents page, a section front, search results); skipped (--force checks it without recording it)';
    case 'no-text':
      return 'not an article (Readability found no article text in the page); skipped';
    case 'too-short':
      return `not an article (its article text is ${read.words ?? 0} words; an article needs at least ${MIN_ARTICLE_WORDS}); skipped (--force checks it without recording it)`;
  }
}

/**
 * A page's article; undefined for a page that is not one (a note says why: a correct reading, not
 * an input error). With --force a page that is not an article (it does not look like one, or its
 * text is too short) is read, and marked so that it is checked but never recorded.
 */
async function readHtml(file: string, opts: ReadOptions, diag: Diagnostics): Promise<ArticleItem | undefined> {
  const served = opts.baseUrl ? servedAt(file, opts.baseUrl) : undefined;
  const html = await readTextFile(file, opts.maxBytes);
  const read = extractHtml(html, served ?? pathToFileURL(resolve(file)).href, { force: opts.force });
  if (read.status === 'error') throw new InputError(file, `cannot read the page (${read.message}); skipped`);
  if (read.status === 'not-article') {
    diag.skip(file, skippedPage(read));
    return undefined;
  }
  const page = read.article;
  const meta = metaFor(opts.meta, file);
  const article: ArticleInput = {
    // Read as served: recorded under the page's address, as the extension records the page there.
    id: served ? (page.url ?? served) : file,
    url: meta?.url ?? page.url,
    outlet: meta?.outlet ?? opts.outlet ?? page.outlet ?? stripExtension(file),
    title: meta?.title ?? page.title,
    published: meta?.published ?? page.published,
    lang: page.lang,
    paragraphs: page.paragraphs,
  };
  return { article, where: file, ...(read.notArticle ? { notArticle: true } : {}) };
}

/** Every article of the files, in order. Bad files and lines are reported and skipped. */
export async function* readArticles(files: string[], opts: ReadOptions, diag: Diagnostics): AsyncGenerator<ArticleItem> {
  for (const file of files) {
    try {
      const kind = inputKind(file);
      if (kind === 'jsonl') yield* readJsonl(file, opts, diag);
      else if (kind === 'html') {
        const item = await readHtml(file, opts, diag);
        if (item) yield item;
      }
      else yield { article: await readTxt(file, opts), where: file };
    } catch (e) {
      if (e instanceof InputError) diag.error(e.where, e.message);
      else throw e;
    }
  }
}
