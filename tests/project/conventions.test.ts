/**
 * The project's own conventions, checked rather than remembered:
 *   - no tracked text file narrates the project's development (numbered sittings of work and the like:
 *     history-narration.ts); history belongs in `git log`
 *   - README.md is the product's page: at most 12,000 characters, and every relative link in it and in
 *     docs/ points at a file that exists
 *   - every source file opens with a header comment saying what it is
 *   - no import cycles in the code (madge over the TypeScript import graph)
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import madge from 'madge';
import { describe, expect, it } from 'vitest';
import { historyNarration } from './history-narration';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** The detector and its test hold examples of what it finds. */
const NARRATION_EXAMPLES = ['tests/project/history-narration.ts', 'tests/project/history-narration.test.ts'];
const SOURCE_DIRS = ['src', 'cli', 'content', 'background', 'popup', 'options', 'library', 'exercise', 'scripts', 'bin', 'server'];

function tracked(): string[] {
  return execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' })
    .split('\0')
    .filter((f) => f && existsSync(resolve(ROOT, f)));
}

function isText(buf: Buffer): boolean {
  return !buf.subarray(0, 8000).includes(0);
}

describe('project conventions', () => {
  it('no tracked text file narrates its own development', () => {
    const found: string[] = [];
    for (const file of tracked()) {
      if (file === 'package-lock.json' || NARRATION_EXAMPLES.includes(file)) continue;
      const buf = readFileSync(resolve(ROOT, file));
      if (!isText(buf)) continue;
      for (const hit of historyNarration(buf.toString('utf8'))) found.push(`${file}:${hit.line}: ${hit.text}`);
    }
    expect(found).toEqual([]);
  });

  it('README.md is at most 12,000 characters', () => {
    const readme = readFileSync(resolve(ROOT, 'README.md'), 'utf8');
    expect(readme.length).toBeLessThanOrEqual(12_000);
  });

  it('every relative link in README.md and docs/ points at a file that exists', () => {
    const broken: string[] = [];
    const pages = tracked().filter((f) => f === 'README.md' || (f.startsWith('docs/') && f.endsWith('.md')));
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) {
      const text = readFileSync(resolve(ROOT, page), 'utf8');
      for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = m[1].split('#')[0];
        if (!target || /^[a-z]+:/i.test(m[1])) continue;
        if (!existsSync(resolve(ROOT, dirname(page), target))) broken.push(`${page}: ${m[1]}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('every source file opens with a header comment', () => {
    const missing = tracked().filter(
      (f) => SOURCE_DIRS.some((d) => f.startsWith(`${d}/`)) && /\.(ts|js)$/.test(f) && !f.endsWith('.bytes.ts') && !/^(\/\*\*|\/\/|#!)/.test(readFileSync(resolve(ROOT, f), 'utf8')),
    );
    expect(missing).toEqual([]);
  });

  it('has no import cycles', async () => {
    const dirs = SOURCE_DIRS.filter((d) => existsSync(resolve(ROOT, d)));
    const graph = await madge(dirs.map((d) => resolve(ROOT, d)), { baseDir: ROOT, fileExtensions: ['ts', 'js'], tsConfig: resolve(ROOT, 'tsconfig.json') });
    // The graph must really be read (a misconfigured madge finds no files and so no cycles).
    expect(Object.keys(graph.obj()).length).toBeGreaterThan(80);
    expect(graph.obj()['src/engine/engine.ts']?.length ?? 0).toBeGreaterThan(3);
    expect(graph.circular()).toEqual([]);
  });
});
