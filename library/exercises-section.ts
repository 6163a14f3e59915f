/**
 * The library's Exercises section: the classroom exercises that ship with Wiretrace (tracing a
 * story to its source), each opened on the exercise page as a student or in the teacher's view, and
 * a way to open an exercise file there. An exercise of a story in the index is made from the
 * syndication view ("Make an exercise").
 */
import { el } from '../popup/dom';
import { BUNDLED_PACKS } from '../exercise/bundled-packs';
import type { LibrarySection } from './section';

function link(text: string, href: string, label?: string): HTMLAnchorElement {
  const a = el('a', { class: 'button-link', attrs: label ? { 'aria-label': label } : {} }, text);
  a.href = href;
  return a;
}

export function exercisesSection(): LibrarySection {
  return {
    id: 'exercises',
    title: (t) => t('exercisesHeading'),
    mount(root, ctx) {
      const { t } = ctx;
      const items = BUNDLED_PACKS.map((b) => {
        const pack = JSON.parse(b.text) as { title: string; description?: string; minutes: number };
        return el(
          'li',
          { class: 'exercise-item', attrs: { 'data-pack': b.name } },
          el('strong', null, pack.title),
          ` · ${t.plural('exMinutes', pack.minutes, pack.minutes)} `,
          link(t('exStartButton'), `exercise.html?pack=${encodeURIComponent(b.name)}`, `${t('exStartButton')}: ${pack.title}`),
          ' ',
          link(t('exTeacherButton'), `exercise.html?pack=${encodeURIComponent(b.name)}&mode=teacher`, `${t('exTeacherButton')}: ${pack.title}`),
        );
      });
      root.append(
        el('p', { class: 'hint' }, t('exercisesIntro')),
        el('ul', { class: 'exercise-list' }, ...items),
        el('p', null, link(t('exOpenFileHeading'), 'exercise.html')),
      );
    },
  };
}
