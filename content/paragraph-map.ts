/**
 * Maps extracted paragraphs back onto the live page's text nodes, so passages can be highlighted.
 *
 * The paragraphs came from Readability's output for a clone of the page, whitespace-collapsed; the
 * live page splits the same words over many text nodes (links, <em>, <span>s) with other spacing.
 * So both sides are compared with ALL whitespace removed:
 *
 *   live page   <p>Mr <a>Kerry</a>  said</p>     paragraph  "Mr Kerry said"
 *   index       "MrKerrysaid"                     stripped   "MrKerrysaid"
 *               each char -> (text node, offset)  each char -> index in the paragraph string
 *
 * A paragraph is located by searching its stripped text in the page's stripped text (in reading
 * order: after the previous paragraph when possible). A passage [start, end) of a paragraph then maps
 * through both tables to (text node, offset) pairs. When a paragraph is not found contiguously
 * (the page changed, or Readability dropped an inline element), the passage itself is searched.
 */
import { UI_ATTRIBUTE } from '../src/extract/paragraphs';
import { stripWhitespace } from '../src/extract/text';

/** Elements whose text is never visible article text. */
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA', 'SELECT', 'OPTION', 'HEAD', 'TITLE', 'SVG']);

export interface TextPosition {
  node: Text;
  offset: number;
}

/** A span of live text: `end` is exclusive (the offset just after the last character). */
export interface TextSpan {
  start: TextPosition;
  end: TextPosition;
}

export interface TextIndex {
  /** The page's text with all whitespace removed. */
  stripped: string;
  /** For each character of `stripped`: its text node (index into `nodes`) and offset in that node. */
  nodeIndex: number[];
  offsets: number[];
  nodes: Text[];
}

function skipped(el: Element): boolean {
  return SKIP.has(el.tagName.toUpperCase()) || el.hasAttribute(UI_ATTRIBUTE);
}

/** Indexes every visible-text node under `root` (document order). */
export function buildTextIndex(root: Node): TextIndex {
  const index: TextIndex = { stripped: '', nodeIndex: [], offsets: [], nodes: [] };
  const parts: string[] = [];
  const visit = (node: Node): void => {
    if (node.nodeType === 3) {
      const text = node.nodeValue ?? '';
      const { stripped, index: at } = stripWhitespace(text);
      if (!stripped) return;
      const n = index.nodes.push(node as Text) - 1;
      parts.push(stripped);
      for (const offset of at) {
        index.nodeIndex.push(n);
        index.offsets.push(offset);
      }
      return;
    }
    if (node.nodeType === 1 && skipped(node as Element)) return;
    for (let child = node.firstChild; child; child = child.nextSibling) visit(child);
  };
  visit(root);
  index.stripped = parts.join('');
  return index;
}

/** The root to search: the body when there is one. */
export function textRoot(doc: Document): Node {
  return doc.body ?? doc.documentElement;
}

/**
 * Where each paragraph starts in `index.stripped`, or -1 when it is not on the page. Searches after
 * the previous found paragraph first, so a repeated short paragraph maps to the one in the article.
 */
export function locateParagraphs(index: TextIndex, paragraphs: string[]): number[] {
  let from = 0;
  return paragraphs.map((p) => {
    const needle = stripWhitespace(p).stripped;
    if (!needle) return -1;
    let at = index.stripped.indexOf(needle, from);
    if (at < 0) at = index.stripped.indexOf(needle);
    if (at >= 0) from = at + needle.length;
    return at;
  });
}

/** [start, end) of a paragraph string as [start, end) of its stripped text; null if only whitespace. */
function strippedBounds(paragraph: string, start: number, end: number): { needle: string; from: number; to: number } | null {
  const { stripped, index } = stripWhitespace(paragraph);
  let from = 0;
  while (from < index.length && index[from] < start) from++;
  let to = from;
  while (to < index.length && index[to] < end) to++;
  return to > from ? { needle: stripped, from, to } : null;
}

/**
 * The live text span of paragraph `paragraph`'s characters [start, end), or null when it cannot be
 * found. `located` is locateParagraphs' answer for the same index and paragraphs.
 */
export function spanFor(
  index: TextIndex,
  paragraphs: string[],
  located: number[],
  paragraph: number,
  start: number,
  end: number,
): TextSpan | null {
  const text = paragraphs[paragraph];
  if (typeof text !== 'string' || !(start < end)) return null;
  const bounds = strippedBounds(text, Math.max(0, start), Math.min(text.length, end));
  if (!bounds) return null;
  let docStart = -1;
  const base = located[paragraph] ?? -1;
  if (base >= 0) {
    docStart = base + bounds.from;
  } else {
    // The whole paragraph is not on the page contiguously: look for the passage alone, after the
    // nearest located paragraph before it when possible.
    const passage = bounds.needle.slice(bounds.from, bounds.to);
    let after = 0;
    for (let p = paragraph - 1; p >= 0; p--) {
      if ((located[p] ?? -1) >= 0) {
        after = located[p];
        break;
      }
    }
    docStart = index.stripped.indexOf(passage, after);
    if (docStart < 0) docStart = index.stripped.indexOf(passage);
  }
  if (docStart < 0) return null;
  const docLast = docStart + (bounds.to - bounds.from) - 1;
  if (docLast >= index.stripped.length) return null;
  return {
    start: { node: index.nodes[index.nodeIndex[docStart]], offset: index.offsets[docStart] },
    end: { node: index.nodes[index.nodeIndex[docLast]], offset: index.offsets[docLast] + 1 },
  };
}

/** Convenience: a DOM Range over paragraph `paragraph`'s [start, end) on the live page, or null. */
export function paragraphRange(doc: Document, paragraphs: string[], paragraph: number, start: number, end: number): Range | null {
  const index = buildTextIndex(textRoot(doc));
  const span = spanFor(index, paragraphs, locateParagraphs(index, paragraphs), paragraph, start, end);
  if (!span) return null;
  const range = doc.createRange();
  range.setStart(span.start.node, span.start.offset);
  range.setEnd(span.end.node, span.end.offset);
  return range;
}
