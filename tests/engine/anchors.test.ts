import { describe, expect, it } from 'vitest';
import { paragraphAnchors } from '../../src/engine/anchors';
import { Engine } from '../../src/engine/engine';
import { MemoryStore } from '../../src/engine/memory-store';
import { prepareArticle } from '../../src/engine/prepare';

const anchors = (text: string, window = 8) => {
  const out: number[] = [];
  paragraphAnchors(prepareArticle(undefined, [text], 4), 1, window, out);
  return out;
};
const sentence = 'He admitted one felony count of scheming to defraud and faces up to four years in prison.';
const before = 'The council met on Tuesday evening to discuss the harbour budget, the new ferry timetable and the state of the coastal path near the old lighthouse, which has been closed since the storms.';
const after = 'Members then voted to postpone any decision on the library roof until the spring, when a surveyor is due to report on the cost of the repairs and the grants that might pay for them.';

describe('anchors', () => {
  it('two paragraphs sharing 15 words share an anchor, however long the text around them', () => {
    const a = anchors(`${before} ${sentence} ${after}`);
    const b = anchors(`Something else entirely. ${sentence}`);
    expect(a.filter((x) => b.includes(x)).length).toBeGreaterThan(0);
    expect(anchors(`${after} ${before}`).filter((x) => b.includes(x))).toEqual([]);
  });

  it('about 2 / (window + 1) anchors a word, none for a paragraph shorter than a window', () => {
    const text = `${before} ${after} ${before.toUpperCase()}x ${after}y`;
    const words = text.split(/\s+/).length;
    expect(anchors(text).length / words).toBeGreaterThan(0.12);
    expect(anchors(text).length / words).toBeLessThan(0.3);
    expect(anchors('Too short to have eight two-shingles in it at all here.')).toEqual([]);
    expect(anchors(text, 0)).toEqual([]);
  });

  it('makes none inside quotation marks: a shared quotation is not copy', () => {
    expect(anchors(`"${sentence}" the prosecutor told reporters outside the court.`)).toEqual([]);
  });

  it('finds a 15-word sentence copied into the middle of a long paragraph', async () => {
    const e = await Engine.open(new MemoryStore());
    await e.record({ id: 'src', outlet: 'Wire', published: '2024-01-01T00:00:00Z', paragraphs: [`Something else entirely. ${sentence}`] });
    const r = await e.check({ id: 'q', outlet: 'Other', published: '2024-01-02T00:00:00Z', paragraphs: [`${before} ${sentence} ${after}`] });
    expect(r.passages.map((p) => [p.source.id, p.text])).toEqual([['src', sentence]]);
  });
});
