/**
 * The syndication picture's layout and exports (library/syndication-layout.ts, syndication-export.ts):
 * lanes by each outlet's first article, x by time kept monotonic with a least gap, unlinked articles
 * left out, widths by words; CSV fields escaped (and spreadsheet formulas neutralised), JSON whole,
 * SVG with every text escaped and uncredited and quotes-only arrows dashed.
 */
import { describe, expect, it } from 'vitest';
import type { ArticleRef } from '../../src/engine/types';
import type { EdgeSummary, SyndicationView } from '../../src/protocol';
import { csvField, edgesCsv, graphJson, graphSvg, type Palette } from '../../library/syndication-export';
import { LAYOUT, layoutGraph } from '../../library/syndication-layout';

const at = (h: number, day = 14) => new Date(Date.UTC(2025, 2, day, h)).toISOString();
const articles: ArticleRef[] = [
  { id: 'w', outlet: 'Wire', published: at(6), title: 'Wire <story> & "more"' },
  { id: 'a', outlet: 'Daily', published: at(8) },
  { id: 'b', outlet: 'Post', published: at(8) },
  { id: 'c', outlet: 'Daily', published: at(7, 20) },
  { id: 'lone', outlet: 'Lone', published: at(9) },
];
const edges: EdgeSummary[] = [
  { from: 'w', to: 'a', words: 400, credited: true, quotesOnly: false, passages: 5 },
  { from: 'w', to: 'b', words: 100, credited: false, quotesOnly: false, passages: 2 },
  { from: 'a', to: 'c', words: 25, credited: false, quotesOnly: true, passages: 1 },
];
const view: SyndicationView = { scope: { kind: 'range' }, articles, edges, checked: 5, truncated: false, cancelled: false, cached: false, ms: 3 };
const palette: Palette = { bg: '#fff', fg: '#000', muted: '#666', line: '#ccc', band: '#eee', node: '#00f', credited: '#0a0', uncredited: '#a00', quote: '#00a' };

describe('layout', () => {
  const l = layoutGraph(view);

  it('puts outlets on lanes by their first article, and leaves unlinked articles out', () => {
    expect(l.lanes.map((x) => x.outlet)).toEqual(['Wire', 'Daily', 'Post']);
    expect(l.unlinked).toBe(1);
    expect(l.articles.map((a) => a.id).sort()).toEqual(['a', 'b', 'c', 'w']);
    const byId = new Map(l.articles.map((a) => [a.id, a]));
    expect(byId.get('a')!.y).toBe(LAYOUT.laneHeight);
    expect(byId.get('b')!.y).toBe(2 * LAYOUT.laneHeight);
  });

  it('places articles by time: equal times level, later ones right by at least the gap', () => {
    const byId = new Map(l.articles.map((a) => [a.id, a]));
    expect(byId.get('a')!.x).toBe(byId.get('b')!.x);
    expect(byId.get('a')!.x - byId.get('w')!.x).toBeGreaterThanOrEqual(LAYOUT.gap);
    expect(byId.get('c')!.x).toBeGreaterThan(byId.get('a')!.x);
    // Days apart: ticks name days.
    expect(l.ticks.every((t) => !t.hourly)).toBe(true);
    for (const e of l.edges) expect(byId.get(e.to)!.x).toBeGreaterThan(byId.get(e.from)!.x);
  });

  it('widens arrows with their words', () => {
    const w = new Map(l.edges.map((e) => [e.from + e.to, e.width]));
    expect(w.get('wa')).toBeCloseTo(9.5);
    expect(w.get('wb')!).toBeLessThan(w.get('wa')!);
    expect(w.get('ac')!).toBeGreaterThanOrEqual(1.5);
  });

  it('stacks articles of one lane at one time apart', () => {
    const same = layoutGraph({ articles: [...articles, { id: 'a2', outlet: 'Daily', published: at(8) }], edges: [...edges, { from: 'w', to: 'a2', words: 5, credited: false, quotesOnly: false, passages: 1 }] });
    const ys = same.articles.filter((a) => a.outlet === 'Daily' && a.published === at(8)).map((a) => a.y);
    expect(new Set(ys).size).toBe(2);
  });
});

describe('exports', () => {
  it('escapes CSV fields and neutralises formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a, "b"')).toBe('"a, ""b"""');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField(12)).toBe('12');
    expect(csvField(undefined)).toBe('');
    const csv = edgesCsv(view).split('\r\n');
    expect(csv[0]).toBe('from_id,from_outlet,from_title,from_url,from_time,to_id,to_outlet,to_title,to_url,to_time,words,credited,quotes_only,passages');
    expect(csv[1]).toBe(`w,Wire,"Wire <story> & ""more""",,${at(6)},a,Daily,,,${at(8)},400,true,false,5`);
    expect(csv).toHaveLength(5);
  });

  it('gives the JSON of the whole graph', () => {
    const j = JSON.parse(graphJson(view, new Date(0)));
    expect(j).toMatchObject({ format: 'wiretrace-syndication', version: 1, exported: '1970-01-01T00:00:00.000Z', checked: 5 });
    expect(j.edges).toEqual(edges);
    expect(j.articles).toEqual(articles);
  });

  it('draws an SVG with escaped text, dashed uncredited and dotted quotes-only arrows', () => {
    const svg = graphSvg(layoutGraph(view), palette, { title: 'T <1>', label: (a) => a.id, tick: () => 'tick' });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('<title>T &lt;1&gt;</title>');
    expect(svg).toContain('Wire &lt;story&gt; &amp; &quot;more&quot;');
    expect(svg).not.toContain('<story>');
    expect(svg.match(/<line [^>]*stroke="#a00"[^>]*stroke-dasharray="9 5"/g)).toHaveLength(1);
    expect(svg.match(/<line [^>]*stroke="#00a"[^>]*stroke-dasharray="2 5"[^>]*stroke-opacity/g)).toHaveLength(1);
    expect(svg.match(/<circle /g)).toHaveLength(4);
  });
});
