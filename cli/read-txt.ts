/**
 * A .txt article: the first non-empty line is the title, every later non-empty line a
 * paragraph (blank lines only separate). Lines are trimmed.
 */
export interface TxtArticle {
  title: string;
  paragraphs: string[];
}

/** Returns undefined when there is no paragraph after the title line. */
export function parseTxt(text: string): TxtArticle | undefined {
  const lines = text
    .split(/\r\n|\n|\r/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  if (lines.length < 2) return undefined;
  return { title: lines[0], paragraphs: lines.slice(1) };
}
