/**
 * A back-dated page does not pass as "the earliest source" unremarked: a source whose claimed time
 * lies far before when it was first seen and before every other carrier of the text is marked
 * claimedEarly; honest sources, and times within the margin, are not.
 */
import { describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/engine';
import { MemoryStore } from '../../src/engine/memory-store';
import type { ArticleInput } from '../../src/engine/types';

const P = [
  'The harbour authority closed the north quay on Tuesday after divers found a crack running along the old granite wall near the ferry berth.',
  'Ferries will berth at the south quay until engineers decide whether the wall can be braced, the authority said in a statement on its website.',
  'Fishermen who moor at the north quay were told to move their boats by Thursday evening, and a temporary pontoon is being towed in from the river.',
];
const wire: ArticleInput = { id: 'wire', outlet: 'Harbour Wire', published: '2026-05-02T08:00:00Z', firstSeen: '2026-05-02T08:05:00Z', paragraphs: P };
const copy: ArticleInput = { id: 'copy', outlet: 'Quay Times', published: '2026-05-02T10:00:00Z', firstSeen: '2026-05-02T10:01:00Z', paragraphs: [P[0], P[1], 'Our reporter saw the pontoon arrive.'] };
// The same text on a page claiming to be from three years before, first seen after both.
const backdated: ArticleInput = { id: 'backdated', outlet: 'Old Claims Gazette', published: '2023-01-01T00:00:00Z', firstSeen: '2026-05-03T00:00:00Z', paragraphs: P };

describe('claimed times', () => {
  it('marks a back-dated source, not the honest ones', async () => {
    const e = await Engine.open(new MemoryStore());
    for (const a of [wire, backdated]) await e.record(a);
    const r = await e.check(copy);
    const byOutlet = new Map(r.sources.map((s) => [s.outlet, s]));
    expect(byOutlet.get('Old Claims Gazette')?.claimedEarly).toBe(true);
    expect(r.passages.some((p) => p.source.claimedEarly || p.firstSeen?.claimedEarly)).toBe(true);
    expect(byOutlet.get('Harbour Wire')?.claimedEarly).toBeUndefined();
  });

  it('leaves sources alone when the claimed time is near when they were seen', async () => {
    const e = await Engine.open(new MemoryStore());
    await e.record(wire);
    const r = await e.check(copy);
    expect(r.sources.map((s) => s.claimedEarly)).toEqual([undefined]);
    // Marks are not kept on shared objects: a later report without the back-dated page has none.
    await e.record(backdated);
    expect((await e.check({ ...copy, id: 'copy2' })).sources.some((s) => s.claimedEarly)).toBe(true);
    const again = await Engine.open(e.store);
    expect((await again.check({ ...copy, id: 'copy3', paragraphs: [P[2]] })).sources.filter((s) => s.outlet === 'Harbour Wire').every((s) => !s.claimedEarly)).toBe(true);
  });
});
