/** One passage: the article's text beside its source's text, with the word-level differences. */
import type { Passage } from '../src/engine/types';
import type { Translator } from '../src/i18n';
import { creditedText, sourceDate } from '../src/report-format';
import { wordDiff, type DiffPiece } from '../src/word-diff';
import { el, link } from './dom';

function diffText(pieces: DiffPiece[], t: Translator): HTMLElement {
  const p = el('p', { class: 'passage-text' });
  for (const piece of pieces) {
    if (piece.kind === 'same') p.append(piece.text);
    else {
      // Mark the words only: the space after them stays outside the <ins>/<del>, so an underline or
      // strike-through does not run into the gap (or wrap onto the next line with it).
      const text = piece.text.trimEnd();
      p.append(el(piece.kind === 'added' ? 'ins' : 'del', { attrs: { title: piece.kind === 'added' ? t('onlyInArticle') : t('onlyInSource') } }, text));
      if (text.length < piece.text.length) p.append(piece.text.slice(text.length));
    }
  }
  return p;
}

export function renderPassage(p: Passage, index: number, articleOutlet: string, t: Translator): HTMLElement {
  const d = wordDiff(p.source.text, p.text);
  const date = sourceDate(p.source, t);
  const verbatim = d.similarity >= 0.999 && d.source.every((x) => x.kind === 'same');
  const head = el('h4', null, `${t('passageHeading', index, p.paragraph + 1)} `, link(p.source.outlet, p.source.url), date ? `, ${date}` : '');
  const tags = el(
    'p',
    { class: 'tags' },
    el('span', { class: `tag ${p.credited ? 'tag-ok' : 'tag-warn'}` }, creditedText(p.credited, t)),
    el('span', { class: 'tag' }, verbatim ? t('wordForWord') : t('sameWords', t.percent(d.similarity))),
  );
  return el(
    'li',
    { class: 'passage', attrs: { 'data-paragraph': String(p.paragraph), 'data-kind': p.kind } },
    el(
      'article',
      { attrs: { 'aria-label': t('passageAriaLabel', index) } },
      head,
      tags,
      el(
        'div',
        { class: 'side-by-side' },
        el('section', { class: 'side', attrs: { 'aria-label': t('inThisArticleLabel', articleOutlet) } }, el('h5', null, t('thisArticleHeading', articleOutlet)), diffText(d.target, t)),
        el('section', { class: 'side', attrs: { 'aria-label': t('inSourceLabel', p.source.outlet) } }, el('h5', null, p.source.outlet), diffText(d.source, t)),
      ),
    ),
  );
}
