/**
 * An outlet's furniture in an article: takes a prepared article and, for each of its paragraphs, how
 * many stored articles of its outlet hold it (the store's fingerprintCounts), gives the paragraphs
 * that are furniture (teasers, "Read more" lines, sign-offs the outlet prints everywhere) as a mask
 * by internal paragraph. Furniture is never reported as copied, and the checked article's is not
 * looked up. It is a small part of a page: when such paragraphs hold most of the article's words,
 * the article is another version of an earlier one (an update, a re-scrape, a live page) and its
 * text is judged like any other.
 */
import { paragraphWords, type Prepared } from './prepare';

/** EngineOptions' furniture fields. */
export interface FurnitureOptions {
  /** A paragraph found in at least this many other articles of the same outlet is furniture... */
  boilerplateMin: number;
  /** ...unless such paragraphs hold more than this share of the article's words (a version of an earlier article). */
  boilerplateMaxShare: number;
}

/**
 * The furniture of `prep` (internal paragraph indices), from `counts`, one per given paragraph
 * (internal 1 on); `own` is 1 when the article itself is among the stored articles counted.
 * Undefined when there is none.
 */
export function furniture(prep: Prepared, counts: Uint32Array, own: number, o: FurnitureOptions): Uint8Array | undefined {
  let mask: Uint8Array | undefined;
  let words = 0;
  for (let p = 1; p < prep.paragraphs.length; p++) {
    if (prep.fingerprint[p] !== 0 && counts[p - 1] - own >= o.boilerplateMin) {
      (mask ??= new Uint8Array(prep.paragraphs.length))[p] = 1;
      words += paragraphWords(prep, p);
    }
  }
  return mask && words <= o.boilerplateMaxShare * (prep.tokCount - paragraphWords(prep, 0)) ? mask : undefined;
}

/**
 * The checked article's paragraphs left out of the check: `skip`, its furniture and its title
 * (internal paragraph 0: a source's title can be copied, the checked article's is not reported),
 * and `boilerplate`, the furniture as the report gives it (0-based paragraph indices).
 */
export function checkedFurniture(q: Prepared, counts: Uint32Array, own: number, o: FurnitureOptions): { skip: Uint8Array; boilerplate: number[] } {
  const skip = furniture(q, counts, own, o) ?? new Uint8Array(q.paragraphs.length);
  const boilerplate: number[] = [];
  for (let p = 1; p < q.paragraphs.length; p++) if (skip[p]) boilerplate.push(p - 1);
  skip[0] = 1;
  return { skip, boilerplate };
}
