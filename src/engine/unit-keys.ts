/**
 * The LSH band keys of an article's units: takes a Prepared article, gives a record per unit
 * (paragraphs of at least minUnitWords words, and windowWords windows of longer ones: prepare.ts's
 * units()) with its paragraph and band keys, all the keys in one array in unit order. A paragraph's
 * own unit also carries the paragraph's anchors after its band keys (anchors.ts: exact keys for a
 * sentence copied out of a long paragraph). Made by the
 * WebAssembly SIMD kernel where it runs, by the JavaScript MinHash loop otherwise: the same keys
 * (tests/engine/minhash-simd.test.ts compares the two). Also which of those keys a check looks up.
 *
 * Each shingle is hashed once: a long paragraph's windows are made of blocks of windowWords/2
 * tokens, so the signatures of its blocks are computed and every unit (the windows and the whole
 * paragraph) takes the element-wise minimum of the blocks it covers, which is exactly its own
 * signature (the minimum over a union is the minimum of the minima).
 */
import { paragraphAnchors } from './anchors';
import { bandKeys, bandSeed } from './lsh';
import { MinHasher } from './minhash';
import { MAX_SIMD_BANDS, type SignatureKernel } from './minhash-simd';
import { units, unitShingles, type Prepared, type Unit } from './prepare';
import type { UnitRecord } from './store';

/** An article's unit records; `keys` holds all their band keys in order (each record's are a view of it). */
export interface UnitKeys {
  records: UnitRecord[];
  keys: Uint32Array;
}

/** What the units and their keys are made with: EngineOptions' fields (IndexParams' too). */
export interface UnitKeyOptions {
  hashes: number;
  seed: number;
  bands: number;
  rows: number;
  /** Paragraphs with fewer words are not indexed as units (headlines, captions, bylines). */
  minUnitWords: number;
  /** Paragraphs longer than this many words are also indexed in windows of this size. */
  windowWords: number;
  /** Anchors: winnowing window, in word 2n-grams (0: none). */
  anchorWindow: number;
  /**
   * Compute signatures with the WebAssembly SIMD kernel where it can run (the same signatures, 5-8x
   * faster); the extension sets false, its CSP allowing no WebAssembly.
   */
  wasm: boolean;
}

/** Makes the unit keys of prepared articles, each article's once (a check then a record reuse them). */
export class UnitKeyMaker {
  private readonly hasher: MinHasher;
  /** The WebAssembly kernel, where it runs: it makes the band keys too (simd()). */
  private readonly kernel: SignatureKernel | undefined;
  private readonly made = new WeakMap<Prepared, UnitKeys>();
  // Scratch for the JavaScript path: small typed arrays are costly to create.
  private shingleScratch = new Uint32Array(1024);
  private readonly sigScratch: Uint32Array;
  private blockScratch = new Uint32Array(0);
  private readonly anchorScratch: number[] = [];

  constructor(private readonly o: UnitKeyOptions) {
    this.hasher = new MinHasher(o.hashes, o.seed, { wasm: o.wasm });
    this.kernel = o.bands <= MAX_SIMD_BANDS ? this.hasher.simd : undefined;
    this.kernel?.bandSeeds(new Uint32Array(o.bands).map((_, b) => bandSeed(b)));
    this.sigScratch = new Uint32Array(o.hashes);
  }

  /** The unit keys of `prep`, made on first use. */
  of(prep: Prepared): UnitKeys {
    let cached = this.made.get(prep);
    if (!cached) this.made.set(prep, (cached = this.kernel ? this.simd(prep, this.kernel) : this.js(prep)));
    return cached;
  }

  /** Lets go of the keys of `prep` (once it is stored: as a source it needs its tokens, not its band keys). */
  forget(prep: Prepared): void {
    this.made.delete(prep);
  }

  /** The keys in JavaScript: blocks hashed by MinHasher, minima and band keys in plain loops. */
  private js(prep: Prepared): UnitKeys {
    const { minUnitWords, windowWords, bands, rows, hashes } = this.o;
    const us = units(prep, minUnitWords, windowWords);
    const { keys, at } = this.layout(prep, us);
    if (this.shingleScratch.length < prep.tokCount) this.shingleScratch = new Uint32Array(Math.max(prep.tokCount, this.shingleScratch.length * 2));
    const buf = this.shingleScratch;
    const sig = this.sigScratch;
    const step = Math.max(1, windowWords >> 1);
    let blocks = this.blockScratch;
    let blockPara = -1;
    const out: UnitRecord[] = [];
    for (let n = 0; n < us.length; n++) {
      const u = us[n];
      const from = prep.paraTok[u.paragraph];
      const to = prep.paraTok[u.paragraph + 1];
      const aligned = to - from > windowWords && (u.from - from) % step === 0 && (u.to === to || (u.to - from) % step === 0);
      if (!aligned) {
        const m = unitShingles(prep, u, buf);
        this.hasher.signature(buf, 0, m, sig);
      } else {
        if (blockPara !== u.paragraph) {
          blockPara = u.paragraph;
          const count = Math.ceil((to - from) / step);
          if (blocks.length < count * hashes) blocks = this.blockScratch = new Uint32Array(count * hashes * 2);
          for (let b = 0; b < count; b++) {
            const bf = from + b * step;
            const m = unitShingles(prep, { paragraph: u.paragraph, from: bf, to: Math.min(to, bf + step) }, buf);
            this.hasher.signature(buf, 0, m, sig);
            blocks.set(sig, b * hashes);
          }
        }
        sig.fill(0xffffffff);
        const last = Math.ceil((u.to - from) / step);
        for (let b = (u.from - from) / step; b < last; b++) {
          const base = b * hashes;
          for (let i = 0; i < hashes; i++) if (blocks[base + i] < sig[i]) sig[i] = blocks[base + i];
        }
      }
      bandKeys(sig, bands, rows, keys.subarray(at[n], at[n] + bands));
      out.push({ paragraph: u.paragraph - 1, bandKeys: keys.subarray(at[n], at[n + 1]) });
    }
    return { records: out, keys };
  }

