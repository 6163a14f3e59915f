/**
 * The library's catalogue (background/library-catalogue.ts) over the IndexedDB store: built from the
 * stored documents in batches, kept in step with records and deletions, searched by the words of
 * title and outlet (any case and width), sorted and paged by time, its outlets counted; and each
 * outlet's copy figures from a whole-index graph (background/outlet-copy.ts).
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { IdbStore } from '../../background/idb-store';
import { Catalogue } from '../../background/library-catalogue';
import { outletCopy } from '../../background/outlet-copy';
import { newDocument } from '../../src/engine/documents';
import type { SyndicationView } from '../../src/protocol';

let n = 0;
const PARAMS = { shingle: 4, hashes: 128, bands: 3, rows: 1, seed: 1, hashVersion: 1 };

async function store(): Promise<IdbStore> {
  const s = await IdbStore.open(`wiretrace-catalogue-${Date.now()}-${n++}`);
  s.mergeEnabled = false;
  await s.setParams(PARAMS);
  return s;
}

async function put(s: IdbStore, id: string, outlet: string, title: string, hour: number): Promise<number> {
  const doc = newDocument({ id, outlet, title, paragraphs: ['one paragraph', 'two'], published: new Date(Date.UTC(2025, 2, 14, hour)).toISOString(), firstSeen: new Date(Date.UTC(2025, 2, 15, hour)).toISOString() });
  return s.putDocument(doc, [{ paragraph: 0, bandKeys: Uint32Array.from([n * 100 + hour + 1]) }], Uint32Array.from([1, 2]));
}

describe('the library catalogue', () => {
  it('lists, searches, sorts and pages the stored articles, and follows records and deletions', async () => {
    const s = await store();
    const wire = await put(s, 'a', 'Meridian Wire', 'Floodgate failure forces 4,000 from homes', 6);
    await put(s, 'b', 'Coastline Daily', 'Lennock barrier gate fails', 8);
    await put(s, 'c', 'The Estuary Post', "'We left with the clothes we had on'", 10);
    const c = new Catalogue();
    await c.sync(s);
    expect(c.size).toBe(3);
    const page = c.articles({ order: 'newest', offset: 0, limit: 2 });
    expect(page.total).toBe(3);
    expect(page.rows.map((r) => r.id)).toEqual(['c', 'b']);
    expect(page.rows[0]).toMatchObject({ outlet: 'The Estuary Post', published: '2025-03-14T10:00:00.000Z', firstSeen: '2025-03-15T10:00:00.000Z', paragraphs: 2 });
    expect(c.articles({ order: 'oldest', offset: 2, limit: 2 }).rows.map((r) => r.id)).toEqual(['c']);
    // Every word, in title or outlet, whatever the case or width.
    expect(c.articles({ query: 'ＦＬＯＯＤＧＡＴＥ meridian', order: 'newest', offset: 0, limit: 9 }).rows.map((r) => r.id)).toEqual(['a']);
    expect(c.articles({ query: 'gate', order: 'oldest', offset: 0, limit: 9 }).rows.map((r) => r.id)).toEqual(['a', 'b']);
    expect(c.articles({ query: 'nothing here', order: 'newest', offset: 0, limit: 9 }).total).toBe(0);
    expect(c.articles({ outletKey: 'coastline daily', order: 'newest', offset: 0, limit: 9 }).rows.map((r) => r.id)).toEqual(['b']);
    expect(c.keysBetween(Date.UTC(2025, 2, 14, 7), Date.UTC(2025, 2, 14, 9))).toHaveLength(1);

    // A record after the first sync is read alone; a deletion is followed.
    await put(s, 'd', 'Meridian Wire', 'Lennock residents return home', 12);
    await s.deleteDocuments([wire]);
    await c.sync(s);
    expect(c.articles({ order: 'newest', offset: 0, limit: 9 }).rows.map((r) => r.id)).toEqual(['d', 'c', 'b']);
    const outlets = c.outletPage({ offset: 0, limit: 9 }, undefined);
    expect(outlets.rows.map((o) => [o.outlet, o.articles])).toEqual([
      ['Coastline Daily', 1],
      ['Meridian Wire', 1],
      ['The Estuary Post', 1],
    ]);
    expect(c.outletPage({ query: 'post', offset: 0, limit: 9 }, undefined).rows.map((o) => o.outlet)).toEqual(['The Estuary Post']);
    s.close();
  });

  it('starts from a kept snapshot and follows what changed since', async () => {
    const s = await store();
    const a = await put(s, 'a', 'Wire', 'First story', 1);
    await put(s, 'b', 'Daily', 'Second story', 2);
    const first = new Catalogue();
    expect(await first.sync(s)).toBe(true);
    expect(await first.sync(s)).toBe(false);
    const kept = structuredClone(first.snapshot());
    await put(s, 'c', 'Post', 'Third story', 3);
    await s.deleteDocuments([a]);
    const woken = new Catalogue();
    woken.restore(kept);
    expect(woken.articles({ order: 'oldest', offset: 0, limit: 9 }).rows.map((r) => r.id)).toEqual(['a', 'b']);
    expect(await woken.sync(s)).toBe(true);
    expect(woken.articles({ order: 'oldest', offset: 0, limit: 9 }).rows.map((r) => r.id)).toEqual(['b', 'c']);
    s.close();
  });

  it('reads an index larger than one batch', async () => {
    const s = await store();
    for (let i = 0; i < 620; i++) await put(s, `x${i}`, `Outlet ${i % 7}`, `Story ${i}`, i % 24);
    const c = new Catalogue();
    await c.sync(s);
    expect(c.size).toBe(620);
    expect(c.outletPage({ offset: 0, limit: 50 }, undefined).total).toBe(7);
    s.close();
  });
});

describe("outlets' copy figures", () => {
  it('counts articles carrying copy and the credited words, leaving out quotes-only links', () => {
    const view: SyndicationView = {
      scope: { kind: 'range' },
      articles: [
        { id: 'w', outlet: 'Wire' },
        { id: 'a', outlet: 'Daily' },
        { id: 'b', outlet: 'Daily' },
        { id: 'q', outlet: 'Ledger' },
      ],
      edges: [
        { from: 'w', to: 'a', words: 100, credited: true, quotesOnly: false, passages: 3 },
        { from: 'w', to: 'a', words: 50, credited: false, quotesOnly: false, passages: 1 },
        { from: 'w', to: 'b', words: 50, credited: false, quotesOnly: false, passages: 2 },
        { from: 'w', to: 'q', words: 20, credited: false, quotesOnly: true, passages: 1 },
      ],
      checked: 4,
      truncated: false,
      cancelled: false,
      cached: false,
      ms: 1,
    };
    const copy = outletCopy(view, new Map([['a', 'daily'], ['b', 'daily'], ['w', 'wire'], ['q', 'ledger']]));
    expect(copy.get('daily')).toEqual({ withCopy: 2, copiedWords: 200, creditedWords: 100 });
    expect(copy.has('ledger')).toBe(false);
    expect(copy.has('wire')).toBe(false);
  });
});
