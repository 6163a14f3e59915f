/**
 * The student's way through an exercise: one step per article asked about, then the story's step
 * (src/exercise/steps.ts). In each: read the article with no highlights (the story's other articles
 * folded below it, to compare), answer, lock the answers (they cannot change after), reveal (scores,
 * explanations, what was missed, the engine's highlights and passages, the story's lanes), go on.
 * When every step is locked the student saves a result file for the teacher (result-file.ts):
 * nothing leaves the browser otherwise. The work so far is kept in the page's own storage after each
 * change (src/exercise/progress.ts), so a reload or a closed tab brings it back, with a way to start
 * again. The teacher's preview is the same view with a banner, and keeps nothing.
 */
import { progressText, readProgress } from '../src/exercise/progress';
import { makeResult, resultText } from '../src/exercise/result-file';
import { scoreAll, type Answers } from '../src/exercise/score';
import { exerciseSteps, upstream, type Step } from '../src/exercise/steps';
import type { Translator } from '../src/i18n';
import { button, download, el } from '../popup/dom';
import { questionFieldset } from './answer-form';
import { articleView, otherArticles } from './article-view';
import { packFacts, questionText } from './labels';
import type { OpenedPack } from './opened-pack';
import { engineFindings, stepResults } from './reveal-view';
import { storyLanes, type Lanes } from './story-lanes';

export interface StudentOptions {
  opened: OpenedPack;
  t: Translator;
  say(text: string): void;
  /** The teacher's preview: a banner, and a way back. */
  preview?: { back(): void };
  /** Where the student's work so far is kept (not in the preview). */
  progress?: ProgressStorage;
}

export interface ProgressStorage {
  load(): string | null;
  save(text: string): void;
  clear(): void;
}

interface StepState {
  locked: boolean;
  revealed: boolean;
  marked: Set<number>;
}

function slug(s: string): string {
  return s.trim().toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').slice(0, 40);
}