  /**
   * js() in the WebAssembly kernel: the same blocks, minima and band keys, with the minima taken
   * four lanes at a time. A paragraph's shingles are copied in once; a paragraph short enough to
   * have no windows is one block.
   */
  private simd(prep: Prepared, kernel: SignatureKernel): UnitKeys {
    const { minUnitWords, windowWords, bands, rows } = this.o;
    const us = units(prep, minUnitWords, windowWords);
    const { keys, at } = this.layout(prep, us);
    const step = Math.max(1, windowWords >> 1);
    const n = prep.shingleSize;
    const out: UnitRecord[] = [];
    let para = -1;
    let from = 0;
    let valid = 0; // the paragraph's shingles: at its first `valid` tokens (the last n - 1 start none)
    for (let i = 0; i < us.length; i++) {
      const u = us[i];
      if (u.paragraph !== para) {
        para = u.paragraph;
        from = prep.paraTok[para];
        const words = prep.paraTok[para + 1] - from;
        valid = Math.max(0, words - n + 1);
        kernel.loadBlocks(prep.shingle, from, from + valid, words > windowWords ? step : valid);
      }
      kernel.unitKeys(u.from - from, Math.min(u.to - from, valid), bands, rows, keys, at[i]);
      out.push({ paragraph: u.paragraph - 1, bandKeys: keys.subarray(at[i], at[i + 1]) });
    }
    return { records: out, keys };
  }

  /**
   * The key array of units `us` of `prep`, with each paragraph's anchors already in place after its
   * first unit's band keys, and where each unit's keys start (`at`, one more entry for the end).
   */
  private layout(prep: Prepared, us: Unit[]): { keys: Uint32Array; at: Int32Array } {
    const { bands, anchorWindow } = this.o;
    const anchors = this.anchorScratch;
    anchors.length = 0;
    const at = new Int32Array(us.length + 1);
    const made = new Int32Array(us.length);
    for (let i = 0; i < us.length; i++) {
      if (anchorWindow > 0 && (i === 0 || us[i - 1].paragraph !== us[i].paragraph)) made[i] = paragraphAnchors(prep, us[i].paragraph, anchorWindow, anchors);
      at[i + 1] = at[i] + bands + made[i];
    }
    const keys = new Uint32Array(at[us.length]);
    for (let i = 0, a = 0; i < us.length; i++) for (let k = 0; k < made[i]; k++) keys[at[i] + bands + k] = anchors[a++];
    return { keys, at };
  }
}

/**
 * The band keys to look up: those of units outside the skipped paragraphs (`skip` is indexed by
 * internal paragraph). Usually only the title's units, which come first, are skipped, and the
 * others' keys are a view of the article's key array rather than a copy.
 */
export function lookupKeys({ records, keys }: UnitKeys, skip: Uint8Array, _bands?: number): Uint32Array {
  let first = 0;
  while (first < records.length && skip[records[first].paragraph + 1]) first++;
  if (first === records.length) return keys.subarray(keys.length);
  let contiguous = true;
  for (let r = first; r < records.length && contiguous; r++) contiguous = !skip[records[r].paragraph + 1];
  if (contiguous) return keys.subarray((records[first].bandKeys.byteOffset - keys.byteOffset) >> 2);
  let n = 0;
  for (const r of records) if (!skip[r.paragraph + 1]) n += r.bandKeys.length;
  const out = new Uint32Array(n);
  let at = 0;
  for (const r of records) {
    if (skip[r.paragraph + 1]) continue;
    const bk = r.bandKeys; // copied in a loop: TypedArray.set costs more for 42 values
    for (let b = 0; b < bk.length; b++) out[at++] = bk[b];
  }
  return out;
}

/** lookupKeys() as flags, one per unit (1: look it up), for a store's putDocumentAndLookup. */
export function lookupFlags(records: UnitRecord[], skip: Uint8Array): Uint8Array {
  const flags = new Uint8Array(records.length);
  for (let u = 0; u < records.length; u++) flags[u] = skip[records[u].paragraph + 1] ? 0 : 1;
  return flags;
}
