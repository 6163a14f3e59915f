/**
 * The audit's arguments expanded to input files, in order: a file stands for itself; a directory
 * for its .txt, .html, .jsonl and .jsonl.gz files sorted by name, and with --recursive for those of
 * its subdirectories too, all sorted by their path below it (code unit order, so the order is the
 * same on every machine). Links to directories are not followed (no loops). An index pack
 * (`*.pack.jsonl`) in a directory is left out with a note: it is an index made from files beside it
 * (demo/demo.pack.jsonl is the demo's pages), and reading both would hold each article twice. Named
 * as an input itself, a pack is read like any index file.
 */
import { readdir, stat } from 'node:fs/promises';
import type { Dirent } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostics } from './diagnostics';
import { fsMessage } from './read-file';

export type InputKind = 'txt' | 'html' | 'jsonl';

export function inputKind(file: string): InputKind | undefined {
  if (/\.txt$/i.test(file)) return 'txt';
  if (/\.html?$/i.test(file)) return 'html';
  if (/\.jsonl(\.gz)?$/i.test(file)) return 'jsonl';
  return undefined;
}

export const KINDS = '.txt, .html, .jsonl or .jsonl.gz';

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** An index pack's file name: left out when a directory is expanded. */
export function isPackName(name: string): boolean {
  return /\.pack\.jsonl(\.gz)?$/i.test(name);
}

interface Found {
  /** Input files as paths relative to the directory searched ("a/b.html", '/' between parts). */
  files: string[];
  /** Index packs found and left out. */
  packs: string[];
  /** Whether subdirectories were left unsearched (for the hint when a directory has no inputs). */
  skippedDirs: boolean;
}

/** A file name's bytes as text: UTF-8, with any byte that is not shown as \xNN; and whether all were UTF-8. */
export function nameText(bytes: Buffer): { text: string; utf8: boolean } {
  const strict = new TextDecoder('utf-8', { fatal: true });
  try {
    return { text: strict.decode(bytes), utf8: true };
  } catch {
    // Byte by byte: the longest valid sequence at each point, else one escaped byte.
  }
  let text = '';
  for (let i = 0; i < bytes.length; ) {
    let taken = 0;
    for (let len = Math.min(4, bytes.length - i); len >= 1 && !taken; len--) {
      try {
        text += strict.decode(bytes.subarray(i, i + len));
        taken = len;
      } catch {
        // shorter
      }
    }
    if (!taken) {
      text += `\\x${bytes[i].toString(16).padStart(2, '0')}`;
      taken = 1;
    }
    i += taken;
  }
  return { text, utf8: false };
}

async function inputFilesIn(dir: string, recursive: boolean, diag: Diagnostics, found: Found, prefix = ''): Promise<void> {
  let entries: Dirent<Buffer>[];
  try {
    entries = await readdir(join(dir, prefix), { withFileTypes: true, encoding: 'buffer' });
  } catch (e) {
    diag.error(join(dir, prefix), fsMessage(e));
    return;
  }
  for (const d of entries) {
    const name = nameText(d.name);
    const rel = prefix ? `${prefix}/${name.text}` : name.text;
    if (!name.utf8) {
      if (d.isDirectory() ? recursive : inputKind(name.text)) {
        diag.error(join(dir, rel), `the name is not valid UTF-8 (its other bytes shown as \\xNN), so it cannot be read by name; rename it to read it (skipped)`);
      }
      continue;
    }
    if (d.isDirectory()) {
      if (recursive) await inputFilesIn(dir, recursive, diag, found, rel);
      else found.skippedDirs = true;
    } else if (isPackName(name.text)) {
      found.packs.push(rel);
    } else if (inputKind(name.text)) {
      found.files.push(rel);
    }
  }
}

/** The files the arguments name, in order; a directory contributes its input files, sorted. */
export async function expandInputs(args: string[], diag: Diagnostics, opts: { recursive?: boolean } = {}): Promise<string[]> {
  const files: string[] = [];
  for (const arg of args) {
    let isDir = false;
    try {
      isDir = (await stat(arg)).isDirectory();
    } catch (e) {
      diag.error(arg, fsMessage(e, arg));
      continue;
    }
    if (!isDir) {
      if (!inputKind(arg)) diag.error(arg, `unsupported file type (expected ${KINDS})`);
      else files.push(arg);
      continue;
    }
    const errorsBefore = diag.errors;
    const found: Found = { files: [], packs: [], skippedDirs: false };
    await inputFilesIn(arg, !!opts.recursive, diag, found);
    for (const p of found.packs.sort(byCodeUnits)) diag.note(join(arg, p), 'an index pack, left out of the directory (it holds articles made from files; name it as an input to read it)');
    if (found.files.length === 0 && diag.errors === errorsBefore) {
      diag.error(arg, `the directory has no ${KINDS} files${found.skippedDirs ? ' (-r searches its subdirectories too)' : ''}`);
    }
    for (const n of found.files.sort(byCodeUnits)) files.push(join(arg, n));
  }
  return files;
}
