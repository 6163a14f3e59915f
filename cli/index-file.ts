/**
 * --index FILE: the engine's index, loaded before an audit (when the file exists) and saved
 * after it. Saving writes FILE.tmp, flushes it to disk, then renames it over FILE, so a crash
 * or a full disk never leaves a half-written index: FILE is the old index or the new one.
 */
import { createReadStream } from 'node:fs';
import { open, rename, stat, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import type { Engine } from '../src/engine/engine';
import type { IndexStore } from '../src/engine/store';
import type { PackInfo } from '../src/engine/pack-header';
import { exportIndex, importIndex, IndexFormatError } from '../src/engine/serialize';
import { FatalError } from './diagnostics';
import { fsMessage } from './read-file';

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

/** Loads an index file into the engine; all or nothing. */
export async function loadIndex(engine: Engine, file: string, onProgress?: (done: number, total: number) => void): Promise<number> {
  const stream = createReadStream(file, { encoding: 'utf8' });
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  try {
    const { documents } = await importIndex(engine, lines, onProgress);
    return documents;
  } catch (e) {
    if (e instanceof IndexFormatError) throw new FatalError(`${file}:${e.line}: not a usable index: ${e.message.replace(/^line \d+: /, '')}`);
    const code = (e as NodeJS.ErrnoException).code;
    if (code) throw new FatalError(`${file}: ${fsMessage(e)}`);
    throw new FatalError(`${file}: cannot load the index: ${(e as Error).message}`);
  } finally {
    lines.close();
    stream.destroy();
  }
}

/** Writes the store's index (with `pack`, an index pack) to FILE.tmp, syncs it, and renames it to FILE. */
export async function saveIndex(store: IndexStore, file: string, opts: { pack?: PackInfo } = {}): Promise<void> {
  const tmp = `${file}.tmp`;
  let fh;
  try {
    fh = await open(tmp, 'w');
    let buf: string[] = [];
    let size = 0;
    for await (const line of exportIndex(store, opts)) {
      buf.push(line, '\n');
      size += line.length + 1;
      if (size > 1 << 20) {
        await fh.write(buf.join(''));
        buf = [];
        size = 0;
      }
    }
    await fh.write(buf.join(''));
    await fh.sync();
    await fh.close();
    fh = undefined;
    await rename(tmp, file);
  } catch (e) {
    await fh?.close().catch(() => {});
    await unlink(tmp).catch(() => {});
    const code = (e as NodeJS.ErrnoException).code;
    throw new FatalError(`${file}: cannot save the index (${code ? fsMessage(e) : (e as Error).message}); the previous index, if any, is unchanged`);
  }
}
