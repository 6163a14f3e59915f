/**
 * Command line parsing (node:util parseArgs). A usage error becomes a UsageError with a one-line
 * message; main prints it with a hint and exits 2.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { parseTime, timeProblem } from '../src/engine/parse-time';
import type { QuestionKind } from '../src/exercise/pack-schema';
import { QUESTION_KINDS } from '../src/exercise/questions';
import { DEFAULT_MAX_BYTES } from './read-file';
import { parseServe, type ServeArgs } from './serve-args';
import { UsageError, type CommandName } from './usage-error';

export { UsageError, type CommandName } from './usage-error';

export interface AuditArgs {
  inputs: string[];
  json: boolean;
  quiet: boolean;
  index?: string;
  meta?: string;
  outlet?: string;
  /** Undefined: by time when any article has a time, else as given. */
  order?: 'time' | 'given';
  maxBytes: number;
  progress: boolean;
  /** -r: directories are searched recursively. */
  recursive: boolean;
  /** --force: .html pages that do not look like articles are read anyway. */
  force: boolean;
  /** --with-text: --json documents carry their paragraphs' text. */
  withText: boolean;
  /** --store postgres://…: the team index in PostgreSQL, directly (with --team, default 'default'). */
  store?: string;
  team?: string;
  /** --remote URL with --token (or WIRETRACE_TOKEN): the team index through its service. */
  remote?: string;
  token?: string;
  /** --lock-wait: seconds to wait for another process saving the same --index. */
  lockWaitSeconds: number;
}

export interface AlignArgs {
  a: string;
  b: string;
  json: boolean;
  maxBytes: number;
}

export interface FeedArgs {
  /** Feed URLs (http, https) and saved feed files, in order. */
  sources: string[];
  index: string;
  outlet?: string;
  /** Read at most this many items of each feed (its first ones). */
  maxItems?: number;
  concurrency: number;
  /** Milliseconds between the starts of two requests to one host. */
  delayMs: number;
  timeoutMs: number;
  maxBytes: number;
  progress: boolean;
  /** --lock-wait: seconds to wait for another process saving the same --index. */
  lockWaitSeconds: number;
}

export interface PackArgs {
  inputs: string[];
  output: string;
  /** The pack's fields given as options (they override --meta's). */
  fields: { title?: string; description?: string; creator?: string; licence?: string; tags?: string[]; created?: string };
  /** --meta: a JSON file with the pack's fields. */
  meta?: string;
  /** --file-meta: the audit's sidecar of per-file metadata. */
  fileMeta?: string;
  /** --base-url: the address of the working directory; HTML files are read as the pages below it. */
  baseUrl?: string;
  outlet?: string;
  /** --first-seen: the time recorded as first seen (the first article's; each next one a millisecond later). */
  firstSeen?: string;
  recursive: boolean;
  maxBytes: number;
  progress: boolean;
  /** --lock-wait: seconds to wait for another process writing the same output file. */
  lockWaitSeconds: number;
}

export interface ExerciseBuildArgs {
  inputs: string[];
  /** Undefined: the pack goes to stdout. */
  output?: string;
  /** The pack's description given as options; without `title`, the earliest article's title. */
  fields: { title?: string; description?: string; language?: string; audience?: string; minutes?: number; licence?: string; creator?: string; created?: string };
  /** --article: the ids of the articles asked about (default: chosen from the reports). */
  articles: string[];
  /** --question: the kinds of question asked (default: every kind). */
  questions?: QuestionKind[];
  /** --meta: the audit's sidecar of per-file metadata. */
  meta?: string;
  outlet?: string;
  recursive: boolean;
  maxBytes: number;
}

/** Seconds to wait for another process saving the same index, unless --lock-wait says otherwise. */
export const DEFAULT_LOCK_WAIT_SECONDS = 600;

export type Command =
  | { kind: 'help'; topic?: CommandName }
  | { kind: 'version' }
  | { kind: 'audit'; args: AuditArgs }
  | { kind: 'align'; args: AlignArgs }
  | { kind: 'feed'; args: FeedArgs }
  | { kind: 'pack'; args: PackArgs }
  | { kind: 'exercise-build'; args: ExerciseBuildArgs }
  | { kind: 'serve'; args: ServeArgs };

