/**
 * Highlighting passages on the live page: each passage's text span is wrapped in <mark> elements,
 * one per text node it touches (text nodes are split at the span's ends; nothing else is replaced or
 * moved, so the page's own scripts keep their element references). clearHighlights undoes it and
 * merges the split text nodes back, so the original nodes are restored with their original text.
 *
 * The page's own scripts can read the page's DOM, so nothing from the user's index goes into it: a
 * mark says only its kind (copied, quote) and its number. Its label ("appeared earlier in X, on
 * <date>") stays in this script's memory and shows, on hover, in a tooltip inside a closed shadow
 * root (mark-label.ts), which page scripts cannot open. The popup lists the same labels.
 */
import type { HighlightMark } from '../src/extract-types';
import { UI_ATTRIBUTE } from '../src/extract/paragraphs';
import { buildTextIndex, locateParagraphs, spanFor, textRoot, type TextSpan } from './paragraph-map';
import { MARK_CLASS, ensureStyle, removeStyle } from './highlight-style';
import { hideMarkLabels, showMarkLabels } from './mark-label';

/** Elements in which a text node is not rendered (whitespace between list items, table rows). */
const NO_TEXT_PARENTS = new Set(['UL', 'OL', 'DL', 'TABLE', 'THEAD', 'TBODY', 'TFOOT', 'TR', 'COLGROUP', 'SELECT', 'HTML', 'HEAD']);
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA']);

/** Text nodes split off by highlight(), per document, so clearHighlights can merge them back. */
const splitOff = new WeakMap<Document, Set<Text>>();

function split(doc: Document, node: Text, offset: number): Text {
  const tail = node.splitText(offset);
  let set = splitOff.get(doc);
  if (!set) splitOff.set(doc, (set = new Set()));
  set.add(tail);
  return tail;
}

/** The node after `node` in document order (descending into children), or null. */
function nextInOrder(node: Node, skipChildren = false): Node | null {
  if (!skipChildren && node.firstChild) return node.firstChild;
  for (let n: Node | null = node; n; n = n.parentNode) {
    if (n.nextSibling) return n.nextSibling;
  }
  return null;
}

/** Text nodes from `first` to `last` inclusive, in document order, leaving out scripts and the like. */
function textNodesBetween(first: Text, last: Text): Text[] {
  const out: Text[] = [];
  for (let n: Node | null = first; n; ) {
    if (n.nodeType === 3) out.push(n as Text);
    if (n === last) break;
    const skip = n.nodeType === 1 && (SKIP.has((n as Element).tagName.toUpperCase()) || (n as Element).hasAttribute(UI_ATTRIBUTE));
    n = nextInOrder(n, skip);
  }
  return out;
}

function wrap(doc: Document, span: TextSpan, mark: HighlightMark, n: number): number {
  let { node: last } = span.end;
  if (span.end.offset < last.length) split(doc, last, span.end.offset);
  let first = span.start.node;
  if (span.start.offset > 0) {
    const tail = split(doc, first, span.start.offset);
    if (last === first) last = tail;
    first = tail;
  }
  let wrapped = 0;
  for (const text of textNodesBetween(first, last)) {
    const parent = text.parentNode;
    if (!parent) continue;
    const blank = !/\S/.test(text.data);
    if (blank && parent.nodeType === 1 && NO_TEXT_PARENTS.has((parent as Element).tagName.toUpperCase())) continue;
    const el = doc.createElement('mark');
    el.className = MARK_CLASS;
    el.setAttribute('data-wiretrace', mark.kind);
    el.setAttribute('data-wiretrace-mark', String(n));
    parent.insertBefore(el, text);
    el.appendChild(text);
    wrapped++;
  }
  return wrapped;
}

/**
 * Wraps each mark's passage in <mark class="wiretrace-mark">. `paragraphs` are the paragraphs the
 * marks' offsets refer to (the last extraction). Replaces any previous highlights.
 */
export function highlight(doc: Document, paragraphs: string[], marks: HighlightMark[]): { placed: number; missed: number } {
  clearHighlights(doc);
  if (marks.length === 0) return { placed: 0, missed: 0 };
  const root = textRoot(doc);
  // Wrapping never changes the page's text, only its nodes: paragraph positions stay valid, the
  // node table is rebuilt after each mark.
  const located = locateParagraphs(buildTextIndex(root), paragraphs);
  ensureStyle(doc);
  let placed = 0;
  marks.forEach((mark, n) => {
    const span = spanFor(buildTextIndex(root), paragraphs, located, mark.paragraph, mark.start, mark.end);
    if (span && wrap(doc, span, mark, n) > 0) placed++;
  });
  if (placed === 0) clearHighlights(doc);
  else showMarkLabels(doc, marks.map((m) => m.label));
  return { placed, missed: marks.length - placed };
}

/** Removes every Wiretrace mark, label and style; returns how many passages were highlighted. */
export function clearHighlights(doc: Document): { removed: number } {
  const elements = Array.from(doc.querySelectorAll(`mark.${MARK_CLASS}`));
  const passages = new Set(elements.map((el) => el.getAttribute('data-wiretrace-mark')));
  for (const el of elements) {
    const parent = el.parentNode;
    if (!parent) continue;
    while (el.firstChild) parent.insertBefore(el.firstChild, el);
    parent.removeChild(el);
  }
  // Merge each split-off piece back into the node it came from (its previous sibling now).
  const tails = splitOff.get(doc);
  if (tails) {
    for (const tail of tails) {
      const prev = tail.previousSibling;
      if (tail.parentNode && prev && prev.nodeType === 3) {
        (prev as Text).appendData(tail.data);
        tail.remove();
      }
    }
    tails.clear();
  }
  hideMarkLabels(doc);
  removeStyle(doc);
  return { removed: passages.size };
}
