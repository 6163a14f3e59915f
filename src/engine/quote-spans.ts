/**
 * The quotation spans of a prepared article's paragraphs, found once per Prepared (anchors.ts when it
 * makes the article's keys, passages.ts when a passage lies there: the same Prepared serves both, as
 * a checked article and as a source kept by source-cache.ts). Only paragraphs where the tokenizer saw
 * a quotation mark outside a word are scanned (quotes.ts finds the spans).
 */
import type { Prepared } from './prepare';
import { findQuoteSpans, type Span } from './quotes';
import { ASCII_QUOTE_MARK } from './tokenize';

const NO_SPANS: Span[] = [];
const found = new WeakMap<Prepared, Array<Span[] | undefined>>();

/** findQuoteSpans() of internal paragraph `p` of `prep`, remembered. */
export function paragraphQuoteSpans(prep: Prepared, p: number): Span[] {
  if (!(prep.paraFlags[p] & ASCII_QUOTE_MARK)) return NO_SPANS;
  let all = found.get(prep);
  if (!all) found.set(prep, (all = []));
  return (all[p] ??= findQuoteSpans(prep.paragraphs[p]));
}
