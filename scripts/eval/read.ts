/** Reading the shared corpora (JSON Lines, optionally gzipped) for evaluation and benchmarks. */
import { createReadStream, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';

export const SHARED = resolve(import.meta.dirname, '../../../shared');

export function requireShared(rel: string): string {
  const p = resolve(SHARED, rel);
  if (!existsSync(p)) throw new Error(`${p} is missing: the corpora are expected in ../shared beside the repository (see ../shared/docs/data.md)`);
  return p;
}

export async function readJsonl<T = Record<string, unknown>>(path: string): Promise<T[]> {
  const input = path.endsWith('.gz') ? createReadStream(path).pipe(createGunzip()) : createReadStream(path);
  const out: T[] = [];
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    if (line.trim()) out.push(JSON.parse(line) as T);
  }
  return out;
}
