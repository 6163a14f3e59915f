/**
 * Sending an index file's lines to the worker (importIndex) in chunks well under the message size
 * limit, as the options page and the library's packs both import: the last chunk imports everything,
 * all or nothing. `onChunk` reports the share sent; `cancelled` is asked before each chunk.
 */
import { call, type ImportStep } from './protocol';

/** Characters per chunk (a chunk is one message). */
export const CHUNK_CHARS = 4_000_000;

export function newImportId(): string {
  return `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

/** The lines of a file's text, without a final empty line. */
export function fileLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

export async function sendIndexLines(
  importId: string,
  lines: string[],
  opts: { onChunk?: (sentShare: number, last: boolean) => void; cancelled?: () => boolean } = {},
): Promise<ImportStep> {
  let seq = 0;
  let i = 0;
  let result: ImportStep;
  do {
    if (opts.cancelled?.()) throw Object.assign(new Error('cancelled'), { code: 'import-cancelled' });
    const chunk: string[] = [];
    let chars = 0;
    while (i < lines.length && (chunk.length === 0 || chars + lines[i].length < CHUNK_CHARS)) {
      chars += lines[i].length;
      chunk.push(lines[i++]);
    }
    const last = i >= lines.length;
    opts.onChunk?.(lines.length ? i / lines.length : 1, last);
    result = await call('importIndex', { importId, seq: seq++, lines: chunk, last });
  } while (i < lines.length);
  return result;
}