const COMMANDS: CommandName[] = ['audit', 'align', 'feed', 'pack', 'exercise', 'serve'];

const auditOptions = {
  json: { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
  index: { type: 'string' },
  meta: { type: 'string' },
  outlet: { type: 'string' },
  order: { type: 'string' },
  'max-bytes': { type: 'string' },
  progress: { type: 'boolean' },
  recursive: { type: 'boolean', short: 'r' },
  force: { type: 'boolean' },
  'with-text': { type: 'boolean' },
  store: { type: 'string' },
  team: { type: 'string' },
  remote: { type: 'string' },
  token: { type: 'string' },
  'lock-wait': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} satisfies ParseArgsConfig['options'];

const alignOptions = {
  json: { type: 'boolean' },
  'max-bytes': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} satisfies ParseArgsConfig['options'];

const feedOptions = {
  index: { type: 'string' },
  outlet: { type: 'string' },
  'max-items': { type: 'string' },
  concurrency: { type: 'string' },
  'delay-ms': { type: 'string' },
  'timeout-ms': { type: 'string' },
  'max-bytes': { type: 'string' },
  progress: { type: 'boolean' },
  'lock-wait': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} satisfies ParseArgsConfig['options'];

const packOptions = {
  output: { type: 'string', short: 'o' },
  title: { type: 'string' },
  description: { type: 'string' },
  creator: { type: 'string' },
  licence: { type: 'string' },
  license: { type: 'string' },
  tag: { type: 'string', multiple: true },
  created: { type: 'string' },
  meta: { type: 'string' },
  'file-meta': { type: 'string' },
  'base-url': { type: 'string' },
  outlet: { type: 'string' },
  'first-seen': { type: 'string' },
  recursive: { type: 'boolean', short: 'r' },
  'max-bytes': { type: 'string' },
  progress: { type: 'boolean' },
  'lock-wait': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} satisfies ParseArgsConfig['options'];

const exerciseOptions = {
  output: { type: 'string', short: 'o' },
  title: { type: 'string' },
  description: { type: 'string' },
  language: { type: 'string' },
  audience: { type: 'string' },
  minutes: { type: 'string' },
  licence: { type: 'string' },
  license: { type: 'string' },
  creator: { type: 'string' },
  created: { type: 'string' },
  article: { type: 'string', multiple: true },
  question: { type: 'string', multiple: true },
  meta: { type: 'string' },
  outlet: { type: 'string' },
  recursive: { type: 'boolean', short: 'r' },
  'max-bytes': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} satisfies ParseArgsConfig['options'];

/** --question KIND, given again or as a comma list: the kinds, each known, once, in the order given. */
function questionKinds(given: string[] | undefined): QuestionKind[] | undefined {
  if (!given) return undefined;
  const known: readonly string[] = QUESTION_KINDS;
  const out: QuestionKind[] = [];
  for (const kind of given.flatMap((g) => g.split(',')).map((k) => k.trim())) {
    if (!known.includes(kind)) throw new UsageError(`--question '${kind}': not a kind of question (${QUESTION_KINDS.join(', ')})`, 'exercise');
    if (!out.includes(kind as QuestionKind)) out.push(kind as QuestionKind);
  }
  return out;
}

/** parseArgs' messages are long and mention its own API; say it in one short line instead. */
function rephrase(e: unknown, command: CommandName): UsageError {
  const err = e as { code?: string; message: string };
  const name = /'(-[^' ]+)/.exec(err.message)?.[1];
  switch (err.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return new UsageError(`unknown option ${name ?? ''} for '${command}'`.replace('  ', ' '), command);
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (!name) return new UsageError(err.message.split('. ')[0], command);
      if (/argument missing/.test(err.message)) return new UsageError(`option ${name} needs a value`, command);
      // "--delay-ms -5": the value starts with a dash, so parseArgs will not take it as one.
      if (/ambiguous/.test(err.message)) return new UsageError(`option ${name} needs a value, and the next argument starts with '-': give such a value as ${name}=VALUE`, command);
      return new UsageError(`option ${name} takes no value`, command);
    default:
      return new UsageError(err.message.split('. ')[0], command);
  }
}

