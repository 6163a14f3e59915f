/**
 * MinHash signatures computed by a small WebAssembly SIMD kernel (minhash-simd.wat): the same hash
 * functions and the same signatures as the JavaScript loop in minhash.ts, bit for bit (a property
 * test compares them), 5-8x faster (`npm run bench`, section 1, measures both side by side: 7.6x).
 *
 * JavaScript has no vector integer arithmetic; WebAssembly's 128-bit SIMD multiplies, adds and takes
 * unsigned minima four lanes at a time, which is exactly the MinHash inner loop. The kernel is 404
 * bytes, compiled synchronously once per process, with a memory of its own per MinHasher: the
 * multipliers and addends are written once, each call copies the shingles in and the signature out.
 *
 * Where WebAssembly cannot be compiled (no SIMD, or a Content Security Policy without
 * 'wasm-unsafe-eval', as in the extension, which keeps its stricter policy and asks for no kernel)
 * simdKernel() returns undefined and the JavaScript loop is used.
 */
import { MINHASH_SIMD_WASM } from './minhash-simd.bytes';

const MUL = 0;
const ADD = 4096 / 4;
const OUT = 8192 / 4;
const SHINGLES = 12288 / 4;
const PAGE = 65536;
/** Most hash functions the memory layout has room for. */
export const MAX_SIMD_HASHES = 1024;

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
  let words = new Uint32Array(memory.buffer);
  let result = words.subarray(OUT, OUT + k);
  words.set(mul, MUL);
  words.set(add, ADD);
  return {
    signature(shingles, from, to, out) {
      const count = to - from;
      if (SHINGLES + count > words.length) {
        memory.grow(Math.ceil(((SHINGLES + count) * 4 - memory.buffer.byteLength) / PAGE));
        words = new Uint32Array(memory.buffer);
        result = words.subarray(OUT, OUT + k);
      }
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
