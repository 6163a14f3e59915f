/**
 * The library page: what the index holds, section by section (sections.ts): its outlets, its
 * articles (search, sort, open, delete), the syndication graph, its storage. Opened from the popup
 * and the options page. Every text is a message of the UI language; nothing is inserted as markup.
 */
import { localizePage } from '../src/i18n-browser';
import { el } from '../popup/dom';
import type { LibraryContext, LibrarySection } from './section';
import { librarySections } from './sections';

const t = localizePage();
const main = document.getElementById('library-main')!;
const nav = document.getElementById('library-nav')!;
const status = document.getElementById('status')!;
const sections: LibrarySection[] = librarySections();

function bringIntoView(id: string): void {
  const s = document.getElementById(id);
  if (!s) return;
  s.scrollIntoView({ block: 'start' });
}

/**
 * The status region holds the line of the user's last action, then (after it, as a line of its own)
 * the outcome of work that ended on its own, such as the analysis a deletion starts: a later line is
 * added beside the action's, never over it, so a screen reader still says both (one polite region).
 */
let followUp: HTMLElement | undefined;

const ctx: LibraryContext = {
  t,
  say: (text) => {
    followUp = undefined;
    status.replaceChildren(el('span', { class: 'status-line' }, text));
  },
  sayAfter: (text) => {
    if (followUp?.isConnected) {
      followUp.textContent = text;
      return;
    }
    followUp = el('span', { class: 'status-line' }, text);
    if (status.childNodes.length) status.append(' ');
    status.append(followUp);
  },
  indexChanged: () => {
    for (const s of sections) s.refresh?.();
  },
  showOutletArticles: (outletKey, outlet) => {
    const s = sections.find((x) => x.showOutletArticles);
    if (!s) return;
    s.showOutletArticles!(outletKey, outlet);
    bringIntoView(s.id);
  },
  showStory: (key, title) => {
    const s = sections.find((x) => x.showStory);
    if (!s) return;
    s.showStory!(key, title);
    bringIntoView(s.id);
  },
};

const links = el('ul', { class: 'nav-list' });
for (const s of sections) {
  const heading = el('h2', { id: `${s.id}-h` }, s.title(t));
  const root = el('section', { id: s.id, class: 'library-section', attrs: { 'aria-labelledby': `${s.id}-h` } }, heading);
  main.append(root);
  s.mount(root, ctx);
  const a = el('a', null, s.title(t));
  a.href = `#${s.id}`;
  links.append(el('li', null, a));
}
nav.append(links);
