/**
 * The one message protocol between the extension pages (popup, options) and the background.
 *
 * `Protocol` maps each message type to its request and response. Pages call `send(type, req)`;
 * the background registers one handler per type with `registerHandlers`. Every handler returns a
 * Promise; an exception in a handler comes back as `{ ok: false, error }`, never as a rejection
 * across the channel (so callers always get a value they can show).
 *
 *   page --{channel:'wiretrace', type, req}--> background handler(req, sender)
 *   page <--{ok:true, res} | {ok:false, error}--
 *
 * Progress events (background -> pages) use the same envelope style with `emit`/`onEvent`.
 */
import browser from 'webextension-polyfill';
import type { Runtime } from 'webextension-polyfill';
import type { PackInfo } from './engine/pack-header';
import type { IndexParams } from './engine/store';
import type { SyndicationEdge } from './engine/syndication';
import type { ArticleInput, ArticleRef, Report } from './engine/types';
import { errorCode, isBrowserError, WORKER_STOPPED, type ErrorCode } from './errors';
import type { HighlightMark } from './extract-types';
import type { FeedPreview, FeedProblem, FeedStatus } from './feed-status';
import type { Feed, FeedItem } from './feeds/feed-types';
import type { ParseFeedOptions } from './feeds/parse-feed';
import type { ContentReading, ItemContext } from './feeds/item-article';
import type { Settings } from './settings';

export const CHANNEL = 'wiretrace';

export type { ErrorCode } from './errors';

/**
 * Why a checked article was not added to the index. 'not-article': the page is not an article (a
 * contents page, a section front, search results) and was checked only because the user asked to.
 */
export type NotRecordedReason = 'incognito' | 'paused' | 'denied-site' | 'not-article' | 'already-recorded';

export type CheckResult =
  | {
      status: 'report';
      report: Report;
      /** True when this check added the article to the index. */
      recorded: boolean;
      notRecorded?: NotRecordedReason;
      /**
       * True when the article is being added to the index after this answer (so the report is shown
       * without waiting for it): a `recorded` event for the tab follows with the outcome.
       */
      recording?: boolean;
      /**
       * Milliseconds spent reading the page (`inject`: of which injecting the content script, 0 when it
       * was there), checking, recording (diagnostics; npm run bench, section 6).
       */
      timings?: { extract: number; inject?: number; check: number; record: number };
      /** True when the report was kept from an earlier check of the same article against the same index. */
      cached?: boolean;
      /** The team index's part in the check, when the user turned it on (options page). */
      team?: TeamCheckInfo;
    }
  /** The page does not look like an article; `force: true` checks it anyway. `reason` is English (logs, scripts). */
  | { status: 'not-article'; reason: string; url: string; title?: string }
  /** Pages the extension cannot read (browser pages, the web store, files); pages show `code`, `reason` is English. */
  | { status: 'unsupported'; reason: string; code?: UnsupportedCode; url?: string };

/**
 * The team index in a check: 'used' (its candidates were compared too; `ids` are the report's
 * articles that came from it) or 'unreachable' (the check used the browser's index alone; `error`
 * is the English reason, `code` the service's or the client's: pages word the known ones).
 */
export type TeamCheckInfo = { status: 'used'; ids: string[] } | { status: 'unreachable'; error: string; code?: string };

/** Why a page cannot be read: not a web page (by its URL), or the browser refused the content script. */
export type UnsupportedCode = 'not-web-page' | 'no-access';

export interface IndexStats {
  documents: number;
  outlets: number;
  units: number;
  paragraphs: number;
  /** Bytes used by the extension's storage (navigator.storage.estimate), when known. */
  usage?: number;
  quota?: number;
  /** Whether the browser keeps the extension's storage under pressure (navigator.storage.persisted). */
  persisted?: boolean;
  /** Whether the worker is merging the index's segments in the background (checks are answered meanwhile). */
  merging?: boolean;
}

