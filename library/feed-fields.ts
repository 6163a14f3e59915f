/**
 * The two fields a feed is set up with, for the add form and the edit form alike: the outlet its
 * articles are recorded under, and how often it is polled.
 */
import { FEED_INTERVALS, isFeedInterval, type FeedInterval } from '../src/feed-status';
import type { Translator } from '../src/i18n';
import { el } from '../popup/dom';
import { intervalText } from './feed-text';

export interface FeedFields {
  element: HTMLElement;
  outlet: HTMLInputElement;
  interval: HTMLSelectElement;
  intervalValue(): FeedInterval;
}

/** `prefix` makes the ids unique on the page ("feed-new", "feed-<id>"). */
export function feedFields(t: Translator, prefix: string, outlet: string, interval: FeedInterval): FeedFields {
  const outletInput = el('input', { id: `${prefix}-outlet`, attrs: { type: 'text', autocomplete: 'off', spellcheck: 'false', 'aria-describedby': `${prefix}-outlet-hint` } });
  outletInput.value = outlet;
  const select = el('select', { id: `${prefix}-interval` });
  for (const m of FEED_INTERVALS) {
    const o = el('option', null, intervalText(t, m));
    o.value = String(m);
    o.selected = m === interval;
    select.append(o);
  }
  const element = el(
    'div',
    { class: 'feed-fields' },
    el('label', { attrs: { for: outletInput.id } }, t('feedOutletLabel')),
    outletInput,
    el('p', { id: `${prefix}-outlet-hint`, class: 'hint' }, t('feedOutletHint')),
    el('label', { attrs: { for: select.id } }, t('feedIntervalLabel')),
    select,
  );
  return {
    element,
    outlet: outletInput,
    interval: select,
    intervalValue: () => {
      const n = Number(select.value);
      return isFeedInterval(n) ? n : interval;
    },
  };
}
