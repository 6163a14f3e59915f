/**
 * The story's syndication lanes in the reveal, drawn by the Library's code (library/syndication-
 * layout.ts places outlets on lanes and articles by time; library/syndication-graph.ts draws them
 * with cytoscape, loaded on first use) from the edges of the exercise's own run: who carried whose
 * text, credited or not, or only quotations. Beside it the same links as a table, the keyboard's
 * and screen reader's way in; choosing a link (a row's button, a click on an arrow, Enter on the
 * picture) shows its passages side by side as the popup does.
 */
import type { SyndicationEdge, SyndicationGraph } from '../src/engine/syndication';
import type { Report } from '../src/engine/types';
import type { Translator } from '../src/i18n';
import { whenFormatter } from '../src/report-time';
import { button, clear, el } from '../popup/dom';
import { diffLegend, renderPassage } from '../popup/render-passage';
import { graphLegend } from '../library/graph-legend';
import { palette } from '../library/syndication-section';
import { layoutGraph, type LaidEdge, type Layout } from '../library/syndication-layout';

export interface Lanes {
  element: HTMLElement;
  /** Draws the picture (once the element is in the page, which cytoscape needs). */
  draw(): Promise<void>;
  /** Draws it again in the page's colours (it turned light or dark). */
  restyle(): void;
}

function kindOf(e: { quotesOnly: boolean; credited: boolean }): 'quote' | 'credited' | 'uncredited' {
  return e.quotesOnly ? 'quote' : e.credited ? 'credited' : 'uncredited';
}

