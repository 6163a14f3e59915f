/**
 * A postings block as IndexedDB stores it: its pairs (band key, document), sorted by key then
 * document, as variable-length integers. A block in memory is one Uint32Array, its n keys then its n
 * documents (segments.ts); stored, it is a Uint8Array: n, the first key, each next key's gap from the
 * one before it, then the n documents, each in base-128 digits (7 bits a byte, the high bit set on
 * every byte but a number's last).
 *
 * Why: a block of 512 pairs is 4 KB as 32-bit numbers, and the postings were about half of what the
 * index holds on disk (Chromium's LevelDB does not make random numbers smaller). A segment's keys are
 * hashes sorted, so their gaps are small (2^32 / its distinct keys on average: ~1,200 at 3.6 million
 * postings, ~140 at 35 million), and documents are numbered from 1 in the order they were stored:
 * most pairs take 3 to 5 bytes instead of 8. Measured in Chromium 156 (4 million pairs in 8,000
 * blocks, key gaps ~1,200, documents under 10,000): 37.0 MB as 32-bit numbers, 17.5 MB as here.
 *
 * Blocks written before are Uint32Arrays and read as they are (decodeBlock), so a database keeps its
 * blocks across the change; merges and deletions write theirs in this form.
 */

import { BLOCK } from './segments';

/** A block as the postings store holds it: this form (Uint8Array), or 32-bit numbers as written before it. */
export type StoredBlock = Uint8Array | Uint32Array;

/** Bytes a block of `n` pairs may need at most: its count and 2n numbers of up to 5 bytes. */
const maxBytes = (n: number) => 5 * (2 * n + 1);

let scratch = new Uint8Array(maxBytes(BLOCK));

/** The stored form of block `p` (n keys then n documents, keys non-decreasing): a new Uint8Array of its own. */
export function encodeBlock(p: Uint32Array): Uint8Array {
  const n = p.length >>> 1;
  if (scratch.length < maxBytes(n)) scratch = new Uint8Array(maxBytes(n));
  const out = scratch;
  let o = 0;
  const put = (x: number) => {
    while (x > 0x7f) {
      out[o++] = (x & 0x7f) | 0x80;
      x >>>= 7;
    }
    out[o++] = x;
  };
  put(n);
  let prev = 0;
  for (let i = 0; i < n; i++) {
    const k = p[i];
    if (k < prev) throw new RangeError(`postings block: key ${k} after ${prev} (keys must not decrease)`);
    put(k - prev);
    prev = k;
  }
  for (let i = n; i < 2 * n; i++) put(p[i]);
  // A copy of its own: a view into the scratch buffer would be stored with the whole buffer.
  return out.slice(0, o);
}

/**
 * Block `v` as n keys then n documents: decoded from its stored form, or as it is when it was written
 * as 32-bit numbers. A stored block that does not decode (cut short, numbers over 32 bits) throws.
 */
export function decodeBlock(v: StoredBlock): Uint32Array {
  if (v instanceof Uint32Array) return v;
  let i = 0;
  const get = (): number => {
    let x = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      if (i >= v.length) throw new RangeError('postings block: cut short');
      const b = v[i++];
      x += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) {
        if (x > 0xffffffff) break;
        return x;
      }
    }
    throw new RangeError('postings block: a number over 32 bits');
  };
  const n = get();
  if (n > v.length) throw new RangeError('postings block: its count exceeds its bytes');
  const p = new Uint32Array(2 * n);
  let k = 0;
  for (let j = 0; j < n; j++) {
    k += get();
    if (k > 0xffffffff) throw new RangeError('postings block: a key over 32 bits');
    p[j] = k;
  }
  for (let j = n; j < 2 * n; j++) p[j] = get();
  if (i !== v.length) throw new RangeError('postings block: bytes after its last number');
  return p;
}
