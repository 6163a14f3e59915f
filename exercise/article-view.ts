/**
 * An article of the exercise as the student reads it: outlet, time, title and numbered paragraphs,
 * with no highlights. While answering, each paragraph has a checkbox to mark it copied (the
 * paragraphs question's fieldset); after the reveal the engine's highlights are drawn in the text as
 * the extension draws them on a page (copied prose shaded, shared quotations underlined dotted, the
 * outlet's own earlier text marked apart), each with its meaning for screen readers, and beside each
 * paragraph whether the student's mark was right. The story's other articles are listed under it to
 * compare, each folded (details) until opened.
 */
import type { Passage, Report } from '../src/engine/types';
import type { ExerciseArticle } from '../src/exercise/pack-schema';
import type { Translator } from '../src/i18n';
import { el } from '../popup/dom';

export interface Marking {
  /** Paragraphs marked copied (0-based); changed in place. */
  marked: Set<number>;
  disabled: boolean;
  legend: string;
  onChange(): void;
}

export interface Revealed {
  report: Report;
  /** The pack's answer: copied paragraphs, those sharing only a quotation, the outlet's own earlier text. */
  copied: number[];
  quotes: number[];
  own: number[];
}

/** A paragraph's text with its passages marked. */
function markedText(text: string, passages: Passage[], t: Translator): HTMLElement {
  const p = el('p', { class: 'ex-text passage-text' });
  let at = 0;
  for (const ps of passages.slice().sort((a, b) => a.start - b.start)) {
    if (ps.start < at) continue;
    p.append(text.slice(at, ps.start));
    const meaning = ps.kind === 'quote' ? t('exMarkQuote', ps.source.outlet) : t('exMarkCopied', ps.source.outlet);
    p.append(el('mark', { class: `ex-mark ex-mark-${ps.kind}`, attrs: { title: meaning, 'data-sr': meaning } }, text.slice(ps.start, ps.end)));
    at = ps.end;
  }
  p.append(text.slice(at));
  return p;
}

export function articleHeader(a: ExerciseArticle, t: Translator, level: 'h3' | 'h4' = 'h3'): HTMLElement {
  return el(
    'header',
    { class: 'ex-article-head' },
    el('p', { class: 'ex-outlet' }, el('strong', null, a.outlet), ' · ', el('time', { attrs: { datetime: a.published } }, t.dateTime(a.published))),
    a.title ? el(level, { class: 'ex-article-title' }, a.title) : null,
  );
}

export function articleView(a: ExerciseArticle, t: Translator, marking?: Marking, revealed?: Revealed): HTMLElement {
  const list = el('ol', { class: 'ex-paragraphs' });
  a.paragraphs.forEach((text, i) => {
    const n = i + 1;
    const li = el('li', { class: 'ex-paragraph', attrs: { 'data-paragraph': String(i) } });
    const number = el('span', { class: 'ex-number', attrs: { 'aria-hidden': 'true' } }, `¶${t.number(n)}`);
    li.append(number);
    if (marking) {
      const id = `mark-${i}`;
      const box = el('input', { id, class: 'ex-mark-box', attrs: { type: 'checkbox', 'aria-label': t('exMarkLabel', n), 'aria-describedby': `text-${i}` } });
      box.checked = marking.marked.has(i);
      box.disabled = marking.disabled;
      box.addEventListener('change', () => {
        if (box.checked) marking.marked.add(i);
        else marking.marked.delete(i);
        marking.onChange();
      });
      li.append(el('span', { class: 'ex-mark-choice' }, box, el('label', { attrs: { for: id } }, t('exMarkShort'))));
    }
    const body = revealed ? markedText(text, revealed.report.passages.filter((p) => p.paragraph === i), t) : el('p', { class: 'ex-text' }, text);
    body.id = `text-${i}`;
    li.append(body);
    if (revealed) {
      const copied = revealed.copied.includes(i);
      const kind = copied ? 'copied' : revealed.quotes.includes(i) ? 'quote' : revealed.own.includes(i) ? 'own' : 'original';
      li.dataset.kind = kind;
      const from = (k: Passage['kind']) => revealed.report.passages.find((p) => p.paragraph === i && p.kind === k)?.source.outlet ?? '';
      const found = kind === 'copied' ? t('exFoundCopied', from('copied')) : kind === 'quote' ? t('exFoundQuote', from('quote')) : kind === 'own' ? t('exFoundOwn') : t('exFoundOriginal');
      const line = el('p', { class: `ex-verdict ex-verdict-${kind}` }, found);
      if (marking) {
        const right = marking.marked.has(i) === copied;
        li.dataset.right = String(right);
        line.prepend(el('span', { class: right ? 'ex-right' : 'ex-wrong' }, right ? t('exMarkRight') : t('exMarkWrong')), ' ');
      }
      li.append(line);
    }
    list.append(li);
  });
  const body = marking ? el('fieldset', { class: 'ex-marking' }, el('legend', null, marking.legend), list) : list;
  return el('article', { class: 'ex-article', attrs: { 'aria-label': t('exArticleLabel', a.outlet) } }, articleHeader(a, t), body);
}

/** The story's other articles, each folded until opened, to compare with the one asked about. */
export function otherArticles(articles: readonly ExerciseArticle[], except: string | undefined, t: Translator): HTMLElement {
  const others = articles.filter((a) => a.id !== except);
  return el(
    'section',
    { class: 'ex-others', attrs: { 'aria-labelledby': 'ex-others-h' } },
    el('h3', { id: 'ex-others-h' }, except === undefined ? t('exStoryArticlesHeading') : t('exOthersHeading')),
    el('p', { class: 'hint' }, except === undefined ? t('exStoryArticlesHint') : t('exOthersHint')),
    ...others.map((a) =>
      el(
        'details',
        { class: 'ex-other', attrs: { 'data-article': a.id } },
        el('summary', null, el('strong', null, a.outlet), ` · ${t.dateTime(a.published)}`, a.title ? ` · ${a.title}` : ''),
        el('ol', { class: 'ex-paragraphs ex-paragraphs-plain' }, ...a.paragraphs.map((text, i) => el('li', { class: 'ex-paragraph' }, el('span', { class: 'ex-number', attrs: { 'aria-hidden': 'true' } }, `¶${t.number(i + 1)}`), el('p', { class: 'ex-text' }, text)))),
      ),
    ),
  );
}
