/**
 * The library's storage: what the index holds and the space it takes (the worker's indexStats: the
 * browser's usage and quota, and whether it keeps the index under storage pressure). Asking the
 * browser to keep it is on the options page.
 */
import { send, type IndexStats } from '../src/protocol';
import { errorText } from '../popup/messages';
import { clear, el } from '../popup/dom';
import { bytes } from './format';
import type { LibraryContext, LibrarySection } from './section';

export function storageSection(): LibrarySection {
  let ctx: LibraryContext;
  const dl = el('dl', { class: 'stats', id: 'library-stats' });

  function render(s: IndexStats): void {
    const { t } = ctx;
    clear(dl);
    // data-stat names the row whatever the language (tests read it).
    const rows: Array<[string, string, string]> = [
      ['articles', t('statArticles'), t.number(s.documents)],
      ['outlets', t('statOutlets'), t.number(s.outlets)],
      ['paragraphs', t('statParagraphs'), t.number(s.paragraphs)],
      ['storage used', t('statStorage'), bytes(t, s.usage)],
      ['quota', t('statQuota'), bytes(t, s.quota)],
      ['persisted', t('statPersisted'), s.persisted === undefined ? t('sizeUnknown') : s.persisted ? t('yes') : t('no')],
    ];
    for (const [stat, k, v] of rows) dl.append(el('dt', null, k), el('dd', { attrs: { 'data-stat': stat } }, v));
  }

  async function load(): Promise<void> {
    const r = await send('indexStats', {});
    if (r.ok) render(r.res);
    else ctx.say(ctx.t('readIndexFailed', errorText(ctx.t, r)));
  }

  return {
    id: 'storage',
    title: (t) => t('storageHeading'),
    mount(root, c) {
      ctx = c;
      root.append(dl);
      void load();
    },
    refresh() {
      void load();
    },
  };
}
