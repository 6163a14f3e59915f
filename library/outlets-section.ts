/**
 * The library's outlets: each outlet's articles, when its first and latest article were first seen,
 * and, once the whole index has been analysed (the syndication graph of every article), the share of
 * its articles carrying other outlets' copy and the share of those copied words it credits. Searched
 * by name, paged; an outlet's articles are listed in the articles section, and an outlet can be
 * deleted whole (after a confirmation naming how many articles go).
 */
import { send, type OutletPage, type OutletRow } from '../src/protocol';
import { errorText } from '../popup/messages';
import { button, clear, el } from '../popup/dom';
import { shareOf } from './format';
import { pager } from './pager';
import type { LibraryContext, LibrarySection } from './section';
import { runAnalysis } from './whole-index-analysis';
import { deleteWithConfirm } from './delete-confirm';
import { wireSearch } from './search-input';

const PAGE = 25;
/** Indexes up to this size are analysed as soon as the page opens; larger ones on request. */
export const AUTO_ANALYSE = 1000;

export function outletsSection(): LibrarySection {
  let ctx: LibraryContext;
  let offset = 0;
  let query = '';
  let autoTried = false;
  const body = el('tbody');
  const note = el('div', { class: 'analysis-note', id: 'outlets-analysis' });
  let pages: ReturnType<typeof pager>;

  async function load(): Promise<void> {
    const { t } = ctx;
    const r = await send('libraryOutlets', { query, offset, limit: PAGE });
    if (!r.ok) return ctx.say(t('libraryReadFailed', errorText(t, r)));
    render(r.res);
  }

  function render(p: OutletPage): void {
    const { t } = ctx;
    offset = p.offset;
    clear(body);
    if (!p.rows.length) body.append(el('tr', null, el('td', { attrs: { colspan: '7' }, class: 'empty' }, query ? t('noOutletsMatch') : t('libraryEmpty'))));
    for (const o of p.rows) body.append(row(o));
    pages.update(p.offset, p.rows.length, p.total);
    renderNote(p);
  }

  function renderNote(p: OutletPage): void {
    const { t } = ctx;
    clear(note);
    if (p.analysed || p.documents === 0) return;
    const start = button(t('analyseButton'), () => void analyse(), { id: 'analyse', class: 'primary' });
    note.append(el('p', { class: 'hint' }, t.plural('analyseHint', p.documents, p.documents)), start);
    if (!autoTried && p.documents <= AUTO_ANALYSE) {
      autoTried = true;
      void analyse();
    }
  }

  async function analyse(): Promise<void> {
    const done = await runAnalysis(ctx, note);
    if (done) await load();
  }

  function row(o: OutletRow): HTMLTableRowElement {
    const { t } = ctx;
    const del = deleteWithConfirm(t, { label: t('deleteOutletButton'), ariaLabel: t('deleteOutletLabel', o.outlet), question: t.plural('deleteOutletConfirm', o.articles, o.outlet, o.articles), remove: () => void remove(o) });
    const copy = o.copy;
    return el(
      'tr',
      { attrs: { 'data-outlet': o.outletKey } },
      el('th', { attrs: { scope: 'row' } }, o.outlet),
      el('td', { class: 'num', attrs: { 'data-col': 'articles', 'data-label': t('colArticles') } }, t.number(o.articles)),
      el('td', { attrs: { 'data-label': t('colFirstSeen') } }, t.date(o.firstSeen)),
      el('td', { attrs: { 'data-label': t('colLastSeen') } }, t.date(o.lastSeen)),
      el('td', { class: 'num', attrs: { 'data-col': 'with-copy', 'data-label': t('colWithCopy') } }, copy ? shareOf(t, copy.withCopy, o.articles) : '–'),
      el('td', { class: 'num', attrs: { 'data-col': 'credited', 'data-label': t('colCredited') } }, copy ? shareOf(t, copy.creditedWords, copy.copiedWords) : '–'),
      el(
        'td',
        { class: 'row-actions' },
        button(t('outletArticlesButton'), () => ctx.showOutletArticles(o.outletKey, o.outlet), { attrs: { 'aria-label': t('outletArticlesLabel', o.outlet) } }),
        ...del,
      ),
    );
  }

  async function remove(o: OutletRow): Promise<void> {
    const { t } = ctx;
    const r = await send('deleteArticles', { outletKey: o.outletKey });
    if (!r.ok) return ctx.say(t('deleteFailed', errorText(t, r)));
    ctx.say(t.plural('deletedArticles', r.res.deleted, r.res.deleted));
    ctx.indexChanged();
  }

  return {
    id: 'outlets',
    title: (t) => t('outletsHeading'),
    mount(root, c) {
      ctx = c;
      const { t } = c;
      pages = pager(t, t('outletsPagesLabel'), (d) => {
        offset = Math.max(0, offset + d * PAGE);
        void load();
      });
      const input = el('input', { id: 'outlet-search', attrs: { type: 'search', autocomplete: 'off', spellcheck: 'false' } });
      const form = el('form', { class: 'row search', attrs: { role: 'search' } }, el('label', { attrs: { for: 'outlet-search' } }, t('searchOutletsLabel')), input);
      wireSearch(form, input, (q) => {
        query = q;
        offset = 0;
        void load();
      });
      const head = el(
        'tr',
        null,
        el('th', { attrs: { scope: 'col' } }, t('colOutlet')),
        el('th', { class: 'num', attrs: { scope: 'col' } }, t('colArticles')),
        el('th', { attrs: { scope: 'col' } }, t('colFirstSeen')),
        el('th', { attrs: { scope: 'col' } }, t('colLastSeen')),
        el('th', { class: 'num', attrs: { scope: 'col', title: t('colWithCopyHint') } }, t('colWithCopy')),
        el('th', { class: 'num', attrs: { scope: 'col', title: t('colCreditedHint') } }, t('colCredited')),
        el('th', { attrs: { scope: 'col' } }, el('span', { class: 'visually-hidden' }, t('colActions'))),
      );
      const table = el('table', { class: 'list outlets-table' }, el('caption', { class: 'visually-hidden' }, t('outletsCaption')), el('thead', null, head), body);
      root.append(el('p', { class: 'hint' }, t('outletsIntro')), form, note, el('div', { class: 'table-wrap' }, table), pages.element);
      void load();
    },
    refresh() {
      void load();
    },
  };
}
