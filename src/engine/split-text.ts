/**
 * The paragraphs of a plain text, as corpus lines give it ("text"). The CLI's readers and the
 * engine's import of corpus lines (serialize.ts) both split it here, so they number paragraphs
 * alike. Hard-wrapped copy is joined back into its paragraphs: split at every newline, each line of
 * it would be a paragraph (twice the units, and no passage longer than a line).
 */

/**
 * Paragraphs of a plain text, with runs of whitespace made one space:
 *  - when it is hard-wrapped with an indented first line to each paragraph (as newswire copy of the
 *    teletype era is: Reuters-21578), split before each indented line, the lines after it joined to
 *    it; the same within each block between blank lines;
 *  - else split on blank lines when it has any (the lines of each block joined);
 *  - else on newlines: each line is a paragraph.
 */
export function splitText(text: string): string[] {
  const blocks = /\n[ \t]*\r?\n/.test(text)
    ? text.split(/\r?\n[ \t]*\r?\n/).flatMap((b) => hardWrapped(b) ?? [b])
    : hardWrapped(text) ?? text.split(/\r\n|\n|\r/);
  return blocks.map((b) => b.replace(/\s+/g, ' ').trim()).filter((b) => b !== '');
}

/** Widest a hard-wrapped text's lines are (teletype and e-mail copy wraps at 64-80 characters). */
const WRAP_WIDTH = 100;

/**
 * A text (or a block between blank lines) as indented paragraphs of hard-wrapped lines, or
 * undefined when it is not one. Hard-wrapped: no line wider than WRAP_WIDTH, some lines after the
 * first indented (starting with white space: a paragraph's first), and each line not indented that
 * runs on from the one before it follows a full line, one that the next word would have made wider
 * than the widest line (less a few characters of slack), in at least four cases out of five (the
 * first line, which may follow a dateline cut off, excepted). A text of one-line paragraphs, a few
 * of them indented, fails that test, and each of its lines stays a paragraph.
 */
function hardWrapped(text: string): string[] | undefined {
  const lines = text.split(/\r\n|\n|\r/).map((l) => l.trimEnd());
  let width = 0;
  for (const l of lines) width = Math.max(width, l.length);
  if (width > WRAP_WIDTH || lines.length < 3) return undefined;
  let indented = 0;
  let runOn = 0;
  let full = 0;
  for (let i = 1; i < lines.length; i++) {
    const l = lines[i];
    if (l === '') continue;
    if (/^\s/.test(l)) {
      indented++;
      continue;
    }
    runOn++;
    // The first line may be short: what stood before it (a dateline, a heading) was cut off.
    if (i === 1) {
      full++;
      continue;
    }
    const firstWord = /^\S+/.exec(l)![0].length;
    if (lines[i - 1].length + 1 + firstWord > width - 8) full++;
  }
  if (indented === 0 || full < 0.8 * runOn) return undefined;
  const out: string[] = [];
  for (const l of lines) {
    if (out.length === 0 || /^\s/.test(l)) out.push(l);
    else out[out.length - 1] += ` ${l}`;
  }
  return out;
}
