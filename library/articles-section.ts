/**
 * The library's articles: every stored article by time (newest or oldest first), searched by the words
 * of its title and outlet, or one outlet's (chosen in the outlets section), a page at a time. Each row
 * opens the article's page (and names the address it was read at, when that is not the canonical URL
 * it is recorded under), shows its story in the syndication section, or deletes it (after a
 * confirmation in the row).
 */
import { send, type ArticleOrder, type ArticlePage, type ArticleRow } from '../src/protocol';
import { errorText } from '../popup/messages';
import { button, clear, el, interleave, link, SLOT } from '../popup/dom';
import { articleWhen, shownAddress } from './format';
import { pager } from './pager';
import type { LibraryContext, LibrarySection } from './section';
import { deleteWithConfirm } from './delete-confirm';
import { wireSearch } from './search-input';

const PAGE = 50;

export function articlesSection(): LibrarySection {
  let ctx: LibraryContext;
  let offset = 0;
  let query = '';
  let order: ArticleOrder = 'newest';
  let outlet: { key: string; name: string } | undefined;
  const body = el('tbody');
  const filter = el('p', { class: 'filter', attrs: { hidden: '' } });
  let pages: ReturnType<typeof pager>;

  async function load(): Promise<void> {
    const { t } = ctx;
    const r = await send('libraryArticles', { query, outletKey: outlet?.key, order, offset, limit: PAGE });
    if (!r.ok) return ctx.say(t('libraryReadFailed', errorText(t, r)));
    render(r.res);
  }

  function render(p: ArticlePage): void {
    const { t } = ctx;
    offset = p.offset;
    clear(body);
    if (!p.rows.length) body.append(el('tr', null, el('td', { attrs: { colspan: '4' }, class: 'empty' }, query || outlet ? t('noArticlesMatch') : t('libraryEmpty'))));
    for (const a of p.rows) body.append(row(a));
    pages.update(p.offset, p.rows.length, p.total);
    document.getElementById('articles')?.setAttribute('data-total', String(p.total));
  }

  function renderFilter(): void {
    const { t } = ctx;
    clear(filter);
    filter.hidden = !outlet;
    if (!outlet) return;
    filter.append(
      el('span', null, t('articlesOfOutlet', outlet.name)),
      ' ',
      button(t('showAllArticlesButton'), () => {
        outlet = undefined;
        offset = 0;
        renderFilter();
        void load();
        (document.getElementById('article-search') as HTMLInputElement | null)?.focus();
      }, { id: 'all-outlets' }),
    );
  }

  function row(a: ArticleRow): HTMLTableRowElement {
    const { t } = ctx;
    const title = a.title || a.id;
    const del = deleteWithConfirm(t, { label: t('deleteButton'), ariaLabel: t('deleteArticleLabel', title), question: t('deleteArticleConfirm'), remove: () => void remove(a) });
    return el(
      'tr',
      { attrs: { 'data-key': String(a.key) } },
      el(
        'th',
        { class: 'title', attrs: { scope: 'row' } },
        link(title, a.url),
        // Recorded under its canonical URL; the address it was read at, when another, below it.
        a.pageUrl ? el('span', { class: 'sub read-at' }, interleave(t('readAtAddress', SLOT), link(shownAddress(a.pageUrl), a.pageUrl))) : null,
      ),
      el('td', { attrs: { 'data-label': t('colOutlet') } }, a.outlet),
      el('td', { class: 'when', attrs: { 'data-label': t('colTime') } }, articleWhen(t, a)),
      el(
        'td',
        { class: 'row-actions' },
        button(t('storyButton'), () => ctx.showStory(a.key, title), { attrs: { 'aria-label': t('storyLabel', title) } }),
        ...del,
      ),
    );
  }

  async function remove(a: ArticleRow): Promise<void> {
    const { t } = ctx;
    const r = await send('deleteArticles', { keys: [a.key] });
    if (!r.ok) return ctx.say(t('deleteFailed', errorText(t, r)));
    ctx.say(t.plural('deletedArticles', r.res.deleted, r.res.deleted));
    ctx.indexChanged();
    (document.getElementById('article-search') as HTMLInputElement | null)?.focus();
  }

  return {
    id: 'articles',
    title: (t) => t('articlesHeading'),
    mount(root, c) {
      ctx = c;
      const { t } = c;
      pages = pager(t, t('articlesPagesLabel'), (d) => {
        offset = Math.max(0, offset + d * PAGE);
        void load();
      });
      const input = el('input', { id: 'article-search', attrs: { type: 'search', autocomplete: 'off', spellcheck: 'false' } });
      const sort = el(
        'select',
        { id: 'article-order' },
        el('option', { attrs: { value: 'newest' } }, t('newestFirst')),
        el('option', { attrs: { value: 'oldest' } }, t('oldestFirst')),
      );
      const form = el(
        'form',
        { class: 'row search', attrs: { role: 'search' } },
        el('label', { attrs: { for: 'article-search' } }, t('searchArticlesLabel')),
        input,
        el('label', { attrs: { for: 'article-order' } }, t('sortLabel')),
        sort,
      );
      wireSearch(form, input, (q) => {
        query = q;
        offset = 0;
        void load();
      });
      sort.addEventListener('change', () => {
        order = sort.value === 'oldest' ? 'oldest' : 'newest';
        offset = 0;
        void load();
      });
      const head = el(
        'tr',
        null,
        el('th', { attrs: { scope: 'col' } }, t('colTitle')),
        el('th', { attrs: { scope: 'col' } }, t('colOutlet')),
        el('th', { attrs: { scope: 'col' } }, t('colTime')),
        el('th', { attrs: { scope: 'col' } }, el('span', { class: 'visually-hidden' }, t('colActions'))),
      );
      const table = el('table', { class: 'list articles-table' }, el('caption', { class: 'visually-hidden' }, t('articlesCaption')), el('thead', null, head), body);
      root.append(form, filter, el('div', { class: 'table-wrap' }, table), pages.element);
      void load();
    },
    refresh() {
      void load();
    },
    showOutletArticles(key, name) {
      outlet = { key, name };
      offset = 0;
      renderFilter();
      void load();
    },
  };
}
