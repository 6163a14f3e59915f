/**
 * The answer key of an exercise, for the teacher's screen and for print (exercise.css's print
 * stylesheet prints this section alone): the pack's facts, its articles, and each question with
 * its points, answer and explanation.
 */
import type { ExercisePack } from '../src/exercise/pack-schema';
import type { Translator } from '../src/i18n';
import { el } from '../popup/dom';
import { answerText, packFacts, questionText } from './labels';

export function answerKey(pack: ExercisePack, t: Translator): HTMLElement {
  const outletOf = new Map(pack.articles.map((a) => [a.id, a.outlet]));
  const articles = el(
    'table',
    { class: 'list ex-key-articles' },
    el('caption', null, t('exKeyArticles')),
    el('thead', null, el('tr', null, el('th', { attrs: { scope: 'col' } }, t('exColOutlet')), el('th', { attrs: { scope: 'col' } }, t('exColTime')), el('th', { attrs: { scope: 'col' } }, t('exColTitle')), el('th', { class: 'num', attrs: { scope: 'col' } }, t('exColParagraphs')))),
    el(
      'tbody',
      null,
      ...pack.articles.map((a) =>
        el('tr', null, el('th', { attrs: { scope: 'row' } }, a.outlet), el('td', null, t.dateTime(a.published)), el('td', null, a.title ?? ''), el('td', { class: 'num' }, t.number(a.paragraphs.length))),
      ),
    ),
  );
  const questions = el(
    'ol',
    { class: 'ex-key-questions' },
    ...pack.questions.map((q) =>
      el(
        'li',
        { attrs: { 'data-question': q.id } },
        el('h4', null, questionText(q, pack, t), ' ', el('span', { class: 'ex-points' }, `(${t.plural('exPoints', q.points, q.points)})`)),
        q.article ? el('p', { class: 'hint' }, t('exKeyAbout', outletOf.get(q.article) ?? q.article)) : null,
        q.kind === 'reflection' ? null : el('p', null, el('span', { class: 'ex-label' }, t('exRightAnswer')), ' ', answerText(q, t)),
        q.explanation ? el('p', null, el('span', { class: 'ex-label' }, t('exExplanation')), ' ', q.explanation) : null,
      ),
    ),
  );
  return el(
    'section',
    { class: 'ex-key', id: 'answer-key', attrs: { 'aria-labelledby': 'answer-key-h' } },
    el('h2', { id: 'answer-key-h' }, t('exKeyHeading', pack.title)),
    el('p', { class: 'hint' }, packFacts(pack, t)),
    el('div', { class: 'table-wrap' }, articles),
    el('h3', null, t('exKeyQuestions')),
    questions,
  );
}