export interface ExportPage {
  /** JSONL lines: the header first (only in the page with no `after`), then one article a line. */
  lines: string[];
  /** Pass as `after` to get the next page; absent on the last page. */
  next?: number;
}

export type ImportStep =
  | { status: 'staged'; lines: number }
  | { status: 'done'; documents: number; skipped: number; pack?: { id: string; title: string } };

type Empty = Record<string, never>;

/** One stored article as the library lists it: its metadata, never its text. Times are ISO 8601. */
export interface ArticleRow {
  /** The document key (what deleteArticles and a story's syndication take). */
  key: number;
  id: string;
  url?: string;
  /** The address it was read at, when it is not `url` (the canonical URL it is recorded under). */
  pageUrl?: string;
  outlet: string;
  outletKey: string;
  title?: string;
  published?: string;
  firstSeen: string;
  paragraphs: number;
}

export type ArticleOrder = 'newest' | 'oldest';

export interface ArticlePage {
  rows: ArticleRow[];
  /** Articles matching the query (all pages). */
  total: number;
  offset: number;
}

/** What the analysis of the whole index says of an outlet's articles: copy from other outlets in them, and its credit. */
export interface OutletCopy {
  /** Its articles carrying another outlet's copied text (shared quotations alone do not count). */
  withCopy: number;
  /** Words of other outlets' copy in its articles, and how many of them are credited. */
  copiedWords: number;
  creditedWords: number;
}

export interface OutletRow {
  outletKey: string;
  /** The outlet's name as its newest article gives it. */
  outlet: string;
  articles: number;
  /** When its first and its latest article were first seen (ISO 8601). */
  firstSeen: string;
  lastSeen: string;
  /** Present when the index has been analysed as it is now (see `analysed`). */
  copy?: OutletCopy;
}

export interface OutletPage {
  rows: OutletRow[];
  total: number;
  offset: number;
  /** Articles in the index, and whether the copy figures are there for the index as it is now. */
  documents: number;
  analysed: boolean;
}

/** Which articles a syndication graph covers: one story, or the whole index over a range of days (YYYY-MM-DD, UTC, inclusive). */
export type SyndicationScope = { kind: 'story'; key: number } | { kind: 'range'; from?: string; to?: string };

/** An edge of the graph without its passages (syndicationEdge gives them on demand). */
export type EdgeSummary = Omit<SyndicationEdge, 'passages'> & { passages: number };

export interface SyndicationView {
  scope: SyndicationScope;
  articles: ArticleRef[];
  edges: EdgeSummary[];
  /** Articles checked to build it. */
  checked: number;
  /** A story larger than the limit: the graph holds the articles reached first. */
  truncated: boolean;
  /** Cancelled by the page: the graph of the articles checked until then (not kept). */
  cancelled: boolean;
  /** Kept from an earlier build against the same index. */
  cached: boolean;
  /** Milliseconds the build took (when it was built, not kept). */
  ms: number;
}