export function studentView(root: HTMLElement, o: StudentOptions): void {
  const { opened, t, say } = o;
  const { pack, run } = opened;
  const steps: Step[] = exerciseSteps(pack);
  const state: StepState[] = steps.map(() => ({ locked: false, revealed: false, marked: new Set<number>() }));
  const answers: Answers = {};
  let started = new Date();
  const lanes: Lanes[] = [];
  let current = 0;

  const name = el('input', { id: 'student-name', attrs: { type: 'text', autocomplete: 'off', maxlength: '200' } });
  const restored = readProgress(o.progress?.load(), pack, steps.length);
  if (restored) {
    Object.assign(answers, restored.answers);
    started = restored.started;
    name.value = restored.student;
    current = restored.current;
    restored.steps.forEach((s, i) => Object.assign(state[i], s));
    // The marked paragraphs are the answer to each step's paragraphs question.
    steps.forEach((s, i) => {
      const q = s.questions.find((x) => x.kind === 'copied-paragraphs');
      const a = q && answers[q.id];
      if (a?.kind === 'copied-paragraphs') state[i].marked = new Set(a.paragraphs);
    });
  }
  /** Keeps the work so far (a full or refused storage loses the keeping, never the page's answers). */
  const keep = () => {
    try {
      o.progress?.save(progressText(pack, { student: name.value, started, answers, steps: state.map(({ locked, revealed }) => ({ locked, revealed })), current }));
    } catch {
      // Nothing to do: the answers stay on the page, and the result file is saved as always.
    }
  };
  name.addEventListener('input', keep);
  const nav = el('ol', { class: 'ex-steps', attrs: { 'aria-label': t('exStepsLabel') } });
  const panel = el('section', { class: 'ex-step', id: 'ex-step', attrs: { 'aria-labelledby': 'ex-step-h' } });
  const finish = el('section', { class: 'ex-finish', id: 'ex-finish', attrs: { 'aria-labelledby': 'ex-finish-h' } });

  const stepName = (s: Step, i: number) => (s.article ? t('exStepArticle', i + 1, steps.length, s.article.outlet) : t('exStepStory', i + 1, steps.length));
  const stepStatus = (i: number) => (state[i].revealed ? t('exStatusRevealed') : state[i].locked ? t('exStatusLocked') : t('exStatusOpen'));

  function drawNav(): void {
    nav.replaceChildren(
      ...steps.map((s, i) => {
        const b = button(`${s.article ? s.article.outlet : t('exStoryShort')}`, () => go(i), { class: 'ex-step-button', attrs: { 'aria-label': `${stepName(s, i)}: ${stepStatus(i)}` } });
        if (i === current) b.setAttribute('aria-current', 'step');
        return el('li', { attrs: { 'data-state': state[i].revealed ? 'revealed' : state[i].locked ? 'locked' : 'open' } }, b, el('span', { class: 'ex-step-status', attrs: { 'aria-hidden': 'true' } }, stepStatus(i)));
      }),
    );
  }

  function go(i: number): void {
    current = i;
    keep();
    drawNav();
    drawStep();
    document.getElementById('ex-step-h')?.focus();
  }

  function lock(i: number): void {
    for (const q of steps[i].questions) {
      if (q.kind === 'copied-paragraphs' && !answers[q.id]) answers[q.id] = { kind: q.kind, paragraphs: [] };
    }
    state[i].locked = true;
    keep();
    say(t('exLockedSay'));
    drawNav();
    drawStep();
    drawFinish();
    document.getElementById('ex-reveal')?.focus();
  }

  function reveal(i: number): void {
    state[i].revealed = true;
    keep();
    drawNav();
    drawStep();
    drawFinish();
    const score = scoreAll({ ...pack, questions: steps[i].questions }, answers);
    say(t('exRevealedSay', t.number(score.total, Number.isInteger(score.total) ? 0 : 1), t.number(score.max)));
    document.getElementById(`step${i}-results-h`)?.focus();
  }

  function drawStep(): void {
    const i = current;
    const s = steps[i];
    const st = state[i];
    const prefix = `step${i}`;
    const heading = el('h2', { id: 'ex-step-h', attrs: { tabindex: '-1' } }, stepName(s, i));
    const parts: Array<HTMLElement | null> = [heading];
    parts.push(el('p', { class: 'hint' }, s.article ? t('exArticleHint') : t('exStoryHint')));
    const paragraphsQ = s.questions.find((q) => q.kind === 'copied-paragraphs');
    // The article (for an article's step) beside the story's other articles, to compare.
    const reading = el('div', { class: s.article ? 'ex-reading' : 'ex-reading ex-reading-story' });
    if (s.article) {
      const report = run.reports.get(s.article.id);
      const marking = paragraphsQ
        ? {
            marked: st.marked,
            disabled: st.locked,
            legend: `${questionText(paragraphsQ, pack, t)} (${t.plural('exPoints', paragraphsQ.points, paragraphsQ.points)})`,
            onChange: () => {
              answers[paragraphsQ.id] = { kind: 'copied-paragraphs', paragraphs: [...st.marked].sort((a, b) => a - b) };
              keep();
            },
          }
        : undefined;
      const answer = paragraphsQ?.kind === 'copied-paragraphs' ? paragraphsQ.answer : undefined;
      reading.append(articleView(s.article, t, marking, st.revealed && report ? { report, copied: answer?.paragraphs ?? [], quotes: answer?.quotes ?? [], own: answer?.own ?? [] } : undefined));
    }
    reading.append(otherArticles(pack.articles, s.article?.id, t));
    parts.push(reading);
    const form = el('div', { class: 'ex-form' });
    for (const q of s.questions) {
      const box = questionFieldset(q, { pack, answers, locked: st.locked, t, say, onChange: keep });
      if (box) form.append(box);
    }
    parts.push(form);
    const actions = el('div', { class: 'actions ex-actions' });
    if (!st.locked) {
      actions.append(button(t('exLockButton'), () => lock(i), { id: 'ex-lock', class: 'primary' }), el('span', { class: 'hint' }, t('exLockHint')));
    } else if (!st.revealed) {
      actions.append(button(t('exRevealButton'), () => reveal(i), { id: 'ex-reveal', class: 'primary' }));
    }
    parts.push(actions);
    let drawn: Lanes | undefined;
    if (st.revealed) {
      parts.push(stepResults(s.questions, pack, answers, t, prefix));
      const report = s.article ? run.reports.get(s.article.id) : undefined;
      if (report) parts.push(engineFindings(report, t, prefix));
      // An article's step shows its own part of the story (upstream of it); the story's step all of it.
      drawn = storyLanes(s.article ? upstream(run.graph, s.article.id) : run.graph, run.reports, t, prefix);
      parts.push(drawn.element);
      if (i < steps.length - 1) parts.push(el('div', { class: 'actions ex-actions' }, button(t('exNextButton'), () => go(i + 1), { id: 'ex-next', class: 'primary' })));
    }
    panel.replaceChildren(...parts.filter((p): p is HTMLElement => p !== null));
    panel.dataset.step = String(i);
    panel.dataset.state = st.revealed ? 'revealed' : st.locked ? 'locked' : 'open';
    lanes.length = 0;
    if (drawn) {
      lanes.push(drawn);
      void drawn.draw();
    }
  }

  function drawFinish(): void {
    const all = state.every((s) => s.locked);
    const done = state.every((s) => s.revealed);
    const score = scoreAll(pack, answers);
    const save = button(t('exSaveResult'), () => {
      const result = makeResult(pack, name.value, answers, started, new Date());
      const who = slug(name.value) || 'student';
      download(resultText(result), `${opened.stem}-result-${who}.json`, 'application/json');
      say(t('exSavedSay'));
    }, { id: 'ex-save', class: 'primary' });
    save.disabled = !all;
    finish.replaceChildren(
      el('h2', { id: 'ex-finish-h' }, t('exFinishHeading')),
      done ? el('p', { class: 'lead', id: 'ex-total' }, t('exTotal', t.number(score.total, Number.isInteger(score.total) ? 0 : 1), t.number(score.max))) : el('p', { class: 'hint' }, t('exFinishHint')),
      el('div', { class: 'actions' }, save),
    );
  }

  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => lanes.forEach((l) => l.restyle()));

  const intro = el(
    'section',
    { class: 'ex-intro', attrs: { 'aria-labelledby': 'ex-intro-h' } },
    o.preview ? el('p', { class: 'ex-preview', attrs: { role: 'note' } }, t('exPreviewBanner'), ' ', button(t('exBackToTeacher'), () => o.preview!.back(), { id: 'ex-back' })) : null,
    el('h2', { id: 'ex-intro-h' }, pack.title),
    pack.description ? el('p', null, pack.description) : null,
    el('p', { class: 'hint' }, packFacts(pack, t)),
    el('p', { class: 'ex-name' }, el('label', { attrs: { for: 'student-name' } }, t('exNameLabel')), ' ', name),
    el('p', { class: 'hint' }, t('exHowItWorks')),
    restored
      ? el(
          'p',
          { class: 'ex-restored', id: 'ex-restored', attrs: { role: 'status' } },
          t('exRestored'),
          ' ',
          startAgain(),
        )
      : null,
  );
  /** "Start again", confirmed in place: the work so far goes. */
  function startAgain(): HTMLElement {
    const box = el('span', { class: 'ex-start-again' });
    const ask = button(t('exStartAgain'), () => {
      const keepIt = button(t('exKeepAnswers'), () => {
        box.replaceChildren(ask);
        ask.focus();
      });
      box.replaceChildren(
        el('span', null, t('exStartAgainConfirm')),
        ' ',
        button(t('exStartAgainYes'), () => {
          o.progress?.clear();
          studentView(root, o);
          say(t('exStartedAgainSay'));
          document.getElementById('student-name')?.focus();
        }, { id: 'ex-start-again-yes', class: 'danger' }),
        ' ',
        keepIt,
      );
      keepIt.focus();
    }, { id: 'ex-start-again' });
    box.append(ask);
    return box;
  }

  root.replaceChildren(intro, el('nav', { class: 'ex-nav', attrs: { 'aria-label': t('exStepsLabel') } }, nav), panel, finish);
  document.getElementById('exercise-pack-title')!.textContent = pack.title;
  drawNav();
  drawStep();
  drawFinish();
}
