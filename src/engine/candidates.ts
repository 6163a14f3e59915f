/**
 * The candidate sources of a check: takes the band-key hits the store found for the checked
 * article's units (document key -> hits), gives the keys of the documents worth verifying, at most
 * maxCandidates, most hits first (rankCandidates); takes those documents (the engine leaves out the
 * checked article's own outlet), gives each one's exact alignments with the checked article
 * (align.ts), furniture left out on both sides (alignCandidates); then splits those that align into
 * the earlier and the later ones, oldest first (byTime). Only earlier ones can be sources; later
 * ones reuse the checked article.
 */
import { alignPrepared, type AlignOptions, type Alignment } from './align';
import { cachedDocRef, type DocRef } from './documents';
import { furniture, type FurnitureOptions } from './furniture';
import type { Prepared } from './prepare';
import type { SourceCache } from './source-cache';
import type { IndexStore, StoredDocument } from './store';

/** A stored document that aligns with the checked article. */
export interface Candidate {
  doc: StoredDocument;
  /** docRef(doc), made once: every passage from this source carries it. */
  ref: DocRef;
  prep: Prepared;
  /** Publication time, else first-seen time (epoch milliseconds). */
  time: number;
  alignments: Alignment[];
}

/** Keys of the documents with the most hits (ties: the lower key first), at most `max`. */
export function rankCandidates(hits: Map<number, number>, max: number): number[] {
  if (hits.size === 1 && max >= 1) return [...hits.keys()];
  return [...hits.entries()].sort((x, y) => y[1] - x[1] || x[0] - y[0]).slice(0, max).map((e) => e[0]);
}

/**
 * The documents that align with `q` (paragraphs in `skipQ` left out), each with its alignments.
 * A document's preparation comes from `sources`; its own furniture is counted in the store.
 */
export async function alignCandidates(store: IndexStore, sources: SourceCache, q: Prepared, skipQ: Uint8Array, docs: StoredDocument[], align: AlignOptions, o: FurnitureOptions): Promise<Candidate[]> {
  const out: Candidate[] = [];
  // Every candidate's fingerprint counts asked for at once: a store on disk answers them together
  // (IndexedDB: one request each, ~1-3 ms apiece when asked one after another).
  const preps = docs.map((doc) => sources.prepared(doc));
  const counts = await Promise.all(docs.map((doc, i) => store.fingerprintCounts(doc.outletKey, preps[i].fingerprint.subarray(1))));
  for (const [i, doc] of docs.entries()) {
    const prep = preps[i];
    const skip = furniture(prep, counts[i], 1, o);
    const alignments = alignPrepared(q, prep, align, skipQ, skip);
    if (alignments.length) out.push({ doc, ref: cachedDocRef(doc), prep, time: doc.published ?? doc.firstSeen, alignments });
  }
  return out;
}

/** Candidates older and newer than `time`, each list oldest first (ties: the lower key); none of the same time. */
export function byTime(candidates: Candidate[], time: number): { earlier: Candidate[]; later: Candidate[] } {
  const earlier = candidates.filter((c) => c.time < time).sort(oldestFirst);
  const later = candidates.filter((c) => c.time > time).sort(oldestFirst);
  return { earlier, later };
}

function oldestFirst(x: Candidate, y: Candidate): number {
  return x.time - y.time || x.doc.key - y.doc.key;
}