export interface Protocol {
  /** Extracts the article in tab `tabId`, checks it, records it when allowed, sets the badge. */
  /** `popupInjects`: the popup injects the content script beside this check (popup/early-check.ts). */
  check: { req: { tabId: number; force?: boolean; popupInjects?: boolean }; res: CheckResult };
  highlight: { req: { tabId: number; marks: HighlightMark[] }; res: { placed: number; missed: number } };
  clearHighlights: { req: { tabId: number }; res: { removed: number } };
  getSettings: { req: Empty; res: Settings };
  setSettings: { req: Partial<Settings>; res: Settings };
  indexStats: { req: Empty; res: IndexStats };
  clearIndex: { req: Empty; res: IndexStats };
  /** One page of the index file, `limit` articles after document key `after`. */
  exportIndex: { req: { after?: number; limit?: number }; res: ExportPage };
  /**
   * Sends an index file in chunks of lines (seq 0, 1, ...). Chunks are staged; the chunk with
   * `last: true` imports everything, all or nothing, and answers 'done' (or an error naming the line).
   * With `linesVia: 'channel'` the lines are not in the message: the worker asks the page for them
   * (src/chunk-channel.ts) and `lines` is empty.
   */
  importIndex: { req: { importId: string; seq: number; lines: string[]; last: boolean; linesVia?: 'channel' }; res: ImportStep };
  /**
   * Cancels import `importId`: its staged chunks are dropped and its last chunk fails with code
   * 'import-cancelled' before anything is written (a cancel after the write began comes too late).
   */
  cancelImport: { req: { importId: string }; res: { cancelled: boolean } };
  /**
   * Deletes articles by document key, or every article of an outlet (its outlet key, as the engine
   * normalises it), with their postings and fingerprint counts; answers how many went and the stats.
   */
  deleteArticles: { req: { keys?: number[]; outletKey?: string }; res: { deleted: number; stats: IndexStats } };
  /** One page of the stored articles whose title or outlet holds every word of `query` (of one outlet when `outletKey` is given), by time. */
  libraryArticles: { req: { query?: string; outletKey?: string; order: ArticleOrder; offset: number; limit: number }; res: ArticlePage };
  /** One page of the outlets whose name holds every word of `query`, most articles first. */
  libraryOutlets: { req: { query?: string; offset: number; limit: number }; res: OutletPage };
  /**
   * The syndication graph of a scope, built in the background with `progress` events (task
   * 'syndication', this `jobId`) or kept from an earlier build against the same index.
   */
  syndication: { req: { jobId: string; scope: SyndicationScope }; res: SyndicationView };
  /** Stops building graph `jobId`: its answer is the graph of the articles checked so far. */
  cancelSyndication: { req: { jobId: string }; res: { cancelled: boolean } };
  /** The passages of the edges from article `from` to article `to`, with the report of `to` they come from. */
  syndicationEdge: { req: { from: string; to: string }; res: { report?: Report; edges: SyndicationEdge[] } };
  /**
   * Where the recording of article `id` (announced by a check's `recording: true`) stands: under way
   * in this worker, stored, or neither (the worker stopped before it was stored: nothing of it is).
   */
  recordingState: { req: { id: string }; res: { state: 'recording' | 'recorded' | 'idle' } };
  /** The installed index packs (imported files whose header names them), newest first. */
  listPacks: { req: Empty; res: InstalledPack[] };
  /** Removes an installed pack: its articles go, except those another source (the user's reading, a feed, another pack) also brought. */
  removePack: { req: { id: string }; res: { untagged: number; deleted: number; stats: IndexStats } };
  /**
   * One page of a selection of the index as article lines of an index file (no header: the page
   * writes it with the count, `params` and its pack description): articles of `outletKeys` (all when
   * absent) published (or else first seen) from `from` to `to` (epoch ms, inclusive), key > `after`.
   */
  exportSelection: { req: { after?: number; limit?: number; outletKeys?: string[]; from?: number; to?: number }; res: { params: IndexParams | null; lines: string[]; next?: number } };
  /** The stored articles with these ids (a story the Library shows), whole, for an exercise made from them; ids not in the index are left out. */
  storyArticles: { req: { ids: string[] }; res: { articles: Array<ArticleInput & { firstSeen: string }> } };
  /**
   * Reads a feed before it is added (its site must be allowed): its title, the outlet its items
   * would be recorded under, how many items carry the whole article, and the sites of the pages the
   * others link to. A feed that cannot be read answers why.
   */
  previewFeed: { req: { url: string }; res: { status: 'ok'; preview: FeedPreview } | { status: 'failed'; problem: FeedProblem } };
  /**
   * Adds a feed and polls it at once. `outlet` unset: the feed's title (or site), read now.
   * `pageOrigins`: the sites ("https://example.com") whose pages its items may be read from.
   */
  addFeed: {
    req: { url: string; outlet?: string; intervalMinutes: number; pageOrigins?: string[] };
    res: { status: 'added' | 'exists'; feed: FeedStatus } | { status: 'failed'; problem: FeedProblem };
  };
  /** Changes a feed's outlet (for items recorded from now on; empty: the feed's own name), interval or allowed sites. */
  updateFeed: { req: { id: string; outlet?: string; intervalMinutes?: number; pageOrigins?: string[] }; res: FeedStatus };
  /** Removes a feed and what was kept to poll it; the articles it recorded stay in the index. */
  removeFeed: { req: { id: string }; res: { removed: boolean } };
  listFeeds: { req: Empty; res: { feeds: FeedStatus[] } };
  /** Starts polling a feed now (or joins the poll running); `feed` events report its progress and end. */
  pollFeedNow: { req: { id: string }; res: FeedStatus };
}

