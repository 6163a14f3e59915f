/**
 * A client of the team index service: JSON requests with the bearer token, a time limit on each,
 * and retries where a retry is safe. Every request of the API is idempotent (articles are recorded
 * by id, deletions and sources converge), so a request that got no answer (the service restarting,
 * a dropped connection) or a 503 (the database restarting) is sent again, up to `retries` times
 * with a growing pause; a 4xx is final and thrown as a TeamServiceError with the service's message.
 * Used by the CLI's RemoteStore and by the extension's worker: the caller passes `fetch`.
 */
import { API, type ErrorBody, type IndexInfo, type LookupRequest, type LookupResponse, type RecordRequest, type RecordResponse, type WireDocument } from './wire';

/** Node's network cause (ECONNREFUSED, "bad port"...) in brackets; nothing in a browser, whose own words are never shown. */
function causeCode(e: unknown): string {
  const cause = (e as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  const why = typeof cause?.code === 'string' ? cause.code : typeof cause?.message === 'string' ? cause.message : '';
  return /^[\w .:-]{1,80}$/.test(why) ? ` (${why})` : '';
}

export class TeamServiceError extends Error {
  override name = 'TeamServiceError';
  constructor(
    /** The HTTP status; 0 when the service could not be reached. */
    readonly status: number,
    /** The service's error code ('bad-token', 'read-only-token', ...), or 'unreachable', 'timeout'. */
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface TeamClientOptions {
  fetch?: typeof fetch;
  /** Milliseconds a request may take, answer included (default 30,000). */
  timeoutMs?: number;
  /** How many times a request that got no answer or a 503 is sent again (default 5). */
  retries?: number;
  /** Milliseconds before the first retry; each next one waits twice as long, at most 5 s (default 200). */
  retryDelayMs?: number;
}

/** The service's base URL, checked: http(s), no credentials, no query; without a trailing slash. */
export function serviceUrl(input: string): string {
  let u: URL;
  try {
    u = new URL(input.trim());
  } catch {
    throw new TeamServiceError(0, 'bad-url', `'${input}' is not a URL (give the service's address, like https://wiretrace.example.org)`);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new TeamServiceError(0, 'bad-url', `'${input}': the service's address must start with https:// (or http:// on the local machine)`);
  if (u.username || u.password) throw new TeamServiceError(0, 'bad-url', `'${input}': give the token with --token, not in the address`);
  if (u.search || u.hash) throw new TeamServiceError(0, 'bad-url', `'${input}': the service's address takes no query or fragment`);
  return u.toString().replace(/\/+$/, '');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class TeamClient {
  private readonly fetch: typeof fetch;
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly retryDelayMs: number;
  readonly base: string;

  constructor(
    base: string,
    private readonly token: string,
    o: TeamClientOptions = {},
  ) {
    this.base = serviceUrl(base);
    this.fetch = o.fetch ?? ((input, init) => fetch(input, init));
    this.timeoutMs = o.timeoutMs ?? 30_000;
    this.retries = o.retries ?? 5;
    this.retryDelayMs = o.retryDelayMs ?? 200;
  }

  async request<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    for (let retry = 0; ; retry++) {
      let res: Response;
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), this.timeoutMs);
      try {
        res = await this.fetch(this.base + path, {
          method,
          headers: { authorization: `Bearer ${this.token}`, accept: 'application/json', ...(payload !== undefined ? { 'content-type': 'application/json' } : {}) },
          body: payload,
          signal: controller.signal,
        });
        const text = await res.text();
        clearTimeout(timer);
        if (res.ok) return JSON.parse(text) as T;
        let err: Partial<ErrorBody> = {};
        try {
          err = JSON.parse(text) as ErrorBody;
        } catch {
          // not the service's JSON (a proxy's page): the status says enough
        }
        if (res.status === 503 || res.status === 502 || res.status === 504) {
          if (retry < this.retries) {
            await sleep(Math.min(this.retryDelayMs * 2 ** retry, 5_000));
            continue;
          }
        }
        throw new TeamServiceError(res.status, err.error ?? `http-${res.status}`, err.message ?? `the service answered ${res.status} ${res.statusText}`);
      } catch (e) {
        clearTimeout(timer);
        if (e instanceof TeamServiceError) throw e;
        const timedOut = controller.signal.aborted;
        if (retry < this.retries) {
          await sleep(Math.min(this.retryDelayMs * 2 ** retry, 5_000));
          continue;
        }
        throw timedOut
          ? new TeamServiceError(0, 'timeout', `the team index at ${this.base} did not answer within ${this.timeoutMs} ms`)
          : new TeamServiceError(0, 'unreachable', `cannot reach the team index at ${this.base}${causeCode(e)}`);
      }
    }
  }

  info(): Promise<IndexInfo> {
    return this.request('GET', API.index);
  }

  record(req: RecordRequest): Promise<RecordResponse> {
    return this.request('POST', API.articles, req);
  }

  lookup(req: LookupRequest): Promise<LookupResponse> {
    return this.request('POST', API.lookup, req);
  }

  documents(sel: { keys?: number[]; ids?: string[] }): Promise<{ documents: WireDocument[] }> {
    return this.request('POST', API.get, sel);
  }
}
