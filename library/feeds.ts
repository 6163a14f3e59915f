/**
 * The feeds page: the library's feeds section (feeds-section.ts) on a page of its own, with the
 * page's status line as the section's voice. Every text is a message of the UI language.
 */
import { localizePage } from '../src/i18n-browser';
import { el } from '../popup/dom';
import { feedsSection } from './feeds-section';

const t = localizePage();
const main = document.getElementById('feeds-main')!;
const status = document.getElementById('status')!;
const section = feedsSection();
const root = el('section', { id: section.id, class: 'library-section', attrs: { 'aria-labelledby': `${section.id}-h` } }, el('h2', { id: `${section.id}-h` }, section.title(t)));
main.append(root);
section.mount(root, {
  t,
  say: (text) => {
    status.textContent = text;
  },
});
