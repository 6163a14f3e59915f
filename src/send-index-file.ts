/**
 * Sending an index file to the worker (importIndex) in chunks of lines well under the message size
 * limit, as the options page and the library's packs import: each chunk is read and written by the
 * worker as it comes, the last publishes the import, all or nothing. A file is read as a stream, so
 * the page holds one chunk of it at a time, however large the file. A chunk whose worker stopped
 * before answering is sent again (the worker writes a chunk once, by its number). `onChunk` reports
 * the share sent; `cancelled` is asked before each chunk.
 */
import { call, ProtocolError, type ImportStep } from './protocol';

import { CHUNK_CHARS } from './import-chunk';

export { CHUNK_CHARS };
/** Times a chunk is sent when the worker stopped or did not answer. */
const TRIES = 3;

export interface SendOptions {
  onChunk?: (sentShare: number, last: boolean) => void;
  cancelled?: () => boolean;
}

export function newImportId(): string {
  return `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

/** The lines of a file's text, without a final empty line. */
export function fileLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

async function sendChunk(importId: string, seq: number, lines: string[], last: boolean, opts: SendOptions): Promise<ImportStep> {
  for (let attempt = 1; ; attempt++) {
    if (opts.cancelled?.()) throw Object.assign(new Error('cancelled'), { code: 'import-cancelled' });
    try {
      return await call('importIndex', { importId, seq, lines, last });
    } catch (e) {
      const code = e instanceof ProtocolError ? e.code : undefined;
      if (attempt >= TRIES || (code !== 'worker-stopped' && code !== 'no-answer')) throw e;
    }
  }
}

/** Sends lines already in memory (a pack the page has shown before installing it). */
export async function sendIndexLines(importId: string, lines: string[], opts: SendOptions = {}): Promise<ImportStep> {
  let seq = 0;
  let i = 0;
  let result: ImportStep;
  do {
    const chunk: string[] = [];
    let chars = 0;
    while (i < lines.length && (chunk.length === 0 || chars + lines[i].length < CHUNK_CHARS)) {
      chars += lines[i].length;
      chunk.push(lines[i++]);
    }
    const last = i >= lines.length;
    opts.onChunk?.(lines.length ? i / lines.length : 1, last);
    result = await sendChunk(importId, seq++, chunk, last, opts);
  } while (i < lines.length);
  return result;
}

/**
 * Sends a file read as a stream of UTF-8 text, one chunk of lines at a time: a chunk goes as soon as
 * the next line would not fit in it (so it is not the last), and the rest goes last. The page holds
 * the chunk being filled and the piece of the file being split, never more.
 */
export async function sendIndexFile(importId: string, file: Blob, opts: SendOptions = {}): Promise<ImportStep> {
  const reader = file.stream().pipeThrough(new TextDecoderStream()).getReader();
  let carry = '';
  let chunk: string[] = [];
  let chars = 0;
  let read = 0;
  let seq = 0;
  const send = (lines: string[], last: boolean) => {
    opts.onChunk?.(file.size ? Math.min(1, read / file.size) : 1, last);
    return sendChunk(importId, seq++, lines, last, opts);
  };
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    read += value.length;
    const parts = (carry + value).split(/\r?\n/);
    carry = parts.pop() ?? '';
    for (const line of parts) {
      if (chunk.length && chars + line.length >= CHUNK_CHARS) {
        const full = chunk;
        chunk = [];
        chars = 0;
        await send(full, false);
      }
      chunk.push(line);
      chars += line.length;
    }
  }
  if (carry !== '') chunk.push(carry);
  return send(chunk, true);
}
