/** Whitespace handling shared by extraction and paragraph mapping (pure string code, no DOM). */

/** Collapses every run of whitespace (including no-break spaces) to one space and trims. */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * The non-whitespace characters of `text`, and for each of them its index in `text`. Paragraph
 * mapping compares texts with all whitespace removed, because where a page puts spaces (between
 * inline elements, at block boundaries, as &nbsp;) differs from the collapsed paragraph strings.
 */
export function stripWhitespace(text: string): { stripped: string; index: number[] } {
  const runs: string[] = [];
  const index: number[] = [];
  for (const match of text.matchAll(/\S+/g)) {
    runs.push(match[0]);
    for (let i = 0; i < match[0].length; i++) index.push(match.index + i);
  }
  return { stripped: runs.join(''), index };
}
