/**
 * Command line parsing (node:util parseArgs). A usage error becomes a UsageError with a one-line
 * message; main prints it with a hint and exits 2.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { DEFAULT_MAX_BYTES } from './read-file';

export class UsageError extends Error {
  override name = 'UsageError';
  constructor(
    message: string,
    /** The command whose --help the hint points to. */
    readonly command?: 'audit' | 'align',
  ) {
    super(message);
  }
}

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
}

export interface AlignArgs {
  a: string;
  b: string;
  json: boolean;
  maxBytes: number;
}

export type Command =
  | { kind: 'help'; topic?: 'audit' | 'align' }
  | { kind: 'version' }
  | { kind: 'audit'; args: AuditArgs }
  | { kind: 'align'; args: AlignArgs };

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
  help: { type: 'boolean', short: 'h' },
} satisfies ParseArgsConfig['options'];

const alignOptions = {
  json: { type: 'boolean' },
  'max-bytes': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} satisfies ParseArgsConfig['options'];

/** parseArgs' messages are long and mention its own API; say it in one short line instead. */
function rephrase(e: unknown, command: 'audit' | 'align'): UsageError {
  const err = e as { code?: string; message: string };
  const name = /'(-[^' ]+)/.exec(err.message)?.[1];
  switch (err.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return new UsageError(`unknown option ${name ?? ''} for '${command}'`.replace('  ', ' '), command);
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return new UsageError(name ? `option ${name} ${/argument missing/.test(err.message) ? 'needs a value' : 'takes no value'}` : err.message.split('. ')[0], command);
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

function maxBytesOf(value: string | undefined, command: 'audit' | 'align'): number {
  if (value === undefined) return DEFAULT_MAX_BYTES;
  const n = parseBytes(value);
  if (n === undefined) throw new UsageError(`--max-bytes needs a positive number of bytes (like 100, 64k or 50M), not '${value}'`, command);
  return n;
}

function nonEmpty(value: string | undefined, flag: string, command: 'audit' | 'align'): string | undefined {
  if (value !== undefined && value.trim() === '') throw new UsageError(`${flag} needs a non-empty value`, command);
  return value;
}

export function parseCommand(argv: string[]): Command {
  const [first, ...rest] = argv;
  if (first === undefined) throw new UsageError('missing command (audit or align)');
  if (first === '--help' || first === '-h' || first === 'help') {
    const topic = rest[0];
    if (topic === undefined) return { kind: 'help' };
    if (topic === 'audit' || topic === 'align') return { kind: 'help', topic };
    throw new UsageError(`no help for '${topic}' (commands: audit, align)`);
  }
  if (first === '--version' || first === '-V' || first === '-v' || first === 'version') return { kind: 'version' };
  if (first.startsWith('-')) throw new UsageError(`unknown option ${first} (a command comes first: audit or align)`);

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
        index: nonEmpty(v.index, '--index', 'audit'),
        meta: nonEmpty(v.meta, '--meta', 'audit'),
        outlet: nonEmpty(v.outlet, '--outlet', 'audit')?.trim(),
        order: v.order as AuditArgs['order'],
        maxBytes: maxBytesOf(v['max-bytes'], 'audit'),
        progress: !!v.progress,
        recursive: !!v.recursive,
        force: !!v.force,
        withText: !!v['with-text'],
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

  throw new UsageError(`unknown command '${first}' (commands: audit, align)`);
}
