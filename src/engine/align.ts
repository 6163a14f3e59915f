/**
 * Seed-and-extend alignment of two token streams (the exact verification after LSH).
 *
 * 1. Seeds: every shingle of A that also occurs in B (word n-grams compared by hash; a shingle that
 *    occurs more than `maxOccurrences` times in B is too common to place and is skipped).
 * 2. Chains: seeds are taken in A order; a seed continues a chain when it lies ahead of the chain's
 *    last seed in both texts by at most `maxGap` tokens with a skew (difference of the two gaps) of
 *    at most `maxSkew`: light editing (a word replaced, inserted or dropped) breaks n shingles
 *    but not the chain. Paragraph boundaries do not break chains, so copy that runs on over several
 *    paragraphs is one passage.
 * 3. Extend: each chain grows at both ends while the next tokens are equal, then is verified: at least
 *    `minWords` tokens covered by shared shingles and a containment (covered / span) of at least
 *    `minCoverage`. Chains overlapping a better one in A are dropped.
 *
 *        A: ----[=====x====]------        (x: an edited word inside the passage)
 *        B: --------[=====y====]--
 */
import type { Prepared } from './prepare';
import { prepare } from './prepare';

export interface AlignOptions {
  maxGap: number;
  maxSkew: number;
  minWords: number;
  minCoverage: number;
  maxOccurrences: number;
}

/**
 * Defaults for articles. minCoverage 0.6 was chosen on the news clusters (`npm run eval`): 0.5 let
 * loose paraphrases of stock phrases through (false flags 0.46%, recall 98.57%); 0.6 gives 0.41% and 98.50%.
 */
export const defaultAlignOptions: AlignOptions = { maxGap: 14, maxSkew: 6, minWords: 8, minCoverage: 0.6, maxOccurrences: 8 };

export interface Alignment {
  /** Token ranges [from, to) in A and B. */
  aFrom: number;
  aTo: number;
  bFrom: number;
  bTo: number;
  /** Tokens of A inside the passage covered by shared shingles or exact extension. */
  matched: number;
  /** Seeds (A token, B token), in A order, for mapping positions inside the passage. */
  seeds: Int32Array;
}

/** Skips shingles starting in paragraphs where skip[p] is true. */
export type ParagraphMask = Uint8Array | undefined;

// B's shingle index, reused by every call (alignment is synchronous): an open-addressing table
// of shingle hash -> (first position, count), the four fields of a slot side by side in `tab`
// (stamp, hash, first, count: one cache line holds four slots), with positions of one shingle linked
// in order through `nextPos`. A slot is live when its stamp is the current call's, so nothing is
// cleared between calls (a Map per candidate was most of the alignment time).
let tab = new Int32Array(0);
let nextPos = new Int32Array(0);
let stamp = 0;

function resetTable(positions: number): number {
  let cap = 64;
  while (cap < positions * 2) cap *= 2;
  if (tab.length < 4 * cap) {
    tab = new Int32Array(4 * cap);
    stamp = 0;
  }
  if (nextPos.length < positions) nextPos = new Int32Array(Math.max(positions, nextPos.length * 2));
  if (++stamp === 0x7fffffff) {
    tab.fill(0);
    stamp = 1;
  }
  return cap - 1;
}

// The chains of alignPrepared(), in typed arrays reused from call to call: seed i is (seedA[i],
// seedB[i]) and seedNext[i] the chain's next seed; chain c runs from seed chFirst[c] to chTail[c].
// (Sized for long articles from the start: each time one grows, code that uses it is re-optimised.)
let seedA = new Int32Array(1 << 13);
let seedB = new Int32Array(1 << 13);
let seedNext = new Int32Array(1 << 13);
let chFirst = new Int32Array(1 << 11);
let chTail = new Int32Array(1 << 11);
let chLastA = new Int32Array(1 << 11);
let chLastB = new Int32Array(1 << 11);
let chCount = new Int32Array(1 << 11);
let openList = new Int32Array(1 << 11);
let doneList = new Int32Array(1 << 11);
let chains = 0;

function grown(x: Int32Array): Int32Array<ArrayBuffer> {
  const y = new Int32Array(x.length * 2);
  y.set(x);
  return y;
}

function growSeeds(): void {
  seedA = grown(seedA);
  seedB = grown(seedB);
  seedNext = grown(seedNext);
}

function growChains(): void {
  chFirst = grown(chFirst);
  chTail = grown(chTail);
  chLastA = grown(chLastA);
  chLastB = grown(chLastB);
  chCount = grown(chCount);
}

