/**
 * wiretrace audit: read the inputs, put the articles in order, and check each against all the
 * articles before it (engine.checkAndRecord), writing each report as it is made.
 *
 * Order: by publication time (stable, given order for ties; undated articles last, in the
 * order given) when any article has a time, else as given; --order overrides. With
 * --order given the inputs are streamed: a large corpus is never held in memory whole.
 *
 * Undated articles get a firstSeen time one millisecond apart in checking order, so the
 * engine, which only counts strictly earlier articles as sources, sees them in that order.
 *
 * The index is the run's own (in memory, loaded from and saved to --index FILE when given) or the
 * team index (team-store.ts): in PostgreSQL directly (--store) or through its service (--remote),
 * where every checked article is recorded as it is checked.
 *
 * Pages read with --force that do not look like articles are checked but never recorded (neither
 * for the later articles of the run nor into --index). Pages skipped as not articles are notes on
 * stderr, not errors: the exit status is 1 only for inputs that could not be used.
 */
import { Engine } from '../src/engine/engine';
import { MemoryStore } from '../src/engine/memory-store';
import type { IndexStore } from '../src/engine/store';
import { MAX_TIME } from '../src/engine/parse-time';
import type { Report } from '../src/engine/types';
import type { AuditArgs } from './args';
import { Diagnostics, FatalError, type Writer } from './diagnostics';
import { documentChunk, JSON_HEAD, JSON_TAIL, type NotRecorded } from './format-json';
import { formatHuman, formatSummary, hasFindings } from './format-human';
import { checkIndexPath, loadIndex, saveIndex, unverifiedNote, type LoadedIndex } from './index-file';
import { loadMeta } from './meta';
import type { Output } from './output';
import { Progress, type ProgressTarget } from './progress';
import type { ArticleItem } from './article-item';
import { expandInputs } from './expand-inputs';
import { readArticles } from './read-inputs';
import { openTeamStore, type TeamStore } from './team-store';
import { printable } from './terminal-text';

export interface AuditIO {
  out: Output;
  err: Writer & ProgressTarget;
}

/** Stable sort by publication time; undated articles after the dated ones, in their given order. */
export function byTime(items: ArticleItem[]): ArticleItem[] {
  const keyed = items.map((item, i) => ({ item, i, t: item.article.published ? Date.parse(item.article.published) : Infinity }));
  keyed.sort((x, y) => x.t - y.t || x.i - y.i);
  return keyed.map((k) => k.item);
}

export async function audit(args: AuditArgs, io: AuditIO): Promise<number> {
  const diag = new Diagnostics(io.err);
  const progress = new Progress(io.err, Progress.decide(io.err, args.progress));
  diag.beforeWrite = () => progress.clear();
  const fatal = (e: unknown): number => {
    if (!(e instanceof FatalError)) throw e;
    progress.clear();
    io.err.write(`${printable(`wiretrace: ${e.message}`)}\n`);
    return 1;
  };

  let team: TeamStore | undefined;
  let store: IndexStore;
  let engine: Engine;
  try {
    team = await openTeamStore(args);
    store = team?.store ?? new MemoryStore();
    engine = await Engine.open(store);
  } catch (e) {
    await team?.close();
    return fatal(e instanceof FatalError || !team ? e : new FatalError(`team index ${team.name}: ${(e as Error).message}`));
  }
  try {
    return await auditWith(args, io, store, engine, team, diag, progress, fatal);
  } finally {
    await team?.close();
  }
}

