/**
 * `wiretrace serve` arguments: run the team index service, migrate its database, or make, list and
 * revoke its tokens. The database URL comes from --db or the WIRETRACE_DB environment variable (which
 * keeps its password out of the process list).
 */
import { parseArgs } from 'node:util';
import { UsageError } from './usage-error';

export type ServeArgs =
  | { action: 'run'; db: string; host: string; port: number }
  | { action: 'migrate'; db: string }
  | { action: 'token-create'; db: string; team: string; scope: 'read' | 'write'; label?: string }
  | { action: 'token-list'; db: string; team?: string }
  | { action: 'token-revoke'; db: string; id: number };

const options = {
  db: { type: 'string' },
  host: { type: 'string' },
  port: { type: 'string' },
  team: { type: 'string' },
  scope: { type: 'string' },
  label: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** `help: true` when --help was asked for; the parsed action otherwise. */
export function parseServe(rest: string[], env: NodeJS.ProcessEnv = process.env): ServeArgs | { help: true } {
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options, allowPositionals: true, strict: true });
  } catch (e) {
    const name = /'(-[^' ]+)/.exec((e as Error).message)?.[1];
    throw new UsageError((e as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? `unknown option ${name ?? ''} for 'serve'` : (e as Error).message.split('. ')[0], 'serve');
  }
  const v = parsed.values;
  if (v.help) return { help: true };
  const db = v.db ?? env.WIRETRACE_DB;
  if (!db) throw new UsageError('serve needs the database: --db postgres://… or WIRETRACE_DB', 'serve');
  if (!/^postgres(ql)?:\/\//.test(db)) throw new UsageError(`--db must be a postgres:// URL, not '${db.replace(/:[^:@/]*@/, ':…@')}'`, 'serve');
  const [first, second, ...more] = parsed.positionals;
  const only = (allowed: string[], what: string) => {
    for (const k of ['host', 'port', 'team', 'scope', 'label'] as const) {
      if (v[k] !== undefined && !allowed.includes(k)) throw new UsageError(`--${k} does not apply to '${what}'`, 'serve');
    }
  };
  if (first === undefined) {
    only(['host', 'port'], 'serve');
    const port = v.port === undefined ? 8787 : /^\d+$/.test(v.port) ? Number(v.port) : NaN;
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port needs a port number (0-65535), not '${v.port}'`, 'serve');
    return { action: 'run', db, host: v.host ?? '127.0.0.1', port };
  }
  if (first === 'migrate' && second === undefined) {
    only([], 'serve migrate');
    return { action: 'migrate', db };
  }
  if (first === 'token') {
    if (second === 'create' && !more.length) {
      only(['team', 'scope', 'label'], 'serve token create');
      const team = v.team?.trim();
      if (!team) throw new UsageError('token create needs --team NAME', 'serve');
      if (team.length > 100) throw new UsageError('--team: a team name has at most 100 characters', 'serve');
      if (v.scope !== 'read' && v.scope !== 'write') throw new UsageError(`token create needs --scope read or --scope write${v.scope ? `, not '${v.scope}'` : ''}`, 'serve');
      return { action: 'token-create', db, team, scope: v.scope, label: v.label };
    }
    if (second === 'list' && !more.length) {
      only(['team'], 'serve token list');
      return { action: 'token-list', db, team: v.team?.trim() || undefined };
    }
    if (second === 'revoke') {
      only([], 'serve token revoke');
      if (more.length !== 1 || !/^\d+$/.test(more[0])) throw new UsageError('token revoke needs the id of one token (see wiretrace serve token list)', 'serve');
      return { action: 'token-revoke', db, id: Number(more[0]) };
    }
    throw new UsageError(`'serve token' takes create, list or revoke`, 'serve');
  }
  throw new UsageError(`unknown 'serve' action '${parsed.positionals.join(' ')}' (migrate, token create|list|revoke, or nothing to run the service)`, 'serve');
}
