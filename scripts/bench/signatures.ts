/**
 * Sections 1 and 5 of the bench: MinHash signature speed and Jaccard-estimate error (engine vs the
 * `minhash` package) and the LSH S-curve, on real paragraph pairs from the BBC corpus.
 *
 * Pairs: a BBC paragraph (>= 20 words) and a copy with each word, at rate r, replaced by a random
 * corpus word or deleted (half each), for several r; plus the paragraph and an unrelated one.
 * Both hashers get the same shingles: the engine's word 4-grams (its normaliser and tokenizer),
 * as 32-bit hashes for the engine and as "w1 w2 w3 w4" strings for the package. Exact Jaccard is
 * computed on the strings.
 */
import { bandKeys, candidateProbability } from '../../src/engine/lsh';
import { estimateJaccard, MinHasher } from '../../src/engine/minhash';
import { prepare } from '../../src/engine/prepare';
import { pkgSignature, shingleStrings, tokenStrings, type PkgMinhash } from './minhash-pkg';
import { editParagraph, mean, median, now, readJsonl, rng, sharedPath, shuffle, sum } from './util';

export interface SignatureOptions {
  paragraphs: number;
  rates: number[];
  hashes: number;
  bands: number;
  rows: number;
  seed: number;
  shingle: number;
  engineReps: number;
  pkgReps: number;
}

interface Text {
  strings: string[];
  hashes: Uint32Array;
}

interface Pair {
  kind: string;
  a: number;
  b: number;
  exact: number;
}

function jaccardStrings(a: string[], b: string[]): number {
  const sa = new Set(a);
  const sb = new Set(b);
  if (sa.size === 0 && sb.size === 0) return 1;
  let inter = 0;
  for (const x of sa) if (sb.has(x)) inter++;
  return inter / (sa.size + sb.size - inter);
}

function errorStats(xs: Array<{ est: number; exact: number }>) {
  const d = xs.map((x) => x.est - x.exact);
  return { n: d.length, bias: mean(d), mae: mean(d.map(Math.abs)), rmse: Math.sqrt(mean(d.map((x) => x * x))) };
}

