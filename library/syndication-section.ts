/**
 * The syndication view: who carried whose copy, for one story (an article chosen in the articles
 * list, and everything its reports connect it to) or for the whole index over a range of days. The
 * worker builds the graph (syndication-job.ts); the picture (syndication-graph.ts, loaded on first
 * use) puts outlets on lanes and articles by time, with arrows from source to copier. Beside it, the
 * same links as a table, which is also the keyboard's and screen reader's way in; choosing a link
 * shows its passages side by side as the popup does (edge-passages.ts). Exports: CSV and JSON of the
 * links, PNG and SVG of the picture.
 */
import type { SyndicationScope, SyndicationView } from '../src/protocol';
import { errorText } from '../popup/messages';
import { button, clear, download, el, link } from '../popup/dom';
import { rangeProblem } from './date-range';
import { graphLegend } from './graph-legend';
import { showEdgePassages } from './edge-passages';
import type { LibraryContext, LibrarySection } from './section';
import { edgesCsv, graphJson, graphSvg, type Palette } from './syndication-export';
import type { DrawnGraph } from './syndication-graph';
import { runSyndication } from './syndication-job';
import { openStoryExercise } from './story-exercise';
import { layoutGraph, type LaidArticle, type LaidEdge, type Layout, type Tick } from './syndication-layout';

/** The page's theme colours, read from its CSS variables. */
export function palette(): Palette {
  const css = getComputedStyle(document.documentElement);
  const v = (name: string) => css.getPropertyValue(name).trim();
  return { bg: v('--bg'), fg: v('--fg'), muted: v('--muted'), line: v('--line'), band: v('--panel'), node: v('--accent'), credited: v('--ok'), uncredited: v('--warn'), quote: v('--quote') };
}