/** "50000000", "100", "64k", "50M", "1G" (binary units). */
export function parseBytes(value: string): number | undefined {
  const m = /^(\d+)\s*([kmg]?)i?b?$/i.exec(value.trim());
  if (!m) return undefined;
  const n = Number(m[1]) * { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[m[2].toLowerCase() as '' | 'k' | 'm' | 'g'];
  return n > 0 && Number.isSafeInteger(n) ? n : undefined;
}

function maxBytesOf(value: string | undefined, command: CommandName): number {
  if (value === undefined) return DEFAULT_MAX_BYTES;
  const n = parseBytes(value);
  if (n === undefined) throw new UsageError(`--max-bytes needs a positive number of bytes (like 100, 64k or 50M), not '${value}'`, command);
  return n;
}

function nonEmpty(value: string | undefined, flag: string, command: CommandName): string | undefined {
  if (value !== undefined && value.trim() === '') throw new UsageError(`${flag} needs a non-empty value`, command);
  return value;
}

/** A whole number option within [min, max]; `what` says what it counts, for the message. */
function intOf(value: string | undefined, flag: string, command: CommandName, min: number, max: number, fallback: number): number;
function intOf(value: string | undefined, flag: string, command: CommandName, min: number, max: number): number | undefined;
function intOf(value: string | undefined, flag: string, command: CommandName, min: number, max: number, fallback?: number): number | undefined {
  if (value === undefined) return fallback;
  const n = /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) throw new UsageError(`${flag} needs a whole number from ${min} to ${max}, not '${value}'`, command);
  return n;
}

function parseWith<O extends ParseArgsConfig['options']>(command: CommandName, rest: string[], options: O) {
  try {
    return parseArgs({ args: rest, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw rephrase(e, command);
  }
}

function parseFeed(rest: string[]): Command {
  const parsed = parseWith('feed', rest, feedOptions);
  const v = parsed.values;
  if (v.help) return { kind: 'help', topic: 'feed' };
  if (parsed.positionals.length === 0) throw new UsageError('feed needs at least one feed (a URL or a saved feed file)', 'feed');
  const index = nonEmpty(v.index, '--index', 'feed');
  if (!index) throw new UsageError('feed needs --index FILE (the index the items are recorded into)', 'feed');
  return {
    kind: 'feed',
    args: {
      sources: parsed.positionals,
      index,
      outlet: nonEmpty(v.outlet, '--outlet', 'feed')?.trim(),
      maxItems: intOf(v['max-items'], '--max-items', 'feed', 1, 1_000_000),
      concurrency: intOf(v.concurrency, '--concurrency', 'feed', 1, 64, 4),
      delayMs: intOf(v['delay-ms'], '--delay-ms', 'feed', 0, 600_000, 1000),
      timeoutMs: intOf(v['timeout-ms'], '--timeout-ms', 'feed', 1, 600_000, 20_000),
      maxBytes: maxBytesOf(v['max-bytes'], 'feed'),
      progress: !!v.progress,
      lockWaitSeconds: intOf(v['lock-wait'], '--lock-wait', 'feed', 0, 86_400, DEFAULT_LOCK_WAIT_SECONDS),
    },
  };
}

/** --base-url: an http(s) address without query or fragment, ending in "/" (added when missing). */
function baseUrlOf(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`--base-url needs an http:// or https:// address such as http://127.0.0.1:8471/, not '${value}'`, 'pack');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`--base-url needs an http:// or https:// address, not a ${url.protocol} one ('${value}')`, 'pack');
  if (url.search || url.hash) throw new UsageError(`--base-url is the address of a directory: give it without a query or fragment ('${value}')`, 'pack');
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url.href;
}

