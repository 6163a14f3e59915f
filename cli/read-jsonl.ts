/**
 * .jsonl and .jsonl.gz corpora, streamed: file -> (gunzip) -> byte lines -> UTF-8 -> JSON ->
 * article. A bad line is reported with its number and skipped; the other lines are still read.
 * A corrupt or truncated gzip stream ends the file with a clear message after the lines before it.
 */
import { createReadStream } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';
import { articleFromJson, LineError } from './article-from-json';
import { byteLines } from './byte-lines';
import { InputError, type Diagnostics } from './diagnostics';
import { fsMessage, isGzip, looksUtf16, readHead, statInput, utf16Bom } from './read-file';
import type { ArticleItem, ReadOptions } from './article-item';
import { stripExtension } from './meta';

/** Bad lines reported per file; past that they are counted and summarised. */
const MAX_LINE_MESSAGES = 20;

export async function* readJsonl(file: string, opts: ReadOptions, diag: Diagnostics): AsyncGenerator<ArticleItem> {
  const gz = /\.gz$/i.test(file);
  await statInput(file, opts.maxBytes);
  const head = await readHead(file);
  if (gz && !isGzip(head)) throw new InputError(file, 'is not gzip-compressed (a .jsonl.gz file must be gzip data)');
  if (!gz && isGzip(head)) throw new InputError(file, 'is gzip-compressed; name it .jsonl.gz');
  const utf16 = utf16Bom(head) ?? (!gz && looksUtf16(head) ? 'utf-16' : undefined);
  if (!gz && utf16) throw new InputError(file, `is UTF-16 text${utf16Bom(head) ? ' (it starts with a UTF-16 byte order mark)' : ''}; JSON Lines must be UTF-8: convert it first (iconv -f UTF-16 -t UTF-8)`);
  if (!gz && head.includes(0)) throw new InputError(file, 'looks like a binary file (it contains NUL bytes), expected JSON Lines');

  const defaults = { outlet: opts.outlet ?? stripExtension(file), baseUrl: pathToFileURL(resolve(file)).href };
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let source: Readable = createReadStream(file);
  if (gz) {
    const gunzip = createGunzip();
    source.on('error', (e) => gunzip.destroy(e));
    source = source.pipe(gunzip);
  }

  let articles = 0;
  let bad = 0;
  let lastLine = 0;
  const lineError = (line: number, message: string) => {
    bad++;
    if (bad <= MAX_LINE_MESSAGES) diag.error(`${file}:${line}`, message);
    else diag.errors++;
  };
  try {
    for await (const item of byteLines(source as AsyncIterable<Buffer>, opts.maxBytes)) {
      lastLine = item.line;
      if ('tooLong' in item) {
        lineError(item.line, `the line is ${item.tooLong} bytes, over the limit of ${opts.maxBytes} bytes (raise it with --max-bytes)`);
        continue;
      }
      if (item.bytes.includes(0)) {
        lineError(item.line, 'binary data (NUL bytes), expected a line of JSON');
        continue;
      }
      let text: string;
      try {
        text = decoder.decode(item.bytes);
      } catch {
        lineError(item.line, 'not valid UTF-8');
        continue;
      }
      if (item.line === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      if (text.trim() === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (e) {
        lineError(item.line, `not valid JSON (${(e as Error).message})`);
        continue;
      }
      // The header of a wiretrace index file: an index is also a corpus.
      if (value && typeof value === 'object' && (value as Record<string, unknown>).format === 'wiretrace-index') continue;
      try {
        const article = articleFromJson(value, defaults, text);
        articles++;
        yield { article, where: `${file}:${item.line}` };
      } catch (e) {
        if (!(e instanceof LineError)) throw e;
        lineError(item.line, e.message);
      }
    }
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (gz && (err.code?.startsWith('Z_') || /zlib|gzip|unexpected end of file|incorrect header|invalid/i.test(err.message ?? ''))) {
      const after = lastLine > 0 ? ` after line ${lastLine} (${err.message}); the lines before it were read` : ` (${err.message})`;
      throw new InputError(file, `corrupt or truncated gzip data${after}`);
    }
    if (err.code) throw new InputError(file, fsMessage(e));
    throw e;
  } finally {
    source.destroy();
  }
  if (bad > MAX_LINE_MESSAGES) diag.note(file, `${bad - MAX_LINE_MESSAGES} more bad lines not shown (${bad} in all)`);
  if (articles === 0 && bad === 0) throw new InputError(file, 'contains no articles');
}
