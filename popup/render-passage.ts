/** One passage: the article's text beside its source's text, with the word-level differences. */
import type { Passage } from '../src/engine/types';
import { sourceDate } from '../src/report-format';
import { wordDiff, type DiffPiece } from '../src/word-diff';
import { el, link } from './dom';

function diffText(pieces: DiffPiece[]): HTMLElement {
  const p = el('p', { class: 'passage-text' });
  for (const piece of pieces) {
    if (piece.kind === 'same') p.append(piece.text);
    else {
      // Mark the words only: the space after them stays outside the <ins>/<del>, so an underline or
      // strike-through does not run into the gap (or wrap onto the next line with it).
      const text = piece.text.trimEnd();
      p.append(el(piece.kind === 'added' ? 'ins' : 'del', { attrs: { title: piece.kind === 'added' ? 'only in this article' : 'only in the source' } }, text));
      if (text.length < piece.text.length) p.append(piece.text.slice(text.length));
    }
  }
  return p;
}

export function renderPassage(p: Passage, index: number, articleOutlet: string): HTMLElement {
  const d = wordDiff(p.source.text, p.text);
  const date = sourceDate(p.source);
  const verbatim = d.similarity >= 0.999 && d.source.every((x) => x.kind === 'same');
  const head = el(
    'h4',
    null,
    `${index}. Paragraph ${p.paragraph + 1}: `,
    link(p.source.outlet, p.source.url),
    date ? `, ${date}` : '',
  );
  const tags = el(
    'p',
    { class: 'tags' },
    el('span', { class: `tag ${p.credited ? 'tag-ok' : 'tag-warn'}` }, p.credited ? 'credited' : 'not credited'),
    el('span', { class: 'tag' }, verbatim ? 'word for word' : `${Math.round(d.similarity * 100)}% same words`),
  );
  return el(
    'li',
    { class: 'passage', attrs: { 'data-paragraph': String(p.paragraph), 'data-kind': p.kind } },
    el(
      'article',
      { attrs: { 'aria-label': `Passage ${index}` } },
      head,
      tags,
      el(
        'div',
        { class: 'side-by-side' },
        el('section', { class: 'side', attrs: { 'aria-label': `In this article (${articleOutlet})` } }, el('h5', null, `This article (${articleOutlet})`), diffText(d.target)),
        el('section', { class: 'side', attrs: { 'aria-label': `In ${p.source.outlet}` } }, el('h5', null, p.source.outlet), diffText(d.source)),
      ),
    ),
  );
}
