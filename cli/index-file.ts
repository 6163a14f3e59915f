/**
 * --index FILE: the engine's index, loaded before an audit (when the file exists) and saved after it.
 *
 * Loading reads FILE as bytes, each line decoded as strict UTF-8 (a bad byte refuses the file, naming
 * the line, instead of becoming U+FFFD and being saved back so), and checks it whole
 * (src/engine/serialize.ts: every line's checksum and the header's count); it remembers which file it
 * read (device, inode, size, time), since a save may have to merge with what another run wrote since.
 *
 * Saving takes FILE's lock (index-lock.ts: one writer at a time, the holder named, stale locks of
 * dead holders removed), reads FILE again if another run replaced it since this run loaded it and
 * keeps that run's new articles beside this run's, then replaces FILE whole (replace-file.ts: a
 * temporary file of a random name created exclusively, flushed, renamed over FILE). Two runs saving
 * one index at once both keep their articles; a run that cannot save says so and fails (exit 1).
 */
import { open, stat, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Engine } from '../src/engine/engine';
import type { PackInfo } from '../src/engine/pack-header';
import { exportIndex, importIndex, IndexFormatError } from '../src/engine/serialize';
import type { IndexStore } from '../src/engine/store';
import { byteLines } from './byte-lines';
import { FatalError } from './diagnostics';
import { IndexLock, LockFileError, LockHeldError } from './index-lock';
import { fsMessage } from './read-file';
import { leftovers, replaceFile, ReplaceAborted } from './replace-file';

/** Which file was read: another run's save replaces it by another (a new inode). */
export interface FileIdentity {
  dev: number;
  ino: number;
  size: number;
  mtimeMs: number;
}

function sameFile(a: FileIdentity, b: FileIdentity): boolean {
  return a.dev === b.dev && a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs;
}

/** Checks the path can hold an index; returns whether an index is there to load. */
export async function checkIndexPath(file: string): Promise<boolean> {
  try {
    const st = await stat(file);
    if (st.isDirectory()) throw new FatalError(`${file}: is a directory, expected an index file`);
    return st.size > 0;
  } catch (e) {
    if (e instanceof FatalError) throw e;
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new FatalError(`${file}: ${fsMessage(e)}`);
  }
  const dir = dirname(file);
  try {
    if (!(await stat(dir)).isDirectory()) throw new FatalError(`${file}: ${dir} is not a directory`);
  } catch (e) {
    if (e instanceof FatalError) throw e;
    throw new FatalError(`${file}: cannot create the index there (${dir}: ${fsMessage(e)})`);
  }
  return false;
}

/** What loadIndex read. */
export interface LoadedIndex {
  /** Articles added to the engine (those it held already are skipped). */
  documents: number;
  /** False for a file without checksums: read, but damage to it would have gone unnoticed. */
  verified: boolean;
  identity: FileIdentity;
}

/** The note for an index read without checksums. */
export function unverifiedNote(file: string): string {
  return `${file}: note: the index has no checksums (written by an older wiretrace, or a plain corpus), so it was read unverified: a damaged or cut-short file would go unnoticed; the next save adds them`;
}

/** Lines of a byte stream as strict UTF-8 strings; a bad byte is an IndexFormatError naming the line. */
async function* utf8Lines(chunks: AsyncIterable<Buffer>, maxLine: number): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for await (const item of byteLines(chunks, maxLine)) {
    if ('tooLong' in item) throw new IndexFormatError(item.line, `the line is ${item.tooLong} bytes`);
    try {
      yield decoder.decode(item.bytes);
    } catch {
      throw new IndexFormatError(item.line, 'not valid UTF-8 (a damaged file? it is refused rather than read with the bad bytes replaced)');
    }
  }
}

