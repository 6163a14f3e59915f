/**
 * The library's feeds section: the feeds the user added, each with its state and actions
 * (feed-row.ts), and adding one by its address in two clicks:
 *
 *   1. "Read feed"  asks for the feed's site (in the click), reads the feed in the worker: its title,
 *                   the outlet it would be recorded under, its items, the sites its pages are on
 *   2. "Add feed"   with the outlet and interval chosen, asks for those sites (in the click, only
 *                   when items need their pages), adds the feed; the worker polls it at once
 *
 * A poll that added articles tells the other sections the index changed. Nothing is put in as markup.
 */
import { httpOrigin, originPattern } from '../src/feed-origins';
import { DEFAULT_FEED_INTERVAL, type FeedPreview, type FeedStatus } from '../src/feed-status';
import { onEvent, send } from '../src/protocol';
import { button, clear, el } from '../popup/dom';
import { errorText } from '../popup/messages';
import { feedFields, type FeedFields } from './feed-fields';
import { FeedRow } from './feed-row';
import { pollText, problemText } from './feed-text';
import type { LibraryContext, LibrarySection } from './section';
import { askForSites } from './site-access';

export function feedsSection(): LibrarySection {
  let ctx: LibraryContext;
  const rows = new Map<string, FeedRow>();
  /** Feeds seen polling, to tell a poll's end from an edit. */
  const polling = new Set<string>();
  const list = el('ul', { id: 'feed-list', class: 'feed-list' });
  const empty = el('p', { id: 'feeds-empty', class: 'hint' });
  const preview = el('div', { id: 'feed-preview', class: 'feed-preview', attrs: { role: 'group', 'aria-labelledby': 'feed-preview-h' } });
  preview.hidden = true;
  const urlInput = el('input', { id: 'feed-url', attrs: { type: 'url', inputmode: 'url', autocomplete: 'off', spellcheck: 'false', required: '', placeholder: 'https://' } });
  const readButton = el('button', { class: 'primary', attrs: { type: 'submit' } });

  function renderList(feeds: FeedStatus[]): void {
    const ids = new Set(feeds.map((f) => f.id));
    for (const [id, row] of rows) {
      if (!ids.has(id)) {
        row.element.remove();
        rows.delete(id);
      }
    }
    for (const f of feeds) upsert(f);
    empty.hidden = rows.size > 0;
  }

  function upsert(f: FeedStatus): FeedRow {
    if (f.polling) polling.add(f.id);
    const row = rows.get(f.id);
    if (row) {
      row.update(f);
      return row;
    }
    const made = new FeedRow(ctx.t, f, { pollNow, save, remove, allowSites });
    rows.set(f.id, made);
    // Newest first: a feed just added appears under the form that added it.
    const byElement = new Map([...rows.values()].map((r) => [r.element as Element, r]));
    const next = [...list.children].find((e) => (byElement.get(e)?.addedAt ?? Infinity) < f.addedAt);
    list.insertBefore(made.element, next ?? null);
    empty.hidden = true;
    return made;
  }

  async function load(): Promise<void> {
    const r = await send('listFeeds', {});
    if (r.ok) renderList(r.res.feeds);
    else ctx.say(ctx.t('feedsReadFailed', errorText(ctx.t, r)));
  }

  function pollNow(feed: FeedStatus): void {
    // In the click: the feed's site again (granted at once when it still is; asked when it was taken back).
    void askForSites([feed.url]).then(async () => {
      const r = await send('pollFeedNow', { id: feed.id });
      if (!r.ok) return ctx.say(ctx.t('feedPollNowFailed', errorText(ctx.t, r)));
      upsert(r.res);
      ctx.say(ctx.t('feedPollStarted', feed.outlet));
    });
  }

  async function save(feed: FeedStatus, outlet: string, interval: number): Promise<boolean> {
    const r = await send('updateFeed', { id: feed.id, outlet, intervalMinutes: interval });
    if (!r.ok) {
      ctx.say(ctx.t('feedSaveFailed', errorText(ctx.t, r)));
      return false;
    }
    upsert(r.res);
    ctx.say(ctx.t('feedSaved', r.res.outlet));
    return true;
  }

  async function remove(feed: FeedStatus): Promise<void> {
    const r = await send('removeFeed', { id: feed.id });
    if (!r.ok) return ctx.say(ctx.t('feedRemoveFailed', errorText(ctx.t, r)));
    rows.get(feed.id)?.element.remove();
    rows.delete(feed.id);
    empty.hidden = rows.size > 0;
    ctx.say(ctx.t('feedRemoved', feed.outlet));
    urlInput.focus();
  }

  function allowSites(feed: FeedStatus, origins: string[]): void {
    void askForSites(origins).then(async ({ granted }) => {
      if (!granted) return ctx.say(ctx.t('feedSitesRefused'));
      const r = await send('updateFeed', { id: feed.id, pageOrigins: [...feed.pageOrigins, ...origins] });
      if (!r.ok) return ctx.say(ctx.t('feedSaveFailed', errorText(ctx.t, r)));
      upsert(r.res);
      const p = await send('pollFeedNow', { id: feed.id });
      if (p.ok) upsert(p.res);
      ctx.say(ctx.t('feedSitesAllowed', feed.outlet));
    });
  }

  // --- adding a feed -----------------------------------------------------------------------------

  function closePreview(): void {
    preview.hidden = true;
    clear(preview);
  }

  function showPreview(p: FeedPreview, typed: string): void {
    const { t } = ctx;
    clear(preview);
    const feedOrigin = httpOrigin(p.url);
    // The sites to ask for: those of link items, but the feed's own site, allowed at the first click.
    const ask = p.pageOrigins.filter((o) => o !== feedOrigin && o !== httpOrigin(typed));
    const heading = el('h3', { id: 'feed-preview-h', attrs: { tabindex: '-1' } }, p.title ?? p.url);
    preview.append(heading, el('p', { class: 'hint' }, p.url), el('p', { id: 'feed-preview-items' }, t.plural('feedPreviewItems', p.items, p.items, p.fullItems, p.linkItems)));
    if (p.existingId) {
      preview.append(el('p', { class: 'note-warn' }, t('feedAlreadyAdded')), el('div', { class: 'actions' }, button(t('cancelButton'), () => closePreview())));
      preview.hidden = false;
      heading.focus();
      return;
    }
    const fields: FeedFields = feedFields(t, 'feed-new', p.outlet ?? '', DEFAULT_FEED_INTERVAL);
    const form = el('form', { id: 'feed-add-form', class: 'feed-add' }, fields.element);
    if (ask.length) {
      form.append(
        el('p', { id: 'feed-sites-hint' }, t.plural('feedPreviewSites', p.linkItems, p.linkItems)),
        el('ul', { id: 'feed-preview-origins', class: 'origin-list' }, ...ask.map((o) => el('li', null, o))),
      );
    }
    const addButton = el('button', { class: 'primary', attrs: { type: 'submit', 'data-action': 'add' } }, ask.length ? t.plural('feedAllowAndAddButton', ask.length, ask.length) : t('feedAddButton'));
    form.append(el('div', { class: 'actions' }, addButton, button(t('cancelButton'), () => closePreview())));
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      // The page sites are asked for first, in the click; the feed is added whatever the answer.
      void askForSites(ask).then(async ({ granted }) => {
        addButton.disabled = true;
        const typedOutlet = fields.outlet.value.trim();
        const r = await send('addFeed', {
          url: p.url,
          outlet: typedOutlet && typedOutlet !== p.outlet ? typedOutlet : undefined,
          intervalMinutes: fields.intervalValue(),
          pageOrigins: granted ? ask : [],
        });
        addButton.disabled = false;
        if (!r.ok) return ctx.say(t('feedAddFailed', errorText(t, r)));
        if (r.res.status === 'failed') return ctx.say(t('feedAddFailed', problemText(t, r.res.problem)));
        const row = upsert(r.res.feed);
        closePreview();
        urlInput.value = '';
        row.focus();
        ctx.say(r.res.status === 'exists' ? t('feedAlreadyAdded') : granted ? t('feedAdded', r.res.feed.outlet) : t('feedAddedWithoutSites', r.res.feed.outlet));
      });
    });
    preview.append(form);
    preview.hidden = false;
    heading.focus();
  }

  function onRead(ev: SubmitEvent): void {
    ev.preventDefault();
    const { t } = ctx;
    const typed = urlInput.value.trim();
    try {
      originPattern(typed);
    } catch {
      ctx.say(t('feedProblemAddress', typed));
      return;
    }
    closePreview();
    // In the click: the feed's site, before anything else is awaited.
    void askForSites([typed]).then(async ({ granted, error }) => {
      if (!granted) return ctx.say(error ? t('permissionRequestFailed', error) : t('feedSiteRefused', httpOrigin(typed) ?? typed));
      readButton.disabled = true;
      ctx.say(t('feedReading'));
      const r = await send('previewFeed', { url: typed });
      readButton.disabled = false;
      if (!r.ok) return ctx.say(t('feedReadFailed', errorText(t, r)));
      if (r.res.status === 'failed') return ctx.say(t('feedReadFailed', problemText(t, r.res.problem)));
      showPreview(r.res.preview, typed);
      ctx.say(t('feedPreviewReady', r.res.preview.title ?? r.res.preview.url));
    });
  }

  return {
    id: 'feeds',
    title: (t) => t('feedsHeading'),
    mount(root, c) {
      ctx = c;
      const { t } = ctx;
      readButton.textContent = t('feedReadButton');
      empty.textContent = t('feedsEmpty');
      const addForm = el(
        'form',
        { id: 'feed-read-form', class: 'row' },
        el('label', { attrs: { for: urlInput.id } }, t('feedUrlLabel')),
        urlInput,
        readButton,
      );
      addForm.addEventListener('submit', onRead);
      root.append(el('p', { class: 'hint' }, t('feedsIntro')), addForm, preview, empty, list);
      onEvent('feed', ({ feed }) => {
        upsert(feed);
        if (feed.polling) return void polling.add(feed.id);
        if (!polling.delete(feed.id)) return;
        // A poll ended: announce it, and let the other sections show the new articles.
        if (feed.lastError) ctx.say(t('feedPollEndedWithError', feed.outlet, problemText(t, feed.lastError)));
        else if (feed.lastPoll) ctx.say(t('feedPolled', feed.outlet, pollText(t, feed.lastPoll)));
        if (!feed.lastError && feed.lastPoll?.added) ctx.indexChanged();
      });
      void load();
    },
    refresh() {
      void load();
    },
  };
}