/** The table slot of shingle hash h (as a signed integer): its own, or the empty one where it would go; times 4. */
function slotOf(t: Int32Array, h: number, mask: number, st: number): number {
  let i = (Math.imul(h, 0x9e3779b1) >>> 0 & mask) << 2;
  while (t[i] === st && t[i + 1] !== h) i = (i + 4) & (mask << 2 | 3);
  return i;
}

const NO_SEEDS = new Int32Array(0);

export function alignPrepared(a: Prepared, b: Prepared, opts: AlignOptions = defaultAlignOptions, skipA?: ParagraphMask, skipB?: ParagraphMask): Alignment[] {
  const n = a.shingleSize;
  // Index B's shingles, from the end: each position goes to the front of its shingle's list, so
  // the lists are in order without a last position kept.
  const mask = resetTable(b.tokCount);
  const t = tab;
  const st = stamp;
  const next = nextPos;
  let distinct = 0;
  for (let k = b.tokCount - 1; k >= 0; k--) {
    const h = b.shingle[k] | 0;
    if (h === 0 || (skipB && skipB[b.tokPara[k]])) continue;
    const i = slotOf(t, h, mask, st);
    if (t[i] !== st) {
      t[i] = st;
      t[i + 1] = h;
      next[k] = -1;
      t[i + 3] = 1;
      distinct++;
    } else {
      next[k] = t[i + 2];
      t[i + 3]++;
    }
    t[i + 2] = k;
  }
  if (distinct === 0) return [];
  // Each A position starts at most one chain (one more B occurrence finds the chain it started), so
  // a.tokCount entries always suffice for the open and done lists.
  chains = 0;
  if (openList.length < a.tokCount) {
    openList = new Int32Array(a.tokCount * 2);
    doneList = new Int32Array(a.tokCount * 2);
  }

  // Chains in typed arrays reused from call to call (a chain's seeds are a linked list in the seed
  // pool), so a call allocates only what it returns: JavaScript arrays of seeds grown by push were
  // most of what a check allocated (a heap sampling of the bench's job).
  // open: the chains still growing, oldest first; done: those closed, in the order they closed.
  let openN = 0;
  let doneN = 0;
  let seedN = 0;
  const maxGap = opts.maxGap;
  const maxSkew = opts.maxSkew;
  const maxOcc = opts.maxOccurrences;
  // The pools in locals (module variables are re-read at every use); taken again after a pool grows.
  let sA = seedA;
  let sB = seedB;
  let sNext = seedNext;
  let cTail = chTail;
  let cLastA = chLastA;
  let cLastB = chLastB;
  let cCount = chCount;
  const open = openList;
  const done = doneList;
  for (let k = 0; k < a.tokCount; k++) {
    const h = a.shingle[k] | 0;
    if (h === 0 || (skipA && skipA[a.tokPara[k]])) continue;
    const slot = slotOf(t, h, mask, st);
    if (t[slot] !== st) continue;
    const occurrences = t[slot + 3];
    if (occurrences > 1 && occurrences > maxOcc) continue;
    // Close chains that fell too far behind (latest opened first into done), keeping the order of the others.
    let closed = false;
    for (let c = openN - 1; c >= 0; c--) {
      if (k - cLastA[open[c]] > maxGap) {
        done[doneN++] = open[c];
        closed = true;
      }
    }
    if (closed) {
      let w = 0;
      for (let c = 0; c < openN; c++) if (k - cLastA[open[c]] <= maxGap) open[w++] = open[c];
      openN = w;
    }
    for (let pb = t[slot + 2]; pb !== -1; pb = next[pb]) {
      let best = -1;
      let bestCost = Infinity;
      for (let c = 0; c < openN; c++) {
        const ch = open[c];
        const da = k - cLastA[ch];
        const db = pb - cLastB[ch];
        if (da <= 0 || db <= 0 || db > maxGap) continue;
        const skew = Math.abs(da - db);
        if (skew > maxSkew) continue;
        const cost = da + db + 2 * skew;
        if (cost < bestCost) {
          bestCost = cost;
          best = ch;
        }
      }
      if (seedN === sA.length) {
        growSeeds();
        sA = seedA;
        sB = seedB;
        sNext = seedNext;
      }
      if (best === -1) {
        if (occurrences > 1) {
          let startedHere = false;
          for (let c = 0; c < openN && !startedHere; c++) startedHere = cLastA[open[c]] === k;
          if (startedHere) continue;
        }
        if (chains === chFirst.length) {
          growChains();
          cTail = chTail;
          cLastA = chLastA;
          cLastB = chLastB;
          cCount = chCount;
        }
        const ch = chains++;
        sA[seedN] = k;
        sB[seedN] = pb;
        sNext[seedN] = -1;
        chFirst[ch] = cTail[ch] = seedN++;
        cLastA[ch] = k;
        cLastB[ch] = pb;
        cCount[ch] = 1;
        open[openN++] = ch;
      } else {
        sA[seedN] = k;
        sB[seedN] = pb;
        sNext[seedN] = -1;
        sNext[cTail[best]] = seedN;
        cTail[best] = seedN++;
        cLastA[best] = k;
        cLastB[best] = pb;
        cCount[best]++;
      }
    }
  }
  for (let c = 0; c < openN; c++) doneList[doneN++] = openList[c];

  const out: Alignment[] = [];
  const outChain: number[] = [];
  let seedTotal = 0;
  for (let d = 0; d < doneN; d++) {
    const ch = doneList[d];
    const first = chFirst[ch];
    let aFrom = seedA[first];
    let bFrom = seedB[first];
    let aTo = chLastA[ch] + n;
    let bTo = chLastB[ch] + n;
    // Extend while tokens agree.
    while (aFrom > 0 && bFrom > 0 && a.tokHash[aFrom - 1] === b.tokHash[bFrom - 1]) {
      aFrom--;
      bFrom--;
    }
    while (aTo < a.tokCount && bTo < b.tokCount && a.tokHash[aTo] === b.tokHash[bTo]) {
      aTo++;
      bTo++;
    }
    // Covered tokens: union of seed shingles plus the extensions.
    let matched = seedA[first] - aFrom;
    let coveredTo = seedA[first];
    for (let i = first; i !== -1; i = seedNext[i]) {
      const from = Math.max(seedA[i], coveredTo);
      const to = seedA[i] + n;
      if (to > from) matched += to - from;
      coveredTo = Math.max(coveredTo, to);
    }
    matched += Math.max(0, aTo - coveredTo);
    const span = aTo - aFrom;
    if (matched < opts.minWords || matched / span < opts.minCoverage) continue;
    out.push({ aFrom, aTo, bFrom, bTo, matched, seeds: NO_SEEDS });
    outChain.push(ch);
    seedTotal += 2 * chCount[ch];
  }
  // The seeds of all of them in one array, each alignment a view of its part: an array created
  // costs far more than a view (a buffer outside the heap for all but the smallest).
  if (out.length) {
    const all = new Int32Array(seedTotal);
    let at = 0;
    for (let o = 0; o < out.length; o++) {
      const from = at;
      for (let i = chFirst[outChain[o]]; i !== -1; i = seedNext[i]) {
        all[at++] = seedA[i];
        all[at++] = seedB[i];
      }
      out[o].seeds = all.subarray(from, at);
    }
  }
  // Keep the best of overlapping alignments in A.
  out.sort((x, y) => y.matched - x.matched);
  const kept: Alignment[] = [];
  for (const al of out) {
    const overlaps = kept.some((k) => Math.min(k.aTo, al.aTo) - Math.max(k.aFrom, al.aFrom) > 0.5 * (al.aTo - al.aFrom));
    if (!overlaps) kept.push(al);
  }
  kept.sort((x, y) => x.aFrom - y.aFrom);
  return kept;
}

