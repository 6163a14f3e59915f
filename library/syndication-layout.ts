/**
 * Where the syndication graph's articles go: one lane (row) per outlet, in the order of each outlet's
 * first article (the wire that had the story first on top), articles placed left to right by time.
 * Time runs on a scale kept monotonic with a minimum gap between two distinct times, so articles an
 * hour apart and articles a month apart both stay readable and no arrow runs back in time. Ticks name
 * the day (or the hour, for a graph within a day and a half) where its first article stands. Pure:
 * the same positions serve the drawing (cytoscape, preset layout) and the SVG export.
 */
import type { ArticleRef } from '../src/engine/types';
import type { EdgeSummary } from '../src/protocol';

export interface LaidArticle extends ArticleRef {
  lane: number;
  /** Epoch ms (publication, else first seen); undefined when unknown. */
  time?: number;
  x: number;
  y: number;
}

export interface Lane {
  outlet: string;
  y: number;
}

export interface Tick {
  x: number;
  time: number;
  /** True when ticks name hours (a graph within a day and a half), false for days. */
  hourly: boolean;
}

export interface LaidEdge extends EdgeSummary {
  /** A stable id ("e3"), the index in `edges`. */
  id: string;
  /** Stroke width in pixels, by words (square root, 1.5 to 9.5). */
  width: number;
}

export interface Layout {
  articles: LaidArticle[];
  edges: LaidEdge[];
  lanes: Lane[];
  ticks: Tick[];
  /** The drawing's extent: x from `left` to `right`, y from `top` to `bottom`. */
  left: number;
  right: number;
  top: number;
  bottom: number;
  /** Articles of the graph linked to no other (left out of the drawing). */
  unlinked: number;
}

export interface LayoutOptions {
  laneHeight: number;
  /** Least distance between two distinct times. */
  gap: number;
  /** Width the time scale spreads over before gaps are added. */
  width: number;
  /** Room left of the first article for the lane's name. */
  labelWidth: number;
}

export const LAYOUT: LayoutOptions = { laneHeight: 84, gap: 56, width: 900, labelWidth: 180 };

const HOUR = 3_600_000;

function timeOf(a: ArticleRef): number | undefined {
  const t = Date.parse(a.published ?? a.firstSeen ?? '');
  return Number.isFinite(t) ? t : undefined;
}

export function layoutGraph(view: { articles: ArticleRef[]; edges: EdgeSummary[] }, o: LayoutOptions = LAYOUT): Layout {
  const linked = new Set<string>();
  for (const e of view.edges) linked.add(e.from), linked.add(e.to);
  const shown = view.articles.filter((a) => linked.has(a.id));
  const timed = shown.map((a) => ({ a, time: timeOf(a) }));

  // Lanes: outlets by their first article's time (unknown times last), then name.
  const firstOf = new Map<string, number>();
  for (const { a, time } of timed) {
    const t = time ?? Number.MAX_SAFE_INTEGER;
    if (!firstOf.has(a.outlet) || t < firstOf.get(a.outlet)!) firstOf.set(a.outlet, t);
  }
  const outlets = [...firstOf.keys()].sort((x, y) => firstOf.get(x)! - firstOf.get(y)! || (x < y ? -1 : x > y ? 1 : 0));
  const laneOf = new Map(outlets.map((name, i) => [name, i]));
  const lanes = outlets.map((outlet, i) => ({ outlet, y: i * o.laneHeight }));

  // Time to x: linear over `width`, then at least `gap` between distinct times; unknown times last.
  const times = [...new Set(timed.map((x) => x.time).filter((t): t is number => t !== undefined))].sort((x, y) => x - y);
  const t0 = times[0] ?? 0;
  const span = (times[times.length - 1] ?? 0) - t0;
  const xOf = new Map<number, number>();
  let prev = -Infinity;
  for (const t of times) {
    const linear = span > 0 ? ((t - t0) / span) * Math.max(o.width, times.length * o.gap) : 0;
    const x = Math.max(linear, prev + o.gap);
    xOf.set(t, x);
    prev = x;
  }
  const unknownX = (times.length ? prev : -o.gap) + o.gap * 1.5;

  // Articles of one lane at one x are stacked a little apart.
  const stacked = new Map<string, number>();
  const articles: LaidArticle[] = timed.map(({ a, time }) => {
    const lane = laneOf.get(a.outlet)!;
    const x = time === undefined ? unknownX : xOf.get(time)!;
    const slot = `${lane}:${x}`;
    const n = stacked.get(slot) ?? 0;
    stacked.set(slot, n + 1);
    const y = lanes[lane].y + (n === 0 ? 0 : (n % 2 ? -1 : 1) * Math.ceil(n / 2) * 16);
    return { ...a, lane, time, x, y };
  });

  // Ticks: the first article of each day (of each hour within a day and a half), at least 3 gaps apart
  // (a label with date, time and zone is about that wide).
  const hourly = span <= 36 * HOUR;
  const ticks: Tick[] = [];
  let lastBucket = NaN;
  for (const t of times) {
    const bucket = Math.floor(t / (hourly ? HOUR : 24 * HOUR));
    if (bucket === lastBucket) continue;
    lastBucket = bucket;
    const x = xOf.get(t)!;
    if (ticks.length && x - ticks[ticks.length - 1].x < o.gap * 3) continue;
    ticks.push({ x, time: t, hourly });
  }

  const maxWords = view.edges.reduce((m, e) => Math.max(m, e.words), 1);
  const edges = view.edges.map((e, i) => ({ ...e, id: `e${i}`, width: 1.5 + 8 * Math.sqrt(e.words / maxWords) }));
  let minX = articles.length ? Infinity : 0;
  let maxX = articles.length ? -Infinity : 0;
  for (const a of articles) (minX = Math.min(minX, a.x)), (maxX = Math.max(maxX, a.x));
  return {
    articles,
    edges,
    lanes,
    ticks,
    left: minX - o.labelWidth,
    right: maxX + o.gap,
    top: -o.laneHeight * 0.75,
    bottom: Math.max(0, lanes.length - 1) * o.laneHeight + o.laneHeight / 2,
    unlinked: view.articles.length - shown.length,
  };
}
