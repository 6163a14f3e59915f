/** Small helpers for `npm run bench`: statistics, a seeded PRNG, timing, corpus reading, machine info. */
import { createReadStream, existsSync } from 'node:fs';
import os from 'node:os';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';

export const ROOT = resolve(import.meta.dirname, '../..');
/** The shared corpora live beside the repository (../shared); their text is never copied in. */
export const SHARED = resolve(ROOT, '../shared');

export function sharedPath(rel: string): string {
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

export function quantile(xs: ArrayLike<number>, q: number): number {
  const a = Float64Array.from(xs).sort();
  if (a.length === 0) return NaN;
  const pos = (a.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return a[lo] + (a[hi] - a[lo]) * (pos - lo);
}
export const median = (xs: ArrayLike<number>) => quantile(xs, 0.5);
export function mean(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i];
  return xs.length ? s / xs.length : NaN;
}
export function sum(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i];
  return s;
}

/** mulberry32: deterministic runs. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffle<T>(xs: T[], rand: () => number): T[] {
  const a = xs.slice();
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

export const now = () => performance.now();

export function machineInfo() {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model ?? 'unknown',
    cpus: cpus.length,
    availableParallelism: typeof os.availableParallelism === 'function' ? os.availableParallelism() : cpus.length,
    memoryGiB: +(os.totalmem() / 2 ** 30).toFixed(1),
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    node: process.version,
    v8: process.versions.v8,
  };
}

export const fmt = (x: number | undefined | null, digits = 2): string => (x === undefined || x === null || !Number.isFinite(x) ? 'n/a' : x.toFixed(digits));
export const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

/** Milliseconds and peak RSS of a piece of work, with a GC first when exposed. */
export function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}
