/**
 * Scoring and what was missed: full marks for the pack's own answers, partial marks for paragraphs
 * and orders, half for the share's next band; the notes say a quote is not copy, an outlet's own
 * earlier text is not copy, a credit makes copy honest and not original, a later article is no source.
 */
import { describe, expect, it } from 'vitest';
import { missNotes, scoreAll, scoreQuestion } from '../../src/exercise/score';
import type { ExercisePack } from '../../src/exercise/pack-schema';
import { DEMO_PACK, FERRY_PACK, loadPack, perfect, question } from './fixtures';

const demo = loadPack(DEMO_PACK);
const ferry = loadPack(FERRY_PACK);

const article = (pack: ExercisePack, id: string | undefined) => pack.articles.find((a) => a.id === id);

describe('scoring', () => {
  it('gives full marks for the pack’s answers and nothing for none', () => {
    for (const pack of [demo, ferry]) {
      const s = scoreAll(pack, perfect(pack));
      expect(s.total).toBe(s.max);
      expect(scoreAll(pack, {}).total).toBe(0);
    }
    expect(scoreAll(demo, {}).max).toBe(26);
  });

  it('scores paragraphs by those judged right, the order by pairs, the share by band', () => {
    const ledger = question(demo, 'copied-paragraphs', 'The Morning Ledger');
    // Ten paragraphs, none copied: marking the four quotations as copy gets six right of ten.
    expect(scoreQuestion(ledger, { kind: 'copied-paragraphs', paragraphs: [3, 5, 6, 9] }, article(demo, ledger.article))).toBe(1.8);
    const order = question(demo, 'order');
    const swapped = [order.answer.order[1], order.answer.order[0], ...order.answer.order.slice(2)];
    expect(scoreQuestion(order, { kind: 'order', order: swapped }, undefined)).toBe(2.7);
    const share = question(demo, 'original-share', 'The Estuary Post');
    expect(scoreQuestion(share, { kind: 'original-share', band: 2 }, undefined)).toBe(1);
    expect(scoreQuestion(share, { kind: 'original-share', band: 0 }, undefined)).toBe(0);
    expect(scoreQuestion(share, { kind: 'source', outlet: null }, undefined)).toBe(0);
  });

  it('says what was missed', () => {
    const ledger = question(demo, 'copied-paragraphs', 'The Morning Ledger');
    expect(missNotes(demo, ledger, { kind: 'copied-paragraphs', paragraphs: [3, 0] })).toEqual([
      { code: 'marked-quote', paragraphs: [3] },
      { code: 'marked-original', paragraphs: [0] },
    ]);
    const update = ferry.questions.find((q) => q.kind === 'copied-paragraphs' && q.article === '3-harbourline-ferry-update.txt')!;
    expect(missNotes(ferry, update, { kind: 'copied-paragraphs', paragraphs: [3, 4] })).toEqual([{ code: 'marked-own', paragraphs: [3, 4] }]);
    const courier = question(ferry, 'copied-paragraphs', 'The Pelling Courier');
    expect(missNotes(ferry, courier, { kind: 'copied-paragraphs', paragraphs: [0] }).map((n) => n.code)).toEqual(['missed-copied', 'credited-copy']);
    const courierShare = question(ferry, 'original-share', 'The Pelling Courier');
    expect(missNotes(ferry, courierShare, { kind: 'original-share', band: 4 })).toEqual([{ code: 'share-high', share: 0.203 }, { code: 'credited-copy', outlet: 'Harbourline Press' }]);
    const source = question(demo, 'source', 'Coastline Daily');
    expect(missNotes(demo, source, { kind: 'source', outlet: 'The Estuary Post' })).toEqual([{ code: 'source-after', picked: 'The Estuary Post' }]);
    expect(missNotes(demo, source, { kind: 'source', outlet: 'Northshore Gazette' })).toEqual([{ code: 'source-also-carried', picked: 'Northshore Gazette', outlet: 'Meridian Wire' }]);
    expect(missNotes(demo, source, { kind: 'source', outlet: null })).toEqual([{ code: 'source-none', outlet: 'Meridian Wire' }]);
    expect(missNotes(demo, question(demo, 'credited', 'Coastline Daily'), { kind: 'credited', credited: 'yes' })).toEqual([{ code: 'credit-imagined', outlet: 'Meridian Wire' }]);
    const order = question(demo, 'order');
    expect(missNotes(demo, order, { kind: 'order', order: ['Northshore Gazette', 'Meridian Wire', 'Coastline Daily', 'The Estuary Post', 'The Morning Ledger'] })).toEqual([
      { code: 'first-wrong', picked: 'Northshore Gazette', outlet: 'Meridian Wire' },
      { code: 'order-pairs', wrong: 1, pairs: 10 },
    ]);
    expect(missNotes(demo, order, undefined)).toEqual([{ code: 'unanswered' }]);
  });
});
