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
// of shingle hash -> (first position, last position, count) with positions of one shingle linked
// in order through `next`. A slot is live when its stamp is the current call's, so nothing is
// cleared between calls (a Map per candidate was most of the alignment time).
let tabKey = new Uint32Array(0);
let tabFirst = new Int32Array(0);
let tabLast = new Int32Array(0);
let tabCount = new Int32Array(0);
let tabStamp = new Int32Array(0);
let nextPos = new Int32Array(0);
let stamp = 0;

function resetTable(positions: number): number {
  let cap = 64;
  while (cap < positions * 2) cap *= 2;
  if (tabKey.length < cap) {
    tabKey = new Uint32Array(cap);
    tabFirst = new Int32Array(cap);
    tabLast = new Int32Array(cap);
    tabCount = new Int32Array(cap);
    tabStamp = new Int32Array(cap);
    stamp = 0;
  }
  if (nextPos.length < positions) nextPos = new Int32Array(Math.max(positions, nextPos.length * 2));
  if (++stamp === 0x7fffffff) {
    tabStamp.fill(0);
    stamp = 1;
  }
  return cap - 1;
}

/** The table slot of shingle hash h: its own, or the empty one where it would go. */
function slotOf(h: number, mask: number): number {
  let i = Math.imul(h, 0x9e3779b1) >>> 0 & mask;
  while (tabStamp[i] === stamp && tabKey[i] !== h) i = (i + 1) & mask;
  return i;
}

export function alignPrepared(a: Prepared, b: Prepared, opts: AlignOptions = defaultAlignOptions, skipA?: ParagraphMask, skipB?: ParagraphMask): Alignment[] {
  const n = a.shingleSize;
  // Index B's shingles.
  const mask = resetTable(b.tokCount);
  let distinct = 0;
  for (let k = 0; k < b.tokCount; k++) {
    const h = b.shingle[k];
    if (h === 0 || (skipB && skipB[b.tokPara[k]])) continue;
    const i = slotOf(h, mask);
    nextPos[k] = -1;
    if (tabStamp[i] !== stamp) {
      tabStamp[i] = stamp;
      tabKey[i] = h;
      tabFirst[i] = k;
      tabCount[i] = 1;
      distinct++;
    } else {
      nextPos[tabLast[i]] = k;
      tabCount[i]++;
    }
    tabLast[i] = k;
  }
  if (distinct === 0) return [];

  interface Chain { seeds: number[]; lastA: number; lastB: number }
  const open: Chain[] = [];
  const done: Chain[] = [];
  for (let k = 0; k < a.tokCount; k++) {
    const h = a.shingle[k];
    if (h === 0 || (skipA && skipA[a.tokPara[k]])) continue;
    const slot = slotOf(h, mask);
    if (tabStamp[slot] !== stamp) continue;
    const occurrences = tabCount[slot];
    if (occurrences > 1 && occurrences > opts.maxOccurrences) continue;
    // Close chains that fell too far behind.
    for (let c = open.length - 1; c >= 0; c--) {
      if (k - open[c].lastA > opts.maxGap) done.push(open.splice(c, 1)[0]);
    }
    for (let pb = tabFirst[slot]; pb !== -1; pb = nextPos[pb]) {
      let best: Chain | undefined;
      let bestCost = Infinity;
      for (const c of open) {
        const da = k - c.lastA;
        const db = pb - c.lastB;
        if (da <= 0 || db <= 0 || db > opts.maxGap) continue;
        const skew = Math.abs(da - db);
        if (skew > opts.maxSkew) continue;
        const cost = da + db + 2 * skew;
        if (cost < bestCost) {
          bestCost = cost;
          best = c;
        }
      }
      if (best) {
        best.seeds.push(k, pb);
        best.lastA = k;
        best.lastB = pb;
      } else if (occurrences === 1 || !open.some((c) => c.lastA === k)) {
        open.push({ seeds: [k, pb], lastA: k, lastB: pb });
      }
    }
  }
  done.push(...open);

  const out: Alignment[] = [];
  for (const c of done) {
    const s = c.seeds;
    let aFrom = s[0];
    let bFrom = s[1];
    let aTo = s[s.length - 2] + n;
    let bTo = s[s.length - 1] + n;
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
    let matched = 0;
    let coveredTo = aFrom;
    const firstSeed = s[0];
    matched += firstSeed - aFrom;
    coveredTo = firstSeed;
    for (let i = 0; i < s.length; i += 2) {
      const from = Math.max(s[i], coveredTo);
      const to = s[i] + n;
      if (to > from) matched += to - from;
      coveredTo = Math.max(coveredTo, to);
    }
    matched += Math.max(0, aTo - coveredTo);
    const span = aTo - aFrom;
    if (matched < opts.minWords || matched / span < opts.minCoverage) continue;
    out.push({ aFrom, aTo, bFrom, bTo, matched, seeds: new Int32Array(s) }); // (Int32Array.from goes through the iterator: slower)
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
