/**
 * The student's answers, one fieldset a question (the paragraphs question is the article's own
 * fieldset, article-view.ts): the source as a choice among the story's other outlets or "none", the
 * credit as yes / partly / no, the original share as bands, the outlets' order as a list moved with
 * buttons (keyboard and screen reader: each button names the outlet and the move, and the new place
 * is announced), the reflection as free text. Locked, every control is disabled. Answers are kept
 * in the `answers` object the caller owns.
 */
import type { ExercisePack, Question } from '../src/exercise/pack-schema';
import { CREDIT_VALUES, SHARE_BANDS } from '../src/exercise/pack-schema';
import type { Answers } from '../src/exercise/score';
import type { Translator } from '../src/i18n';
import { button, el } from '../popup/dom';
import { bandText, creditText, questionText } from './labels';

export interface FormContext {
  pack: ExercisePack;
  answers: Answers;
  locked: boolean;
  t: Translator;
  /** Announces a line (polite live region). */
  say(text: string): void;
  onChange(): void;
}

function radios(q: Question, options: Array<{ value: string; label: string }>, checked: string | undefined, c: FormContext, pick: (value: string) => void): HTMLElement {
  const list = el('div', { class: 'ex-choices', attrs: { role: 'presentation' } });
  options.forEach((o, i) => {
    const id = `${q.id}-${i}`;
    const input = el('input', { id, attrs: { type: 'radio', name: `answer-${q.id}`, value: o.value } });
    input.checked = o.value === checked;
    input.disabled = c.locked;
    input.addEventListener('change', () => {
      if (input.checked) {
        pick(o.value);
        c.onChange();
      }
    });
    list.append(el('p', { class: 'ex-choice' }, input, ' ', el('label', { attrs: { for: id } }, o.label)));
  });
  return list;
}

/** The story's outlets in a first order the student then changes: by name, so it gives nothing away. */
export function startingOrder(q: Extract<Question, { kind: 'order' }>): string[] {
  return q.answer.order.slice().sort((a, b) => a.localeCompare(b));
}

function orderList(q: Extract<Question, { kind: 'order' }>, c: FormContext): HTMLElement {
  const { t } = c;
  const current = c.answers[q.id];
  const order = current?.kind === 'order' ? current.order.slice() : startingOrder(q);
  if (!current) c.answers[q.id] = { kind: 'order', order: order.slice() };
  const list = el('ol', { class: 'ex-order' });
  const draw = (focus?: { outlet: string; dir: 'up' | 'down' }) => {
    list.replaceChildren(
      ...order.map((outlet, i) => {
        const up = button(t('exMoveUp'), () => move(i, -1), { class: 'ex-move', attrs: { 'aria-label': t('exMoveUpLabel', outlet), 'data-move': 'up' } });
        const down = button(t('exMoveDown'), () => move(i, 1), { class: 'ex-move', attrs: { 'aria-label': t('exMoveDownLabel', outlet), 'data-move': 'down' } });
        up.disabled = c.locked || i === 0;
        down.disabled = c.locked || i === order.length - 1;
        return el('li', { class: 'ex-order-item', attrs: { 'data-outlet': outlet } }, el('span', { class: 'ex-order-name' }, outlet), el('span', { class: 'ex-order-buttons' }, up, down));
      }),
    );
    if (focus) {
      const li = list.querySelector<HTMLElement>(`li[data-outlet="${CSS.escape(focus.outlet)}"]`);
      const b = li?.querySelector<HTMLButtonElement>(`button[data-move="${focus.dir}"]`);
      (b && !b.disabled ? b : li?.querySelector<HTMLButtonElement>('button:not(:disabled)'))?.focus();
    }
  };
  const move = (i: number, d: number) => {
    const j = i + d;
    if (j < 0 || j >= order.length) return;
    const outlet = order[i];
    [order[i], order[j]] = [order[j], order[i]];
    c.answers[q.id] = { kind: 'order', order: order.slice() };
    draw({ outlet, dir: d < 0 ? 'up' : 'down' });
    c.say(t('exMoved', outlet, j + 1, order.length));
    c.onChange();
  };
  draw();
  return list;
}

export function questionFieldset(q: Question, c: FormContext): HTMLElement | null {
  const { t, pack } = c;
  if (q.kind === 'copied-paragraphs') return null;
  const legend = el('legend', null, questionText(q, pack, t), q.points ? el('span', { class: 'ex-points' }, ` (${t.plural('exPoints', q.points, q.points)})`) : null);
  const box = el('fieldset', { class: 'ex-question', attrs: { 'data-question': q.id, 'data-kind': q.kind } }, legend);
  const a = c.answers[q.id];
  switch (q.kind) {
    case 'source': {
      const mine = pack.articles.find((x) => x.id === q.article);
      const outlets = [...new Set(pack.articles.map((x) => x.outlet))].filter((o) => o !== mine?.outlet).sort((x, y) => x.localeCompare(y));
      const NONE = '';
      const options = [...outlets.map((o) => ({ value: o, label: o })), { value: NONE, label: t('exSourceNone') }];
      box.append(radios(q, options, a?.kind === 'source' ? (a.outlet ?? NONE) : undefined, c, (v) => (c.answers[q.id] = { kind: 'source', outlet: v === NONE ? null : v })));
      break;
    }
    case 'credited':
      box.append(radios(q, CREDIT_VALUES.map((v) => ({ value: v, label: creditText(v, t) })), a?.kind === 'credited' ? a.credited : undefined, c, (v) => (c.answers[q.id] = { kind: 'credited', credited: v as (typeof CREDIT_VALUES)[number] })));
      break;
    case 'original-share':
      box.append(radios(q, SHARE_BANDS.map((_, i) => ({ value: String(i), label: bandText(i, t) })), a?.kind === 'original-share' ? String(a.band) : undefined, c, (v) => (c.answers[q.id] = { kind: 'original-share', band: Number(v) })));
      break;
    case 'order':
      box.append(el('p', { class: 'hint' }, t('exOrderHint')), orderList(q, c));
      break;
    case 'reflection': {
      const id = `reflection-${q.id}`;
      const area = el('textarea', { id, class: 'ex-reflection', attrs: { rows: '4', maxlength: '20000' } });
      area.value = a?.kind === 'reflection' ? a.text : '';
      area.disabled = c.locked;
      area.addEventListener('input', () => {
        c.answers[q.id] = { kind: 'reflection', text: area.value };
        c.onChange();
      });
      legend.replaceChildren(el('label', { attrs: { for: id } }, questionText(q, pack, t)));
      box.append(area);
      break;
    }
  }
  return box;
}
