/**
 * The report's shares: takes the checked article's Prepared, the paragraphs left out of its text
 * (furniture and title), its passages (credited settled) and the later candidates, gives the shares
 * of its text in copied and in quoted passages, one summary per source (passages, share, credited),
 * and the later articles that reuse it, each with the share of the text it carries, what it carries
 * and whether it credits the checked article's outlet (later-reuse.ts). Lengths are
 * non-space characters (chars.ts), so a text re-wrapped or re-indented keeps its shares.
 */
import type { Candidate } from './candidates';
import { nonSpace } from './chars';
import { reuseCredit, reuseKind } from './later-reuse';
import type { Prepared } from './prepare';
import type { Passage, ReuseRef, SourceSummary } from './types';

export interface Shares {
  copiedShare: number;
  quotedShare: number;
  /** Most characters first. */
  sources: SourceSummary[];
  reusedBy: ReuseRef[];
  /** Non-space characters of the text (the paragraphs not left out); 0 when there is nothing to share it. */
  textChars: number;
}

/**
 * The shares of the checked article `q` (its given paragraphs are `paragraphs`; `skip` by internal
 * paragraph; `outlet` its outlet's name; `quoteShare` the quotation rule's, attribution.ts).
 */
export function shares(paragraphs: string[], q: Prepared, skip: Uint8Array, passages: Passage[], later: Candidate[], outlet: string, quoteShare: number, ownPieces = 0): Shares {
  // The text's size matters only for shares, and there are none without passages or later reuse.
  const textChars = passages.length || later.length || ownPieces ? countChars(q, skip) : 0;
  let copied = 0;
  let quoted = 0;
  const lengths = passages.map((p) => {
    // A passage that is its whole paragraph (the usual copy) has the length counted when preparing it.
    const len = p.start === 0 && p.end === paragraphs[p.paragraph].length ? q.paraChars[p.paragraph + 1] : nonSpace(p.text);
    if (p.kind === 'copied') copied += len;
    else quoted += len;
    return len;
  });
  const sources = summariseSources(passages, lengths, textChars);
  const reusedBy: ReuseRef[] = later.map((c) => {
    let chars = 0;
    for (const al of c.alignments) chars += spanChars(q, al.aFrom, al.aTo);
    const r = c.ref;
    const ref: ReuseRef = { id: r.id, outlet: r.outlet, url: r.url, title: r.title, published: r.published, firstSeen: r.firstSeen, share: textChars ? Math.min(1, chars / textChars) : 0, kind: reuseKind(q, c, quoteShare), credited: reuseCredit(c, outlet) };
    return ref;
  });
  return { copiedShare: textChars ? copied / textChars : 0, quotedShare: textChars ? quoted / textChars : 0, sources, reusedBy, textChars };
}

/** Per source: its passages, share of the text (`lengths`: each passage's non-space characters) and credit. */
function summariseSources(passages: Passage[], lengths: number[], textChars: number): SourceSummary[] {
  const by = new Map<string, { s: SourceSummary; chars: number; credited: number }>();
  for (let i = 0; i < passages.length; i++) {
    const p = passages[i];
    const r = p.source;
    let e = by.get(r.id);
    if (!e) {
      // Fields written out: a rest/spread of objects with undefined fields is a V8 slow path.
      e = { s: { id: r.id, outlet: r.outlet, url: r.url, title: r.title, published: r.published, firstSeen: r.firstSeen, passages: 0, share: 0, credited: 'no' }, chars: 0, credited: 0 };
      by.set(r.id, e);
    }
    e.s.passages++;
    e.chars += lengths[i];
    if (p.credited) e.credited++;
  }
  const out: SourceSummary[] = [];
  for (const e of by.values()) {
    e.s.share = textChars ? e.chars / textChars : 0;
    e.s.credited = e.credited === 0 ? 'no' : e.credited === e.s.passages ? 'yes' : 'partly';
    out.push(e.s);
  }
  return out.sort((a, b) => b.share - a.share);
}

/** Non-space characters of the paragraphs not skipped. */
function countChars(q: Prepared, skip: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < q.paragraphs.length; i++) if (!skip[i]) n += q.paraChars[i];
  return n;
}

/** Characters of tokens [from, to). */
function spanChars(q: Prepared, from: number, to: number): number {
  let n = 0;
  for (let t = from; t < to; t++) n += q.tokEnd[t] - q.tokStart[t];
  return n;
}