export function storyLanes(graph: SyndicationGraph, reports: Map<string, Report>, t: Translator, idPrefix: string): Lanes {
  const view = { articles: graph.articles, edges: graph.edges.map((e) => ({ ...e, passages: e.passages.length })) };
  const layout: Layout = layoutGraph(view);
  const full = new Map<string, SyndicationEdge>(layout.edges.map((e, i) => [e.id, graph.edges[i]]));
  const at = new Map(layout.articles.map((a) => [a.id, a]));
  const picture = el('div', { class: 'graph ex-graph', attrs: { tabindex: '0', role: 'application', 'aria-describedby': `${idPrefix}-help`, 'aria-label': t('graphLabel', layout.lanes.length, layout.edges.length) } });
  picture.style.height = `${Math.min(520, Math.max(220, layout.lanes.length * 84 + 110))}px`;
  const selected = el('p', { class: 'graph-selected', attrs: { 'aria-live': 'polite' } });
  const passages = el('section', { class: 'edge-passages', attrs: { hidden: '', tabindex: '-1', 'aria-labelledby': `${idPrefix}-passages-h` } });
  const hourly = layout.ticks[0]?.hourly ?? true;
  const time = (iso: string | undefined) => (hourly ? t.dateTime(iso) : t.date(iso));
  const describe = (e: LaidEdge) => {
    const credit = e.quotesOnly ? t('linkQuotesOnly') : e.credited ? t('linkCredited') : t('linkUncredited');
    return t.plural('linkDescription', e.words, at.get(e.from)?.outlet ?? e.from, at.get(e.to)?.outlet ?? e.to, e.words, credit);
  };
  let drawn: { select(id: string | undefined): void; restyle(p: ReturnType<typeof palette>): void } | undefined;

  const open = (id: string) => {
    const e = layout.edges.find((x) => x.id === id);
    const edge = full.get(id);
    if (!e || !edge) return;
    drawn?.select(id);
    const report = reports.get(edge.to);
    const when = report ? whenFormatter(report, t) : (x: { published?: string; firstSeen?: string }) => t.dateTime(x.published ?? x.firstSeen);
    clear(passages);
    passages.hidden = false;
    const close = button(t('closeButton'), () => {
      passages.hidden = true;
      picture.focus();
    }, { class: 'close' });
    passages.append(
      el('div', { class: 'panel-head' }, el('h4', { id: `${idPrefix}-passages-h` }, t('edgePassagesHeading', at.get(e.from)?.outlet ?? e.from, at.get(e.to)?.outlet ?? e.to)), close),
      diffLegend(t),
      el('ol', { class: 'passages' }, ...edge.passages.map((p, i) => renderPassage(p, i + 1, report?.outlet ?? at.get(e.to)?.outlet ?? '', t, when))),
    );
    passages.focus();
  };

  const body = el('tbody');
  const order = layout.edges.slice().sort((x, y) => (at.get(x.to)?.x ?? 0) - (at.get(y.to)?.x ?? 0) || (at.get(x.from)?.lane ?? 0) - (at.get(y.from)?.lane ?? 0));
  for (const e of order) {
    const a = at.get(e.from);
    const b = at.get(e.to);
    const kind = kindOf(e);
    body.append(
      el(
        'tr',
        { attrs: { 'data-edge': e.id, 'data-kind': kind } },
        el('td', { attrs: { 'data-label': t('colFrom') } }, a?.outlet ?? e.from, el('span', { class: 'sub' }, time(a?.published ?? a?.firstSeen))),
        el('td', { attrs: { 'data-label': t('colTo') } }, b?.outlet ?? e.to, el('span', { class: 'sub' }, time(b?.published ?? b?.firstSeen))),
        el('td', { class: 'num', attrs: { 'data-label': t('colWords') } }, t.number(e.words)),
        el('td', { attrs: { 'data-label': t('colCredit') } }, el('span', { class: `link-kind link-${kind}` }, e.quotesOnly ? t('linkQuotesOnly') : e.credited ? t('linkCredited') : t('linkUncredited'))),
        el('td', { class: 'row-actions' }, button(t('showPassagesButton'), () => open(e.id), { attrs: { 'aria-label': t('showPassagesLabel', describe(e)) } })),
      ),
    );
  }
  const table = el(
    'table',
    { class: 'list links-table' },
    el('caption', null, t('linksCaption')),
    el(
      'thead',
      null,
      el(
        'tr',
        null,
        el('th', { attrs: { scope: 'col' } }, t('colFrom')),
        el('th', { attrs: { scope: 'col' } }, t('colTo')),
        el('th', { class: 'num', attrs: { scope: 'col' } }, t('colWords')),
        el('th', { attrs: { scope: 'col' } }, t('colCredit')),
        el('th', { attrs: { scope: 'col' } }, el('span', { class: 'visually-hidden' }, t('colActions'))),
      ),
    ),
    body,
  );
  const legend = graphLegend(t);
  if (!layout.edges.length) {
    // Nothing reached this article from another outlet (its own text, or its outlet's earlier story).
    const element = el('section', { class: 'ex-lanes', attrs: { 'aria-labelledby': `${idPrefix}-lanes-h`, 'data-rendered': 'true' } }, el('h3', { id: `${idPrefix}-lanes-h` }, t('exLanesHeading')), el('p', null, t('exLanesNone')));
    return { element, draw: async () => {}, restyle: () => {} };
  }
  const element = el(
    'section',
    { class: 'ex-lanes', attrs: { 'aria-labelledby': `${idPrefix}-lanes-h` } },
    el('h3', { id: `${idPrefix}-lanes-h` }, t('exLanesHeading')),
    el('p', { class: 'hint' }, t('exLanesHint')),
    legend,
    picture,
    el('p', { class: 'hint', id: `${idPrefix}-help` }, t('graphKeyboardHint')),
    selected,
    el('div', { class: 'table-wrap' }, table),
    passages,
  );

  return {
    element,
    async draw() {
      const { drawGraph } = await import('../library/syndication-graph');
      const g = drawGraph(
        picture,
        layout,
        palette(),
        {
          article: (a) => (hourly ? `${String(new Date(a.time ?? 0).getUTCHours()).padStart(2, '0')}:${String(new Date(a.time ?? 0).getUTCMinutes()).padStart(2, '0')}` : t.date(a.published ?? a.firstSeen)),
          tick: (tk) => (tk.hourly ? t.dateTime(new Date(tk.time).toISOString()) : t.date(new Date(tk.time).toISOString())),
        },
        {
          edge: open,
          focusEdge: (id) => {
            const e = layout.edges.find((x) => x.id === id);
            if (e) selected.textContent = `${describe(e)} ${t('graphEnterHint')}`;
          },
          article: (id) => {
            const a = at.get(id);
            if (a) selected.textContent = `${a.outlet} · ${a.title ?? ''} · ${time(a.published ?? a.firstSeen)}`;
          },
        },
      );
      drawn = g;
      await g.rendered;
      element.dataset.rendered = 'true';
    },
    restyle() {
      drawn?.restyle(palette());
    },
  };
}
