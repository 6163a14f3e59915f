/**
 * Answers derived from the engine's reports: the demo's uncredited copy, mixed article and
 * quotes-only rewrite; the ferry pack's credited copy, the wire's own update (its earlier text is its
 * own, though a copy was printed in between), the shared quotes and the copy from two sources. A
 * fresh run gives every committed answer again; an answer edited by hand is found.
 */
import { describe, expect, it } from 'vitest';
import { runEngine } from '../../src/exercise/engine-run';
import { answersDiffering, paragraphNames, shareBand } from '../../src/exercise/questions';
import { DEMO_PACK, FERRY_PACK, loadPack, question } from './fixtures';

const demo = loadPack(DEMO_PACK);
const ferry = loadPack(FERRY_PACK);

describe('questions and answers from the reports', () => {
  it('the demo: Coastline Daily copied all of it from Meridian Wire, uncredited', () => {
    expect(question(demo, 'copied-paragraphs', 'Coastline Daily').answer).toEqual({ paragraphs: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], quotes: [], own: [] });
    expect(question(demo, 'source', 'Coastline Daily').answer).toEqual({ outlet: 'Meridian Wire', article: 'meridian-wire/lennock-floodgate.html' });
    expect(question(demo, 'credited', 'Coastline Daily').answer).toEqual({ credited: 'no', outlet: 'Meridian Wire' });
    expect(question(demo, 'original-share', 'Coastline Daily').answer.band).toBe(0);
  });

  it('the demo: The Estuary Post mixes four wire paragraphs into its own; The Morning Ledger shares only quotations', () => {
    expect(question(demo, 'copied-paragraphs', 'The Estuary Post').answer.paragraphs).toEqual([3, 6, 7, 9]);
    expect(question(demo, 'original-share', 'The Estuary Post').answer.band).toBe(3);
    expect(question(demo, 'copied-paragraphs', 'The Morning Ledger').answer).toEqual({ paragraphs: [], quotes: [3, 5, 6, 9], own: [] });
    expect(question(demo, 'source', 'The Morning Ledger').answer.outlet).toBeNull();
    expect(demo.questions.some((q) => q.kind === 'credited' && q.article === question(demo, 'source', 'The Morning Ledger').article)).toBe(false);
    expect(question(demo, 'copied-paragraphs', 'The Morning Ledger').explanation).toMatch(/a quote is not copy/);
    expect(question(demo, 'order').answer.order).toEqual(['Meridian Wire', 'Northshore Gazette', 'Coastline Daily', 'The Estuary Post', 'The Morning Ledger']);
  });

  it('the ferry: a credited copy, the wire’s own update, shared quotes, and copy from two sources', () => {
    expect(question(ferry, 'credited', 'The Pelling Courier').answer).toEqual({ credited: 'yes', outlet: 'Harbourline Press' });
    expect(question(ferry, 'credited', 'The Pelling Courier').explanation).toMatch(/honest, not original/);
    expect(question(ferry, 'original-share', 'The Pelling Courier').answer.band).toBe(1);
    const update = ferry.questions.filter((q) => q.article === '3-harbourline-ferry-update.txt');
    expect(update.find((q) => q.kind === 'copied-paragraphs')?.answer).toEqual({ paragraphs: [], quotes: [], own: [3, 4, 5, 6] });
    expect(update.find((q) => q.kind === 'source')?.answer).toEqual({ outlet: null, article: null });
    expect(question(ferry, 'copied-paragraphs', 'Islands Weekly Review').answer).toEqual({ paragraphs: [], quotes: [2, 4], own: [] });
    expect(question(ferry, 'source', 'Bayside Bulletin').answer).toEqual({ outlet: 'Harbourline Press', article: '3-harbourline-ferry-update.txt' });
    expect(question(ferry, 'copied-paragraphs', 'Bayside Bulletin').explanation).toMatch(/¶1–¶3 were copied from Harbourline Press and ¶4 from The Pelling Courier/);
  });

  it('a fresh run gives every answer of the committed packs; an answer edited by hand is found', async () => {
    for (const pack of [demo, ferry]) expect(answersDiffering(pack.questions, await runEngine(pack.articles))).toEqual([]);
    const edited = structuredClone(demo.questions);
    const q = edited.find((x) => x.kind === 'credited')!;
    if (q.kind === 'credited') q.answer.credited = 'yes';
    expect(answersDiffering(edited, await runEngine(demo.articles))).toEqual([q.id]);
  });

  it('names paragraphs as readers count them, and puts shares in bands', () => {
    expect(paragraphNames([0, 1, 2, 4])).toBe('¶1–¶3 and ¶5');
    expect(paragraphNames([1, 3])).toBe('¶2 and ¶4');
    expect([0, 0.099, 0.1, 0.39, 0.5, 0.6, 0.9, 1].map(shareBand)).toEqual([0, 0, 1, 1, 2, 3, 4, 4]);
  });
});