/** An installed pack as the Library lists it. */
export interface InstalledPack extends PackInfo {
  id: string;
  /** Epoch milliseconds. */
  installed: number;
  /** Articles in the index that the pack brought (shared ones included). */
  articles: number;
}

export type MessageType = keyof Protocol;
export type Req<K extends MessageType> = Protocol[K]['req'];
export type Res<K extends MessageType> = Protocol[K]['res'];

/** `error` is the English message (logs, details); `code`, when known, is what pages show a message for. */
export type Reply<R> = { ok: true; res: R } | { ok: false; error: string; code?: ErrorCode };

export interface Envelope<K extends MessageType = MessageType> {
  channel: typeof CHANNEL;
  type: K;
  req: Req<K>;
}

const TYPES: Record<MessageType, true> = {
  check: true,
  highlight: true,
  clearHighlights: true,
  getSettings: true,
  setSettings: true,
  indexStats: true,
  clearIndex: true,
  exportIndex: true,
  importIndex: true,
  cancelImport: true,
  deleteArticles: true,
  libraryArticles: true,
  libraryOutlets: true,
  syndication: true,
  cancelSyndication: true,
  syndicationEdge: true,
  recordingState: true,
  listPacks: true,
  removePack: true,
  exportSelection: true,
  storyArticles: true,
  previewFeed: true,
  addFeed: true,
  updateFeed: true,
  removeFeed: true,
  listFeeds: true,
  pollFeedNow: true,
};

export function isEnvelope(m: unknown): m is Envelope {
  if (!m || typeof m !== 'object') return false;
  const x = m as Record<string, unknown>;
  return x.channel === CHANNEL && typeof x.type === 'string' && Object.hasOwn(TYPES, x.type) && typeof x.req === 'object' && x.req !== null;
}

export function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message || e.name;
  if (typeof e === 'string') return e;
  try {
    return JSON.stringify(e) ?? String(e);
  } catch {
    return String(e);
  }
}

/** How an envelope reaches the background; `browser.runtime.sendMessage` unless a test passes another. */
export type Transport = (message: Envelope) => Promise<unknown>;

const runtimeTransport: Transport = (m) => browser.runtime.sendMessage(m);

/**
 * Messages that only read: sent again once when the worker stopped before answering (a stopped
 * worker is an ordinary event in Manifest V3; repeating a read cannot write anything twice).
 */
const REPEATABLE: ReadonlySet<MessageType> = new Set<MessageType>([
  'getSettings', 'indexStats', 'exportIndex', 'libraryArticles', 'libraryOutlets', 'syndicationEdge',
  'recordingState', 'listPacks', 'exportSelection', 'storyArticles', 'listFeeds',
]);

/** Sends one message; always resolves, with `{ ok: false, error }` on any failure. */
export async function send<K extends MessageType>(type: K, req: Req<K>, transport: Transport = runtimeTransport): Promise<Reply<Res<K>>> {
  const first = await sendOnce(type, req, transport);
  return !first.ok && first.code === 'worker-stopped' && REPEATABLE.has(type) ? sendOnce(type, req, transport) : first;
}

