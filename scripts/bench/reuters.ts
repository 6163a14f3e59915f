/** The Reuters-21578 corpus as the CLI reads it (`articleFromJson`, whose splitText joins its hard-wrapped lines into paragraphs), or with every line a paragraph; in date order. */
import { articleFromJson } from '../../src/engine/serialize';
import type { ArticleInput } from '../../src/engine/types';
import { editParagraph, readJsonl, sharedPath } from './util';

export const REUTERS = 'corpora/reuters21578.jsonl.gz';

export interface ReutersRow {
  id: string;
  date: string;
  title: string;
  text: string;
}

/** What loading found: 299 stories carry junk after the time ("27-MAR-1987 00:02:59.13&#5;&#5;&#5;RM"). */
export const loadNotes = { stories: 0, datesCleaned: 0, datesDropped: 0, skipped: 0 };

const DATE = /^\s*(\d{1,2}-[A-Za-z]{3}-\d{4} \d{1,2}:\d{2}:\d{2}(?:\.\d+)?)/;

/**
 * Every story, oldest first (stable for equal times). `outlet` names the outlet of story i; the
 * corpus has none, so the caller chooses ("Reuters" for all, or one per story). A date with junk
 * after the time is cut to the time (articleFromJson rejects it as it is); an unparsable one is dropped.
 * With `reflow`, the text is read as the CLI reads it: its hard-wrapped lines joined into the
 * paragraphs they make (each starts with an indented line; splitText). Without, every line is a
 * paragraph, as a reader splitting at newlines makes of it:
 * twice the units, and no passage longer than a line.
 */
export async function loadReuters(outlet: (row: ReutersRow, i: number) => string, limit = Infinity, reflow = false): Promise<ArticleInput[]> {
  const rows = await readJsonl<ReutersRow>(sharedPath(REUTERS));
  const out: Array<{ a: ArticleInput; t: number; i: number }> = [];
  Object.assign(loadNotes, { stories: rows.length, datesCleaned: 0, datesDropped: 0, skipped: 0 });
  rows.forEach((row, i) => {
    let date: string | undefined = row.date;
    if (Number.isNaN(Date.parse(date))) {
      const m = DATE.exec(date);
      date = m && !Number.isNaN(Date.parse(m[1])) ? m[1] : undefined;
      if (date) loadNotes.datesCleaned++;
      else loadNotes.datesDropped++;
    }
    const paragraphs = reflow ? undefined : row.text.split(/\r\n|\n|\r/).map((p) => p.replace(/\s+/g, ' ').trim()).filter(Boolean);
    let a: ArticleInput;
    try {
      a = articleFromJson({ ...row, paragraphs, date, outlet: outlet(row, i) });
    } catch {
      loadNotes.skipped++;
      return;
    }
    out.push({ a, t: (date && Date.parse(date)) || 0, i });
  });
  out.sort((x, y) => x.t - y.t || x.i - y.i);
  return out.slice(0, limit).map((x) => x.a);
}

/** Each word, at `rate`, replaced by a word from elsewhere in the article or deleted (half each). */
export function editArticle(a: ArticleInput, rate: number, rand: () => number): string[] {
  const vocab = a.paragraphs.flatMap((p) => p.split(/\s+/).filter(Boolean));
  return a.paragraphs.map((p) => editParagraph(p, rate, rand, vocab));
}
