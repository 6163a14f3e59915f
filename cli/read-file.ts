/**
 * Reads one input file as text, refusing what is not text: missing, unreadable, a directory, over
 * the size limit, empty, binary, or not valid UTF-8. Text is UTF-8, or UTF-16 when a byte order mark
 * says so (UTF-16 without one is named as such, not called binary). Each refusal is an InputError
 * naming the file, with a message a user can act on.
 */
import { open, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { InputError } from './diagnostics';

export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;

/** A user-facing message for a file system error (`path`: the name it concerns, for a name that is not UTF-8). */
export function fsMessage(e: unknown, path?: string): string {
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case 'ENOENT':
      // Node reads a command line's bytes as UTF-8: a name in another encoding arrives with U+FFFD in it.
      if (path?.includes('\ufffd')) return 'no such file or directory (the name given holds bytes that are not UTF-8, which do not reach wiretrace intact; rename the file to read it)';
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory, expected a file';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    case 'ELOOP':
      return 'cannot be read: a loop of symbolic links';
    default:
      return err.message ?? String(e);
  }
}

/** stat() of an input that must be a regular file within the size limit and not empty. */
export async function statInput(path: string, maxBytes: number): Promise<Stats> {
  let st: Stats;
  try {
    st = await stat(path);
  } catch (e) {
    throw new InputError(path, fsMessage(e, path));
  }
  if (st.isDirectory()) throw new InputError(path, 'is a directory, expected a file');
  if (!st.isFile()) throw new InputError(path, 'is not a regular file');
  if (st.size > maxBytes) throw new InputError(path, `is ${st.size} bytes, over the limit of ${maxBytes} bytes (raise it with --max-bytes)`);
  if (st.size === 0) throw new InputError(path, 'is empty');
  return st;
}

/** The first bytes of a file (to tell gzip and binary files apart before streaming). */
export async function readHead(path: string, bytes = 8192): Promise<Buffer> {
  let fh;
  try {
    fh = await open(path, 'r');
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await fh.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
  } catch (e) {
    throw new InputError(path, fsMessage(e));
  } finally {
    await fh?.close();
  }
}

export function isGzip(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

/** Offset of the first byte that makes `bytes` invalid UTF-8 (binary search over valid prefixes). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let lo = 0;
  let hi = bytes.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid), { stream: true });
      lo = mid;
    } catch {
      hi = mid - 1;
    }
  }
  return lo;
}

/** The UTF-16 byte order of a byte order mark at the start, if there is one. */
export function utf16Bom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

/** Whether bytes look like UTF-16 text without a byte order mark: every other byte NUL, the others not. */
export function looksUtf16(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 1024) & ~1;
  if (n < 8) return false;
  for (const zeroAt of [0, 1]) {
    let zeros = 0;
    let others = 0;
    for (let i = 0; i < n; i += 2) {
      if (bytes[i + zeroAt] === 0) zeros++;
      if (bytes[i + 1 - zeroAt] !== 0) others++;
    }
    if (zeros >= 0.9 * (n / 2) && others >= 0.9 * (n / 2)) return true;
  }
  return false;
}

/**
 * Decodes bytes as UTF-8 text (UTF-16 when it starts with a UTF-16 byte order mark), or says why they
 * are not text. `where` names the input in the error. The BOM is dropped unless `keepBom` (align keeps
 * it, so offsets match the file as a program reading it as UTF-8 sees it).
 */
export function decodeText(bytes: Uint8Array, where: string, keepBom = false): string {
  const utf16 = utf16Bom(bytes);
  if (utf16) {
    let text: string;
    try {
      text = new TextDecoder(utf16, { fatal: true, ignoreBOM: keepBom }).decode(bytes);
    } catch {
      throw new InputError(where, `starts with a ${utf16 === 'utf-16le' ? 'UTF-16LE' : 'UTF-16BE'} byte order mark but is not valid ${utf16 === 'utf-16le' ? 'UTF-16LE' : 'UTF-16BE'} text`);
    }
    if (mostlyControl(text)) throw new InputError(where, 'looks like a binary file (mostly control characters), expected text');
    return text;
  }
  if (bytes.includes(0)) {
    if (looksUtf16(bytes)) throw new InputError(where, 'looks like UTF-16 text without a byte order mark; convert it to UTF-8 first (iconv -f UTF-16LE -t UTF-8), or save it with a byte order mark');
    throw new InputError(where, 'looks like a binary file (it contains NUL bytes), expected text');
  }
  if (isGzip(bytes)) throw new InputError(where, 'is gzip-compressed; only .jsonl corpora may be compressed (name them .jsonl.gz)');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: keepBom }).decode(bytes);
  } catch {
    throw new InputError(where, `is not valid UTF-8 text (invalid byte at offset ${firstInvalidUtf8(bytes)}); convert it to UTF-8 first`);
  }
  if (mostlyControl(text)) throw new InputError(where, 'looks like a binary file (mostly control characters), expected text');
  return text;
}

/** True when over 10% of the first 64K characters are control characters other than whitespace. */
function mostlyControl(text: string): boolean {
  const n = Math.min(text.length, 65536);
  if (n === 0) return false;
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 9 && c !== 10 && c !== 13 && c !== 12 && c !== 11) || c === 0x7f) bad++;
  }
  return bad / n > 0.1;
}

/** Reads a whole input file as text, with every check above. */
export async function readTextFile(path: string, maxBytes: number, keepBom = false): Promise<string> {
  await statInput(path, maxBytes);
  let bytes: Buffer;
  try {
    const fh = await open(path, 'r');
    try {
      bytes = await fh.readFile();
    } finally {
      await fh.close();
    }
  } catch (e) {
    throw new InputError(path, fsMessage(e, path));
  }
  // The file may have grown since stat().
  if (bytes.length > maxBytes) throw new InputError(path, `is ${bytes.length} bytes, over the limit of ${maxBytes} bytes (raise it with --max-bytes)`);
  const text = decodeText(bytes, path, keepBom);
  if (text.trim() === '') throw new InputError(path, 'contains no text (only whitespace)');
  return text;
}
