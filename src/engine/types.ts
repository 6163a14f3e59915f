/**
 * Public types of the provenance engine. Everything here is plain data (JSON-safe) so the same
 * values cross the extension's message protocol, the CLI's --json output and the index file.
 */

/** An article as the engine receives it, from a page, a file or a corpus line. */
export interface ArticleInput {
  /** Stable identity: the canonical URL for pages, the file name or corpus id otherwise. */
  id: string;
  url?: string;
  /**
   * The address the page was actually read at, when it differs from `url` (the canonical URL the
   * page declares on its own site): the record keeps both, as it keeps `firstSeen` beside `published`.
   */
  pageUrl?: string;
  /** Display name of the outlet ("BBC News"). Matches within one outlet are never reported as copying. */
  outlet: string;
  title?: string;
  /** Publication time, ISO 8601. */
  published?: string;
  /** When this article was first seen (recorded); used for ordering when `published` is unknown. ISO 8601. */
  firstSeen?: string;
  /** Article body, one string per paragraph, as given (offsets in reports refer to these strings). */
  paragraphs: string[];
  /** BCP 47 language tag, when known. */
  lang?: string;
  /** The feed item's guid it was read from (an RSS guid, Atom id, JSON Feed id): a key that keeps it from being recorded twice. */
  guid?: string;
  /**
   * Where the article came from, when not (only) from the user's own reading: 'pack:<id>' for an
   * installed index pack, 'feed:<id>' for a feed, 'read' for the user's reading. Absent means 'read'.
   */
  sources?: string[];
}

export type PassageKind = 'copied' | 'quote';

/** Another article, named in a report: who carried a text, and when. */
export interface ArticleRef {
  id: string;
  outlet: string;
  url?: string;
  title?: string;
  /** Publication time, ISO 8601, when known. */
  published?: string;
  /** When it was first recorded, ISO 8601. */
  firstSeen?: string;
  /**
   * Its claimed publication time lies far (30 days or more) before everything else known about the
   * text: before it was first recorded and before every other article carrying it. The time is the
   * page's own word (claimed-times.ts).
   */
  claimedEarly?: boolean;
}

/** Where a passage came from: the earlier article of another outlet whose text it matches best. */
export interface SourceRef extends ArticleRef {
  /**
   * 0-based paragraph index in the source article, and character offsets in that paragraph.
   * -1 means the source's title (a headline or lead line can be copied into another's body).
   */
  paragraph: number;
  start: number;
  end: number;
  /** The source's text over [start, end). */
  text: string;
}

export interface Passage {
  /** 0-based index into the checked article's paragraphs. */
  paragraph: number;
  /** Character offsets into that paragraph (UTF-16 code units, as JavaScript strings index). */
  start: number;
  end: number;
  /** The checked article's text over [start, end). */
  text: string;
  kind: PassageKind;
  /** Share of the passage's words covered by exactly shared word n-grams (1 = verbatim). */
  coverage: number;
  /**
   * Whether the article credits the source's outlet (in this paragraph, or for the whole article), or
   * credits a wire that the source credits too (then `creditedVia` names it). Always false for quotes:
   * a quotation is attributed to its speaker.
   */
  credited: boolean;
  /** The wire through which the passage is credited ("Associated Press"): the article and the source both credit it. */
  creditedVia?: string;
  /** The text that was copied: the earlier article of another outlet that holds most of the passage (earliest among equals). */
  source: SourceRef;
  /** Who had it first: the earliest article of any other outlet carrying a version of the passage, when that is not `source`. */
  firstSeen?: ArticleRef;
  /** Passages with the same group number are one run of copy that continues across paragraphs. */
  group: number;
}

export interface SourceSummary extends ArticleRef {
  /** Number of passages attributed to this source. */
  passages: number;
  /** Share of the checked article's characters attributed to this source (copied and quoted). */
  share: number;
  /** 'yes' if every passage from it is credited, 'no' if none, 'partly' otherwise. */
  credited: 'yes' | 'no' | 'partly';
}

/** A later article of another outlet that carries this article's text. */
export interface ReuseRef extends ArticleRef {
  /** Share of the checked article's characters found in that later article. */
  share: number;
  /** What the later article carries: copied text, or only shared quotations (absent in reports kept from older versions). */
  kind?: PassageKind;
  /** Whether the later article credits this article's outlet for the text it carries (absent in reports kept from older versions). */
  credited?: 'yes' | 'no' | 'partly';
}

/** A paragraph of the checked article that its own outlet published earlier (an update repeating its story). */
export interface OwnEarlierText {
  paragraph: number;
  /** The outlet's earlier article holding it. */
  source: ArticleRef;
}

/** A credit to another outlet found in the text ("BBC reported", "(AP)", "- Reuters", "told dpa"). */
export interface Credit {
  /** Canonical name of the credited outlet ("Associated Press", "Reuters", "AFP", "dpa", "BBC"), or the name as written. */
  name: string;
  paragraph: number;
  start: number;
  end: number;
  /** 'article' for datelines, bylines and sign-off lines that credit the whole article; 'paragraph' otherwise. */
  scope: 'article' | 'paragraph';
}

export interface Report {
  id: string;
  outlet: string;
  url?: string;
  title?: string;
  published?: string;
  firstSeen?: string;
  /** Number of paragraphs of the checked article. */
  paragraphs: number;
  /** Share of the article's characters (in paragraphs that are not boilerplate) in `copied` passages. */
  copiedShare: number;
  /** Share in `quote` passages. */
  quotedShare: number;
  passages: Passage[];
  /** Sources, most characters first. */
  sources: SourceSummary[];
  /** Later articles of other outlets that carry this article's text. */
  reusedBy: ReuseRef[];
  /** Paragraphs that are the outlet's own earlier text: never reported as copied from anyone. */
  ownEarlier: OwnEarlierText[];
  /** Set when most of the article is its outlet's earlier text: an updated version of that article. */
  updateOf?: ArticleRef & { share: number };
  /** True when no earlier source was found and later articles reuse this one. */
  earliest: boolean;
  /** Paragraph indices recognised as the outlet's recurring furniture (never reported as copying). */
  boilerplate: number[];
  /** Credits found in the text; looked for only when there are passages, in their paragraphs and those that can credit the whole article. */
  credits: Credit[];
  /** Articles in the index when the check ran. */
  indexSize: number;
}
