/**
 * One passage: the article's text beside its source's text, with the word-level differences
 * (underlined: only here; struck through: only in the source; dotted box: punctuation or quote
 * marks differ), its credit (or "shared quote") and who had it first. Each mark carries its meaning
 * for screen readers (data-sr, read out through CSS generated content) and as a tooltip.
 */
import type { Passage } from '../src/engine/types';
import type { Translator } from '../src/i18n';
import { passageCredit } from '../src/report-format';
import type { When } from '../src/report-time';
import { wordDiff, type DiffPiece } from '../src/word-diff';
import { el, interleave, link, SLOT } from './dom';

/** A mark of the diff: <ins>, <del> or a boxed span, with its meaning as tooltip and screen-reader text. */
function mark(kind: Exclude<DiffPiece['kind'], 'same'>, text: string, t: Translator): HTMLElement {
  const meaning = kind === 'added' ? t('onlyInArticle') : kind === 'removed' ? t('onlyInSource') : t('punctDiffers');
  const tag = kind === 'added' ? 'ins' : kind === 'removed' ? 'del' : 'span';
  return el(tag, { class: kind === 'punct' ? 'punct' : '', attrs: { title: meaning, 'data-sr': meaning } }, text);
}

function diffText(pieces: DiffPiece[], t: Translator): HTMLElement {
  const p = el('p', { class: 'passage-text' });
  for (const piece of pieces) {
    if (piece.kind === 'same') p.append(piece.text);
    else {
      // Mark the text only: the space after it stays outside the mark, so an underline, strike-through
      // or box does not run into the gap (or wrap onto the next line with it).
      const text = piece.text.trimEnd();
      p.append(mark(piece.kind, text, t));
      if (text.length < piece.text.length) p.append(piece.text.slice(text.length));
    }
  }
  return p;
}

/** The legend of the marks, drawn as the marks themselves. */
export function diffLegend(t: Translator): HTMLElement {
  return el(
    'p',
    { class: 'legend' },
    `${t('diffLegend')} `,
    el('ins', null, t('onlyInArticle')),
    ' · ',
    el('del', null, t('onlyInSource')),
    ' · ',
    el('span', { class: 'punct' }, t('punctDiffers')),
  );
}

export function renderPassage(p: Passage, index: number, articleOutlet: string, t: Translator, when: When): HTMLElement {
  const d = wordDiff(p.source.text, p.text);
  const date = when(p.source);
  // Word for word: the same words in the same order (punctuation that differs is marked, not counted).
  const verbatim = d.similarity >= 0.999 && d.source.every((x) => x.kind !== 'removed');
  const head = el('h4', null, `${t('passageHeading', index, p.paragraph + 1)} `, link(p.source.outlet, p.source.url), ...(date ? [', ', el('span', { class: 'when' }, date)] : []));
  const creditClass = p.kind === 'quote' ? 'tag-quote' : p.credited ? 'tag-ok' : 'tag-warn';
  const tags = el(
    'p',
    { class: 'tags' },
    el('span', { class: `tag ${creditClass}` }, passageCredit(p, t)),
    el('span', { class: 'tag' }, verbatim ? t('wordForWord') : t('sameWords', t.percent(d.similarity))),
  );
  const first = p.firstSeen;
  const firstSeen = first
    ? el('p', { class: 'first-seen' }, interleave(t('firstSeenIn', SLOT), el('span', null, link(first.outlet, first.url), ...(when(first) ? [', ', el('span', { class: 'when' }, when(first))] : []))))
    : null;
  return el(
    'li',
    { class: 'passage', attrs: { 'data-paragraph': String(p.paragraph), 'data-kind': p.kind } },
    el(
      'article',
      { attrs: { 'aria-label': t('passageAriaLabel', index) } },
      head,
      tags,
      firstSeen,
      el(
        'div',
        { class: 'side-by-side' },
        el('section', { class: 'side', attrs: { 'aria-label': t('inThisArticleLabel', articleOutlet) } }, el('h5', null, t('thisArticleHeading', articleOutlet)), diffText(d.target, t)),
        el('section', { class: 'side', attrs: { 'aria-label': t('inSourceLabel', p.source.outlet) } }, el('h5', null, p.source.outlet), diffText(d.source, t)),
      ),
    ),
  );
}
