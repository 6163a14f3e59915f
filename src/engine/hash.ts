/**
 * 32-bit hashing with Math.imul only, so Node, Chromium and Firefox give identical values.
 * No strings are built: tokens are hashed straight from the characters of the normalised text.
 */

/** MurmurHash3's finaliser: a bijection on 32-bit integers with full avalanche. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a over the UTF-16 code units text[start, end), finalised with fmix32. */
export function hashRange(text: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

/** Combines an ordered sequence of 32-bit values into one (order-sensitive). */
export function combine(h: number, v: number): number {
  return combineMixed(h, fmix32(v + 0x9e3779b9));
}

/** combine(h, v) given m = fmix32(v + 0x9e3779b9), for values used several times (tokens in shingles). */
export function combineMixed(h: number, m: number): number {
  h ^= m;
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  return (h ^ (h >>> 12)) >>> 0;
}

/** A small seeded PRNG (mulberry32) for deriving hash-function parameters. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}
