/**
 * Sending an index file to the worker (importIndex) in chunks of lines well under the message size
 * limit, as the options page and the library's packs import: each chunk is read and written by the
 * worker as it comes, the last publishes the import, all or nothing. Two chunks go unanswered at once
 * (IN_FLIGHT), so the worker hashes one while the other is written. A file is read as a stream, so
 * the page holds the chunks in flight and the one it fills, however large the file. A chunk whose
 * worker stopped before answering is sent again (the worker writes a chunk once, by its number). A
 * chunk's lines go on the chunk channel beside its message (src/chunk-channel.ts).
 * `onChunk` reports the share sent; `cancelled` is asked before each chunk.
 */
import { call, ProtocolError, type ImportStep } from './protocol';
import { channelAvailable, chunkKey, offerChunk } from './chunk-channel';

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

/** Whether a chunk's failure is the worker stopping or not answering (sent again), not a refusal. */
function retryable(e: unknown): boolean {
  const code = e instanceof ProtocolError ? e.code : undefined;
  return code === 'worker-stopped' || code === 'no-answer';
}

function cancelledError(): Error {
  return Object.assign(new Error('cancelled'), { code: 'import-cancelled' });
}

/**
 * One chunk's importIndex message: its lines offered on the chunk channel while it is answered
 * (src/chunk-channel.ts), or in the message where no channel can carry them.
 */
async function callChunk(importId: string, seq: number, lines: string[], last: boolean): Promise<ImportStep> {
  if (!channelAvailable()) return call('importIndex', { importId, seq, lines, last });
  const close = offerChunk(chunkKey(importId, seq), lines);
  try {
    return await call('importIndex', { importId, seq, lines: [], last, linesVia: 'channel' });
  } finally {
    close();
  }
}

async function sendChunk(importId: string, seq: number, lines: string[], last: boolean, opts: SendOptions, tries = TRIES): Promise<ImportStep> {
  for (let attempt = 1; ; attempt++) {
    if (opts.cancelled?.()) throw cancelledError();
    try {
      return await callChunk(importId, seq, lines, last);
    } catch (e) {
      if (attempt >= tries || !retryable(e)) throw e;
    }
  }
}

/**
 * Chunks sent but not answered at once, at most: the worker hashes one while it writes the one before
 * (background/index-io.ts, readAhead), the worker's CPU and the browser's busy at the same time.
 */
export const IN_FLIGHT = 2;

type Settled = { ok: true; step: ImportStep } | { ok: false; error: unknown };

/**
 * Sends an import's chunks in order, IN_FLIGHT at a time, each answered in order. When the worker
 * stops with chunks in flight, they are sent again, in order, one at a time (a chunk written already
 * is not written twice); any other failure ends the import with it, once the chunks in flight have
 * their answers.
 */
class ChunkSender {
  private readonly flying: Array<{ seq: number; lines: string[]; last: boolean; answer: Promise<Settled> }> = [];
  private seq = 0;

  constructor(
    private readonly importId: string,
    private readonly opts: SendOptions,
  ) {}

  /** Sends a chunk; resolves when fewer than IN_FLIGHT are unanswered, with the import's end after the last. */
  async send(lines: string[], last: boolean): Promise<ImportStep | undefined> {
    if (this.opts.cancelled?.()) {
      await this.drain();
      throw cancelledError();
    }
    const seq = this.seq++;
    const answer = callChunk(this.importId, seq, lines, last).then(
      (step): Settled => ({ ok: true, step }),
      (error: unknown): Settled => ({ ok: false, error }),
    );
    this.flying.push({ seq, lines, last, answer });
    let step: ImportStep | undefined;
    while (this.flying.length >= IN_FLIGHT || (last && this.flying.length)) step = await this.settleFirst();
    return step;
  }

  private async settleFirst(): Promise<ImportStep> {
    const first = this.flying[0];
    const r = await first.answer;
    if (r.ok) {
      this.flying.shift();
      return r.step;
    }
    const rest = await this.drain();
    if (!retryable(r.error)) throw r.error;
    let step: ImportStep | undefined;
    for (const c of rest) step = await sendChunk(this.importId, c.seq, c.lines, c.last, this.opts, TRIES - 1);
    return step!;
  }

  /** Takes every chunk in flight off the list once all have their answers. */
  private async drain(): Promise<Array<{ seq: number; lines: string[]; last: boolean }>> {
    const all = this.flying.splice(0);
    await Promise.all(all.map((c) => c.answer));
    return all;
  }
}

/** Sends lines already in memory (a pack the page has shown before installing it). */
export async function sendIndexLines(importId: string, lines: string[], opts: SendOptions = {}): Promise<ImportStep> {
  const sender = new ChunkSender(importId, opts);
  let i = 0;
  let result: ImportStep | undefined;
  do {
    const chunk: string[] = [];
    let chars = 0;
    while (i < lines.length && (chunk.length === 0 || chars + lines[i].length < CHUNK_CHARS)) {
      chars += lines[i].length;
      chunk.push(lines[i++]);
    }
    const last = i >= lines.length;
    opts.onChunk?.(lines.length ? i / lines.length : 1, last);
    result = await sender.send(chunk, last);
  } while (i < lines.length);
  return result!;
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
  const sender = new ChunkSender(importId, opts);
  const send = (lines: string[], last: boolean) => {
    opts.onChunk?.(file.size ? Math.min(1, read / file.size) : 1, last);
    return sender.send(lines, last);
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
  return (await send(chunk, true))!;
}
