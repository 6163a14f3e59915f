/**
 * How much one page may cost to read, and the DOM walks that enforce it. A hostile page can nest
 * elements 100,000 deep (Readability recurses per level and overflows the stack; HTML parsers that
 * keep their open elements in an array pay per level for every tag) or hold millions of elements.
 *
 *   - Depth: Chromium's HTML parser never builds a tree deeper than 512 elements: past that, it puts
 *     new elements beside the deepest one instead of inside it. flattenBelow() does the same to a
 *     parsed document (linkedom's, in the CLI), so such a page reads as it does in the browser; a DOM
 *     deeper than that (only a page's script can build one) is not read (measureTree()).
 *   - Elements: at most MAX_ELEMENTS (a long article is a few thousand; 10 MB of paragraphs about 30,000).
 *   - Time: extraction checks its clock between its stages and gives up past MAX_MS; each stage is
 *     bounded by the two limits above.
 * Walks go by firstChild/nextSibling, never recursion, and never `childNodes`, which linkedom
 * rebuilds as a new array on every access.
 */

/** The deepest element nesting read: Chromium's parser limit (kMaximumHTMLParserDOMTreeDepth). */
export const MAX_DEPTH = 512;
/** Elements in a page, at most. */
export const MAX_ELEMENTS = 300_000;
/** Time for extracting one page, checked between its stages. */
export const MAX_MS = 20_000;

export class PageLimitError extends Error {
  override name = 'PageLimitError';
}

/** Element depth below `root` (root's children are at 1) and number of elements, stopping once over either limit. */
export function measureTree(root: Node, maxDepth = MAX_DEPTH, maxElements = MAX_ELEMENTS): { depth: number; elements: number; over?: 'depth' | 'elements' } {
  let depth = 0;
  let deepest = 0;
  let elements = 0;
  let node: Node | null = root.firstChild;
  if (node) depth = 1;
  while (node) {
    if (node.nodeType === 1) {
      elements++;
      if (depth > deepest) deepest = depth;
      if (deepest > maxDepth) return { depth: deepest, elements, over: 'depth' };
      if (elements > maxElements) return { depth: deepest, elements, over: 'elements' };
    }
    if (node.firstChild) {
      node = node.firstChild;
      depth++;
      continue;
    }
    while (node && !node.nextSibling) {
      node = node.parentNode;
      depth--;
      if (node === root) return { depth: deepest, elements };
    }
    node = node ? node.nextSibling : null;
  }
  return { depth: deepest, elements };
}

/**
 * Moves every node deeper than `maxDepth` below `root` up beside its ancestor at that depth, in
 * document order, as Chromium's parser places them; returns how many nodes moved. Nodes at
 * `maxDepth` are left without children.
 */
export function flattenBelow(root: Node, maxDepth = MAX_DEPTH): number {
  let moved = 0;
  let depth = 0;
  let node: Node | null = root.firstChild;
  if (node) depth = 1;
  while (node) {
    if (depth === maxDepth && node.firstChild) {
      const parent = node.parentNode!;
      let after = node.nextSibling;
      // Its children, in order, right after it; they are at maxDepth now, and are flattened in turn.
      for (let child = node.lastChild; child; child = node.lastChild) {
        parent.insertBefore(child, after);
        after = child;
        moved++;
      }
    }
    if (depth < maxDepth && node.firstChild) {
      node = node.firstChild;
      depth++;
      continue;
    }
    while (node && !node.nextSibling) {
      node = node.parentNode;
      depth--;
      if (node === root) return moved;
    }
    node = node ? node.nextSibling : null;
  }
  return moved;
}

/** A budget of time from now: `over()` says whether it is spent. */
export function deadline(ms = MAX_MS, now: () => number = () => Date.now()): { over: () => boolean; ms: number } {
  const end = now() + ms;
  return { over: () => now() > end, ms };
}
