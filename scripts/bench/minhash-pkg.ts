/**
 * The `minhash` npm package (0.0.9, the baseline), typed, plus the same check-and-index job done with it.
 *
 * Its API: `new Minhash({ numPerm })` (each instance draws its own a/b permutations from a
 * sin-based generator seeded with 1, so instances agree), `update(str)` per shingle (it hashes the
 * string once PER PERMUTATION: 128 string hashes per shingle), `jaccard(other)`; `LshIndex({ bandSize })`
 * with `insert(key, minhash)` and `query(minhash)`, which throws a TypeError when one of the query's
 * bands was never inserted (`this.index[band].length` of undefined). `guardedQuery` below is the
 * same look-up skipping absent bands, and counts hits per key like the engine's store does.
 */
import { createRequire } from 'node:module';
import { normalize } from '../../src/engine/normalize';
import { tokenize } from '../../src/engine/tokenize';

export interface PkgMinhash {
  hashvalues: number[];
  hashbands?: string[];
  update(s: string): void;
  jaccard(other: PkgMinhash): number;
}
export interface PkgLshIndex {
  bandSize: number;
  index: Record<string, Array<string | number>>;
  insert(key: string | number, m: PkgMinhash): void;
  query(m: PkgMinhash): string[];
  getHashbands(m: PkgMinhash): string[];
}
interface PkgModule {
  Minhash: new (config?: { numPerm?: number; seed?: number }) => PkgMinhash;
  LshIndex: new (args?: { bandSize?: number }) => PkgLshIndex;
}

const require = createRequire(import.meta.url);
export const pkg = require('minhash') as PkgModule;
export const pkgVersion: string = (require('minhash/package.json') as { version: string }).version;

/** Signature of a list of shingle strings with the package (a fresh Minhash, one update per shingle). */
export function pkgSignature(shingles: string[], numPerm = 128): PkgMinhash {
  const m = new pkg.Minhash({ numPerm });
  for (let i = 0; i < shingles.length; i++) m.update(shingles[i]);
  return m;
}

/** LshIndex.query without the throw: bands never inserted are skipped. Returns hits per key. */
export function guardedQuery(index: PkgLshIndex, m: PkgMinhash, hits: Map<string, number>): void {
  const bands = index.getHashbands(m);
  for (let i = 0; i < bands.length; i++) {
    const list = index.index[bands[i]];
    if (!list) continue;
    for (let j = 0; j < list.length; j++) {
      const k = String(list[j]);
      hits.set(k, (hits.get(k) ?? 0) + 1);
    }
  }
}

/** Word tokens (as strings) of a paragraph, with the engine's own normalisation and tokenizer. */
export function tokenStrings(paragraph: string): string[] {
  const norm = normalize(paragraph);
  const t = tokenize(norm.text);
  const out = new Array<string>(t.count);
  for (let i = 0; i < t.count; i++) out[i] = norm.text.slice(t.start[i], t.end[i]);
  return out;
}

/** Word n-gram shingle strings of tokens [from, to). */
export function shingleStrings(tokens: string[], n: number, from = 0, to = tokens.length): string[] {
  const out: string[] = [];
  for (let k = from; k + n <= to; k++) out.push(tokens.slice(k, k + n).join(' '));
  return out;
}

export interface PkgJobOptions {
  shingle: number;
  numPerm: number;
  bandSize: number;
  minUnitWords: number;
  windowWords: number;
  maxCandidates: number;
}

/**
 * The engine's job done with the package: per article, tokenise every paragraph, build the same
 * units as the engine (paragraphs of >= minUnitWords words, plus windowWords-word windows every
 * windowWords/2 words in longer paragraphs), a Minhash per unit, a guarded LshIndex query, rank
 * candidate articles by hits, then insert the units. No alignment (which favours the package).
 */
export class PkgJob {
  readonly index: PkgLshIndex;
  private docs = 0;
  constructor(readonly o: PkgJobOptions) {
    this.index = new pkg.LshIndex({ bandSize: o.bandSize });
  }

  private unitSignatures(paragraphs: string[]): PkgMinhash[] {
    const { shingle, minUnitWords, windowWords, numPerm } = this.o;
    const sigs: PkgMinhash[] = [];
    for (const p of paragraphs) {
      const toks = tokenStrings(p);
      const words = toks.length;
      if (words < minUnitWords) continue;
      sigs.push(pkgSignature(shingleStrings(toks, shingle), numPerm));
      if (words > windowWords) {
        const step = Math.max(1, windowWords >> 1);
        for (let s = 0; s < words; s += step) {
          const e = Math.min(words, s + windowWords);
          if (e - s < minUnitWords) break;
          sigs.push(pkgSignature(shingleStrings(toks, shingle, s, e), numPerm));
          if (e === words) break;
        }
      }
    }
    return sigs;
  }

  /** Index only (the preload). */
  record(paragraphs: string[]): void {
    const key = ++this.docs;
    for (const m of this.unitSignatures(paragraphs)) this.index.insert(key, m);
  }

  /** Look up then index; returns the top candidates (keys). */
  checkAndRecord(paragraphs: string[]): string[] {
    const sigs = this.unitSignatures(paragraphs);
    const hits = new Map<string, number>();
    for (const m of sigs) guardedQuery(this.index, m, hits);
    const ranked = [...hits.entries()].sort((x, y) => y[1] - x[1]).slice(0, this.o.maxCandidates).map((e) => e[0]);
    const key = ++this.docs;
    for (const m of sigs) this.index.insert(key, m);
    return ranked;
  }
}
