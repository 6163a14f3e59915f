/**
 * Paging for the library's long lists: "1–50 of 12,345" and previous / next buttons. The list asks
 * the worker for one page at a time, so the page never holds more than a page of rows.
 */
import type { Translator } from '../src/i18n';
import { button, el } from '../popup/dom';

export interface Pager {
  element: HTMLElement;
  /** Shows the range of a page of `shown` rows at `offset` among `total`. */
  update(offset: number, shown: number, total: number): void;
}

export function pager(t: Translator, label: string, go: (delta: -1 | 1) => void): Pager {
  const range = el('span', { class: 'pager-range', attrs: { 'aria-live': 'polite' } });
  const prev = button(t('previousPage'), () => go(-1), { class: 'pager-prev' });
  const next = button(t('nextPage'), () => go(1), { class: 'pager-next' });
  const element = el('div', { class: 'pager', attrs: { role: 'group', 'aria-label': label } }, prev, range, next);
  return {
    element,
    update(offset, shown, total) {
      range.textContent = total ? t('pageRange', offset + 1, offset + shown, total) : t('pageEmpty');
      prev.disabled = offset <= 0;
      next.disabled = offset + shown >= total;
    },
  };
}
