/**
 * The class's results on the teacher's page: students' result files chosen from disk (read here:
 * no account, nothing sent anywhere), each checked against the pack (result-file.ts; a refused file
 * is listed with the line and field at fault), then the summary (class-summary.ts): each student's
 * time and score, each question's mean and full marks, the outlet most often put first wrongly, the
 * time taken; and its CSV.
 */
import { classSummary, summaryCsv } from '../src/exercise/class-summary';
import type { ExercisePack } from '../src/exercise/pack-schema';
import { refusal } from '../src/exercise/pack-schema';
import { parseResult, type ResultFile } from '../src/exercise/result-file';
import type { Translator } from '../src/i18n';
import { button, download, el } from '../popup/dom';
import { questionText } from './labels';

function duration(seconds: number, t: Translator): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return t('exDuration', m, String(s).padStart(2, '0'));
}

export function classView(pack: ExercisePack, stem: string, t: Translator, say: (text: string) => void): HTMLElement {
  const results = new Map<string, ResultFile>();
  const problems = el('ul', { class: 'ex-refused', id: 'results-refused', attrs: { role: 'alert' } });
  const out = el('div', { id: 'class-summary' });
  const input = el('input', { id: 'results-file', attrs: { type: 'file', accept: '.json,application/json', multiple: '' } });
  const choose = el('label', { class: 'file-button' }, el('span', null, t('exImportResults')), input);

  const draw = () => {
    const list = [...results.values()];
    if (!list.length) {
      out.replaceChildren(el('p', { class: 'hint' }, t('exNoResults')));
      return;
    }
    const s = classSummary(pack, list);
    const outletOf = new Map(pack.articles.map((a) => [a.id, a.outlet]));
    const students = el(
      'table',
      { class: 'list', id: 'class-students' },
      el('caption', null, t('exStudentsCaption')),
      el('thead', null, el('tr', null, el('th', { attrs: { scope: 'col' } }, t('exColStudent')), el('th', { class: 'num', attrs: { scope: 'col' } }, t('exColTime')), el('th', { class: 'num', attrs: { scope: 'col' } }, t('exColScore')))),
      el('tbody', null, ...s.students.map((st) => el('tr', null, el('th', { attrs: { scope: 'row' } }, st.student), el('td', { class: 'num' }, duration(st.seconds, t)), el('td', { class: 'num', attrs: { 'data-col': 'total' } }, t('exScoreOf', t.number(st.total, 1), t.number(s.max)))))),
    );
    const questions = el(
      'table',
      { class: 'list', id: 'class-questions' },
      el('caption', null, t('exQuestionsCaption')),
      el(
        'thead',
        null,
        el('tr', null, el('th', { attrs: { scope: 'col' } }, t('exColQuestion')), el('th', { attrs: { scope: 'col' } }, t('exColOutlet')), el('th', { class: 'num', attrs: { scope: 'col' } }, t('exColMean')), el('th', { class: 'num', attrs: { scope: 'col' } }, t('exColFull'))),
      ),
      el(
        'tbody',
        null,
        ...s.questions.map((q) => {
          const question = pack.questions.find((x) => x.id === q.id)!;
          return el(
            'tr',
            { attrs: { 'data-question': q.id } },
            el('th', { attrs: { scope: 'row' } }, questionText(question, pack, t)),
            el('td', null, q.outlet ?? (question.article ? outletOf.get(question.article) ?? '' : t('exStoryShort'))),
            el('td', { class: 'num', attrs: { 'data-col': 'mean' } }, q.kind === 'reflection' ? '–' : t('exScoreOf', t.number(q.mean, 1), t.number(q.points))),
            el('td', { class: 'num', attrs: { 'data-col': 'full' } }, t('exFullOf', q.full, list.length)),
          );
        }),
      ),
    );
    const facts = el(
      'ul',
      { class: 'ex-class-facts' },
      el('li', { attrs: { 'data-fact': 'students' } }, t.plural('exClassStudents', list.length, list.length)),
      el('li', { attrs: { 'data-fact': 'mean' } }, t('exClassMean', t.number(s.mean, 1), t.number(s.max))),
      el('li', { attrs: { 'data-fact': 'time' } }, t('exClassTime', duration(s.seconds.median, t), duration(s.seconds.min, t), duration(s.seconds.max, t))),
      el('li', { attrs: { 'data-fact': 'wrong-first' } }, s.commonWrongFirst ? t.plural('exClassWrongFirst', s.commonWrongFirst.count, s.commonWrongFirst.outlet, s.commonWrongFirst.count, s.commonWrongFirst.right) : t('exClassNoWrongFirst')),
    );
    out.replaceChildren(
      facts,
      el('div', { class: 'table-wrap' }, students),
      el('div', { class: 'table-wrap' }, questions),
      el('div', { class: 'actions' }, button(t('exExportCsv'), () => download(summaryCsv(pack, s), `${stem}-class.csv`, 'text/csv'), { id: 'export-class-csv' })),
    );
  };

  input.addEventListener('change', async () => {
    const files = [...(input.files ?? [])];
    input.value = '';
    problems.replaceChildren();
    let added = 0;
    for (const f of files) {
      const r = parseResult(await f.text(), pack);
      if (!r.ok) {
        problems.append(el('li', { attrs: { 'data-file': f.name } }, t('exResultRefused', f.name, refusal(r))));
        continue;
      }
      // The same student's file chosen again replaces it: one row a file name.
      results.set(f.name, r.value);
      added++;
    }
    draw();
    say(t.plural('exResultsAdded', added, added));
  });

  const root = el(
    'section',
    { class: 'ex-class', id: 'class-results', attrs: { 'aria-labelledby': 'class-results-h' } },
    el('h2', { id: 'class-results-h' }, t('exClassHeading')),
    el('p', { class: 'hint' }, t('exClassHint')),
    el('div', { class: 'actions' }, choose),
    problems,
    out,
  );
  draw();
  return root;
}