async function sendOnce<K extends MessageType>(type: K, req: Req<K>, transport: Transport): Promise<Reply<Res<K>>> {
  const envelope: Envelope<K> = { channel: CHANNEL, type, req };
  try {
    const reply = (await transport(envelope)) as Reply<Res<K>> | undefined;
    if (!reply || typeof reply !== 'object' || typeof reply.ok !== 'boolean') {
      return { ok: false, error: `no answer from the background for "${type}"`, code: 'no-answer' };
    }
    return reply;
  } catch (e) {
    // Never the browser's own words on a page: a stopped worker, or no answer at all.
    const error = errorMessage(e);
    return { ok: false, error, code: WORKER_STOPPED.test(error) ? 'worker-stopped' : 'no-answer' };
  }
}

export class ProtocolError extends Error {
  override name = 'ProtocolError';
  constructor(
    message: string,
    readonly code?: ErrorCode,
  ) {
    super(message);
  }
}

/** Like `send`, but returns the response and throws a ProtocolError locally on `{ ok: false }`. */
export async function call<K extends MessageType>(type: K, req: Req<K>, transport?: Transport): Promise<Res<K>> {
  const r = await send(type, req, transport);
  if (!r.ok) throw new ProtocolError(r.error, r.code);
  return r.res;
}

export type Handler<K extends MessageType> = (req: Req<K>, sender: Runtime.MessageSender | undefined) => Promise<Res<K>>;
export type Handlers = { [K in MessageType]: Handler<K> };

/**
 * The function a runtime.onMessage listener runs: a Promise of a Reply for our envelopes,
 * undefined for anything else (so other listeners may answer it).
 */
export function createDispatcher(handlers: Partial<Handlers>, accept: (sender: Runtime.MessageSender | undefined) => boolean = () => true) {
  return (message: unknown, sender?: Runtime.MessageSender): Promise<Reply<unknown>> | undefined => {
    if (!isEnvelope(message)) return undefined;
    if (!accept(sender)) return Promise.resolve({ ok: false, error: `"${message.type}" is only answered to the extension's own pages` });
    const handler = handlers[message.type] as Handler<MessageType> | undefined;
    if (!handler) return Promise.resolve({ ok: false, error: `no handler for "${message.type}"` });
    return (async (): Promise<Reply<unknown>> => {
      try {
        return { ok: true, res: await handler(message.req as never, sender) };
      } catch (e) {
        const code = errorCode(e) ?? (isBrowserError(e) ? 'internal' : undefined);
        return code ? { ok: false, error: errorMessage(e), code } : { ok: false, error: errorMessage(e) };
      }
    })();
  };
}

/**
 * Whether a message comes from one of the extension's own pages (popup, options), not from a content
 * script running in a web page: only those may check tabs, change settings or touch the index.
 */
export function fromExtensionPage(sender: Runtime.MessageSender | undefined): boolean {
  return !!sender && sender.id === browser.runtime.id && typeof sender.url === 'string' && sender.url.startsWith(browser.runtime.getURL('/'));
}

/** Registers the background's handlers on runtime.onMessage. Returns a function that removes them. */
export function registerHandlers(handlers: Handlers, accept: (sender: Runtime.MessageSender | undefined) => boolean = fromExtensionPage): () => void {
  const dispatch = createDispatcher(handlers, accept);
  const listener = (message: unknown, sender: Runtime.MessageSender) => dispatch(message, sender);
  browser.runtime.onMessage.addListener(listener as never);
  return () => browser.runtime.onMessage.removeListener(listener as never);
}

/** Events the background broadcasts to open extension pages. */
/** Steps of a check or an import, for pages to name in their language (`text` is the English). */
export type ProgressCode = 'reading' | 'comparing' | 'indexing' | 'saving' | 'analysing';

