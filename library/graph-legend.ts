/**
 * The legend of a syndication picture: how credited, uncredited and quotes-only links are drawn,
 * and (in the Library, where arrows are weighted) what an arrow's width says. Shared by the
 * Library's syndication view and the exercise page's story lanes.
 */
import type { Translator } from '../src/i18n';
import { el } from '../popup/dom';

export function graphLegend(t: Translator, options: { width?: boolean } = {}): HTMLUListElement {
  const swatch = (kind: string) => el('span', { class: `swatch swatch-${kind}`, attrs: { 'aria-hidden': 'true' } });
  return el(
    'ul',
    { class: 'graph-legend', attrs: { 'aria-label': t('graphLegendLabel') } },
    el('li', null, swatch('credited'), t('legendCredited')),
    el('li', null, swatch('uncredited'), t('legendUncredited')),
    el('li', null, swatch('quote'), t('legendQuotes')),
    ...(options.width ? [el('li', null, t('legendWidth'))] : []),
  );
}
