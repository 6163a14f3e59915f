/**
 * One GET through a fetch-like function the caller passes (Node's fetch in the CLI, the worker's in
 * the extension), with a time limit covering the whole answer, a size limit read as the body
 * arrives, and every failure turned into a FeedError in words: no answer in time, the server
 * refused the connection, an HTTP error status, a body over the limit. A 304 is an answer, not a
 * failure (conditional-get.ts).
 */
import { FeedError } from './feed-types';

/** What this module needs of a fetch Response. */
export interface ResponseLike {
  status: number;
  statusText?: string;
  url?: string;
  headers: { get(name: string): string | null };
  body?: { getReader(): { read(): Promise<{ done: boolean; value?: Uint8Array }>; cancel(reason?: unknown): Promise<void> } } | null;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export type FetchLike = (url: string, init: { headers: Record<string, string>; signal: AbortSignal; redirect: 'follow' }) => Promise<ResponseLike>;

export interface FetchOptions {
  fetch: FetchLike;
  timeoutMs: number;
  /** Refuse bodies over this many bytes. */
  maxBytes: number;
  headers?: Record<string, string>;
}

export type FetchResult =
  | { status: 'ok'; bytes: Uint8Array; contentType?: string; url: string; headers: { get(name: string): string | null } }
  | { status: 'not-modified'; url: string; headers: { get(name: string): string | null } };

function networkMessage(e: unknown): string {
  const err = e as Error & { cause?: { code?: string; message?: string } };
  const code = err.cause?.code;
  switch (code) {
    case 'ECONNREFUSED':
      return 'the server refused the connection';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'the host name could not be found';
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return 'the connection was closed before the answer was complete';
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
      return 'the server stopped answering';
    default:
      return `the request failed (${err.cause?.message ?? err.message ?? String(e)})`;
  }
}

async function readBody(res: ResponseLike, maxBytes: number): Promise<Uint8Array> {
  const tooLarge = (n: number) => new FeedError('too-large', `the answer is over the limit of ${maxBytes} bytes${n > 0 ? ` (${n} bytes announced)` : ''}`);
  const announced = Number(res.headers.get('content-length') ?? '');
  if (Number.isFinite(announced) && announced > maxBytes) throw tooLarge(announced);
  if (!res.body) {
    const buf = new Uint8Array(await res.arrayBuffer());
    if (buf.length > maxBytes) throw tooLarge(0);
    return buf;
  }
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (!value) continue;
    size += value.length;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge(0);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

export async function fetchBytes(url: string, opts: FetchOptions): Promise<FetchResult> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, opts.timeoutMs);
  try {
    let res: ResponseLike;
    try {
      res = await opts.fetch(url, { headers: opts.headers ?? {}, signal: controller.signal, redirect: 'follow' });
    } catch (e) {
      if (timedOut) throw new FeedError('timeout', `no answer within ${opts.timeoutMs} ms`);
      throw new FeedError('network', networkMessage(e));
    }
    const finalUrl = res.url || url;
    if (res.status === 304) return { status: 'not-modified', url: finalUrl, headers: res.headers };
    if (res.status < 200 || res.status >= 300) {
      await res.body?.getReader().cancel().catch(() => {});
      throw new FeedError('http', `the server answered ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`);
    }
    try {
      const bytes = await readBody(res, opts.maxBytes);
      return { status: 'ok', bytes, contentType: res.headers.get('content-type') ?? undefined, url: finalUrl, headers: res.headers };
    } catch (e) {
      if (e instanceof FeedError) throw e;
      if (timedOut) throw new FeedError('timeout', `the answer did not arrive whole within ${opts.timeoutMs} ms`);
      throw new FeedError('network', networkMessage(e));
    }
  } finally {
    clearTimeout(timer);
  }
}
