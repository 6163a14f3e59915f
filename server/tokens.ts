/**
 * Bearer tokens of the team index: made by `wiretrace serve token create --team T --scope read|write`,
 * shown once, stored only as their SHA-256 hash, revocable. A token is 32 random bytes (base64url,
 * prefixed `wt_` so it is recognisable in a leaked file): a hash that fast is enough, since such a
 * token cannot be guessed from a dictionary. A `write` token may also read.
 */
import { createHash, randomBytes } from 'node:crypto';
import type pg from 'pg';
import { teamId } from './team-db';

export type Scope = 'read' | 'write';

export interface TokenInfo {
  id: number;
  team: string;
  scope: Scope;
  label: string | null;
  created: Date;
  revoked: Date | null;
}

/** Who a request's token speaks for. */
export interface Caller {
  tokenId: number;
  team: number;
  teamName: string;
  scope: Scope;
}

export function tokenHash(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** Makes a token for `team` (created when missing); the token itself is returned here and never stored. */
export async function createToken(pool: pg.Pool, team: string, scope: Scope, label?: string): Promise<{ id: number; token: string }> {
  const token = `wt_${randomBytes(32).toString('base64url')}`;
  const r = await pool.query<{ id: number }>('INSERT INTO tokens (team, hash, scope, label) VALUES ($1, $2, $3, $4) RETURNING id', [await teamId(pool, team), tokenHash(token), scope, label ?? null]);
  return { id: r.rows[0].id, token };
}

export async function listTokens(pool: pg.Pool, team?: string): Promise<TokenInfo[]> {
  const r = await pool.query<TokenInfo>(
    `SELECT t.id, m.name AS team, t.scope, t.label, t.created, t.revoked
       FROM tokens t JOIN teams m ON m.id = t.team
      WHERE $1::text IS NULL OR m.name = $1
      ORDER BY t.id`,
    [team ?? null],
  );
  return r.rows;
}

/** Revokes a token by its id; false when there is no such token or it was revoked already. */
export async function revokeToken(pool: pg.Pool, id: number): Promise<boolean> {
  const r = await pool.query('UPDATE tokens SET revoked = now() WHERE id = $1 AND revoked IS NULL', [id]);
  return (r.rowCount ?? 0) > 0;
}

/** The caller a presented token speaks for, or undefined when it is unknown or revoked. */
export async function verifyToken(pool: pg.Pool, token: string): Promise<Caller | undefined> {
  if (!/^wt_[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
  const r = await pool.query<{ id: number; team: number; name: string; scope: Scope }>(
    `SELECT t.id, t.team, m.name, t.scope FROM tokens t JOIN teams m ON m.id = t.team WHERE t.hash = $1 AND t.revoked IS NULL`,
    [tokenHash(token)],
  );
  const row = r.rows[0];
  return row ? { tokenId: row.id, team: row.team, teamName: row.name, scope: row.scope } : undefined;
}
