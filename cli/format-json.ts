/**
 * --json: {"documents":[...]} written one document at a time (a large corpus is never held as
 * one string). The required fields are always present (null when unknown); the rest of the
 * engine's Report is added alongside. Values are exact; characters a terminal could obey are JSON
 * escapes (terminal-text.ts).
 */
import type { ArticleRef, Passage, Report, ReuseRef } from '../src/engine/types';
import { jsonSafe } from './terminal-text';

export const JSON_HEAD = '{"documents":[\n';
export const JSON_TAIL = '\n]}\n';

function passageJson(p: Passage) {
  const s = p.source;
  return {
    paragraph: p.paragraph,
    start: p.start,
    end: p.end,
    text: p.text,
    kind: p.kind,
    coverage: p.coverage,
    credited: p.credited,
    creditedVia: p.creditedVia ?? null,
    group: p.group,
    firstSeen: p.firstSeen ? refJson(p.firstSeen) : null,
    source: {
      id: s.id,
      outlet: s.outlet,
      published: s.published ?? null,
      paragraph: s.paragraph,
      start: s.start,
      end: s.end,
      text: s.text,
      url: s.url ?? null,
      title: s.title ?? null,
      firstSeen: s.firstSeen ?? null,
    },
  };
}

function refJson(r: ArticleRef) {
  return { id: r.id, outlet: r.outlet, published: r.published ?? null, url: r.url ?? null, title: r.title ?? null, firstSeen: r.firstSeen ?? null };
}

function reuseJson(u: ReuseRef) {
  return { ...refJson(u), share: u.share, kind: u.kind ?? null, credited: u.credited ?? null };
}

/**
 * Why a checked article was not recorded (as the extension's NotRecordedReason names it), or null when
 * it was: a page that does not look like an article read with --force, or an id recorded before.
 */
export type NotRecorded = 'not-article' | 'already-recorded' | null;

export interface DocumentExtras {
  /** --with-text: the paragraphs as read, as `paragraphTexts`. */
  text?: string[];
  notRecorded?: NotRecorded;
}

/** One document of the --json output. */
export function documentJson(r: Report, extras: DocumentExtras = {}) {
  const { text, notRecorded = null } = extras;
  return {
    id: r.id,
    outlet: r.outlet,
    published: r.published ?? null,
    paragraphs: r.paragraphs,
    copiedShare: r.copiedShare,
    quotedShare: r.quotedShare,
    title: r.title ?? null,
    url: r.url ?? null,
    passages: r.passages.map(passageJson),
    sources: r.sources,
    reusedBy: r.reusedBy.map(reuseJson),
    ownEarlier: r.ownEarlier.map((o) => ({ paragraph: o.paragraph, source: refJson(o.source) })),
    updateOf: r.updateOf ? { ...refJson(r.updateOf), share: r.updateOf.share } : null,
    earliest: r.earliest,
    boilerplate: r.boilerplate,
    credits: r.credits,
    notRecorded,
    ...(text ? { paragraphTexts: text } : {}),
  };
}

/** The text of one document, with the separator before every document but the first. */
export function documentChunk(r: Report, first: boolean, extras: DocumentExtras = {}): string {
  return (first ? '' : ',\n') + jsonSafe(JSON.stringify(documentJson(r, extras)));
}
