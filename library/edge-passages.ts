/**
 * The passages of one link of the syndication graph, side by side with their source's text as the
 * popup shows them (popup/render-passage.ts: word differences, credit, who had it first). The worker
 * checks the copying article again and gives the passages from that source; the panel takes the
 * focus, and its close button gives it back to the picture.
 */
import { send } from '../src/protocol';
import { whenFormatter } from '../src/report-time';
import { errorText } from '../popup/messages';
import { button, clear, el, link } from '../popup/dom';
import { diffLegend, renderPassage } from '../popup/render-passage';
import type { LibraryContext } from './section';
import type { LaidEdge, Layout } from './syndication-layout';

export async function showEdgePassages(ctx: LibraryContext, panel: HTMLElement, e: LaidEdge, layout: Layout): Promise<void> {
  const { t } = ctx;
  const at = new Map(layout.articles.map((a) => [a.id, a]));
  const a = at.get(e.from);
  const b = at.get(e.to);
  clear(panel);
  panel.hidden = false;
  const heading = el('h3', { id: 'edge-passages-h' }, t('edgePassagesHeading', a?.outlet ?? e.from, b?.outlet ?? e.to));
  const close = button(t('closeButton'), () => {
    panel.hidden = true;
    document.getElementById('graph')?.focus();
  }, { class: 'close' });
  panel.append(el('div', { class: 'panel-head' }, heading, close), el('p', { class: 'loading' }, t('loadingPassages')));
  panel.focus();
  const r = await send('syndicationEdge', { from: e.from, to: e.to });
  panel.querySelector('.loading')?.remove();
  if (!r.ok) {
    panel.append(el('p', { class: 'error' }, t('graphFailed', errorText(t, r))));
    return;
  }
  const { report, edges } = r.res;
  const edge = edges.find((x) => x.credited === e.credited && x.quotesOnly === e.quotesOnly) ?? edges[0];
  if (!report || !edge) {
    panel.append(el('p', { class: 'hint' }, t('edgeGone')));
    return;
  }
  const when = whenFormatter(report, t);
  const source = edge.passages[0]?.source;
  panel.append(
    el(
      'p',
      { class: 'edge-articles' },
      source ? link(source.title || source.outlet, source.url) : a?.outlet ?? '',
      ' → ',
      link(report.title || report.outlet, report.url),
    ),
    diffLegend(t),
    el('ol', { class: 'passages' }, ...edge.passages.map((p, i) => renderPassage(p, i + 1, report.outlet, t, when))),
  );
}
