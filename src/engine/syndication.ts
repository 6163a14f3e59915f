/**
 * The syndication graph: who carried whose copy. Takes the engine's reports of stored articles, each
 * checked against the rest of the index (Engine.checkStored: its sources are the earlier articles of
 * other outlets), gives the articles and the edges from each source article to each article copying
 * it, with the words copied, whether they are credited, whether only quotations are shared, and the
 * passages themselves. An edge is what the copying article's own report says, so the graph and the
 * popup never disagree.
 *
 *   report of B: passages from A ──▶ edges A→B: one of the credited copied passages, one of the
 *   uncredited ones (a pair partly credited has both), or one quotes-only edge when A and B share
 *   nothing but quotations. Quotations shared beside copy join the larger copy edge of the pair.
 *
 * Two ways to choose the articles: a story (an article and everything its reports connect it to:
 * sources, who had it first, later reusers, its outlet's earlier versions, followed until none is
 * left or `maxArticles` is reached) and a list of stored documents (a date range of the index).
 * Pure: the engine and its store do the reading.
 */
import type { StoredDocument } from './store';
import type { ArticleRef, Passage, Report } from './types';
import { parseTime } from './validate';
import { wordCount } from './word-count';

export interface SyndicationEdge {
  /** The source article's id. */
  from: string;
  /** The copying article's id. */
  to: string;
  /** Words of the edge's passages (counted as the engine counts them). */
  words: number;
  /** Every copied passage of the edge is credited (directly or through a wire). */
  credited: boolean;
  /** The two articles share only quotations: no copied prose. */
  quotesOnly: boolean;
  passages: Passage[];
}

export interface SyndicationGraph {
  /** Every article an edge names and every article checked, oldest first. */
  articles: ArticleRef[];
  edges: SyndicationEdge[];
  /** Articles checked to build it. */
  checked: number;
  /** True when a story had more articles than allowed: the graph holds the first ones reached. */
  truncated: boolean;
}

/** What a graph is built with: the engine's check of a stored document, and its store's look-ups. */
export interface SyndicationSource {
  checkStored(key: number): Promise<Report | undefined>;
  readonly store: {
    getDocumentById(id: string): Promise<StoredDocument | undefined>;
  };
}

export interface SyndicationRun {
  /** Called after each article checked. */
  onProgress?: (done: number, total: number) => void;
  /** Asked between articles: true stops the run with the graph so far. */
  stop?: () => boolean;
  /** A story's articles checked at most (default 200). */
  maxArticles?: number;
}

/** An article's time: publication, else first seen (epoch ms); undefined when neither parses. */
export function articleTime(a: { published?: string; firstSeen?: string }): number | undefined {
  return parseTime(a.published) ?? parseTime(a.firstSeen);
}

function refOf(a: ArticleRef): ArticleRef {
  return { id: a.id, outlet: a.outlet, url: a.url, title: a.title, published: a.published, firstSeen: a.firstSeen };
}

function wordsOf(ps: Passage[]): number {
  let n = 0;
  for (const p of ps) n += wordCount(p.text);
  return n;
}

/** The edges into the article a report is about, from each of its sources. */
export function reportEdges(report: Report): SyndicationEdge[] {
  const bySource = new Map<string, Passage[]>();
  for (const p of report.passages) {
    const list = bySource.get(p.source.id);
    if (list) list.push(p);
    else bySource.set(p.source.id, [p]);
  }
  const edges: SyndicationEdge[] = [];
  for (const [from, ps] of bySource) {
    const copied = ps.filter((p) => p.kind === 'copied');
    const quotes = ps.filter((p) => p.kind === 'quote');
    if (!copied.length) {
      edges.push({ from, to: report.id, words: wordsOf(quotes), credited: false, quotesOnly: true, passages: quotes });
      continue;
    }
    const groups = [copied.filter((p) => p.credited), copied.filter((p) => !p.credited)].filter((g) => g.length);
    const pair = groups.map((g) => ({ from, to: report.id, words: wordsOf(g), credited: g[0].credited, quotesOnly: false, passages: g }));
    if (quotes.length) {
      const widest = pair.reduce((a, b) => (b.words > a.words ? b : a));
      widest.passages = [...widest.passages, ...quotes].sort((a, b) => a.paragraph - b.paragraph || a.start - b.start);
      widest.words += wordsOf(quotes);
    }
    edges.push(...pair);
  }
  return edges.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : Number(b.credited) - Number(a.credited)));
}

