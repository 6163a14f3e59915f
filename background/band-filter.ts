/**
 * A Bloom filter of the band keys of one postings segment (see segments.ts), sized to that segment.
 *
 * Why: a check looks up ~1,000-2,300 band keys and nearly all are absent; each segment is asked for a
 * key only when its filter may hold it, so a look-up reads one block of postings per key that is
 * (almost surely) there, per segment that holds it, and nothing for the rest.
 *
 * What: BITS_PER_KEY = 10 bits per distinct key and PROBES = 7 (~1 % false positives). Band keys are
 * already uniform 32-bit hashes: probe i is h1 + i * h2 (double hashing), h1 = the key, h2 = a 32-bit
 * mix of it. A segment is immutable, so its filter is built once from its sorted keys, never grows
 * and never needs a watermark: it is stored with the segment and dropped with it. No false negatives.
 */

export const BITS_PER_KEY = 10;
export const PROBES = 7;

function mix(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) | 1; // odd
}

/** An empty filter for `distinct` keys (bloomAdd fills it). */
export function newBloom(distinct: number): Uint32Array {
  return new Uint32Array(Math.max(1, Math.ceil((distinct * BITS_PER_KEY) / 32)));
}

/** Adds `key` to the filter `bits`. */
export function bloomAdd(bits: Uint32Array, key: number): void {
  const m = bits.length * 32;
  const h2 = mix(key);
  let h = key >>> 0;
  for (let p = 0; p < PROBES; p++) {
    const b = Math.floor((h * m) / 4294967296); // h uniform in [0, 2^32) -> [0, m)
    bits[b >>> 5] |= 1 << (b & 31);
    h = (h + h2) >>> 0;
  }
}

/** The filter of `sortedKeys` (ascending; repeats count once). */
export function buildBloom(sortedKeys: Uint32Array): Uint32Array {
  let distinct = 0;
  for (let i = 0; i < sortedKeys.length; i++) if (i === 0 || sortedKeys[i] !== sortedKeys[i - 1]) distinct++;
  const bits = newBloom(distinct);
  for (let i = 0; i < sortedKeys.length; i++) if (i === 0 || sortedKeys[i] !== sortedKeys[i - 1]) bloomAdd(bits, sortedKeys[i]);
  return bits;
}

/** May the filter hold `key`? (Never false for a key it was built with.) */
export function bloomHas(bits: Uint32Array, key: number): boolean {
  const m = bits.length * 32;
  const h2 = mix(key);
  let h = key >>> 0;
  for (let p = 0; p < PROBES; p++) {
    const b = Math.floor((h * m) / 4294967296);
    if ((bits[b >>> 5] & (1 << (b & 31))) === 0) return false;
    h = (h + h2) >>> 0;
  }
  return true;
}
