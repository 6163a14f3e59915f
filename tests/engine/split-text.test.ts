/**
 * splitText: the paragraphs of a corpus line's "text" (blank lines, hard-wrapped indented
 * paragraphs, or one paragraph a line), on made-up text, generated text and the Reuters corpus.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitText } from '../../src/engine/split-text';
import { readJsonl, sharedPath } from '../../scripts/bench/util';

/** Greedy wrapping at `width`, the first line indented by `indent` spaces: how teletype copy was set. */
function wrap(paragraph: string, width: number, indent: number): string[] {
  const lines: string[] = [];
  let line = ' '.repeat(indent);
  for (const w of paragraph.split(' ')) {
    if (line.trim() === '') line += w;
    else if (line.length + 1 + w.length <= width) line += ` ${w}`;
    else {
      lines.push(line);
      line = w;
    }
  }
  lines.push(line);
  return lines;
}

const PARAS = [
  'The harbour board said on Tuesday that the eastern quay would close for repairs from the first week of May, after divers found cracks in two of its piles.',
  'Ferries will use the western berth while the work lasts, which the board expects to take eleven weeks, and timetables will change by up to ten minutes.',
  'A spokeswoman said the cost had not been settled but would be met from the maintenance fund.',
];

describe('splitText (the paragraphs of a "text" field)', () => {
  it('joins hard-wrapped lines into paragraphs that start with an indented line', () => {
    const text = PARAS.flatMap((p, i) => wrap(p, 64, i === 0 ? 0 : 4)).join('\n');
    expect(text.split('\n').length).toBeGreaterThan(6);
    expect(splitText(text)).toEqual(PARAS);
  });

  it('does the same within blocks between blank lines, and keeps a sign-off after a blank line apart', () => {
    const text = `${PARAS.flatMap((p, i) => wrap(p, 64, i === 0 ? 0 : 4)).join('\n')}\n   \n Harbour Wire\n`;
    expect(splitText(text)).toEqual([...PARAS, 'Harbour Wire']);
  });

  it('splits on blank lines, joining the lines of each block, when the blocks are not indented paragraphs', () => {
    expect(splitText('First line of one\nparagraph here.\n\nSecond paragraph.\r\n\r\nThird.')).toEqual(['First line of one paragraph here.', 'Second paragraph.', 'Third.']);
  });

  it('keeps one paragraph a line when lines are not wrapped, even with a few indented', () => {
    expect(splitText(PARAS.join('\n'))).toEqual(PARAS);
    const text = ['Short opening line.', '    An indented line of a list.', 'A line that ends early.', 'Another short one.', '  Indented again.', 'The end.'].join('\n');
    expect(splitText(text)).toEqual(['Short opening line.', 'An indented line of a list.', 'A line that ends early.', 'Another short one.', 'Indented again.', 'The end.']);
    // Lines wider than any wrapping are paragraphs, indented or not.
    const wide = [PARAS[0], `    ${PARAS[1]}`, PARAS[2]].join('\n');
    expect(splitText(wide)).toEqual(PARAS);
  });

  it('gives back any greedily wrapped, indented paragraphs', () => {
    const word = fc.stringMatching(/^[a-z]{1,12}$/);
    const paragraph = fc.array(word, { minLength: 1, maxLength: 60 }).map((ws) => ws.join(' '));
    fc.assert(
      fc.property(fc.array(paragraph, { minLength: 2, maxLength: 6 }), fc.integer({ min: 40, max: 80 }), fc.integer({ min: 1, max: 8 }), (ps, width, indent) => {
        const lines = ps.flatMap((p, i) => wrap(p, width, i === 0 ? 0 : indent));
        fc.pre(lines.length >= 3);
        expect(splitText(lines.join('\n'))).toEqual(ps);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws, and changes nothing but white space (every other character kept, in order)', () => {
    const piece = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 30 }), fc.constantFrom('\n', '\r\n', '\r', '\n\n', '\n   \n', '    ', '\t', '\u00a0', '\f', '\u2028', 'word'));
    const text = fc.array(piece, { maxLength: 40 }).map((ps) => ps.join(''));
    const squeeze = (t: string) => t.replace(/\s+/g, '');
    fc.assert(
      fc.property(text, (t) => {
        const ps = splitText(t);
        expect(squeeze(ps.join(''))).toBe(squeeze(t));
        for (const p of ps) expect(p).toBe(p.trim());
      }),
      { numRuns: 2000 },
    );
    // A line after the first that starts with another white space (no-break, form feed) is indented too.
    const lines = PARAS.flatMap((p, i) => wrap(p, 64, i === 0 ? 0 : 4)).map((l) => l.replace(/^ {4}/, '\u00a0\u00a0'));
    expect(splitText(lines.join('\n'))).toEqual(PARAS);
  });

  it('reads nearly every Reuters-21578 story as its indented paragraphs', async () => {
    const rows = await readJsonl<{ text: string }>(sharedPath('corpora/reuters21578.jsonl.gz'));
    let same = 0;
    let wrapped = 0;
    for (const r of rows) {
      const byIndent = r.text.split(/\n\s*\n|\n(?=[ \t])/).map((p) => p.replace(/\s+/g, ' ').trim()).filter(Boolean);
      const got = splitText(r.text);
      if (JSON.stringify(got) === JSON.stringify(byIndent)) same++;
      if (got.length < r.text.split('\n').filter((l) => l.trim()).length) wrapped++;
    }
    expect(rows.length).toBeGreaterThan(19000);
    expect(same / rows.length).toBeGreaterThan(0.99);
    expect(wrapped / rows.length).toBeGreaterThan(0.9);
  });
});
