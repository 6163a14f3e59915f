/**
 * An article that repeats one paragraph thousands of times (a hostile page, or a broken scrape) costs
 * linear time in the memory store: a band key met again in the same document, or many times in one
 * long query, has its postings walked once, not once a meeting. The counts stay exactly those of a
 * plain map of key -> documents.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/engine';
import { MemoryStore } from '../../src/engine/memory-store';
import type { NewDocument } from '../../src/engine/store';
import { timed } from '../reliability-report';

const doc = (id: string): NewDocument => ({ id, outlet: 'x', outletKey: 'x', firstSeen: 0, paragraphs: ['a', 'b'] });

const PARAGRAPH = 'The council said on Tuesday that the new bridge across the river would open next spring, after years of delay and rising costs, officials confirmed in a statement to residents.';

describe('repeated text', () => {
  it('property: a long query that repeats keys counts every (key, posting) hit, as a plain map would', async () => {
    const key = fc.integer({ min: 1, max: 300 });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(key, { minLength: 1, maxLength: 400 }), { minLength: 1, maxLength: 12 }), fc.array(key, { minLength: 4097, maxLength: 6000 }), async (docs, query) => {
        const s = new MemoryStore();
        const postings = new Map<number, number[]>();
        for (let d = 0; d < docs.length; d++) {
          const k = await s.putDocument(doc(`d${d}`), [{ paragraph: 0, bandKeys: Uint32Array.from(docs[d]) }], new Uint32Array(2));
          for (const x of docs[d]) postings.set(x, [...(postings.get(x) ?? []), k]);
        }
        const want = new Map<number, number>();
        for (const x of query) for (const k of postings.get(x) ?? []) want.set(k, (want.get(k) ?? 0) + 1);
        expect(await s.lookup(Uint32Array.from(query))).toEqual(want);
      }),
      { numRuns: 40 },
    );
  });

  it('checks and records articles of 8,000 copies of one paragraph in linear time', async () => {
    const e = await Engine.open(new MemoryStore());
    const paragraphs = Array.from({ length: 8000 }, () => PARAGRAPH);
    const { ms } = await timed(async () => {
      await e.checkAndRecord({ id: 'one', outlet: 'Herald', published: '2024-01-01T00:00:00Z', paragraphs });
      const second = await e.checkAndRecord({ id: 'two', outlet: 'Courier', published: '2024-01-02T00:00:00Z', paragraphs });
      expect(second.paragraphs).toBe(8000);
      // A check alone (no record) goes through the plain look-up.
      const third = await e.check({ id: 'three', outlet: 'Post', published: '2024-01-03T00:00:00Z', paragraphs: paragraphs.slice(0, 6000) });
      expect(third.paragraphs).toBe(6000);
    });
    expect(ms).toBeLessThan(8000);
  });
});
