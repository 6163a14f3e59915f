/**
 * The lock that lets one wiretrace at a time save an index file: FILE.lock, a small JSON file naming
 * its holder ({pid, host, started, command, token}). Taking it is atomic: the holder's JSON is written
 * to a file of a random name and hard-linked to FILE.lock, which fails when FILE.lock exists (where the
 * file system cannot link, FILE.lock is created with O_EXCL instead). The holder touches the lock
 * every few seconds while it holds it.
 *
 * A lock is stale when its holder is gone: a pid that no longer runs on this host, or a lock left
 * untouched for STALE_MS (a holder on another host, or one that hangs). A stale lock is removed under
 * a second lock (FILE.lock.break), after reading it again, so two waiters never both remove it and
 * take it. A live holder is waited for, up to a limit, then named in the error. Symbolic links at
 * FILE.lock are never followed.
 */
import { randomBytes } from 'node:crypto';
import { constants, readFileSync, unlinkSync } from 'node:fs';
import { link, lstat, open, unlink, utimes } from 'node:fs/promises';
import { hostname } from 'node:os';

/** A lock not touched for this long is stale, whoever holds it. */
export const STALE_MS = 60_000;
/** How often the holder touches its lock. */
const REFRESH_MS = 5_000;
/** A break lock older than this was left by a process that died while breaking: removed. */
const BREAK_STALE_MS = 10_000;

export interface LockHolder {
  pid: number;
  host: string;
  /** When the holder took the lock, ISO 8601. */
  started: string;
  command?: string;
  token: string;
}

/** "pid 4242 on newsroom-1 (wiretrace audit), since 2026-12-06 08:00:01 UTC". */
export function describeHolder(h: LockHolder | undefined): string {
  if (!h) return 'a process that has not said who it is';
  const since = /^\d{4}-/.test(h.started) ? `${h.started.slice(0, 19).replace('T', ' ')} UTC` : h.started;
  return `pid ${h.pid} on ${h.host}${h.command ? ` (${h.command})` : ''}, since ${since}`;
}

export class LockHeldError extends Error {
  override name = 'LockHeldError';
  constructor(
    readonly lockPath: string,
    readonly holder: LockHolder | undefined,
    readonly waitedMs: number,
  ) {
    super(`${lockPath} is held by ${describeHolder(holder)}; waited ${Math.round(waitedMs / 1000)} s`);
  }
}

/** A problem with the lock file itself (a symbolic link, a directory, no permission). */
export class LockFileError extends Error {
  override name = 'LockFileError';
}

const NOFOLLOW = constants.O_NOFOLLOW ?? 0;
const EXCLUSIVE = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | NOFOLLOW;

/** Whether process `pid` runs on this host (EPERM: it runs, as another user). */
export function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

interface Seen {
  holder?: LockHolder;
  /** Milliseconds since the lock was last touched. */
  age: number;
}