export interface Events {
  /** `jobId`: the syndication graph being built (task 'syndication'); `importId`: the import (task 'import'). */
  progress: { task: 'check' | 'import' | 'syndication'; tabId?: number; jobId?: string; importId?: string; code?: ProgressCode; text: string; done?: number; total?: number };
  /** The end of the recording a `recording: true` check answer announced (`id`: its report's id); `ms`: time spent recording. */
  recorded: { tabId: number; id: string; recorded: boolean; notRecorded?: NotRecordedReason; error?: string; code?: ErrorCode; ms: number; team?: TeamRecorded };
  /** A feed's state changed: a batch of its poll recorded (`feed.polling` set), its poll ended, or it was edited. */
  feed: { feed: FeedStatus };
}

/** Recording to the team index, when turned on: sent, or failed (with the English reason). */
export type TeamRecorded = { sent: true } | { sent: false; error: string; code?: string };

export interface EventEnvelope<E extends keyof Events = keyof Events> {
  channel: typeof CHANNEL;
  event: E;
  data: Events[E];
}

/** Broadcasts an event; no open page to hear it is not an error. */
export async function emit<E extends keyof Events>(event: E, data: Events[E]): Promise<void> {
  const m: EventEnvelope<E> = { channel: CHANNEL, event, data };
  try {
    await browser.runtime.sendMessage(m);
  } catch {
    // "Receiving end does not exist": nobody is listening.
  }
}

export function onEvent<E extends keyof Events>(event: E, listener: (data: Events[E]) => void): () => void {
  const l = (m: unknown) => {
    const x = m as Partial<EventEnvelope> | null;
    if (x && x.channel === CHANNEL && x.event === event) listener(x.data as Events[E]);
    return undefined;
  };
  browser.runtime.onMessage.addListener(l as never);
  return () => browser.runtime.onMessage.removeListener(l as never);
}

/**
 * Chromium's offscreen document (offscreen/offscreen.ts): the worker has it parse feeds and read feed
 * items and pages with the browser's own HTML parser, which a service worker lacks, so the worker's
 * script carries none of the parsers (docs/design.md, "The background's start"). Only the worker
 * asks; the document answers nothing else, and nobody else asks it.
 */
export const OFFSCREEN_CHANNEL = 'wiretrace-offscreen';

export interface OffscreenRequests {
  /** A feed's decoded text parsed (parse-feed.ts). */
  parseFeed: { req: { text: string; opts: ParseFeedOptions }; res: Feed };
  /** An item's own body read as an article (item-article.ts contentArticle). */
  contentArticle: { req: { item: FeedItem; ctx: ItemContext }; res: ContentReading };
  /** An item's page, fetched and decoded by the worker, read as an article (item-article.ts pageArticle). */
  pageArticle: { req: { item: FeedItem; ctx: ItemContext; page: { html: string; url: string } }; res: { article: ArticleInput; keys: string[] } };
}
export type OffscreenType = keyof OffscreenRequests;

export interface OffscreenEnvelope<K extends OffscreenType = OffscreenType> {
  channel: typeof OFFSCREEN_CHANNEL;
  type: K;
  req: OffscreenRequests[K]['req'];
}

/** The document's answer: the result, or the failure's words and its FeedError code when it has one. */
export type OffscreenReply<K extends OffscreenType = OffscreenType> = { ok: true; res: OffscreenRequests[K]['res'] } | { ok: false; error: string; feedCode?: string };

const OFFSCREEN_TYPES: Record<OffscreenType, true> = { parseFeed: true, contentArticle: true, pageArticle: true };

export function isOffscreenEnvelope(m: unknown): m is OffscreenEnvelope {
  if (!m || typeof m !== 'object') return false;
  const x = m as Record<string, unknown>;
  return x.channel === OFFSCREEN_CHANNEL && typeof x.type === 'string' && Object.hasOwn(OFFSCREEN_TYPES, x.type) && typeof x.req === 'object' && x.req !== null;
}
