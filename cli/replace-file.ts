/**
 * Replacing a file whole: the new content goes to a temporary file beside it, FILE.<16 random hex
 * digits>.tmp, created with O_EXCL and O_NOFOLLOW (so a file or a symbolic link already at that name
 * is never written through), flushed to disk, then renamed over FILE, and the directory flushed. A
 * crash, a kill or a full disk leaves FILE as it was or wholly new, never in between.
 *
 * Callers hold FILE's lock (index-lock.ts) while they write, so only one temporary file is ever
 * being written for FILE: any other one is what a killed save left, and leftovers() finds them.
 * While a file is being written, SIGINT and SIGTERM remove it (and let the lock go) before exiting.
 */
import { randomBytes } from 'node:crypto';
import { constants, unlinkSync } from 'node:fs';
import { lstat, open, readdir, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

const NOFOLLOW = constants.O_NOFOLLOW ?? 0;

/** The temporary files of FILE: FILE.<16 hex digits>.tmp. */
function tempPattern(file: string): RegExp {
  return new RegExp(`^${basename(file).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.[0-9a-f]{16}\\.tmp$`);
}

export function tempName(file: string): string {
  return `${file}.${randomBytes(8).toString('hex')}.tmp`;
}

/** Temporary files of FILE left by saves that were killed (regular files only), with their sizes. */
export async function leftovers(file: string): Promise<Array<{ path: string; bytes: number }>> {
  const dir = dirname(file);
  const pattern = tempPattern(file);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const out: Array<{ path: string; bytes: number }> = [];
  for (const name of names) {
    if (!pattern.test(name)) continue;
    const path = join(dir, name);
    const st = await lstat(path).catch(() => undefined);
    if (st?.isFile()) out.push({ path, bytes: st.size });
  }
  return out;
}

/** Exits on SIGINT/SIGTERM after `cleanup`, while a replacement is being written. */
function onSignals(cleanup: () => void): () => void {
  const handler = (signal: NodeJS.Signals) => {
    cleanup();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
  return () => {
    process.removeListener('SIGINT', handler);
    process.removeListener('SIGTERM', handler);
  };
}

export interface ReplaceOptions {
  /** Called just before the rename: false stops it (the lock was lost), and the file is left as it was. */
  beforeRename?: () => Promise<boolean>;
  /** Also run on SIGINT/SIGTERM while writing (the lock's releaseNow). */
  onSignal?: () => void;
}

export class ReplaceAborted extends Error {
  override name = 'ReplaceAborted';
}

/** Writes `chunks` to a new temporary file and renames it over `file`. Throws, leaving `file` untouched, on any failure. */
export async function replaceFile(file: string, chunks: AsyncIterable<string>, opts: ReplaceOptions = {}): Promise<void> {
  const tmp = tempName(file);
  const mode = await stat(file).then((s) => s.mode & 0o777, () => undefined);
  const fh = await open(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | NOFOLLOW, mode ?? 0o666);
  const stopSignals = onSignals(() => {
    try {
      unlinkSync(tmp);
    } catch {
      // not there
    }
    opts.onSignal?.();
  });
  let open_ = true;
  try {
    // The mode of the file it replaces, whatever the umask made of it.
    if (mode !== undefined) await fh.chmod(mode).catch(() => {});
    let buf: string[] = [];
    let size = 0;
    for await (const chunk of chunks) {
      buf.push(chunk);
      size += chunk.length;
      if (size > 1 << 20) {
        await fh.write(buf.join(''));
        buf = [];
        size = 0;
      }
    }
    await fh.write(buf.join(''));
    await fh.sync();
    await fh.close();
    open_ = false;
    if (opts.beforeRename && !(await opts.beforeRename())) throw new ReplaceAborted('the lock on it was taken over meanwhile (was this process stopped for a long time?)');
    await rename(tmp, file);
    await syncDir(dirname(file));
  } catch (e) {
    if (open_) await fh.close().catch(() => {});
    await unlink(tmp).catch(() => {});
    throw e;
  } finally {
    stopSignals();
  }
}

/** Flushes a directory's entries (the rename) to disk; not every platform can. */
async function syncDir(dir: string): Promise<void> {
  let fh;
  try {
    fh = await open(dir, constants.O_RDONLY);
    await fh.sync();
  } catch {
    // Windows and some file systems cannot open or flush a directory.
  } finally {
    await fh?.close().catch(() => {});
  }
}
