/**
 * The teacher's view of an exercise: what it is, a warning when its answers are not what the engine
 * gives now, the buttons to try it as a student, export it and print its answer key, the answer key
 * itself, and the class's results (class-view.ts).
 */
import { packText } from '../src/exercise/pack-schema';
import type { Translator } from '../src/i18n';
import { button, download, el } from '../popup/dom';
import { answerKey } from './answer-key';
import { classView } from './class-view';
import { packFacts } from './labels';
import type { OpenedPack } from './opened-pack';

export interface TeacherOptions {
  opened: OpenedPack;
  t: Translator;
  say(text: string): void;
  preview(): void;
  /** Back to the list of exercises. */
  home(): void;
}

export function teacherView(root: HTMLElement, o: TeacherOptions): void {
  const { opened, t } = o;
  const { pack } = opened;
  const warn = opened.differing.length ? el('p', { class: 'ex-warning', attrs: { role: 'note' } }, t('exAnswersDiffer', opened.differing.join(', '))) : null;
  const intro = el(
    'section',
    { class: 'ex-teacher', attrs: { 'aria-labelledby': 'ex-teacher-h' } },
    el('h2', { id: 'ex-teacher-h' }, t('exTeacherHeading', pack.title)),
    pack.description ? el('p', null, pack.description) : null,
    el('p', { class: 'hint' }, packFacts(pack, t)),
    el('p', { class: 'hint' }, t.plural('exTeacherCounts', pack.questions.length, pack.articles.length, pack.questions.length)),
    warn,
    el(
      'div',
      { class: 'actions ex-teacher-actions' },
      button(t('exPreviewButton'), () => o.preview(), { id: 'ex-preview', class: 'primary' }),
      button(t('exExportPack'), () => {
        download(packText(pack), `${opened.stem}.exercise.json`, 'application/json');
        o.say(t('exExportedSay'));
      }, { id: 'ex-export' }),
      button(t('exPrintKey'), () => {
        window.print();
      }, { id: 'ex-print' }),
      button(t('exOtherExercise'), () => o.home(), { id: 'ex-home' }),
    ),
  );
  root.replaceChildren(intro, classView(pack, opened.stem, t, o.say), answerKey(pack, t));
  document.getElementById('exercise-pack-title')!.textContent = pack.title;
}
