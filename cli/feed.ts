/**
 * wiretrace feed: reads feeds (URLs or saved files) and records their items into an index file, so
 * that wire copy is in the index before a reader meets it. Per feed: parse (src/feeds/), then per
 * item: skip it when one of its keys (guid, link, canonical URL) is already in the index or was read
 * earlier in the run; read it from its own body when that is the whole article, else fetch its page
 * politely (PoliteQueue: --concurrency at once, --delay-ms between two requests to one host, the
 * feed's own request counted among its host's) and extract it as the extension would. Progress on
 * stderr (a terminal, or --progress): the feeds read, then the items of each. The index is loaded and saved as `audit --index` does it
 * (all or nothing: FILE.tmp renamed over FILE). A feed or an item that fails is reported on stderr
 * with its reason and the others go on; a page that is not an article is a note, as in audit.
 */
import { Engine } from '../src/engine/engine';
import { MemoryStore } from '../src/engine/memory-store';
import type { ArticleInput } from '../src/engine/types';
import { htmlDocument } from '../src/extract/linkedom-document';
import { feedOutlet } from '../src/feeds/feed-outlet';
import { FeedError, type FeedItem } from '../src/feeds/feed-types';
import { contentArticle, pageArticle, type ItemContext } from '../src/feeds/item-article';
import { articleKeys, itemKeys, seenBefore } from '../src/feeds/item-keys';
import { PoliteQueue } from '../src/feeds/polite-queue';
import type { FeedArgs } from './args';
import { Diagnostics, FatalError, InputError, type Writer } from './diagnostics';
import { checkIndexPath, loadIndex, saveIndex, unverifiedNote, type LoadedIndex } from './index-file';
import type { Output } from './output';
import { Progress, type ProgressTarget } from './progress';
import { isUrl, pageFetcher, readFeedSource } from './feed-source';
import { printable } from './terminal-text';

export interface FeedIO {
  out: Output;
  err: Writer & ProgressTarget;
}

