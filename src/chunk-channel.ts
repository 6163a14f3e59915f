/**
 * An import chunk's lines from the page to the worker over a BroadcastChannel (structured clone),
 * where the importIndex message itself carries none: `runtime.sendMessage` sends its message as JSON
 * through the browser's process, which cost 151-263 ms for a chunk of 2 M characters, against 42-97
 * for the same message without its lines plus the worker asking for them here (Chromium 156, 8 each,
 * docs/design.md "Where an import's time goes"). The message still goes by `runtime.sendMessage`:
 * it wakes a stopped worker, and a worker that stops before answering still fails it (the page then
 * sends the chunk again).
 *
 * The page offers a chunk's lines under its key before it sends the message (offerChunk); the worker
 * asks for them by that key (askChunk) and the page that holds them answers. Both ends are the
 * extension's own: a channel is shared by one origin only, and web pages and content scripts are not
 * of the extension's origin.
 */
import { CodedError } from './errors';

export const CHUNK_CHANNEL = 'wiretrace-import-chunks';
/** How long the worker waits for a page to answer its ask (the page offers before it sends). */
export const ASK_MS = 10_000;

interface Ask {
  ask: string;
}
interface Answer {
  key: string;
  lines: string[];
}

/** The key of an import's chunk. */
export function chunkKey(importId: string, seq: number): string {
  return `${importId}#${seq}`;
}

/** Whether this context can offer and ask (a BroadcastChannel). */
export function channelAvailable(): boolean {
  return typeof BroadcastChannel === 'function';
}

/** Answers every ask for `key` with `lines` until the returned function closes the offer. */
export function offerChunk(key: string, lines: string[]): () => void {
  const channel = new BroadcastChannel(CHUNK_CHANNEL);
  channel.onmessage = (e: MessageEvent) => {
    if ((e.data as Partial<Ask> | null)?.ask === key) channel.postMessage({ key, lines } satisfies Answer);
  };
  return () => channel.close();
}

/**
 * The lines of chunk `key`, asked of the extension's pages. Rejects with 'import-interrupted' when
 * no page answers within `ms` (the page that sent the chunk was closed), or when the answer is not
 * a list of strings.
 */
export function askChunk(key: string, ms = ASK_MS): Promise<string[]> {
  const channel = new BroadcastChannel(CHUNK_CHANNEL);
  return new Promise<string[]>((resolve, reject) => {
    const timer = setTimeout(() => reject(new CodedError('import-interrupted', `no page answered for the import's chunk ${key} within ${ms / 1000} s; please import again`)), ms);
    channel.onmessage = (e: MessageEvent) => {
      const a = e.data as Partial<Answer> | null;
      if (a?.key !== key) return;
      clearTimeout(timer);
      const lines = a.lines;
      if (Array.isArray(lines) && lines.every((l) => typeof l === 'string')) resolve(lines);
      else reject(new CodedError('import-interrupted', `the import's chunk ${key} arrived malformed; please import again`));
    };
    channel.postMessage({ ask: key } satisfies Ask);
  }).finally(() => channel.close());
}