async function auditWith(args: AuditArgs, io: AuditIO, store: IndexStore, engine: Engine, team: TeamStore | undefined, diag: Diagnostics, progress: Progress, fatal: (e: unknown) => number): Promise<number> {
  let meta;
  let loaded: LoadedIndex | undefined;
  try {
    meta = args.meta ? await loadMeta(args.meta, args.maxBytes) : undefined;
    if (args.index && (await checkIndexPath(args.index))) {
      loaded = await loadIndex(engine, args.index, (done, total) => progress.update(done, total, 'loading index'));
      progress.clear();
      if (!loaded.verified) diag.raw(unverifiedNote(args.index));
    }
  } catch (e) {
    return fatal(e);
  }

  // Undated articles are "first seen" now, after everything already indexed (never past the last
  // time an index file can hold).
  let clock = Date.now();
  if (args.index) {
    for await (const { doc } of store.documents()) clock = Math.max(clock, doc.firstSeen + 1);
  }
  if (team) clock = Math.max(clock, ((await team.latestFirstSeen()) ?? 0) + 1);
  const nextFirstSeen = () => new Date(Math.min(clock++, MAX_TIME)).toISOString();

  const files = await expandInputs(args.inputs, diag, { recursive: args.recursive });
  const readOpts = { maxBytes: args.maxBytes, outlet: args.outlet, meta, force: args.force };

  let checked = 0;
  let withFindings = 0;
  let printed = 0;
  const seenHere = new Map<string, string>();

  const emit = async (r: Report, paragraphs: string[], notRecorded: NotRecorded) => {
    if (args.quiet && !hasFindings(r)) return;
    if (args.json) await io.out.write(documentChunk(r, printed === 0, { text: args.withText ? paragraphs : undefined, notRecorded }));
    else await io.out.write(formatHuman(r, notRecorded));
    printed++;
  };

  const process1 = async (item: ArticleItem, total: number | undefined) => {
    const { article, where } = item;
    const earlier = seenHere.get(article.id);
    if (earlier !== undefined) diag.note(where, `id ${JSON.stringify(article.id)} was already read (${earlier}); checked again but recorded once`);
    else seenHere.set(article.id, where);
    const input = { ...article };
    const stored = await store.getDocumentById(input.id);
    if (!input.published && !input.firstSeen && !stored) input.firstSeen = nextFirstSeen();
    // A page read with --force though it does not look like an article is checked, never recorded:
    // a contents page must not become a source of the articles it lists.
    const notRecorded: NotRecorded = item.notArticle ? 'not-article' : stored ? 'already-recorded' : null;
    let report: Report;
    try {
      report = item.notArticle ? await engine.check(input) : await engine.checkAndRecord(input);
    } catch (e) {
      diag.error(where, `cannot check the article: ${(e as Error).message}`);
      return;
    }
    checked++;
    if (hasFindings(report)) withFindings++;
    await emit(report, article.paragraphs, notRecorded);
    progress.update(checked, total, 'checking');
  };

  if (args.json) await io.out.write(JSON_HEAD);
  const stream = readArticles(files, readOpts, diag);
  if (args.order === 'given') {
    for await (const item of stream) await process1(item, undefined);
  } else {
    const items: ArticleItem[] = [];
    for await (const item of stream) {
      items.push(item);
      progress.update(items.length, undefined, 'reading');
    }
    const ordered = items.some((i) => i.article.published) ? byTime(items) : items;
    for (const item of ordered) await process1(item, ordered.length);
  }
  progress.clear();
  if (args.json) await io.out.write(JSON_TAIL);

  let indexed: number | undefined;
  if (args.index) {
    try {
      await saveIndex(store, args.index, {
        merge: { engine, loaded: loaded?.identity },
        command: 'wiretrace audit',
        lockWaitMs: args.lockWaitSeconds * 1000,
        note: (m) => diag.raw(m),
      });
      indexed = (await store.stats()).documents;
    } catch (e) {
      fatal(e);
      diag.errors++;
    }
  }
  if (team) {
    try {
      indexed = (await store.stats()).documents;
    } catch (e) {
      diag.error(`team index ${team.name}`, `cannot read its size: ${(e as Error).message}`);
    }
  }
  if (!args.json && !args.quiet) {
    await io.out.write(formatSummary({ checked, withFindings, errors: diag.errors, skipped: diag.skipped, indexed, indexFile: indexed !== undefined ? args.index ?? team?.name : undefined }));
  }
  return diag.errors > 0 ? 1 : 0;
}