/** The edges of one pair as a report gives them (the passages of an edge shown on demand). */
export function pairEdges(report: Report, from: string): SyndicationEdge[] {
  return reportEdges(report).filter((e) => e.from === from);
}

/** Collects reports into a graph: their articles, their sources, their edges. */
export class SyndicationBuilder {
  private readonly articles = new Map<string, ArticleRef>();
  private readonly edges: SyndicationEdge[] = [];
  private checked = 0;

  /** Adds a report: its article, each source named by a passage, and the edges into the article. */
  add(report: Report): void {
    this.checked++;
    this.articles.set(report.id, refOf(report));
    for (const p of report.passages) if (!this.articles.has(p.source.id)) this.articles.set(p.source.id, refOf(p.source));
    this.edges.push(...reportEdges(report));
  }

  has(id: string): boolean {
    return this.articles.has(id);
  }

  graph(truncated = false): SyndicationGraph {
    const time = (a: ArticleRef) => articleTime(a) ?? Number.MAX_SAFE_INTEGER;
    const articles = [...this.articles.values()].sort((a, b) => time(a) - time(b) || (a.outlet < b.outlet ? -1 : a.outlet > b.outlet ? 1 : a.id < b.id ? -1 : 1));
    return { articles, edges: this.edges.slice(), checked: this.checked, truncated };
  }
}

/** Every article a report connects its article to: sources, who had it first, later reusers, its outlet's earlier text. */
export function neighbours(report: Report): string[] {
  const ids = new Set<string>();
  for (const p of report.passages) {
    ids.add(p.source.id);
    if (p.firstSeen) ids.add(p.firstSeen.id);
  }
  for (const r of report.reusedBy) ids.add(r.id);
  for (const o of report.ownEarlier) ids.add(o.source.id);
  if (report.updateOf) ids.add(report.updateOf.id);
  ids.delete(report.id);
  return [...ids];
}

/**
 * The story of a stored article: it and every article its reports connect it to, breadth first,
 * each checked once. Undefined when `startKey` names no document.
 */
export async function storySyndication(source: SyndicationSource, startKey: number, run: SyndicationRun = {}): Promise<SyndicationGraph | undefined> {
  const max = run.maxArticles ?? 200;
  const first = await source.checkStored(startKey);
  if (!first) return undefined;
  const builder = new SyndicationBuilder();
  builder.add(first);
  const seen = new Set<string>([first.id]);
  const queue = neighbours(first).filter((id) => !seen.has(id));
  for (const id of queue) seen.add(id);
  let truncated = false;
  run.onProgress?.(1, 1 + queue.length);
  let done = 1;
  while (queue.length) {
    if (run.stop?.()) break;
    if (done >= max) {
      truncated = true;
      break;
    }
    const id = queue.shift()!;
    const doc = await source.store.getDocumentById(id);
    const report = doc ? await source.checkStored(doc.key) : undefined;
    done++;
    if (report) {
      builder.add(report);
      for (const n of neighbours(report)) {
        if (seen.has(n)) continue;
        seen.add(n);
        queue.push(n);
      }
    }
    run.onProgress?.(done, done + queue.length);
  }
  return builder.graph(truncated);
}

/** The graph of chosen stored documents (a date range of the index): each checked, its sources named. */
export async function documentsSyndication(source: SyndicationSource, keys: number[], run: SyndicationRun = {}): Promise<SyndicationGraph> {
  const builder = new SyndicationBuilder();
  let done = 0;
  for (const key of keys) {
    if (run.stop?.()) break;
    const report = await source.checkStored(key);
    if (report) builder.add(report);
    run.onProgress?.(++done, keys.length);
  }
  return builder.graph(false);
}
