/**
 * wiretrace pack: an index pack from any inputs `audit` reads (read-inputs.ts): the articles are
 * recorded in publication order into a fresh index and written, all or nothing, as an index file
 * whose header describes the pack (title, description, creator, created, licence, tags: checked by
 * src/engine/pack-header.ts). The description comes from --meta FILE (a JSON object of those fields)
 * with the options over it. --first-seen fixes the recorded times, and --created the pack's own, so
 * the same inputs give the same bytes (scripts/build-demo-pack.ts builds demo/demo.pack.jsonl so).
 */
import { Engine } from '../src/engine/engine';
import { MemoryStore } from '../src/engine/memory-store';
import { checkPack, type PackInfo } from '../src/engine/pack-header';
import type { PackArgs } from './args';
import type { ArticleItem } from './article-item';
import { byTime } from './audit';
import { Diagnostics, FatalError, InputError, type Writer } from './diagnostics';
import { expandInputs } from './expand-inputs';
import { checkIndexPath, saveIndex } from './index-file';
import { loadMeta } from './meta';
import type { Output } from './output';
import { Progress, type ProgressTarget } from './progress';
import { readTextFile } from './read-file';
import { readArticles } from './read-inputs';
import { printable } from './terminal-text';

export interface PackIO {
  out: Output;
  err: Writer & ProgressTarget;
}

/** The pack's description: --meta's fields, the options over them, `created` now when neither gives it. */
export async function packInfo(args: PackArgs, now: Date): Promise<PackInfo> {
  let fromFile: Record<string, unknown> = {};
  if (args.meta) {
    let text: string;
    try {
      text = await readTextFile(args.meta, args.maxBytes);
    } catch (e) {
      if (e instanceof InputError) throw new FatalError(`${e.where}: ${e.message}`);
      throw e;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      throw new FatalError(`${args.meta}: not valid JSON (${(e as Error).message})`);
    }
    if (!value || typeof value !== 'object' || Array.isArray(value)) throw new FatalError(`${args.meta}: expected a JSON object of the pack's fields (title, description, creator, created, licence, tags)`);
    fromFile = value as Record<string, unknown>;
  }
  const given: Record<string, unknown> = Object.fromEntries(Object.entries(args.fields).filter(([, v]) => v !== undefined));
  if (typeof given.created === 'string') given.created = new Date(given.created).toISOString();
  const merged: Record<string, unknown> = { created: now.toISOString(), ...fromFile, ...given };
  if (merged.title === undefined) throw new FatalError(`the pack needs a title: give --title${args.meta ? ` or "title" in ${args.meta}` : ''}`);
  const checked = checkPack(merged);
  if (checked.ok) return checked.value;
  const field = checked.message.split(/[:.[]/)[0];
  throw new FatalError(`${args.meta && !(field in given) ? `${args.meta}: ` : ''}the pack's ${checked.message}`);
}

export async function pack(args: PackArgs, io: PackIO): Promise<number> {
  const diag = new Diagnostics(io.err);
  const progress = new Progress(io.err, Progress.decide(io.err, args.progress));
  diag.beforeWrite = () => progress.clear();
  const fatal = (e: unknown): number => {
    if (!(e instanceof FatalError)) throw e;
    progress.clear();
    io.err.write(`${printable(`wiretrace: ${e.message}`)}\n`);
    return 1;
  };

  let info: PackInfo;
  let fileMeta;
  try {
    info = await packInfo(args, new Date());
    fileMeta = args.fileMeta ? await loadMeta(args.fileMeta, args.maxBytes) : undefined;
    await checkIndexPath(args.output);
  } catch (e) {
    return fatal(e);
  }

  const files = await expandInputs(args.inputs, diag, { recursive: args.recursive });
  const items: ArticleItem[] = [];
  for await (const item of readArticles(files, { maxBytes: args.maxBytes, outlet: args.outlet, meta: fileMeta, baseUrl: args.baseUrl }, diag)) {
    items.push(item);
    progress.update(items.length, undefined, 'reading');
  }
  const ordered = items.some((i) => i.article.published) ? byTime(items) : items;

  const store = new MemoryStore();
  const engine = await Engine.open(store);
  const base = args.firstSeen !== undefined ? Date.parse(args.firstSeen) : Date.now();
  let n = 0;
  for (const { article, where } of ordered) {
    const input = { ...article };
    if (args.firstSeen !== undefined || !input.firstSeen) input.firstSeen = new Date(base + n).toISOString();
    try {
      const r = await engine.record(input);
      if (r.added) n++;
      else diag.note(where, `id ${JSON.stringify(article.id)} was already read; packed once`);
    } catch (e) {
      diag.error(where, `cannot record the article: ${(e as Error).message}`);
    }
    progress.update(n, ordered.length, 'packing');
  }
  progress.clear();
  if (n === 0) {
    io.err.write(`${printable(`wiretrace: no articles to pack; ${args.output} was not written`)}\n`);
    return 1;
  }
  try {
    await saveIndex(store, args.output, { pack: info, command: 'wiretrace pack', lockWaitMs: args.lockWaitSeconds * 1000, note: (m) => diag.raw(m) });
  } catch (e) {
    return fatal(e);
  }
  await io.out.write(`${printable(`pack ${args.output}: "${info.title}"`)}, ${n} ${n === 1 ? 'article' : 'articles'}${diag.skipped ? `; ${diag.skipped} ${diag.skipped === 1 ? 'page' : 'pages'} skipped as not articles` : ''}${diag.errors ? `; ${diag.errors} input ${diag.errors === 1 ? 'error' : 'errors'} (reported on stderr)` : ''}\n`);
  return diag.errors > 0 ? 1 : 0;
}
