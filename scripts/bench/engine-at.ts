/**
 * src/engine as it was at a git revision, extracted with `git archive` into a temporary directory
 * (removed when the process exits), so two versions of the engine can run in one process. The
 * engine imports nothing outside src/engine. Exits with a message when the revision cannot be read.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(import.meta.dirname, '../..');

/** Returns an import() of a module of src/engine at `rev` (e.g. load('engine.ts')). */
export function engineAt(rev: string): (module: string) => Promise<unknown> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wiretrace-engine-'));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  try {
    const tar = execFileSync('git', ['archive', rev, 'src/engine'], { cwd: root, maxBuffer: 1 << 28 });
    execFileSync('tar', ['-x', '-C', dir], { input: tar });
    // Compiled as the working tree is (same tsconfig, ES modules): without them tsx lowers class
    // fields to defineProperty calls, which alone made the old engine twice as slow.
    copyFileSync(path.join(root, 'tsconfig.json'), path.join(dir, 'tsconfig.json'));
    writeFileSync(path.join(dir, 'package.json'), '{"type":"module"}\n');
  } catch (e) {
    console.error(`cannot extract src/engine at ${rev}: ${(e as Error).message.split('\n')[0]}`);
    process.exit(1);
  }
  return (module: string) => import(pathToFileURL(path.join(dir, 'src/engine', module)).href);
}
