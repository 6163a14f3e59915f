/**
 * The exercise page's first view: the exercises that ship with Wiretrace and any exercise file the
 * user opens (read here; a refused file is named with its line and field at fault), each with its
 * facts and two ways in: as a student, or the teacher's view.
 */
import type { Translator } from '../src/i18n';
import { button, el } from '../popup/dom';
import { BUNDLED_PACKS } from './bundled-packs';
import { packFacts } from './labels';
import { fileStem, openPack, type OpenedPack } from './opened-pack';

export interface OpenOptions {
  t: Translator;
  say(text: string): void;
  open(opened: OpenedPack, as: 'student' | 'teacher'): void;
}

function packCard(opened: OpenedPack, o: OpenOptions, id: string): HTMLElement {
  const { t } = o;
  const { pack } = opened;
  return el(
    'li',
    { class: 'ex-card', attrs: { 'data-pack': opened.stem } },
    el('h3', { id: `${id}-h` }, pack.title),
    pack.description ? el('p', null, pack.description) : null,
    el('p', { class: 'hint' }, packFacts(pack, t)),
    el(
      'div',
      { class: 'actions' },
      button(t('exStartButton'), () => o.open(opened, 'student'), { class: 'primary', attrs: { 'aria-describedby': `${id}-h`, 'data-open': 'student' } }),
      button(t('exTeacherButton'), () => o.open(opened, 'teacher'), { attrs: { 'aria-describedby': `${id}-h`, 'data-open': 'teacher' } }),
    ),
  );
}

export async function openView(root: HTMLElement, o: OpenOptions): Promise<void> {
  const { t } = o;
  const list = el('ul', { class: 'ex-cards', id: 'bundled-exercises' });
  const chosen = el('ul', { class: 'ex-cards', id: 'file-exercise' });
  const error = el('p', { class: 'error', id: 'pack-error', attrs: { role: 'alert' } });
  const input = el('input', { id: 'pack-file', attrs: { type: 'file', accept: '.json,application/json' } });
  input.addEventListener('change', async () => {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    error.textContent = '';
    chosen.replaceChildren();
    const r = await openPack(await file.text(), fileStem(file.name));
    if (!r.ok) {
      error.textContent = t('exPackRefused', file.name, r.message);
      return;
    }
    chosen.append(packCard(r.opened, o, 'file-pack'));
    o.say(t('exPackOpened', r.opened.pack.title));
  });
  root.replaceChildren(
    el(
      'section',
      { class: 'ex-open', attrs: { 'aria-labelledby': 'ex-open-h' } },
      el('h2', { id: 'ex-open-h' }, t('exOpenHeading')),
      el('p', { class: 'hint' }, t('exOpenHint')),
      list,
      el('h3', null, t('exOpenFileHeading')),
      el('p', { class: 'hint' }, t('exOpenFileHint')),
      el('div', { class: 'actions' }, el('label', { class: 'file-button' }, el('span', null, t('exOpenFileButton')), input)),
      error,
      chosen,
    ),
  );
  document.getElementById('exercise-pack-title')!.textContent = '';
  for (const [i, b] of BUNDLED_PACKS.entries()) {
    const r = await openPack(b.text, b.name);
    if (r.ok) list.append(packCard(r.opened, o, `bundled-${i}`));
  }
  root.dataset.ready = 'true';
}
