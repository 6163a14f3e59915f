/**
 * A Bloom filter of the band keys of one postings segment (see segments.ts), sized to that segment.
 *
 * Why: a check looks up ~1,000-2,300 band keys and nearly all are absent; each segment is asked for a
 * key only when its filter may hold it, so a look-up reads one block of postings per key that is
 * (almost surely) there, per segment that holds it, and nothing for the rest.
 *
 * What: PROBES = 7, and 16 bits per distinct key for segments of up to SMALL_FILTER_KEYS keys (0.07 %
 * false positives), 10 above (0.8 %). A false positive costs a block read (~0.1-0.2 ms) in every
 * check, a filter's bytes cost reading them once a wake (~2 ms a MB with the popup loading beside
 * it); up to 262,144 keys the six more bits a key are at most 0.2 MB, and remove ~6 of the ~8 block
 * reads a check of ~1,000 keys makes for nothing in each such segment (docs/design.md). Band keys are
 * already uniform 32-bit hashes: probe i is h1 + i * h2 (double hashing), h1 = the key, h2 = a 32-bit
 * mix of it. A segment is immutable, so its filter is built once from its sorted keys, never grows
 * and never needs a watermark: it is stored with the segment and dropped with it. No false negatives.
 */

export const BITS_PER_KEY = 10;
/** Bits a key of the filters of segments holding at most SMALL_FILTER_KEYS distinct keys. */
export const SMALL_BITS_PER_KEY = 16;
export const SMALL_FILTER_KEYS = 1 << 18;
export const PROBES = 7;

function mix(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) | 1; // odd
}

/**
 * An empty filter for `distinct` keys (bloomAdd fills it). Its size is all a look-up needs to know:
 * the probes are the same at every size, so filters of either size (and those stored before the
 * sizes differed) are read alike.
 */
export function newBloom(distinct: number): Uint32Array {
  const bitsPerKey = distinct <= SMALL_FILTER_KEYS ? SMALL_BITS_PER_KEY : BITS_PER_KEY;
  return new Uint32Array(Math.max(1, Math.ceil((distinct * bitsPerKey) / 32)));
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