/** Maps token t of A inside alignment `al` to the corresponding token of B (nearest seed before it). */
export function mapToken(al: Alignment, t: number): number {
  const s = al.seeds;
  let lo = 0;
  let hi = s.length / 2 - 1;
  let idx = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (s[2 * mid] <= t) {
      idx = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  const b = s[2 * idx + 1] + (t - s[2 * idx]);
  return Math.max(al.bFrom, Math.min(al.bTo - 1, b));
}

export interface TextAlignment {
  a: { start: number; end: number };
  b: { start: number; end: number };
}

/**
 * Options for whole documents compared pairwise: reused passages there are long, and documents on
 * one topic share many short stock phrases, so a passage needs 16 words (8 in articles, where a
 * copied paragraph can be short). Chosen on the PAN 2013 dev pairs (`npm run eval`): 12 words gave
 * precision 0.967, 16 gave 0.982 with the same recall.
 */
export const documentAlignOptions: AlignOptions = { ...defaultAlignOptions, minWords: 16 };

/**
 * Pairwise alignment of two whole texts (the PAN text-alignment setting): passages with character
 * offsets into each text as given.
 */
export function alignTexts(a: string, b: string, shingleSize = 4, opts: Partial<AlignOptions> = {}): TextAlignment[] {
  const pa = prepare([a], shingleSize);
  const pb = prepare([b], shingleSize);
  const o = { ...documentAlignOptions, ...opts };
  return alignPrepared(pa, pb, o).map((al) => ({
    a: { start: pa.tokStart[al.aFrom], end: pa.tokEnd[al.aTo - 1] },
    b: { start: pb.tokStart[al.bFrom], end: pb.tokEnd[al.bTo - 1] },
  }));
}