function parsePack(rest: string[]): Command {
  const parsed = parseWith('pack', rest, packOptions);
  const v = parsed.values;
  if (v.help) return { kind: 'help', topic: 'pack' };
  const output = nonEmpty(v.output, '-o', 'pack');
  if (!output) throw new UsageError('pack needs -o PACK (the file to write)', 'pack');
  if (parsed.positionals.length === 0) throw new UsageError('pack needs at least one input (a file or a directory)', 'pack');
  if (v.licence !== undefined && v.license !== undefined) throw new UsageError('give --licence once (--license is the same option)', 'pack');
  for (const t of [v['first-seen'], v.created]) {
    if (t !== undefined && parseTime(t) === undefined) throw new UsageError(`${timeProblem(t)} is not a time (give an ISO 8601 time such as 2025-03-14T06:00:00Z)`, 'pack');
  }
  return {
    kind: 'pack',
    args: {
      inputs: parsed.positionals,
      output,
      fields: {
        title: v.title,
        description: v.description,
        creator: v.creator,
        licence: v.licence ?? v.license,
        tags: v.tag,
        created: v.created,
      },
      meta: nonEmpty(v.meta, '--meta', 'pack'),
      fileMeta: nonEmpty(v['file-meta'], '--file-meta', 'pack'),
      baseUrl: baseUrlOf(v['base-url']),
      outlet: nonEmpty(v.outlet, '--outlet', 'pack')?.trim(),
      firstSeen: v['first-seen'],
      recursive: !!v.recursive,
      maxBytes: maxBytesOf(v['max-bytes'], 'pack'),
      progress: !!v.progress,
      lockWaitSeconds: intOf(v['lock-wait'], '--lock-wait', 'pack', 0, 86_400, DEFAULT_LOCK_WAIT_SECONDS),
    },
  };
}