/** The lock as it is now; undefined when there is none. Never follows a symbolic link. */
async function readLock(path: string): Promise<Seen | undefined> {
  let st;
  try {
    st = await lstat(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  if (!st.isFile()) throw new LockFileError(`${path} is not a regular file (${st.isSymbolicLink() ? 'a symbolic link' : 'a directory or device'}); wiretrace does not follow it: remove it`);
  let text = '';
  try {
    const fh = await open(path, constants.O_RDONLY | NOFOLLOW);
    try {
      text = await fh.readFile('utf8');
    } finally {
      await fh.close();
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  let holder: LockHolder | undefined;
  try {
    const x = JSON.parse(text) as Partial<LockHolder>;
    if (typeof x.pid === 'number' && typeof x.host === 'string' && typeof x.token === 'string') holder = { pid: x.pid, host: x.host, started: String(x.started ?? ''), command: typeof x.command === 'string' ? x.command : undefined, token: x.token };
  } catch {
    // Being written (the O_EXCL fallback), or damaged: judged by its age alone.
  }
  return { holder, age: Date.now() - st.mtimeMs };
}

/** Why a lock is stale, or undefined when its holder may still be working. */
function staleness(seen: Seen): string | undefined {
  const h = seen.holder;
  if (h && h.host === hostname() && !pidAlive(h.pid)) return 'the process is gone';
  if (seen.age > STALE_MS) return `it was not touched for ${Math.round(seen.age / 1000)} s`;
  return undefined;
}

async function createExclusive(path: string, text: string): Promise<void> {
  const fh = await open(path, EXCLUSIVE, 0o644);
  try {
    await fh.writeFile(text);
  } finally {
    await fh.close();
  }
}

const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

/** Takes FILE.lock.break, removes FILE.lock if it still holds the stale holder's token, lets go. */
async function breakStale(lockPath: string, token: string | undefined): Promise<boolean> {
  const breaker = `${lockPath}.break`;
  try {
    await createExclusive(breaker, String(process.pid));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    const st = await lstat(breaker).catch(() => undefined);
    if (st && Date.now() - st.mtimeMs > BREAK_STALE_MS) await unlink(breaker).catch(() => {});
    return false;
  }
  try {
    const again = await readLock(lockPath);
    if (!again) return true;
    if (again.holder?.token !== token || !staleness(again)) return false;
    await unlink(lockPath);
    return true;
  } finally {
    await unlink(breaker).catch(() => {});
  }
}

export interface LockOptions {
  /** How long to wait for a live holder before giving up. */
  waitMs: number;
  /** Who takes the lock, for the holder's record ("wiretrace audit"). */
  command: string;
  /** Told once when the lock is held by another (waiting begins), and when a stale lock is removed. */
  onNote?: (message: string) => void;
}

/** A lock this process holds. */
export class IndexLock {
  private timer: NodeJS.Timeout | undefined;
  private released = false;

  private constructor(
    readonly path: string,
    readonly holder: LockHolder,
  ) {
    this.timer = setInterval(() => {
      const now = new Date();
      utimes(this.path, now, now).catch(() => {});
    }, REFRESH_MS);
    this.timer.unref();
  }

  /** Takes the lock on FILE (the file FILE.lock), waiting for a live holder up to `waitMs`. */
  static async take(file: string, opts: LockOptions): Promise<IndexLock> {
    const path = `${file}.lock`;
    const holder: LockHolder = { pid: process.pid, host: hostname(), started: new Date().toISOString(), command: opts.command, token: randomBytes(8).toString('hex') };
    const text = `${JSON.stringify(holder)}\n`;
    const began = Date.now();
    let told = false;
    for (let round = 0; ; round++) {
      if (await IndexLock.tryCreate(path, text, holder.token)) return new IndexLock(path, holder);
      const seen = await readLock(path);
      if (!seen) continue; // let go meanwhile: try again at once
      const why = staleness(seen);
      if (why) {
        if (await breakStale(path, seen.holder?.token)) {
          opts.onNote?.(`removed a stale lock ${path} held by ${describeHolder(seen.holder)}: ${why}`);
          continue;
        }
      } else if (Date.now() - began >= opts.waitMs) {
        throw new LockHeldError(path, seen.holder, Date.now() - began);
      } else if (!told) {
        told = true;
        opts.onNote?.(`waiting for ${describeHolder(seen.holder)}, which is saving this index (${path})`);
      }
      await sleep(Math.min(250, 20 * 2 ** Math.min(round, 4)) + Math.random() * 50);
    }
  }

  /** Creates FILE.lock holding `text`, atomically; false when it exists. */
  private static async tryCreate(path: string, text: string, token: string): Promise<boolean> {
    const draft = `${path}.${token}`;
    try {
      await createExclusive(draft, text);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const why = code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? 'permission denied' : code === 'ENOSPC' ? 'the disk is full' : (e as Error).message;
      throw new LockFileError(`cannot create its lock beside it (${draft}: ${why})`);
    }
    try {
      await link(draft, path);
      return true;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return false;
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EOPNOTSUPP') throw e;
      // No hard links here: O_EXCL on the lock itself (briefly empty while written; readers judge by age).
      try {
        await createExclusive(path, text);
        return true;
      } catch (e2) {
        if ((e2 as NodeJS.ErrnoException).code === 'EEXIST') return false;
        throw e2;
      }
    } finally {
      await unlink(draft).catch(() => {});
    }
  }

  /** Whether FILE.lock still names this holder (false when another process broke it as stale). */
  async stillHeld(): Promise<boolean> {
    const seen = await readLock(this.path).catch(() => undefined);
    return seen?.holder?.token === this.holder.token;
  }

  /** Lets the lock go (only when it is still this holder's). */
  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    clearInterval(this.timer);
    if (await this.stillHeld()) await unlink(this.path).catch(() => {});
  }

  /** release() for a process that is about to exit on a signal: synchronous, best effort. */
  releaseNow(): void {
    if (this.released) return;
    this.released = true;
    clearInterval(this.timer);
    try {
      if ((JSON.parse(readFileSync(this.path, 'utf8')) as LockHolder).token === this.holder.token) unlinkSync(this.path);
    } catch {
      // already gone, or not ours
    }
  }
}
