/**
 * The library's packs: installing an index pack (its description and what it holds are shown first,
 * from the file itself; nothing reaches the index before the user confirms), the installed packs with
 * their articles (removing one deletes what only it brought), and a selection of the index (outlets,
 * a time range) exported as a pack with a description of the user's.
 */
import { checkPack, type PackInfo } from '../src/engine/pack-header';
import { packHeaderLine, previewIndexFile, type IndexFilePreview } from '../src/pack-file';
import { call, onEvent, send, type InstalledPack } from '../src/protocol';
import { fileLines, newImportId, sendIndexLines } from '../src/send-index-file';
import { errorText, exceptionText, progressText } from '../popup/messages';
import { button, clear, download, el } from '../popup/dom';
import { rangeProblem } from './date-range';
import type { LibraryContext, LibrarySection } from './section';
import { deleteWithConfirm } from './delete-confirm';

/** Outlets named in a preview before "and N more". */
const PREVIEW_OUTLETS = 8;

export function packsSection(): LibrarySection {
  let ctx: LibraryContext;
  const body = el('tbody');
  const preview = el('div', { class: 'pack-preview', id: 'pack-preview', attrs: { hidden: '' } });
  const status = el('p', { class: 'status', id: 'packs-status', attrs: { role: 'status' } });
  const progress = el('progress', { id: 'packs-progress', attrs: { hidden: '' } });
  /** The import this section runs (its progress events are the ones it shows). */
  let installing: string | undefined;

  async function load(): Promise<void> {
    const r = await send('listPacks', {});
    if (!r.ok) return ctx.say(ctx.t('libraryReadFailed', errorText(ctx.t, r)));
    clear(body);
    if (!r.res.length) body.append(el('tr', null, el('td', { attrs: { colspan: '5' }, class: 'empty' }, ctx.t('noPacks'))));
    for (const p of r.res) body.append(row(p));
  }

  function row(p: InstalledPack): HTMLTableRowElement {
    const { t } = ctx;
    const remove = deleteWithConfirm(t, { label: t('removePackButton'), ariaLabel: t('removePackLabel', p.title), question: t.plural('removePackConfirm', p.articles, p.title, p.articles), remove: () => void removePack(p) });
    const about = [p.creator, p.licence].filter(Boolean).join(' · ');
    return el(
      'tr',
      { attrs: { 'data-pack': p.id } },
      el('th', { attrs: { scope: 'row' } }, el('span', { class: 'pack-title' }, p.title), p.description ? el('span', { class: 'hint block' }, p.description) : null),
      el('td', { attrs: { 'data-label': t('colPackAbout') } }, about || '–', p.tags?.length ? el('span', { class: 'hint block' }, p.tags.join(', ')) : null),
      el('td', { class: 'num', attrs: { 'data-col': 'articles', 'data-label': t('colArticles') } }, t.number(p.articles)),
      el('td', { attrs: { 'data-label': t('colPackCreated') } }, t.date(p.created), el('span', { class: 'hint block' }, t('packInstalledOn', t.date(new Date(p.installed).toISOString())))),
      el('td', { class: 'row-actions' }, ...remove),
    );
  }

  async function removePack(p: InstalledPack): Promise<void> {
    const { t } = ctx;
    const r = await send('removePack', { id: p.id });
    if (!r.ok) return ctx.say(t('deleteFailed', errorText(t, r)));
    ctx.say(t.plural('packRemoved', r.res.deleted, p.title, r.res.deleted, r.res.untagged));
    ctx.indexChanged();
  }

  /** Shows what a chosen file holds, with Install and Cancel. */
  function showPreview(name: string, lines: string[], p: IndexFilePreview): void {
    const { t } = ctx;
    clear(preview);
    const dl = el('dl', { class: 'stats' });
    const add = (k: string, v: string | undefined) => v && dl.append(el('dt', null, k), el('dd', null, v));
    if (p.pack) {
      add(t('packFieldTitle'), p.pack.title);
      add(t('packFieldDescription'), p.pack.description);
      add(t('packFieldCreator'), p.pack.creator);
      add(t('packFieldCreated'), t.date(p.pack.created));
      add(t('packFieldLicence'), p.pack.licence);
      add(t('packFieldTags'), p.pack.tags?.join(', '));
    }
    add(t('colArticles'), t.number(p.articles));
    const more = p.outlets.length - PREVIEW_OUTLETS;
    add(t('statOutlets'), p.outlets.slice(0, PREVIEW_OUTLETS).map((o) => `${o.name} (${t.number(o.articles)})`).join(', ') + (more > 0 ? ` ${t.plural('andMore', more, more)}` : ''));
    if (p.from) add(t('packFieldSpan'), p.from.slice(0, 10) === p.to!.slice(0, 10) ? t.date(p.from) : `${t.date(p.from)} – ${t.date(p.to)}`);
    const install = button(p.pack ? t('installPackButton') : t('importFileButton'), () => void install_(name, lines), { class: 'primary', id: 'pack-install' });
    const cancel = button(t('cancelButton'), () => {
      preview.hidden = true;
      status.textContent = '';
    });
    preview.append(el('h3', null, p.pack ? t('packPreviewHeading', name) : t('filePreviewHeading', name)));
    if (!p.pack) preview.append(el('p', { class: 'hint' }, t('notAPackHint')));
    preview.append(dl, el('div', { class: 'row' }, install, cancel));
    preview.hidden = false;
    install.focus();
  }

  async function install_(name: string, lines: string[]): Promise<void> {
    const { t } = ctx;
    const importId = (installing = newImportId());
    preview.hidden = true;
    progress.hidden = false;
    progress.removeAttribute('value');
    try {
      const done = await sendIndexLines(importId, lines, {
        onChunk: (share, last) => (status.textContent = last ? t('importCheckingLines') : t('importReading', name, t.percent(share))),
      });
      if (done.status !== 'done') return;
      const msg = done.pack ? t.plural('packInstalled', done.documents, done.pack.title, done.documents, done.skipped) : t.plural('imported', done.documents, done.documents);
      status.textContent = msg;
      ctx.say(msg);
      ctx.indexChanged();
    } catch (e) {
      const msg = t('importFailed', exceptionText(t, e));
      status.textContent = msg;
      ctx.say(msg);
    } finally {
      progress.hidden = true;
    }
  }

  function exportForm(): HTMLFormElement {
    const { t } = ctx;
    const field = (id: string, label: string, input: HTMLElement, hint?: string) =>
      el('div', { class: 'field' }, el('label', { attrs: { for: id } }, label), input, hint ? el('span', { class: 'hint block', id: `${id}-hint` }, hint) : null);
    const title = el('input', { id: 'pack-title', attrs: { required: '', maxlength: '200', autocomplete: 'off' } });
    const description = el('textarea', { id: 'pack-description', attrs: { rows: '2', maxlength: '5000' } });
    const creator = el('input', { id: 'pack-creator', attrs: { maxlength: '200', autocomplete: 'off' } });
    const licence = el('input', { id: 'pack-licence', attrs: { maxlength: '200', autocomplete: 'off', placeholder: 'CC-BY-4.0' } });
    const tags = el('input', { id: 'pack-tags', attrs: { autocomplete: 'off', 'aria-describedby': 'pack-tags-hint' } });
    const outlets = el('input', { id: 'pack-outlets', attrs: { autocomplete: 'off', 'aria-describedby': 'pack-outlets-hint' } });
    const from = el('input', { id: 'pack-from', attrs: { type: 'date' } });
    const to = el('input', { id: 'pack-to', attrs: { type: 'date' } });
    const form = el(
      'form',
      { class: 'pack-export', id: 'pack-export' },
      el('h3', null, t('exportPackHeading')),
      el('p', { class: 'hint' }, t('exportPackIntro')),
      field('pack-title', t('packFieldTitle'), title),
      field('pack-description', t('packFieldDescription'), description),
      field('pack-creator', t('packFieldCreator'), creator),
      field('pack-licence', t('packFieldLicence'), licence),
      field('pack-tags', t('packFieldTags'), tags, t('packTagsHint')),
      field('pack-outlets', t('statOutlets'), outlets, t('packOutletsHint')),
      el('div', { class: 'row' }, field('pack-from', t('rangeFrom'), from), field('pack-to', t('rangeTo'), to)),
      el('button', { class: 'primary', id: 'pack-export-button', attrs: { type: 'submit' } }, t('exportPackButton')),
    );
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const list = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean);
      const info = {
        title: title.value,
        created: new Date().toISOString(),
        ...(description.value.trim() ? { description: description.value } : {}),
        ...(creator.value.trim() ? { creator: creator.value } : {}),
        ...(licence.value.trim() ? { licence: licence.value } : {}),
        ...(list(tags.value).length ? { tags: list(tags.value) } : {}),
      };
      const wrong = rangeProblem(t, from.value, to.value);
      if (wrong) {
        status.textContent = wrong;
        from.focus();
        return;
      }
      const day = (v: string, end: boolean) => (v ? Date.parse(`${v}T00:00:00Z`) + (end ? 86_399_999 : 0) : undefined);
      void exportPack(info, list(outlets.value), day(from.value, false), day(to.value, true));
    });
    return form;
  }

  async function exportPack(raw: PackInfo, outletNames: string[], from?: number, to?: number): Promise<void> {
    const { t } = ctx;
    const checked = checkPack(raw, 'pack.');
    if (!checked.ok) return void (status.textContent = t('packInvalid', checked.message));
    try {
      // Outlet names as the user typed them, matched to the index's outlets (their keys).
      let outletKeys: string[] | undefined;
      if (outletNames.length) {
        outletKeys = [];
        for (const name of outletNames) {
          const found = await call('libraryOutlets', { query: name, offset: 0, limit: 50 });
          const exact = found.rows.filter((o) => o.outlet.toLowerCase() === name.toLowerCase());
          if (!exact.length) return void (status.textContent = t('packNoSuchOutlet', name));
          outletKeys.push(...exact.map((o) => o.outletKey));
        }
      }
      const lines: string[] = [];
      let params = null;
      let after: number | undefined;
      progress.hidden = false;
      progress.removeAttribute('value');
      do {
        const page = await call('exportSelection', { after, limit: 500, outletKeys, from, to });
        params = page.params;
        lines.push(...page.lines);
        after = page.next;
        status.textContent = t.plural('exporting', lines.length, lines.length);
      } while (after !== undefined);
      if (!lines.length) return void (status.textContent = t('packEmptySelection'));
      const slug = checked.value.title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'pack';
      download([packHeaderLine(params, lines.length, checked.value), ...lines].join('\n') + '\n', `wiretrace-pack-${slug}.jsonl`, 'application/x-ndjson');
      status.textContent = t.plural('packExported', lines.length, checked.value.title, lines.length);
      ctx.say(status.textContent);
    } catch (e) {
      status.textContent = t('exportFailed', exceptionText(t, e));
    } finally {
      progress.hidden = true;
    }
  }

  return {
    id: 'packs',
    title: (t) => t('packsHeading'),
    mount(root, c) {
      ctx = c;
      const { t } = c;
      const input = el('input', { id: 'pack-file', attrs: { type: 'file', accept: '.jsonl,.json,.ndjson,application/x-ndjson,application/json' } });
      const choose = el('label', { class: 'file-button' }, el('span', null, t('choosePackButton')), input);
      input.addEventListener('change', async () => {
        const file = input.files?.[0];
        input.value = '';
        if (!file) return;
        status.textContent = t('importReading', file.name, t.percent(0));
        try {
          const lines = fileLines(await file.text());
          const r = previewIndexFile(lines);
          if (!r.ok) {
            preview.hidden = true;
            status.textContent = t('packRefused', file.name, String(r.line), r.message);
            return;
          }
          status.textContent = '';
          showPreview(file.name, lines, r.preview);
        } catch (e) {
          status.textContent = t('importFailed', exceptionText(t, e));
        }
      });
      onEvent('progress', (d) => {
        if (d.task === 'import' && d.importId === installing && !progress.hidden) status.textContent = progressText(t, d);
      });
      const head = el(
        'tr',
        null,
        el('th', { attrs: { scope: 'col' } }, t('colPack')),
        el('th', { attrs: { scope: 'col' } }, t('colPackAbout')),
        el('th', { class: 'num', attrs: { scope: 'col' } }, t('colArticles')),
        el('th', { attrs: { scope: 'col' } }, t('colPackCreated')),
        el('th', { attrs: { scope: 'col' } }, el('span', { class: 'visually-hidden' }, t('colActions'))),
      );
      const table = el('table', { class: 'list packs-table' }, el('caption', { class: 'visually-hidden' }, t('packsCaption')), el('thead', null, head), body);
      root.append(el('p', { class: 'hint' }, t('packsIntro')), el('div', { class: 'row' }, choose), preview, progress, status, el('div', { class: 'table-wrap' }, table), exportForm());
      void load();
    },
    refresh() {
      void load();
    },
  };
}