/** What the run did, for the summary. */
export interface FeedTally {
  feedsRead: number;
  feedsFailed: number;
  added: number;
  already: number;
  repeated: number;
  notArticles: number;
  leftOut: number;
  /** Failed items by reason ("the server answered 404 Not Found" -> 2). */
  failed: Map<string, number>;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function itemName(item: FeedItem, n: number): string {
  const title = item.title ? ` (${JSON.stringify(item.title.length > 60 ? `${item.title.slice(0, 57)}...` : item.title)})` : '';
  return `item ${n}${title}`;
}

/** A reason without its particulars (times, sizes), to group failures in the summary. */
function reasonKind(reason: string): string {
  return reason.replace(/\d+ ms/, 'the time limit').replace(/ \(\d+ bytes announced\)/, '');
}

export function formatFeedSummary(t: FeedTally, indexFile: string, indexed: number | undefined): string {
  const failedItems = [...t.failed.values()].reduce((a, b) => a + b, 0);
  const lines = [`feeds: ${t.feedsRead} read${t.feedsFailed ? `, ${t.feedsFailed} failed (reported on stderr)` : ''}`];
  let items = `items: ${t.added} new, ${t.already} already in the index`;
  if (t.repeated) items += `, ${t.repeated} read twice (recorded once)`;
  if (t.notArticles) items += `, ${plural(t.notArticles, 'page')} not an article (skipped)`;
  if (failedItems) items += `, ${failedItems} failed`;
  if (t.leftOut) items += `, ${t.leftOut} left out by --max-items`;
  lines.push(items);
  for (const [reason, n] of [...t.failed].sort((a, b) => b[1] - a[1])) lines.push(`  ${n} failed: ${reason}`);
  lines.push(indexed === undefined ? `index ${indexFile} was not saved` : `index ${indexFile} now holds ${plural(indexed, 'article')}`);
  return lines.map(printable).join('\n') + '\n';
}

export async function feed(args: FeedArgs, io: FeedIO): Promise<number> {
  const diag = new Diagnostics(io.err);
  // From the first item: a feed of a few link-only items already takes seconds (--delay-ms per page).
  const progress = new Progress(io.err, Progress.decide(io.err, args.progress), 0);
  diag.beforeWrite = () => progress.clear();

  const store = new MemoryStore();
  const engine = await Engine.open(store);
  let existed = false;
  let loaded: LoadedIndex | undefined;
  try {
    existed = await checkIndexPath(args.index);
    if (existed) {
      loaded = await loadIndex(engine, args.index, (done, total) => progress.update(done, total, 'loading index'));
      progress.clear();
      if (!loaded.verified) diag.raw(unverifiedNote(args.index));
    }
  } catch (e) {
    if (!(e instanceof FatalError)) throw e;
    io.err.write(`${printable(`wiretrace: ${e.message}`)}\n`);
    return 1;
  }

  // Every key of every stored article, and of every item claimed in this run.
  const inIndex = new Set<string>();
  for await (const { doc } of store.documents()) for (const k of articleKeys(doc)) inIndex.add(k);
  const claimed = new Set<string>();

  const tally: FeedTally = { feedsRead: 0, feedsFailed: 0, added: 0, already: 0, repeated: 0, notArticles: 0, leftOut: 0, failed: new Map() };
  const sourceOpts = { timeoutMs: args.timeoutMs, maxBytes: args.maxBytes, maxItems: args.maxItems };
  const fetchPage = pageFetcher(sourceOpts);
  const queue = new PoliteQueue({ concurrency: args.concurrency, perHostDelayMs: args.delayMs, now: Date.now, sleep: (ms) => new Promise((r) => setTimeout(r, ms)) });
  let done = 0;
  let total = 0;

  /** An item that failed: `reason` in words, `link` the page it concerns. */
  const failItem = (where: string, reason: string, link?: string) => {
    diag.error(where, link ? `${link}: ${reason}` : reason);
    const kind = reasonKind(reason);
    tally.failed.set(kind, (tally.failed.get(kind) ?? 0) + 1);
  };

  /** Whether keys are new; claims them when they are. */
  const claim = (keys: string[]): 'new' | 'already' | 'repeated' => {
    if (seenBefore(inIndex, keys)) return 'already';
    if (seenBefore(claimed, keys)) return 'repeated';
    for (const k of keys) claimed.add(k);
    return 'new';
  };

  // Records run one after another, in the order items finish reading.
  let recording: Promise<void> = Promise.resolve();
  const record = (article: ArticleInput, where: string) => {
    recording = recording.then(async () => {
      try {
        const r = await engine.record(article);
        if (r.added) tally.added++;
        else tally.already++;
      } catch (e) {
        failItem(where, `cannot record the article: ${(e as Error).message}`);
      }
    });
    return recording;
  };

  const readItem = async (item: FeedItem, ctx: ItemContext, where: string): Promise<void> => {
    const keys = itemKeys(item);
    if (keys.length === 0) {
      failItem(where, 'has no link and no guid to know it by');
      return;
    }
    const state = claim(keys);
    if (state !== 'new') {
      tally[state]++;
      return;
    }
    const content = contentArticle(item, ctx, htmlDocument);
    if (content.status === 'full') {
      await record(content.article, where);
      return;
    }
    if (!item.link) {
      failItem(where, `carries a summary only (${content.judgement?.why ?? 'no body'}) and no link to the article`);
      return;
    }
    try {
      const page = await queue.run(item.link, () => pageArticle(item, ctx, { parseHtml: htmlDocument, fetchPage }));
      // The page's canonical URL may name an article already recorded, or read from another item.
      const extra = page.keys.filter((k) => !keys.includes(k));
      if (seenBefore(inIndex, extra)) tally.already++;
      else if (seenBefore(claimed, extra)) tally.repeated++;
      else {
        for (const k of extra) claimed.add(k);
        await record(page.article, where);
      }
    } catch (e) {
      if (e instanceof FeedError && e.code === 'not-article') {
        tally.notArticles++;
        diag.skip(where, `${e.message}; skipped`);
      } else if (e instanceof FeedError || e instanceof InputError) failItem(where, e.message, item.link);
      else throw e;
    }
  };

  for (const [n, source] of args.sources.entries()) {
    let read;
    progress.update(n, args.sources.length, 'feeds');
    try {
      // Through the queue: the feed's own request counts in its host's delay, before its pages'.
      read = isUrl(source) ? await queue.run(source, () => readFeedSource(source, sourceOpts)) : await readFeedSource(source, sourceOpts);
    } catch (e) {
      if (!(e instanceof FeedError || e instanceof InputError)) throw e;
      tally.feedsFailed++;
      diag.error(source, e instanceof InputError ? e.message : `${e.message}; skipped`);
      continue;
    }
    tally.feedsRead++;
    tally.leftOut += read.feed.itemsLeftOut;
    const outlet = feedOutlet(read.feed, args.outlet, read.url);
    if (!outlet) {
      tally.feedsFailed++;
      diag.error(source, 'the feed has no title and no site address to name its outlet by; give one with --outlet');
      continue;
    }
    const ctx: ItemContext = { outlet, lang: read.feed.lang, feedUrl: read.url };
    total += read.feed.items.length;
    await Promise.all(
      read.feed.items.map((item, i) =>
        readItem(item, ctx, `${source}: ${itemName(item, i + 1)}`).finally(() => progress.update(++done, total, 'items')),
      ),
    );
  }
  await recording;
  progress.clear();

  let indexed: number | undefined;
  if (!existed && tally.feedsRead === 0) {
    // Nothing was read: an empty index would only look like a feed that had no items.
    io.err.write(`${printable(`wiretrace: ${args.index}: not written: no feed could be read (each is named above)`)}\n`);
  } else if (tally.added > 0 || !existed) {
    try {
      await saveIndex(store, args.index, {
        merge: { engine, loaded: loaded?.identity },
        command: 'wiretrace feed',
        lockWaitMs: args.lockWaitSeconds * 1000,
        note: (m) => diag.raw(m),
      });
      indexed = (await store.stats()).documents;
    } catch (e) {
      if (!(e instanceof FatalError)) throw e;
      io.err.write(`${printable(`wiretrace: ${e.message}`)}\n`);
      diag.errors++;
    }
  } else indexed = (await store.stats()).documents;
  await io.out.write(formatFeedSummary(tally, args.index, indexed));
  return diag.errors > 0 ? 1 : 0;
}