export function syndicationSection(): LibrarySection {
  let ctx: LibraryContext;
  let story: { key: number; title: string } | undefined;
  let drawn: DrawnGraph | undefined;
  let shown: { view: SyndicationView; layout: Layout } | undefined;
  const storyName = el('span', { class: 'story-name', id: 'story-name' });
  const storyRadio = el('input', { id: 'scope-story', attrs: { type: 'radio', name: 'scope', value: 'story', disabled: '' } });
  const rangeRadio = el('input', { id: 'scope-range', attrs: { type: 'radio', name: 'scope', value: 'range', checked: '' } });
  const from = el('input', { id: 'range-from', attrs: { type: 'date' } });
  const to = el('input', { id: 'range-to', attrs: { type: 'date' } });
  const jobs = el('div', { class: 'jobs' });
  const summary = el('p', { class: 'graph-summary', id: 'graph-summary', attrs: { 'aria-live': 'polite' } });
  const picture = el('div', { class: 'graph', id: 'graph', attrs: { tabindex: '0', role: 'application', hidden: '' } });
  const selected = el('p', { class: 'graph-selected', id: 'graph-selected', attrs: { 'aria-live': 'polite' } });
  const linksTable = el('div', { class: 'table-wrap', id: 'graph-links' });
  const exportsBar = el('div', { class: 'actions', attrs: { role: 'group', hidden: '' } });
  const passages = el('section', { class: 'edge-passages', id: 'edge-passages', attrs: { hidden: '', 'aria-labelledby': 'edge-passages-h', tabindex: '-1' } });

  const articleTime = (a: { published?: string; firstSeen?: string }, hourly: boolean) => (hourly ? ctx.t.dateTime(a.published ?? a.firstSeen) : ctx.t.date(a.published ?? a.firstSeen));

  function scope(): SyndicationScope {
    if (storyRadio.checked && story) return { kind: 'story', key: story.key };
    return { kind: 'range', from: from.value || undefined, to: to.value || undefined };
  }

  function edgeText(e: LaidEdge, layout: Layout): string {
    const { t } = ctx;
    const at = new Map(layout.articles.map((a) => [a.id, a]));
    const a = at.get(e.from);
    const b = at.get(e.to);
    const credit = e.quotesOnly ? t('linkQuotesOnly') : e.credited ? t('linkCredited') : t('linkUncredited');
    return t.plural('linkDescription', e.words, a?.outlet ?? e.from, b?.outlet ?? e.to, e.words, credit);
  }

  async function build(): Promise<void> {
    const { t } = ctx;
    const go = document.getElementById('graph-go') as HTMLButtonElement;
    const asked = scope();
    const wrong = asked.kind === 'range' ? rangeProblem(t, from.value, to.value) : undefined;
    if (wrong) {
      summary.textContent = wrong;
      ctx.say(wrong);
      from.focus();
      return;
    }
    go.disabled = true;
    summary.textContent = '';
    const r = await runSyndication(ctx, asked, jobs);
    go.disabled = false;
    if (!r.ok) {
      summary.textContent = t('graphFailed', errorText(t, r));
      return;
    }
    await show(r.res, asked);
  }

  async function show(view: SyndicationView, asked: SyndicationScope): Promise<void> {
    const { t } = ctx;
    drawn?.destroy();
    drawn = undefined;
    passages.hidden = true;
    selected.textContent = '';
    const layout = layoutGraph(view);
    shown = { view, layout };
    const parts = [t.plural('graphArticles', layout.articles.length, layout.articles.length), t.plural('graphLinks', view.edges.length, view.edges.length), t.plural('graphChecked', view.checked, view.checked)];
    if (layout.unlinked) parts.push(t.plural('graphUnlinked', layout.unlinked, layout.unlinked));
    if (view.truncated) parts.push(t('graphTruncated'));
    if (view.cancelled) parts.push(t('graphCancelled'));
    parts.push(view.cached ? t('graphKept') : t('graphBuilt', t.number(view.ms / 1000, 1)));
    summary.textContent = parts.join(' · ');
    delete summary.dataset.stale;
    renderLinks(layout, asked.kind === 'range' && view.checked === 0);
    exportsBar.hidden = !view.edges.length;
    picture.hidden = !view.edges.length;
    document.getElementById('syndication')!.dataset.edges = String(view.edges.length);
    if (!view.edges.length) return;
    const hourly = layout.ticks[0]?.hourly ?? true;
    picture.setAttribute('aria-label', t('graphLabel', layout.lanes.length, view.edges.length));
    picture.style.height = `${Math.min(640, Math.max(240, layout.lanes.length * 84 + 110))}px`;
    const { drawGraph } = await import('./syndication-graph');
    drawn = drawGraph(
      picture,
      layout,
      palette(),
      { article: (a) => shortTime(a, hourly), tick: (tk) => tickText(tk) },
      {
        edge: (id) => void openEdge(id),
        focusEdge: (id) => {
          const e = layout.edges.find((x) => x.id === id);
          if (e) selected.textContent = `${edgeText(e, layout)} ${t('graphEnterHint')}`;
        },
        article: (id) => showArticle(layout.articles.find((a) => a.id === id)),
      },
    );
    const ms = await drawn.rendered;
    document.getElementById('syndication')!.dataset.renderMs = String(Math.round(ms));
  }

  function shortTime(a: LaidArticle, hourly: boolean): string {
    const iso = a.published ?? a.firstSeen;
    if (!iso) return '';
    if (!hourly) return ctx.t.date(iso);
    const d = new Date(iso);
    return `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
  }

  function tickText(tk: Tick): string {
    return tk.hourly ? ctx.t.dateTime(new Date(tk.time).toISOString()) : ctx.t.date(new Date(tk.time).toISOString());
  }

  function showArticle(a: LaidArticle | undefined): void {
    if (!a) return;
    clear(selected);
    selected.append(link(a.title || a.id, a.url), ` · ${a.outlet} · ${articleTime(a, true)}`);
  }

  function renderLinks(layout: Layout, noArticles: boolean): void {
    const { t } = ctx;
    clear(linksTable);
    if (!layout.edges.length) {
      linksTable.append(el('p', { class: 'hint' }, noArticles ? t('graphNoArticlesInRange') : t('graphNoLinks')));
      return;
    }
    const at = new Map(layout.articles.map((a) => [a.id, a]));
    const body = el('tbody');
    const hourly = layout.ticks[0]?.hourly ?? true;
    const order = layout.edges.slice().sort((x, y) => (at.get(x.to)?.x ?? 0) - (at.get(y.to)?.x ?? 0) || (at.get(x.from)?.lane ?? 0) - (at.get(y.from)?.lane ?? 0));
    for (const e of order) {
      const a = at.get(e.from);
      const b = at.get(e.to);
      const kind = e.quotesOnly ? 'quote' : e.credited ? 'credited' : 'uncredited';
      body.append(
        el(
          'tr',
          { attrs: { 'data-edge': e.id, 'data-kind': kind } },
          el('td', { attrs: { 'data-label': t('colFrom') } }, a?.outlet ?? e.from, el('span', { class: 'sub' }, a ? articleTime(a, hourly) : '')),
          el('td', { attrs: { 'data-label': t('colTo') } }, b?.outlet ?? e.to, el('span', { class: 'sub' }, b ? articleTime(b, hourly) : '')),
          el('td', { class: 'num', attrs: { 'data-label': t('colWords') } }, t.number(e.words)),
          el('td', { attrs: { 'data-label': t('colCredit') } }, el('span', { class: `link-kind link-${kind}` }, e.quotesOnly ? t('linkQuotesOnly') : e.credited ? t('linkCredited') : t('linkUncredited'))),
          el('td', { class: 'row-actions' }, button(t('showPassagesButton'), () => void openEdge(e.id), { attrs: { 'aria-label': t('showPassagesLabel', edgeText(e, layout)) } })),
        ),
      );
    }
    const head = el(
      'tr',
      null,
      el('th', { attrs: { scope: 'col' } }, t('colFrom')),
      el('th', { attrs: { scope: 'col' } }, t('colTo')),
      el('th', { class: 'num', attrs: { scope: 'col' } }, t('colWords')),
      el('th', { attrs: { scope: 'col' } }, t('colCredit')),
      el('th', { attrs: { scope: 'col' } }, el('span', { class: 'visually-hidden' }, t('colActions'))),
    );
    linksTable.append(el('table', { class: 'list links-table' }, el('caption', null, t('linksCaption')), el('thead', null, head), body));
  }

  async function openEdge(id: string): Promise<void> {
    if (!shown) return;
    const e = shown.layout.edges.find((x) => x.id === id);
    if (!e) return;
    drawn?.select(id);
    await showEdgePassages(ctx, passages, e, shown.layout);
  }

  function exports(): HTMLElement[] {
    const { t } = ctx;
    const stem = () => `wiretrace-syndication-${new Date().toISOString().slice(0, 10)}`;
    return [
      button(t('exportCsvButton'), () => shown && download(edgesCsv(shown.view), `${stem()}.csv`, 'text/csv'), { id: 'export-csv' }),
      button(t('exportJsonButton'), () => shown && download(graphJson(shown.view), `${stem()}.json`, 'application/json'), { id: 'export-graph-json' }),
      button(t('exportPngButton'), async () => {
        if (!drawn) return;
        const url = URL.createObjectURL(await drawn.png(palette().bg));
        const a = el('a', { attrs: { download: `${stem()}.png` } });
        a.href = url;
        document.body.append(a);
        a.click();
        a.remove();
        setTimeout(() => URL.revokeObjectURL(url), 60_000);
      }, { id: 'export-png' }),
      button(t('exportSvgButton'), () => {
        if (!shown) return;
        const hourly = shown.layout.ticks[0]?.hourly ?? true;
        const svg = graphSvg(shown.layout, palette(), { title: summary.textContent ?? '', label: (a) => shortTime(a, hourly), tick: tickText });
        download(svg, `${stem()}.svg`, 'image/svg+xml');
      }, { id: 'export-svg' }),
      button(t('makeExerciseButton'), () => shown && void openStoryExercise(shown.view), { id: 'make-exercise', attrs: { title: t('makeExerciseHint') } }),
    ];
  }

  return {
    id: 'syndication',
    title: (t) => t('syndicationHeading'),
    mount(root, c) {
      ctx = c;
      const { t } = c;
      // The picture's colours follow the page when it turns light or dark.
      matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => drawn?.restyle(palette()));
      storyName.textContent = t('storyNoneChosen');
      const form = el(
        'form',
        { class: 'scope' },
        el(
          'fieldset',
          null,
          el('legend', null, t('scopeLegend')),
          el('p', { class: 'choice' }, storyRadio, ' ', el('label', { attrs: { for: 'scope-story' } }, t('scopeStory')), ' ', storyName),
          el(
            'p',
            { class: 'choice' },
            rangeRadio,
            ' ',
            el('label', { attrs: { for: 'scope-range' } }, t('scopeRange')),
            ' ',
            el('span', { class: 'dates' }, el('label', { attrs: { for: 'range-from' } }, t('rangeFrom')), from, el('label', { attrs: { for: 'range-to' } }, t('rangeTo')), to),
          ),
        ),
        el('button', { id: 'graph-go', class: 'primary', attrs: { type: 'submit' } }, t('showGraphButton')),
      );
      form.addEventListener('submit', (ev) => {
        ev.preventDefault();
        void build();
      });
      for (const d of [from, to]) d.addEventListener('change', () => (rangeRadio.checked = true));
      exportsBar.setAttribute('aria-label', t('graphExportsLabel'));
      exportsBar.append(...exports());
      const legend = graphLegend(t, { width: true });
      const help = el('p', { class: 'hint', id: 'graph-help' }, t('graphKeyboardHint'));
      picture.setAttribute('aria-describedby', 'graph-help');
      root.append(el('p', { class: 'hint' }, t('syndicationIntro')), form, jobs, summary, legend, picture, help, selected, exportsBar, linksTable, passages);
    },
    refresh() {
      // The index changed: a graph on screen may name deleted articles. Keep it, say so.
      if (!shown || summary.dataset.stale) return;
      summary.dataset.stale = 'true';
      summary.textContent = `${summary.textContent} · ${ctx.t('graphStale')}`;
    },
    showStory(key, title) {
      story = { key, title };
      storyName.textContent = title;
      storyRadio.disabled = false;
      storyRadio.checked = true;
      void build();
    },
  };
}
