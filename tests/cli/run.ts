/** Runs the real CLI (node bin/wiretrace.js) as a user would, on real files in a temp directory. */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
export const BIN = resolve(ROOT, 'bin/wiretrace.js');
export const SEEDS = resolve(import.meta.dirname, '../../../shared/seeds');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function wiretrace(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: opts.cwd ?? ROOT,
      env: { ...process.env, CI: '', FORCE_COLOR: '0', ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

/** A fresh temp directory with the given files (string or bytes); returns its path and a cleanup. */
export function tempFiles(files: Record<string, string | Uint8Array> = {}): { dir: string; path: (name: string) => string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'wiretrace-cli-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return { dir, path: (name) => join(dir, name), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** stderr lines that are wiretrace messages. */
export function messages(stderr: string): string[] {
  return stderr.split('\n').filter((l) => l.startsWith('wiretrace: '));
}

export interface JsonPassage {
  paragraph: number;
  start: number;
  end: number;
  text: string;
  kind: 'copied' | 'quote';
  coverage: number;
  credited: boolean;
  source: { id: string; outlet: string; published: string | null; paragraph: number; start: number; end: number; text: string };
  /** Who had it first, when another article than the source. */
  firstSeen: { id: string; outlet: string } | null;
}

export interface JsonDocument {
  id: string;
  outlet: string;
  published: string | null;
  paragraphs: number;
  copiedShare: number;
  passages: JsonPassage[];
  [extra: string]: unknown;
}

export function parseDocuments(stdout: string): JsonDocument[] {
  const parsed = JSON.parse(stdout) as { documents: JsonDocument[] };
  return parsed.documents;
}
