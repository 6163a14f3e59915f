/**
 * What a section of the library page is: a landmark of its own with a heading, built by one file
 * (outlets, articles, syndication, storage) and handed the page's shared context. Sections talk to
 * each other only through the context: the index changed (every section refreshes), show the
 * articles of an outlet, show the story of an article.
 */
import type { Translator } from '../src/i18n';

export interface LibraryContext {
  t: Translator;
  /** Announces a status line (polite live region), in place of what it said before. */
  say(text: string): void;
  /**
   * Announces the outcome of work that ended on its own (the analysis after a deletion) after the
   * line already said, which stays; a later such outcome takes the place of this one.
   */
  sayAfter(text: string): void;
  /** Tells every section the index changed (a deletion, an analysis): each refreshes what it shows. */
  indexChanged(): void;
  /** Asks the articles section to list one outlet's articles, and brings it into view. */
  showOutletArticles(outletKey: string, outlet: string): void;
  /** Asks the syndication section for the story of one stored article, and brings it into view. */
  showStory(key: number, title: string): void;
}

export interface LibrarySection {
  /** The section's element id (the page's navigation links to #id). */
  id: string;
  /** Its name, in the navigation and as its heading. */
  title(t: Translator): string;
  /** Builds the section's content into `root` (a <section> with its heading already in place). */
  mount(root: HTMLElement, ctx: LibraryContext): void;
  /** Called when the index changed. */
  refresh?(): void;
  showOutletArticles?(outletKey: string, outlet: string): void;
  showStory?(key: number, title: string): void;
}
