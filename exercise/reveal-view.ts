/**
 * The reveal of a step, once the student's answers are locked: each question's score, the student's
 * answer beside the right one, the pack's explanation and what was missed (miss-text.ts); then what
 * the engine found in the article (its headline and its passages beside their sources' text, as the
 * popup shows them), and the story's lanes (story-lanes.ts). The highlights go into the article
 * itself (article-view.ts).
 */
import type { Report } from '../src/engine/types';
import type { ExercisePack, Question } from '../src/exercise/pack-schema';
import { missNotes, scoreQuestion, type Answers } from '../src/exercise/score';
import type { Translator } from '../src/i18n';
import { summary } from '../src/report-format';
import { whenFormatter } from '../src/report-time';
import { el } from '../popup/dom';
import { diffLegend, renderPassage } from '../popup/render-passage';
import { answerText, questionText, studentAnswerText } from './labels';
import { missText } from './miss-text';

/** One question's outcome: score, both answers, explanation, what was missed. */
function questionResult(q: Question, pack: ExercisePack, answers: Answers, t: Translator): HTMLElement {
  const a = answers[q.id];
  const article = q.article ? pack.articles.find((x) => x.id === q.article) : undefined;
  const score = scoreQuestion(q, a, article);
  const full = q.kind !== 'reflection' && score >= q.points;
  const notes = missNotes(pack, q, a);
  const right = answerText(q, t);
  return el(
    'li',
    { class: `ex-result ${q.kind === 'reflection' ? '' : full ? 'ex-result-full' : score > 0 ? 'ex-result-part' : 'ex-result-none'}`, attrs: { 'data-question': q.id, 'data-score': String(score) } },
    el('h4', null, questionText(q, pack, t)),
    q.kind === 'reflection' ? null : el('p', { class: 'ex-score' }, t('exScoreOf', t.number(score, Number.isInteger(score) ? 0 : 1), t.number(q.points))),
    el('p', null, el('span', { class: 'ex-label' }, t('exYourAnswer')), ' ', studentAnswerText(a, t)),
    right ? el('p', null, el('span', { class: 'ex-label' }, t('exRightAnswer')), ' ', right) : null,
    notes.length ? el('ul', { class: 'ex-notes' }, ...notes.map((n) => el('li', { attrs: { 'data-note': n.code } }, missText(n, t)))) : null,
    q.explanation ? el('p', { class: 'ex-explanation' }, el('span', { class: 'ex-label' }, t('exExplanation')), ' ', q.explanation) : null,
  );
}

export function stepResults(questions: readonly Question[], pack: ExercisePack, answers: Answers, t: Translator, idPrefix: string): HTMLElement {
  let score = 0;
  let max = 0;
  for (const q of questions) {
    score += scoreQuestion(q, answers[q.id], q.article ? pack.articles.find((x) => x.id === q.article) : undefined);
    max += q.points;
  }
  score = Math.round(score * 10) / 10;
  return el(
    'section',
    { class: 'ex-results', attrs: { 'aria-labelledby': `${idPrefix}-results-h` } },
    el('h3', { id: `${idPrefix}-results-h`, attrs: { tabindex: '-1' } }, t('exResultsHeading', t.number(score, Number.isInteger(score) ? 0 : 1), t.number(max))),
    el('ol', { class: 'ex-result-list' }, ...questions.map((q) => questionResult(q, pack, answers, t))),
  );
}

/** What the engine found in the article: its headline, and each passage beside its source's text. */
export function engineFindings(report: Report, t: Translator, idPrefix: string): HTMLElement {
  const when = whenFormatter(report, t);
  const found = report.passages.length > 0;
  return el(
    'section',
    { class: 'ex-findings', attrs: { 'aria-labelledby': `${idPrefix}-found-h` } },
    el('h3', { id: `${idPrefix}-found-h` }, t('exFindingsHeading')),
    el('p', { class: 'lead' }, found ? summary(report, t) : t('exFoundNothing')),
    report.ownEarlier.length ? el('p', { class: 'note' }, t('ownEarlierNote', report.outlet)) : null,
    found ? diffLegend(t) : null,
    found ? el('ol', { class: 'passages' }, ...report.passages.map((p, i) => renderPassage(p, i + 1, report.outlet, t, when))) : null,
  );
}
