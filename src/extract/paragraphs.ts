/**
 * Splits Readability's article content into paragraphs: each block-level element (p, li, blockquote,
 * headings, pre, table cells, a div's loose text) becomes one whitespace-collapsed string. Inline
 * elements (a, em, span, ...) stay inside their paragraph; a single <br> counts as a space.
 * Children are walked by firstChild/nextSibling: linkedom rebuilds `childNodes` on every access.
 */
import { findCredits, mayHoldCredit } from '../engine/credits';
import { wordCount } from '../engine/word-count';
import { collapseWhitespace } from './text';

/** Wiretrace's own elements on a page (the highlight labels) carry this attribute: never article text. */
export const UI_ATTRIBUTE = 'data-wiretrace-ui';

const BLOCK = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'CAPTION', 'CENTER', 'DD', 'DETAILS', 'DIALOG', 'DIR', 'DIV', 'DL', 'DT',
  'FIELDSET', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HGROUP', 'HR',
  'LI', 'MAIN', 'MENU', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'SUMMARY', 'TABLE', 'TBODY', 'TD', 'TFOOT', 'TH', 'THEAD',
  'TR', 'UL',
]);

/** Never article text. */
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'MATH', 'BUTTON', 'SELECT', 'TEXTAREA', 'IFRAME', 'OBJECT', 'CANVAS']);

/**
 * Page furniture Readability often keeps at the top of the article: section kickers, bylines,
 * datelines, share bars, tag lists. Dropped when the block (or a container inside the article) has
 * such a class or id and is short (words as the engine counts them, in every script); needs
 * Readability's keepClasses. Credit lines are kept: they tell whose copy the article is.
 */
const FURNITURE = /(?:^|[\s_-])(?:kicker|eyebrow|byline|dateline|timestamp|meta|share|sharing|social|tags?|topics|section-label|breadcrumbs?)(?:$|[\s_-])/i;
const FURNITURE_MAX_WORDS = 20;

export interface ParagraphOptions {
  /** Keep figure captions (default false: they describe a photo, not the story). */
  captions?: boolean;
}

function isFurniture(el: Element): boolean {
  const names = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`;
  if (!FURNITURE.test(names)) return false;
  const text = el.textContent ?? '';
  if (wordCount(text) > FURNITURE_MAX_WORDS) return false;
  // A dateline or byline that credits a wire ("WASHINGTON (AP) —") says whose copy the article is.
  const line = collapseWhitespace(text);
  return !(mayHoldCredit(line) && findCredits([line]).length > 0);
}

export function paragraphsOf(root: Node, opts: ParagraphOptions = {}): string[] {
  const out: string[] = [];
  let buffer: string[] = [];
  const flush = (): void => {
    const text = collapseWhitespace(buffer.join(''));
    buffer = [];
    if (text && /[\p{L}\p{N}]/u.test(text)) out.push(text);
  };
  const walk = (node: Node): void => {
    if (node.nodeType === 3) {
      buffer.push(node.nodeValue ?? '');
      return;
    }
    if (node.nodeType !== 1) return;
    const tag = (node as Element).tagName.toUpperCase();
    if (SKIP.has(tag) || (node as Element).hasAttribute(UI_ATTRIBUTE)) return;
    if (tag === 'FIGCAPTION' && !opts.captions) return;
    if (isFurniture(node as Element)) return;
    if (tag === 'BR') {
      buffer.push(' ');
      return;
    }
    const block = BLOCK.has(tag);
    if (block) flush();
    for (let child = node.firstChild; child; child = child.nextSibling) walk(child);
    if (block) flush();
  };
  walk(root);
  flush();
  return out;
}

/** Readability sometimes keeps the headline as the first block; it is the title, not body text. */
export function dropTitleEcho(paragraphs: string[], title: string | undefined): string[] {
  if (title && paragraphs.length > 1 && paragraphs[0].toLowerCase() === title.toLowerCase()) return paragraphs.slice(1);
  return paragraphs;
}
