/**
 * MinHash signatures computed by a small WebAssembly SIMD kernel (minhash-simd.wat): the same hash
 * functions and the same signatures as the JavaScript loop in minhash.ts, bit for bit (a property
 * test compares them), 5-8x faster (`npm run bench`, section 1, measures both side by side: 7.6x).
 *
 * JavaScript has no vector integer arithmetic; WebAssembly's 128-bit SIMD multiplies, adds and takes
 * unsigned minima four lanes at a time, which is exactly the MinHash inner loop. The kernel is 912
 * bytes, compiled synchronously once per process, with a memory of its own per MinHasher: the
 * multipliers and addends are written once, each call copies the shingles in and the signature out.
 * The engine also makes its units' band keys here (loadBlocks, unitKeys): a long paragraph's block
 * signatures stay in the kernel's memory and a window's signature is the minimum of its blocks', so
 * only 42 keys per unit come out rather than 128 values per block.
 *
 * Where WebAssembly cannot be compiled (no SIMD, or a Content Security Policy without
 * 'wasm-unsafe-eval', as in the extension, which keeps its stricter policy and asks for no kernel)
 * simdKernel() returns undefined and the JavaScript loop is used.
 */
import { MINHASH_SIMD_WASM } from './minhash-simd.bytes';

// The memory, in 32-bit words: multipliers, addends, a signature (k <= 1024 each), the band seeds
// and keys of band_keys (<= 1024 bands), then the shingles copied in; the block signatures of
// loadBlocks() follow the shingles.
const MUL = 0;
const ADD = 4096 / 4;
const OUT = 8192 / 4;
const SEEDS = 12288 / 4;
const KEYS = 16384 / 4;
const SHINGLES = 20480 / 4;
const PAGE = 65536;
/** Most hash functions the memory layout has room for. */
export const MAX_SIMD_HASHES = 1024;
/** Most bands unitKeys() has room for. */
export const MAX_SIMD_BANDS = 1024;

let compiled: WebAssembly.Module | null | undefined;

function kernelModule(): WebAssembly.Module | null {
  if (compiled === undefined) {
    compiled = null;
    try {
      if (typeof WebAssembly === 'object') compiled = new WebAssembly.Module(MINHASH_SIMD_WASM);
    } catch {
      // Not allowed here (CSP), or no SIMD (a CompileError): the JavaScript loop is used.
    }
  }
  return compiled;
}

export interface SignatureKernel {
  /** Writes the signature of shingles[from, to) into out (k values). */
  signature(shingles: Uint32Array, from: number, to: number, out: Uint32Array): Uint32Array;
  /**
   * Copies shingles[from, to) in (a paragraph's) and computes the signatures of its blocks of
   * `step` shingles (the last may be shorter), for unitKeys().
   */
  loadBlocks(shingles: Uint32Array, from: number, to: number, step: number): void;
  /**
   * The band keys (lsh.ts bandKeys() with the seeds given to bandSeeds(); bands x rows must be
   * at most k, the signature being mixed in place, four values at a time) of the signature of the
   * loaded shingles [start, end) (offsets into what the last loadBlocks() copied; a signature() call
   * in between overwrites them), written to out[at, at +
   * bands). A range made of whole blocks (start a multiple of step, end one or the end) is the
   * minimum of their signatures; any other is hashed again.
   */
  unitKeys(start: number, end: number, bands: number, rows: number, out: Uint32Array, at: number): void;
  /** Sets the bands' starting values (lsh.ts bandSeed()), at most MAX_SIMD_BANDS. */
  bandSeeds(seeds: Uint32Array): void;
}

/** A kernel for these hash functions, or undefined when WebAssembly SIMD is unavailable or k does not fit it. */
export function simdKernel(mul: Uint32Array, add: Uint32Array): SignatureKernel | undefined {
  const k = mul.length;
  if (k % 16 !== 0 || k > MAX_SIMD_HASHES || add.length !== k) return undefined;
  const module = kernelModule();
  if (!module) return undefined;
  let instance: WebAssembly.Instance;
  try {
    instance = new WebAssembly.Instance(module, {});
  } catch {
    return undefined;
  }
  const memory = instance.exports.memory as WebAssembly.Memory;
  const run = instance.exports.signature as (shingles: number, count: number, k: number) => void;
  const signatureTo = instance.exports.signature_to as (shingles: number, count: number, k: number, dst: number) => void;
  const minOf = instance.exports.min_of as (src: number, n: number, k: number, dst: number) => void;
  const bandKeys = instance.exports.band_keys as (sig: number, bands: number, rows: number, seeds: number, dst: number) => void;
  let words = new Uint32Array(memory.buffer);
  let result = words.subarray(OUT, OUT + k);
  words.set(mul, MUL);
  words.set(add, ADD);
  // What loadBlocks() loaded: its shingle count, block size, and where the block signatures start.
  let loaded = 0;
  let step = 1;
  let blocks = SHINGLES;
  const room = (end: number) => {
    if (end <= words.length) return;
    memory.grow(Math.ceil((end * 4 - memory.buffer.byteLength) / PAGE));
    words = new Uint32Array(memory.buffer);
    result = words.subarray(OUT, OUT + k);
  };
  return {
    bandSeeds(seeds) {
      words.set(seeds.subarray(0, MAX_SIMD_BANDS), SEEDS);
    },
    loadBlocks(shingles, from, to, size) {
      loaded = to - from;
      step = Math.max(1, size);
      const count = Math.ceil(loaded / step);
      blocks = (SHINGLES + loaded + 3) & ~3; // 16-byte aligned
      room(blocks + count * k);
      for (let i = 0; i < loaded; i++) words[SHINGLES + i] = shingles[from + i];
      for (let b = 0; b < count; b++) {
        const s = b * step;
        signatureTo((SHINGLES + s) * 4, Math.min(step, loaded - s), k, (blocks + b * k) * 4);
      }
    },
    unitKeys(start, end, bands, rows, out, at) {
      if (start % step === 0 && (end === loaded || end % step === 0) && end > start) {
        minOf((blocks + (start / step) * k) * 4, Math.ceil(end / step) - start / step, k, OUT * 4);
      } else {
        signatureTo((SHINGLES + start) * 4, Math.max(0, end - start), k, OUT * 4);
      }
      bandKeys(OUT * 4, bands, rows, SEEDS * 4, KEYS * 4);
      for (let b = 0; b < bands; b++) out[at + b] = words[KEYS + b];
    },
    signature(shingles, from, to, out) {
      const count = to - from;
      room(SHINGLES + count);
      // A unit's few dozen shingles are copied by a loop: a subarray view per call (to hand to
      // set()) cost more than the copy, and was most of what computing a check's unit keys allocated.
      if (count <= 256) for (let i = 0; i < count; i++) words[SHINGLES + i] = shingles[from + i];
      else words.set(shingles.subarray(from, to), SHINGLES);
      run(SHINGLES * 4, count, k);
      out.set(result);
      return out;
    },
  };
}