/** Loads an index file into the engine; all or nothing. */
export async function loadIndex(engine: Engine, file: string, onProgress?: (done: number, total: number) => void): Promise<LoadedIndex> {
  let fh;
  try {
    fh = await open(file, 'r');
  } catch (e) {
    throw new FatalError(`${file}: ${fsMessage(e)}`);
  }
  try {
    const st = await fh.stat();
    const identity: FileIdentity = { dev: st.dev, ino: st.ino, size: st.size, mtimeMs: st.mtimeMs };
    const head = Buffer.alloc(2);
    await fh.read(head, 0, 2, 0);
    if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
      throw new FatalError(`${file}: is UTF-16 text (it starts with a UTF-16 byte order mark); an index file is UTF-8: convert it first (iconv -f UTF-16 -t UTF-8)`);
    }
    const stream = fh.createReadStream({ start: 0, autoClose: false });
    try {
      const r = await importIndex(engine, utf8Lines(stream as AsyncIterable<Buffer>, st.size + 1), onProgress);
      return { documents: r.documents, verified: r.verified, identity };
    } finally {
      stream.destroy();
    }
  } catch (e) {
    if (e instanceof FatalError) throw e;
    if (e instanceof IndexFormatError) throw new FatalError(`${file}:${e.line}: not a usable index: ${e.message.replace(/^line \d+: /, '')}`);
    const code = (e as NodeJS.ErrnoException).code;
    if (code) throw new FatalError(`${file}: ${fsMessage(e)}`);
    throw new FatalError(`${file}: cannot load the index: ${(e as Error).message}`);
  } finally {
    await fh.close().catch(() => {});
  }
}

export interface SaveOptions {
  /** Write an index pack with this description. */
  pack?: PackInfo;
  /**
   * Keep what another run saved meanwhile: `engine` holds the store being saved, `loaded` is the
   * file as this run loaded it (undefined when there was none). Without it FILE is replaced as is.
   */
  merge?: { engine: Engine; loaded?: FileIdentity };
  /** For the lock's record of its holder ("wiretrace audit"). */
  command: string;
  /** How long to wait for another process saving FILE. */
  lockWaitMs: number;
  /** Notes for stderr (waiting for a lock, a stale lock removed, a merge, leftovers removed). */
  note: (message: string) => void;
}

/** How many articles another run had saved into FILE meanwhile (kept in this save). */
export interface Saved {
  merged: number;
}

async function* withNewlines(lines: AsyncIterable<string>): AsyncGenerator<string> {
  for await (const line of lines) yield `${line}\n`;
}

const megabytes = (n: number) => (n >= 1 << 20 ? `${(n / (1 << 20)).toFixed(1)} MB` : `${n} bytes`);

/** Saves the store to FILE under its lock; with `merge`, keeping what another run saved meanwhile. */
export async function saveIndex(store: IndexStore, file: string, opts: SaveOptions): Promise<Saved> {
  let lock: IndexLock;
  try {
    lock = await IndexLock.take(file, { waitMs: opts.lockWaitMs, command: opts.command, onNote: (m) => opts.note(`${file}: note: ${m}`) });
  } catch (e) {
    if (e instanceof LockHeldError) throw new FatalError(`${file}: cannot save the index: it is locked: ${e.message} (--lock-wait sets how long to wait); this run's articles are not saved`);
    if (e instanceof LockFileError) throw new FatalError(`${file}: cannot save the index: ${e.message}; this run's articles are not saved`);
    throw new FatalError(`${file}: cannot save the index (cannot take its lock: ${fsMessage(e)}); this run's articles are not saved`);
  }
  try {
    for (const left of await leftovers(file)) {
      await unlink(left.path).catch(() => {});
      opts.note(`${left.path}: note: removed, a temporary file (${megabytes(left.bytes)}) that a save of this index left when it was stopped`);
    }
    let merged = 0;
    if (opts.merge) {
      const now = await stat(file).catch(() => undefined);
      if (now && now.size > 0 && (!opts.merge.loaded || !sameFile(opts.merge.loaded, { dev: now.dev, ino: now.ino, size: now.size, mtimeMs: now.mtimeMs }))) {
        try {
          merged = (await loadIndex(opts.merge.engine, file)).documents;
        } catch (e) {
          if (!(e instanceof FatalError)) throw e;
          throw new FatalError(`${file}: cannot save the index: another process replaced it since this run loaded it, and it cannot be read now (${e.message}); it is left as it is, and this run's articles are not saved`);
        }
        if (merged > 0) opts.note(`${file}: note: another run saved this index since this run loaded it; its ${merged} new ${merged === 1 ? 'article is' : 'articles are'} kept beside this run's`);
      }
    }
    try {
      await replaceFile(file, withNewlines(exportIndex(store, { pack: opts.pack })), { beforeRename: () => lock.stillHeld(), onSignal: () => lock.releaseNow() });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const why = e instanceof ReplaceAborted ? e.message : code ? fsMessage(e) : (e as Error).message;
      throw new FatalError(`${file}: cannot save the index (${why}); the previous index, if any, is unchanged, and this run's articles are not saved`);
    }
    return { merged };
  } finally {
    await lock.release();
  }
}
