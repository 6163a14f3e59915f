/** Small helpers for `npm run bench`: statistics, a seeded PRNG, timing, corpus reading, machine info. */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { resolve } from 'node:path';
import { prng } from '../../src/engine/hash';
import { readJsonl, requireShared, SHARED } from '../eval/read';

export const ROOT = resolve(import.meta.dirname, '../..');
/** The shared corpora live beside the repository (../shared); their text is never copied in. */
export { readJsonl, SHARED };
export const sharedPath = requireShared;

/**
 * Runs a bench script (a path under the repository) in a Node process of its own, through tsx, and
 * returns the JSON object on the last line of its output, or why it failed (its last lines of stderr).
 */
export function tsxChild<T>(script: string, args: string[]): T | { error: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', resolve(ROOT, script), ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) return { error: (r.stderr || r.stdout || `exit ${r.status}`).trim().split('\n').slice(-5).join(' | ') };
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as T;
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

/** Deterministic runs: the engine's seeded PRNG, as a float in [0, 1). */
export function rng(seed: number): () => number {
  const next = prng(seed);
  return () => next() / 4294967296;
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

/** Light editing: each word, at `rate`, replaced by a word from `vocab` or deleted (half each). */
export function editParagraph(p: string, rate: number, rand: () => number, vocab: string[]): string {
  const out: string[] = [];
  for (const w of p.split(/\s+/)) {
    if (!w) continue;
    if (rand() < rate) {
      if (rand() < 0.5) out.push(vocab[Math.floor(rand() * vocab.length)]);
    } else out.push(w);
  }
  return out.join(' ');
}

function spin(n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s = (s + i) | 0;
  return s;
}

function randomReads(big: Uint32Array, idx: Uint32Array): number {
  let s = 0;
  for (let i = 0; i < idx.length; i++) s = (s + big[idx[i]]) | 0;
  return s;
}

/**
 * How fast this machine runs right now, to compare bench runs made at different times (the same
 * code has measured twice as slow on one day as on another): ns per iteration of a fixed integer
 * loop (compute), and per random read in a 64 MiB array (memory latency, what band-key look-ups
 * wait on). Each is warmed up first, then the median of 5; lower is faster.
 */
export function yardstick(): { loopNs: number; randomReadNs: number } {
  const big = new Uint32Array(16 << 20);
  for (let i = 0; i < big.length; i++) big[i] = i;
  const next = prng(11);
  const idx = new Uint32Array(1 << 20);
  for (let i = 0; i < idx.length; i++) idx[i] = next() & (big.length - 1);
  let s = 0;
  for (let w = 0; w < 3; w++) s ^= spin(1e6) ^ randomReads(big, idx.subarray(0, 1 << 12));
  const loop: number[] = [];
  const reads: number[] = [];
  for (let r = 0; r < 5; r++) {
    let t = now();
    s ^= spin(1e8);
    loop.push(((now() - t) * 1e6) / 1e8);
    t = now();
    s ^= randomReads(big, idx);
    reads.push(((now() - t) * 1e6) / idx.length);
  }
  if (s === 0x5eed) console.log(''); // keeps the loops from being optimised away
  return { loopNs: median(loop), randomReadNs: median(reads) };
}
