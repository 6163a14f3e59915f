/**
 * The syndication graph's exports: its edges as CSV (one row per edge, each article named by id,
 * outlet, title, URL and time) and as JSON (articles and edges as the worker gave them), and its
 * picture as SVG, drawn from the same layout as the screen (lanes, time ticks, arrows by width, dash
 * and colour). Pure: strings in, strings out; every text is escaped for its format.
 */
import type { ArticleRef } from '../src/engine/types';
import type { SyndicationView } from '../src/protocol';
import type { Layout } from './syndication-layout';

/** One CSV field: quoted when it holds a comma, quote or line break, and a leading =+-@ is neutralised (spreadsheet formulas). */
export function csvField(v: string | number | boolean | undefined): string {
  if (v === undefined) return '';
  let s = String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const COLUMNS = ['from_id', 'from_outlet', 'from_title', 'from_url', 'from_time', 'to_id', 'to_outlet', 'to_title', 'to_url', 'to_time', 'words', 'credited', 'quotes_only', 'passages'];

export function edgesCsv(view: SyndicationView): string {
  const byId = new Map(view.articles.map((a) => [a.id, a]));
  const side = (a: ArticleRef | undefined, id: string) => [id, a?.outlet, a?.title, a?.url, a?.published ?? a?.firstSeen];
  const lines = [COLUMNS.join(',')];
  for (const e of view.edges) lines.push([...side(byId.get(e.from), e.from), ...side(byId.get(e.to), e.to), e.words, e.credited, e.quotesOnly, e.passages].map(csvField).join(','));
  return lines.join('\r\n') + '\r\n';
}

export function graphJson(view: SyndicationView, now: Date = new Date()): string {
  const { scope, articles, edges, checked, truncated } = view;
  return JSON.stringify({ format: 'wiretrace-syndication', version: 1, exported: now.toISOString(), scope, checked, truncated, articles, edges }, null, 2) + '\n';
}

/** Colours of the picture (from the page's theme). */
export interface Palette {
  bg: string;
  fg: string;
  muted: string;
  line: string;
  band: string;
  node: string;
  credited: string;
  uncredited: string;
  quote: string;
}

function xml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const n = (v: number) => String(Math.round(v * 10) / 10);

/**
 * The picture as an SVG document. `label(a)` is an article's label under its dot, `tick(t)` a tick's
 * text, `title` the picture's accessible title.
 */
export function graphSvg(layout: Layout, p: Palette, text: { title: string; label: (a: Layout['articles'][number]) => string; tick: (t: Layout['ticks'][number]) => string }): string {
  const pad = 24;
  const x0 = layout.left - pad;
  const y0 = layout.top - pad;
  const w = layout.right - layout.left + 2 * pad;
  const h = layout.bottom - layout.top + 2 * pad + 24;
  const at = new Map(layout.articles.map((a) => [a.id, a]));
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${n(x0)} ${n(y0)} ${n(w)} ${n(h)}" width="${n(w)}" height="${n(h)}" font-family="system-ui, sans-serif" role="img">`,
    `<title>${xml(text.title)}</title>`,
    `<rect x="${n(x0)}" y="${n(y0)}" width="${n(w)}" height="${n(h)}" fill="${p.bg}"/>`,
    '<defs>',
    ...(['credited', 'uncredited', 'quote'] as const).map((k) => `<marker id="arrow-${k}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="5" markerHeight="5" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${p[k]}"/></marker>`),
    '</defs>',
  ];
  const laneH = layout.lanes.length > 1 ? layout.lanes[1].y - layout.lanes[0].y : 84;
  layout.lanes.forEach((lane, i) => {
    if (i % 2 === 0) out.push(`<rect x="${n(layout.left)}" y="${n(lane.y - laneH / 2)}" width="${n(layout.right - layout.left)}" height="${n(laneH)}" fill="${p.band}"/>`);
    out.push(`<text x="${n(layout.left + 8)}" y="${n(lane.y + 4)}" font-size="13" font-weight="600" fill="${p.fg}">${xml(lane.outlet)}</text>`);
  });
  for (const t of layout.ticks) {
    out.push(`<line x1="${n(t.x)}" y1="${n(layout.top + 14)}" x2="${n(t.x)}" y2="${n(layout.bottom)}" stroke="${p.line}" stroke-dasharray="2 4"/>`);
    out.push(`<text x="${n(t.x)}" y="${n(layout.top + 8)}" font-size="11" text-anchor="middle" fill="${p.muted}">${xml(text.tick(t))}</text>`);
  }
  for (const e of layout.edges) {
    const a = at.get(e.from);
    const b = at.get(e.to);
    if (!a || !b) continue;
    const kind = e.quotesOnly ? 'quote' : e.credited ? 'credited' : 'uncredited';
    const dash = e.quotesOnly ? ' stroke-dasharray="2 5"' : e.credited ? '' : ' stroke-dasharray="9 5"';
    const opacity = e.quotesOnly ? ' stroke-opacity="0.45"' : '';
    // Stop short of the target's dot so the arrowhead shows.
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const len = Math.hypot(dx, dy) || 1;
    const ex = b.x - (dx / len) * 9;
    const ey = b.y - (dy / len) * 9;
    out.push(`<line x1="${n(a.x)}" y1="${n(a.y)}" x2="${n(ex)}" y2="${n(ey)}" stroke="${p[kind]}" stroke-width="${n(e.width)}"${dash}${opacity} marker-end="url(#arrow-${kind})"><title>${xml(`${a.outlet} → ${b.outlet}: ${e.words}`)}</title></line>`);
  }
  for (const a of layout.articles) {
    out.push(`<circle cx="${n(a.x)}" cy="${n(a.y)}" r="7" fill="${p.node}" stroke="${p.bg}" stroke-width="2"><title>${xml(a.title ?? a.id)}</title></circle>`);
    out.push(`<text x="${n(a.x)}" y="${n(a.y + 22)}" font-size="10" text-anchor="middle" fill="${p.muted}">${xml(text.label(a))}</text>`);
  }
  out.push('</svg>');
  return out.join('\n') + '\n';
}