export async function runSignatures(o: SignatureOptions) {
  const rand = rng(20240601);
  const rows = await readJsonl<{ id: string; paragraphs: string[] }>(sharedPath('corpora/bbc-news-2004.jsonl.gz'));
  const seen = new Set<string>();
  const all: string[] = [];
  for (const r of rows) for (const p of r.paragraphs) if (!seen.has(p)) (seen.add(p), all.push(p));
  const vocab: string[] = [];
  for (const p of all) for (const w of p.split(/\s+/)) if (w) vocab.push(w);
  const eligible = shuffle(all, rand).filter((p) => p.split(/\s+/).length >= 20);
  const base = eligible.slice(0, o.paragraphs);
  const others = eligible.slice(o.paragraphs, 2 * o.paragraphs);

  const edit = (p: string, rate: number): string => editParagraph(p, rate, rand, vocab);

  const texts: Text[] = [];
  const addText = (s: string): number => {
    const strings = shingleStrings(tokenStrings(s), o.shingle);
    const prep = prepare([s], o.shingle);
    const hashes = prep.shingle.filter((h) => h !== 0);
    if (hashes.length !== strings.length) throw new Error('shingle strings and hashes disagree');
    texts.push({ strings, hashes });
    return texts.length - 1;
  };
  const pairs: Pair[] = [];
  base.forEach((p, i) => {
    const a = addText(p);
    for (const r of o.rates) {
      const b = addText(edit(p, r));
      pairs.push({ kind: `edit ${r}`, a, b, exact: jaccardStrings(texts[a].strings, texts[b].strings) });
    }
    const b = addText(others[i % others.length]);
    pairs.push({ kind: 'unrelated', a, b, exact: jaccardStrings(texts[a].strings, texts[b].strings) });
  });

  // Timing: warm up, then per text the mean of several repetitions; median over texts.
  // The engine's hasher (the WebAssembly kernel in Node) and the JavaScript loop the extension runs.
  const hasher = new MinHasher(o.hashes, o.seed);
  const jsHasher = new MinHasher(o.hashes, o.seed, { wasm: false });
  const sigOut = new Uint32Array(o.hashes);
  const warm = texts.slice(0, Math.min(300, texts.length));
  for (let w = 0; w < 3; w++) for (const t of warm) (hasher.signature(t.hashes, 0, t.hashes.length, sigOut), jsHasher.signature(t.hashes, 0, t.hashes.length, sigOut));
  for (const t of warm) pkgSignature(t.strings, o.hashes);

  const engineUs: number[] = [];
  const jsUs: number[] = [];
  const engineSigs: Uint32Array[] = [];
  for (const t of texts) {
    let t0 = now();
    for (let r = 0; r < o.engineReps; r++) hasher.signature(t.hashes, 0, t.hashes.length, sigOut);
    engineUs.push(((now() - t0) * 1000) / o.engineReps);
    t0 = now();
    for (let r = 0; r < o.engineReps; r++) jsHasher.signature(t.hashes, 0, t.hashes.length, sigOut);
    jsUs.push(((now() - t0) * 1000) / o.engineReps);
    engineSigs.push(hasher.signature(t.hashes));
  }
  const pkgUs: number[] = [];
  const pkgSigs: PkgMinhash[] = [];
  for (const t of texts) {
    let m: PkgMinhash | undefined;
    const t0 = now();
    for (let r = 0; r < o.pkgReps; r++) m = pkgSignature(t.strings, o.hashes);
    pkgUs.push(((now() - t0) * 1000) / o.pkgReps);
    pkgSigs.push(m!);
  }
  const shingles = texts.map((t) => t.hashes.length);
  // Preparing a paragraph (normalise, tokenise, shingle hashes) is part of the engine's cost too.
  const prepUs: number[] = [];
  const sample = base.slice(0, Math.min(500, base.length));
  for (const p of sample) prepare([p], o.shingle);
  for (const p of sample) {
    const t0 = now();
    for (let r = 0; r < 5; r++) prepare([p], o.shingle);
    prepUs.push(((now() - t0) * 1000) / 5);
  }

  // Errors.
  const engErr: Array<{ kind: string; est: number; exact: number }> = [];
  const pkgErr: Array<{ kind: string; est: number; exact: number }> = [];
  const candidates: Array<{ exact: number; cand: boolean }> = [];
  for (const pr of pairs) {
    engErr.push({ kind: pr.kind, est: estimateJaccard(engineSigs[pr.a], engineSigs[pr.b]), exact: pr.exact });
    pkgErr.push({ kind: pr.kind, est: pkgSigs[pr.a].jaccard(pkgSigs[pr.b]), exact: pr.exact });
    const ka = bandKeys(engineSigs[pr.a], o.bands, o.rows);
    const kb = bandKeys(engineSigs[pr.b], o.bands, o.rows);
    let cand = false;
    for (let i = 0; i < o.bands && !cand; i++) cand = ka[i] === kb[i];
    candidates.push({ exact: pr.exact, cand });
  }
  const kinds = [...new Set(pairs.map((p) => p.kind))];
  const byKind = kinds.map((k) => ({
    kind: k,
    pairs: pairs.filter((p) => p.kind === k).length,
    meanExact: mean(pairs.filter((p) => p.kind === k).map((p) => p.exact)),
    engine: errorStats(engErr.filter((e) => e.kind === k)),
    pkg: errorStats(pkgErr.filter((e) => e.kind === k)),
  }));

  // S-curve: theory and measurement, bucketed by exact Jaccard.
  const theory = [0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9].map((s) => ({ s, p: candidateProbability(s, o.bands, o.rows) }));
  const buckets: Array<{ from: number; to: number; pairs: number; meanExact: number; measured: number; predicted: number }> = [];
  for (let b = 0; b < 10; b++) {
    const from = b / 10;
    const to = (b + 1) / 10;
    const inB = candidates.filter((c) => c.exact >= from && (b === 9 ? c.exact <= 1 : c.exact < to));
    if (!inB.length) continue;
    buckets.push({
      from,
      to,
      pairs: inB.length,
      meanExact: mean(inB.map((c) => c.exact)),
      measured: inB.filter((c) => c.cand).length / inB.length,
      predicted: mean(inB.map((c) => candidateProbability(c.exact, o.bands, o.rows))),
    });
  }

  return {
    corpus: 'bbc-news-2004',
    paragraphs: base.length,
    texts: texts.length,
    pairs: pairs.length,
    medianShingles: median(shingles),
    signature: {
      engineMedianUs: median(engineUs),
      engineWasm: hasher.usesWasm,
      jsMedianUs: median(jsUs),
      jsNsPerShingle: (sum(jsUs) * 1000) / sum(shingles),
      pkgMedianUs: median(pkgUs),
      ratio: median(pkgUs) / median(engineUs),
      engineNsPerShingle: (sum(engineUs) * 1000) / sum(shingles),
      pkgNsPerShingle: (sum(pkgUs) * 1000) / sum(shingles),
      enginePrepareMedianUs: median(prepUs),
      engineReps: o.engineReps,
      pkgReps: o.pkgReps,
    },
    error: {
      engine: errorStats(engErr),
      pkg: errorStats(pkgErr),
      related: { engine: errorStats(engErr.filter((e) => e.kind !== 'unrelated')), pkg: errorStats(pkgErr.filter((e) => e.kind !== 'unrelated')) },
      byKind,
      expectedSd: mean(pairs.map((p) => Math.sqrt((p.exact * (1 - p.exact)) / o.hashes))),
    },
    scurve: { bands: o.bands, rows: o.rows, theory, buckets },
  };
}
