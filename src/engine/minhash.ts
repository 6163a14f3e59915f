/**
 * MinHash signatures in typed arrays.
 *
 * Shingle hashes arrive already well mixed (uniform 32-bit values from fmix32). Hash function i is
 * the affine bijection x -> (a_i * x + b_i) mod 2^32 with a_i odd, a_i and b_i from a seeded PRNG:
 * on uniformly mixed inputs each is a random-looking order of the shingles, so the k minima are k
 * min-wise samples and P[sig_A[i] = sig_B[i]] = J(A, B) up to 32-bit collisions: the estimate
 * (matching positions / k) is unbiased. Measured, not assumed: tests/engine/minhash.test.ts and
 * `npm run bench` compare it with exact Jaccard on real paragraph pairs, beside the `minhash`
 * package. The loop runs eight hash functions at a time over the shingles so the minima stay in
 * registers (section 1 of `npm run bench` measures the time per signature beside the package).
 * Where WebAssembly SIMD may run (Node, the CLI), a kernel computes the same signatures 5-8x
 * faster (minhash-simd.ts); `{ wasm: false }` keeps to JavaScript (the extension, whose CSP
 * does not allow WebAssembly).
 */
import { prng } from './hash';
import { simdKernel, type SignatureKernel } from './minhash-simd';

export interface MinHasherOptions {
  /** Use the WebAssembly SIMD kernel when it can run (default true); the signatures are the same. */
  wasm?: boolean;
}

export class MinHasher {
  readonly numHashes: number;
  readonly seed: number;
  private readonly mul: Uint32Array;
  private readonly add: Uint32Array;
  private readonly kernel: SignatureKernel | undefined;

  constructor(numHashes = 128, seed = 1, options: MinHasherOptions = {}) {
    if (!Number.isInteger(numHashes) || numHashes < 1 || numHashes > 4096) throw new RangeError(`numHashes must be an integer in 1..4096, got ${numHashes}`);
    this.numHashes = numHashes;
    this.seed = seed >>> 0;
    const next = prng(this.seed);
    this.mul = new Uint32Array(numHashes);
    this.add = new Uint32Array(numHashes);
    for (let i = 0; i < numHashes; i++) {
      this.mul[i] = next() | 1;
      this.add[i] = next();
    }
    this.kernel = options.wasm === false ? undefined : simdKernel(this.mul, this.add);
  }

  /** Whether signatures come from the WebAssembly kernel. */
  get usesWasm(): boolean {
    return this.kernel !== undefined;
  }

  /** The WebAssembly kernel when it computes this hasher's signatures (the engine makes unit band keys with it too). */
  get simd(): SignatureKernel | undefined {
    return this.kernel;
  }

  /** Signature of the set of shingle hashes shingles[from, to). An empty set gives all 0xffffffff. */
  signature(shingles: Uint32Array, from = 0, to = shingles.length, out?: Uint32Array): Uint32Array {
    const k = this.numHashes;
    const sig = out ?? new Uint32Array(k);
    if (this.kernel) return this.kernel.signature(shingles, from, to, sig);
    const mul = this.mul;
    const add = this.add;
    // Eight hash functions per pass over the shingles: eight independent minima in registers.
    // (Measured while building this, on paragraph-sized sets: one function per pass is about a
    // third slower than four, and four about 10-15% slower than eight.)
    let i = 0;
    for (; i + 8 <= k; i += 8) {
      const a0 = mul[i], a1 = mul[i + 1], a2 = mul[i + 2], a3 = mul[i + 3], a4 = mul[i + 4], a5 = mul[i + 5], a6 = mul[i + 6], a7 = mul[i + 7];
      const b0 = add[i], b1 = add[i + 1], b2 = add[i + 2], b3 = add[i + 3], b4 = add[i + 4], b5 = add[i + 5], b6 = add[i + 6], b7 = add[i + 7];
      let m0 = 0xffffffff, m1 = 0xffffffff, m2 = 0xffffffff, m3 = 0xffffffff, m4 = 0xffffffff, m5 = 0xffffffff, m6 = 0xffffffff, m7 = 0xffffffff;
      for (let j = from; j < to; j++) {
        const x = shingles[j];
        const h0 = (Math.imul(x, a0) + b0) >>> 0;
        const h1 = (Math.imul(x, a1) + b1) >>> 0;
        const h2 = (Math.imul(x, a2) + b2) >>> 0;
        const h3 = (Math.imul(x, a3) + b3) >>> 0;
        const h4 = (Math.imul(x, a4) + b4) >>> 0;
        const h5 = (Math.imul(x, a5) + b5) >>> 0;
        const h6 = (Math.imul(x, a6) + b6) >>> 0;
        const h7 = (Math.imul(x, a7) + b7) >>> 0;
        if (h0 < m0) m0 = h0;
        if (h1 < m1) m1 = h1;
        if (h2 < m2) m2 = h2;
        if (h3 < m3) m3 = h3;
        if (h4 < m4) m4 = h4;
        if (h5 < m5) m5 = h5;
        if (h6 < m6) m6 = h6;
        if (h7 < m7) m7 = h7;
      }
      sig[i] = m0;
      sig[i + 1] = m1;
      sig[i + 2] = m2;
      sig[i + 3] = m3;
      sig[i + 4] = m4;
      sig[i + 5] = m5;
      sig[i + 6] = m6;
      sig[i + 7] = m7;
    }
    for (; i < k; i++) {
      const a = mul[i];
      const b = add[i];
      let m = 0xffffffff;
      for (let j = from; j < to; j++) {
        const h = (Math.imul(shingles[j], a) + b) >>> 0;
        if (h < m) m = h;
      }
      sig[i] = m;
    }
    return sig;
  }
}

/** Estimated Jaccard similarity of two signatures made by the same MinHasher. */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  if (a.length !== b.length) throw new RangeError(`signatures differ in length (${a.length} vs ${b.length}): they were made with different parameters`);
  if (a.length === 0) return 0;
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / a.length;
}

/** Exact Jaccard similarity of two sets of 32-bit hashes (duplicates ignored). */
export function exactJaccard(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const sa = new Set<number>();
  for (let i = 0; i < a.length; i++) sa.add(a[i]);
  const sb = new Set<number>();
  for (let i = 0; i < b.length; i++) sb.add(b[i]);
  if (sa.size === 0 && sb.size === 0) return 1;
  let inter = 0;
  for (const x of sa) if (sb.has(x)) inter++;
  return inter / (sa.size + sb.size - inter);
}
