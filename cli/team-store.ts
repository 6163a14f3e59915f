/**
 * The team index as an audit's store: `--store postgres://…` opens PgStore on the database itself
 * (its schema migrated first, the team created when new), `--remote URL --token T` a RemoteStore
 * on the service. Either is checked before anything is read, so a wrong password, an unknown token
 * or a service that is down stops the run at once with one line that says which.
 */
import type { IndexStore } from '../src/engine/store';
import type { TeamClientOptions } from '../src/team/client';
import type { AuditArgs } from './args';
import { FatalError } from './diagnostics';

export interface TeamStore {
  store: IndexStore;
  /** How the summary and messages name it: the service's URL, or the database's without its password. */
  name: string;
  latestFirstSeen(): Promise<number | undefined>;
  close(): Promise<void>;
}

/** A URL with its password left out, for messages. */
export function withoutPassword(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '…';
    return u.toString();
  } catch {
    return url.replace(/:[^:@/]*@/, ':…@');
  }
}

/** The team index the arguments name, or undefined for none; `client` tunes the service's client (retries: 5 by default). */
export async function openTeamStore(args: Pick<AuditArgs, 'store' | 'team' | 'remote' | 'token'>, client: TeamClientOptions = {}): Promise<TeamStore | undefined> {
  if (args.store) {
    const name = `${withoutPassword(args.store)} (team '${args.team ?? 'default'}')`;
    const [{ createPool }, { migrate }, { PgStore }] = await Promise.all([import('../server/db'), import('../server/migrate'), import('../server/pg-store')]);
    const pool = createPool(args.store, { max: 2, applicationName: 'wiretrace audit' });
    try {
      await migrate(pool);
      const store = await PgStore.open(pool, args.team ?? 'default');
      return { store, name, latestFirstSeen: () => store.latestFirstSeen(), close: () => pool.end() };
    } catch (e) {
      await pool.end().catch(() => undefined);
      throw new FatalError(`team index ${name}: ${(e as Error).message}`);
    }
  }
  if (args.remote && args.token) {
    const { RemoteStore } = await import('../server/remote-store');
    let store;
    try {
      store = new RemoteStore(args.remote, args.token, { retries: 5, ...client });
      const info = await store.info();
      const name = `${store.client.base} (team '${info.team}')`;
      return { store, name, latestFirstSeen: () => store!.latestFirstSeen(), close: async () => undefined };
    } catch (e) {
      throw new FatalError(`team index ${args.remote}: ${(e as Error).message}`);
    }
  }
  return undefined;
}