/** The index an audit works on: --index FILE, --store postgres://… (--team), or --remote URL (--token); at most one. */
function auditIndex(v: { index?: string; store?: string; team?: string; remote?: string; token?: string }, env: NodeJS.ProcessEnv): Pick<AuditArgs, 'index' | 'store' | 'team' | 'remote' | 'token'> {
  const given = (['index', 'store', 'remote'] as const).filter((k) => v[k] !== undefined);
  if (given.length > 1) throw new UsageError(`give one of --index, --store and --remote, not ${given.map((k) => `--${k}`).join(' and ')}`, 'audit');
  const store = nonEmpty(v.store, '--store', 'audit');
  if (store !== undefined && !/^postgres(ql)?:\/\//.test(store)) throw new UsageError("--store needs a postgres:// URL (the team index's database)", 'audit');
  if (v.team !== undefined && store === undefined) throw new UsageError('--team goes with --store (a token already names its team)', 'audit');
  const team = nonEmpty(v.team, '--team', 'audit')?.trim();
  const remote = nonEmpty(v.remote, '--remote', 'audit');
  const token = nonEmpty(v.token, '--token', 'audit') ?? (remote !== undefined ? env.WIRETRACE_TOKEN : undefined);
  if (v.token !== undefined && remote === undefined) throw new UsageError('--token goes with --remote', 'audit');
  if (remote !== undefined && !token) throw new UsageError('--remote needs a token: --token T or WIRETRACE_TOKEN', 'audit');
  if (remote !== undefined && !/^https?:\/\//.test(remote)) throw new UsageError("--remote needs the service's http(s) URL", 'audit');
  return { index: nonEmpty(v.index, '--index', 'audit'), store, team: store !== undefined ? team ?? 'default' : undefined, remote, token: remote !== undefined ? token : undefined };
}

function parseExercise(rest: string[]): Command {
  const [sub, ...more] = rest;
  if (sub === undefined || sub === '--help' || sub === '-h') return { kind: 'help', topic: 'exercise' };
  if (sub !== 'build') throw new UsageError(`unknown exercise command '${sub}' (exercise build)`, 'exercise');
  const parsed = parseWith('exercise', more, exerciseOptions);
  const v = parsed.values;
  if (v.help) return { kind: 'help', topic: 'exercise' };
  if (parsed.positionals.length === 0) throw new UsageError('exercise build needs at least one input (a file or a directory)', 'exercise');
  const title = nonEmpty(v.title, '--title', 'exercise');
  if (v.licence !== undefined && v.license !== undefined) throw new UsageError('give --licence once (--license is the same option)', 'exercise');
  if (v.created !== undefined && !Number.isFinite(Date.parse(v.created))) throw new UsageError(`'${v.created}' is not a time (give an ISO 8601 time such as 2025-03-14T06:00:00Z)`, 'exercise');
  return {
    kind: 'exercise-build',
    args: {
      inputs: parsed.positionals,
      output: nonEmpty(v.output, '-o', 'exercise'),
      fields: {
        title: title?.trim(),
        description: v.description,
        language: nonEmpty(v.language, '--language', 'exercise'),
        audience: nonEmpty(v.audience, '--audience', 'exercise'),
        minutes: intOf(v.minutes, '--minutes', 'exercise', 1, 600),
        licence: nonEmpty(v.licence ?? v.license, '--licence', 'exercise'),
        creator: v.creator,
        created: v.created,
      },
      articles: v.article ?? [],
      questions: questionKinds(v.question),
      meta: nonEmpty(v.meta, '--meta', 'exercise'),
      outlet: nonEmpty(v.outlet, '--outlet', 'exercise')?.trim(),
      recursive: !!v.recursive,
      maxBytes: maxBytesOf(v['max-bytes'], 'exercise'),
    },
  };
}

export function parseCommand(argv: string[], env: NodeJS.ProcessEnv = process.env): Command {
  const [first, ...rest] = argv;
  if (first === undefined) throw new UsageError('missing command (audit, align, feed, pack, exercise or serve)');
  if (first === '--help' || first === '-h' || first === 'help') {
    const topic = rest[0];
    if (topic === undefined) return { kind: 'help' };
    if ((COMMANDS as string[]).includes(topic)) return { kind: 'help', topic: topic as CommandName };
    throw new UsageError(`no help for '${topic}' (commands: ${COMMANDS.join(', ')})`);
  }
  if (first === '--version' || first === '-V' || first === '-v' || first === 'version') return { kind: 'version' };
  if (first.startsWith('-')) throw new UsageError(`unknown option ${first} (a command comes first: audit, align, feed, pack, exercise or serve)`);
  if (first === 'feed') return parseFeed(rest);
  if (first === 'pack') return parsePack(rest);
  if (first === 'exercise') return parseExercise(rest);
  if (first === 'serve') {
    const serve = parseServe(rest, env);
    return 'help' in serve ? { kind: 'help', topic: 'serve' } : { kind: 'serve', args: serve };
  }

  if (first === 'audit') {
    let parsed;
    try {
      parsed = parseArgs({ args: rest, options: auditOptions, allowPositionals: true, strict: true });
    } catch (e) {
      throw rephrase(e, 'audit');
    }
    const v = parsed.values;
    if (v.help) return { kind: 'help', topic: 'audit' };
    if (parsed.positionals.length === 0) throw new UsageError('audit needs at least one input (a file or a directory)', 'audit');
    if (v['with-text'] && !v.json) throw new UsageError('--with-text needs --json (it adds the paragraphs to the JSON documents)', 'audit');
    if (v.order !== undefined && v.order !== 'time' && v.order !== 'given') throw new UsageError(`--order must be 'time' or 'given', not '${v.order}'`, 'audit');
    return {
      kind: 'audit',
      args: {
        inputs: parsed.positionals,
        json: !!v.json,
        quiet: !!v.quiet,
        ...auditIndex(v, env),
        meta: nonEmpty(v.meta, '--meta', 'audit'),
        outlet: nonEmpty(v.outlet, '--outlet', 'audit')?.trim(),
        order: v.order as AuditArgs['order'],
        maxBytes: maxBytesOf(v['max-bytes'], 'audit'),
        progress: !!v.progress,
        recursive: !!v.recursive,
        force: !!v.force,
        withText: !!v['with-text'],
        lockWaitSeconds: intOf(v['lock-wait'], '--lock-wait', 'audit', 0, 86_400, DEFAULT_LOCK_WAIT_SECONDS),
      },
    };
  }

  if (first === 'align') {
    let parsed;
    try {
      parsed = parseArgs({ args: rest, options: alignOptions, allowPositionals: true, strict: true });
    } catch (e) {
      throw rephrase(e, 'align');
    }
    const v = parsed.values;
    if (v.help) return { kind: 'help', topic: 'align' };
    if (parsed.positionals.length !== 2) {
      throw new UsageError(`align needs exactly two text files, got ${parsed.positionals.length}`, 'align');
    }
    return { kind: 'align', args: { a: parsed.positionals[0], b: parsed.positionals[1], json: !!v.json, maxBytes: maxBytesOf(v['max-bytes'], 'align') } };
  }

  throw new UsageError(`unknown command '${first}' (commands: ${COMMANDS.join(', ')})`);
}
