/**
 * `wiretrace serve`: runs the team index service (migrating its database first), or migrates only,
 * or makes, lists and revokes tokens. The service listens on 127.0.0.1:8787 unless told otherwise
 * and stops cleanly on SIGINT or SIGTERM (open requests finish, then the pool closes).
 */
import { serve as listen } from '@hono/node-server';
import type { ServeArgs } from '../cli/serve-args';
import { createApp } from './app';
import { createPool } from './db';
import { migrate } from './migrate';
import { createToken, listTokens, revokeToken } from './tokens';

interface Writer {
  write(s: string): unknown;
}

export async function serveCommand(args: ServeArgs, io: { out: Writer; err: Writer }): Promise<number> {
  const pool = createPool(args.db, { max: args.action === 'run' ? 20 : 2, applicationName: 'wiretrace serve' });
  let keepPool = false;
  try {
    if (args.action === 'token-create') {
      await migrate(pool);
      const { id, token } = await createToken(pool, args.team, args.scope, args.label);
      io.err.write(`token ${id} for team '${args.team}' (${args.scope}); it is shown once, keep it somewhere safe:\n`);
      io.out.write(`${token}\n`);
      return 0;
    }
    if (args.action === 'token-list') {
      await migrate(pool);
      const tokens = await listTokens(pool, args.team);
      if (!tokens.length) io.err.write('no tokens\n');
      for (const t of tokens) {
        io.out.write(`${t.id}\t${t.team}\t${t.scope}\t${t.created.toISOString()}\t${t.revoked ? `revoked ${t.revoked.toISOString()}` : 'active'}\t${t.label ?? ''}\n`);
      }
      return 0;
    }
    if (args.action === 'token-revoke') {
      await migrate(pool);
      if (await revokeToken(pool, args.id)) {
        io.out.write(`token ${args.id} revoked\n`);
        return 0;
      }
      io.err.write(`wiretrace: no active token ${args.id} (see wiretrace serve token list)\n`);
      return 1;
    }
    const report = await migrate(pool);
    if (report.applied.length) io.err.write(`schema migrated to version ${report.version} (applied ${report.applied.join(', ')})\n`);
    if (args.action === 'migrate') {
      if (!report.applied.length) io.out.write(`schema at version ${report.version}, nothing to do\n`);
      return 0;
    }
    const app = createApp(pool, { onError: (e) => io.err.write(`wiretrace serve: ${(e as Error)?.stack ?? String(e)}\n`) });
    keepPool = true;
    return await new Promise<number>((resolve, reject) => {
      const server = listen({ fetch: app.fetch, hostname: args.host, port: args.port }, (info) => {
        io.err.write(`wiretrace serve: listening on http://${info.address}:${info.port} (HTTPS belongs to your reverse proxy)\n`);
      });
      server.on('error', reject);
      const stop = () => {
        io.err.write('wiretrace serve: stopping\n');
        server.close(() => {
          void pool.end().then(() => resolve(0));
        });
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
  } catch (e) {
    keepPool = false;
    io.err.write(`wiretrace: ${(e as Error).message}\n`);
    return 1;
  } finally {
    if (!keepPool) await pool.end().catch(() => undefined);
  }
}
