/**
 * MinHash signatures in typed arrays.
 *
 * Hash function i maps a (well-mixed) 32-bit shingle hash x to fmix32(x ^ a_i), with the a_i drawn
 * from a seeded PRNG. fmix32 is a bijection with full avalanche, so for distinct shingles the k
 * minima behave as k independent min-wise samples, and P[sig_A[i] = sig_B[i]] = J(A, B) up to
 * 32-bit collisions (about n/2^32): the estimate (matching positions / k) is unbiased. The bench
 * measures its error against exact Jaccard beside the `minhash` npm package.
 */
import { prng } from './hash';

export class MinHasher {
  readonly numHashes: number;
  readonly seed: number;
  private readonly salts: Uint32Array;

  constructor(numHashes = 128, seed = 1) {
    if (!Number.isInteger(numHashes) || numHashes < 1 || numHashes > 4096) throw new RangeError(`numHashes must be an integer in 1..4096, got ${numHashes}`);
    this.numHashes = numHashes;
    this.seed = seed >>> 0;
    const next = prng(this.seed);
    this.salts = new Uint32Array(numHashes);
    for (let i = 0; i < numHashes; i++) this.salts[i] = next();
  }

  /** Signature of the set of shingle hashes shingles[from, to). An empty set gives all 0xffffffff. */
  signature(shingles: Uint32Array, from = 0, to = shingles.length, out?: Uint32Array): Uint32Array {
    const k = this.numHashes;
    const sig = out ?? new Uint32Array(k);
    sig.fill(0xffffffff);
    const salts = this.salts;
    for (let j = from; j < to; j++) {
      const x = shingles[j];
      for (let i = 0; i < k; i++) {
        let h = x ^ salts[i];
        h ^= h >>> 16;
        h = Math.imul(h, 0x85ebca6b);
        h ^= h >>> 13;
        h = Math.imul(h, 0xc2b2ae35);
        h ^= h >>> 16;
        h >>>= 0;
        if (h < sig[i]) sig[i] = h;
      }
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
