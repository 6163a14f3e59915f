import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from './fake-browser';

vi.mock('webextension-polyfill', () => ({ default: fakeBrowser() }));

const { Engine, unitCountFromText, unitsFromText } = await import('../../src/engine/engine');
const { seed } = await import('../engine/seeds');
const { MemoryStore } = await import('../../src/engine/memory-store');
const { IdbStore } = await import('../../background/idb-store');
const { getStore } = await import('../../background/engine-host');
const { exportPage, importChunk } = await import('../../background/index-io');
const { exportSelection, listPacks, removePack } = await import('../../background/packs');
const { readFileSync } = await import('node:fs');
type ArticleInput = import('../../src/engine/types').ArticleInput;

const P = [
  'Heavy rain caused the river Aller to burst its banks early on Thursday morning, flooding more than two hundred homes in the market town of Verden.',
  'Emergency services said the water rose by almost a metre within three hours, faster than any flood recorded in the town since records began.',
  'The mayor told reporters at the town hall that volunteers had worked through the night filling sandbags, and that the school would stay closed.',
  'Farmers in the surrounding villages reported that entire fields of maize had been lost, and the agriculture office estimated the damage at millions.',
];
const original: ArticleInput = { id: 'https://wire.example/a', url: 'https://wire.example/a', outlet: 'Wire Daily', published: '2016-08-26T08:00:00Z', firstSeen: '2024-01-01T00:00:00Z', paragraphs: P };
const copy: ArticleInput = {
  id: 'https://copy.example/b',
  url: 'https://copy.example/b',
  outlet: 'Copy Times',
  published: '2016-08-27T08:00:00Z',
  paragraphs: ['Residents spent Friday clearing mud from their homes after the flood, the worst in living memory for the small town.', P[0], P[1].replace('almost', 'nearly'), P[3]],
};
const other: ArticleInput = { id: 'https://else.example/c', outlet: 'Elsewhere', published: '2016-09-01T08:00:00Z', firstSeen: '2024-01-01T00:00:00Z', paragraphs: ['The city council approved a new cycling plan on Tuesday evening that will add forty kilometres of protected bike lanes across the city.'] };

let n = 0;
const fresh = () => IdbStore.open(`engine-idb-${n++}`);

describe('Engine over the IndexedDB store', () => {
  it('reports exactly what it reports over the memory store', async () => {
    const mem = await Engine.open(new MemoryStore());
    const idb = await Engine.open(await fresh());
    for (const e of [mem, idb]) {
      await e.record(original);
      await e.record(other);
    }
    const a = await mem.check(copy);
    const b = await idb.check(copy);
    expect(b).toEqual(a);
    expect(b.sources.map((s) => s.outlet)).toEqual(['Wire Daily']);
    expect(b.passages.length).toBeGreaterThanOrEqual(2);
    expect(await idb.record(copy)).toMatchObject({ added: true });
    expect(await idb.record(copy)).toMatchObject({ added: false });
  });

  it('a store that computes units from the text keeps none, and gives the same units, look-ups and deletions', async () => {
    const mem = new MemoryStore();
    const store = await fresh();
    store.unitsOf = unitsFromText();
    const memEngine = await Engine.open(mem);
    const idbEngine = await Engine.open(store);
    for (const e of [memEngine, idbEngine]) for (const a of [original, other, copy]) await e.record(a);
    for (const r of (await store.db.getAll('documents')) as Array<Record<string, unknown>>) expect(r.units).toBeUndefined();
    const units = async (s: { documents(): AsyncIterable<{ units: Array<{ paragraph: number; bandKeys: Uint32Array }> }> }) => {
      const out = [];
      for await (const e of s.documents()) out.push(e.units.map((u) => [u.paragraph, Array.from(u.bandKeys)]));
      return out;
    };
    expect(await units(store)).toEqual(await units(mem));
    expect(await idbEngine.check({ ...copy, id: 'again' })).toEqual(await memEngine.check({ ...copy, id: 'again' }));
    const key = (await store.getDocumentById(original.id))!.key;
    expect(await store.deleteDocuments([key])).toBe(1);
    expect(await mem.deleteDocuments([key])).toBe(1);
    expect(await store.stats()).toEqual(await mem.stats());
    const after = await Engine.open(store);
    expect((await after.check({ ...copy, id: 'again' })).passages).toEqual([]);
    store.close();
  });

  it('a deletion left for the rewrite counts the units from the text without hashing, and answers as the memory store', async () => {
    for (const p of ['000', '001', '002', '003', '004']) expect(unitCountFromText()(seed(p))).toBe(unitsFromText()(seed(p)).length);
    const mem = new MemoryStore();
    const store = await fresh();
    store.unitsOf = unitsFromText();
    store.unitCountOf = unitCountFromText();
    const [memEngine, idbEngine] = [await Engine.open(mem), await Engine.open(store)];
    for (const e of [memEngine, idbEngine]) for (const a of [original, other, copy, seed('000'), seed('001')]) await e.record(a);
    const key = (await store.getDocumentById(original.id))!.key;
    expect(await store.deleteLater([key])).toBe(1);
    expect(await mem.deleteDocuments([key])).toBe(1);
    expect(await store.stats()).toEqual(await mem.stats());
    expect(await (await Engine.open(store)).check({ ...copy, id: 'again' })).toEqual(await (await Engine.open(mem)).check({ ...copy, id: 'again' }));
    expect(await store.rewrite()).toBe(true);
    expect(await (await Engine.open(store)).check({ ...copy, id: 'again' })).toEqual(await (await Engine.open(mem)).check({ ...copy, id: 'again' }));
    store.close();
  });

  it('two concurrent records of one article add it once', async () => {
    const e = await Engine.open(await fresh());
    const r = await Promise.all([e.record(original), e.record(original), e.record(original)]);
    expect(r.filter((x) => x.added)).toHaveLength(1);
    expect((await e.store.stats()).documents).toBe(1);
  });
});

describe('index export and import through the background', () => {
  it('exports in pages and imports the file back, all of it, in chunks', async () => {
    const store = await getStore();
    const e = await Engine.open(store);
    for (const a of [original, copy, other]) await e.record(a);
    const lines: string[] = [];
    let after: number | undefined;
    let pages = 0;
    do {
      const page = await exportPage(after, 2);
      lines.push(...page.lines);
      after = page.next;
      pages++;
    } while (after !== undefined);
    expect(pages).toBe(2);
    expect(lines).toHaveLength(4);
    expect(JSON.parse(lines[0])).toMatchObject({ format: 'wiretrace-index', documents: 3 });

    await store.clear();
    expect(await importChunk({ importId: 'i1', seq: 0, lines: lines.slice(0, 2), last: false })).toEqual({ status: 'staged', lines: 2 });
    expect(await importChunk({ importId: 'i1', seq: 1, lines: lines.slice(2), last: true })).toEqual({ status: 'done', documents: 3, skipped: 0 });
    expect((await store.stats()).documents).toBe(3);
    expect(await store.importState('i1')).toBeUndefined();
    // Importing again skips what is there.
    expect(await importChunk({ importId: 'i2', seq: 0, lines, last: true })).toEqual({ status: 'done', documents: 0, skipped: 3 });
  });

  it('imports nothing from a file with a bad line, and names the line', async () => {
    const store = await getStore();
    await store.clear();
    await (await Engine.open(store)).record(other);
    const good = JSON.stringify(original);
    const bad = '{"id": "x", "outlet": "Y"}';
    await expect(importChunk({ importId: 'bad', seq: 0, lines: [good, JSON.stringify(copy), bad], last: true })).rejects.toThrow(/^line 3: /);
    expect((await store.stats()).documents).toBe(1);
    expect(await store.getDocumentById(original.id)).toBeUndefined();
    expect(await store.importState('bad')).toBeUndefined();
  });

  it('installs a pack, lists it, and removes it whole except what the user also read', async () => {
    const store = await getStore();
    await store.clear();
    const demo = readFileSync(new URL('../../demo/demo.pack.jsonl', import.meta.url), 'utf8').trim().split('\n');
    const ids = demo.slice(1).map((l) => JSON.parse(l).id as string);
    // One article of the pack was read (recorded) before, another after the install: both stay.
    const e = await Engine.open(store);
    await e.record({ ...JSON.parse(demo[1]), units: undefined });
    const done = await importChunk({ importId: 'pack', seq: 0, lines: demo, last: true });
    expect(done).toMatchObject({ status: 'done', documents: ids.length - 1, skipped: 1, pack: { title: JSON.parse(demo[0]).pack.title } });
    if (done.status !== 'done' || !done.pack) throw new Error('no pack');
    const read = (await store.getDocumentById(ids[2]))!;
    await store.addSource([read.key], 'read');
    const listed = await listPacks();
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ id: done.pack.id, articles: ids.length, title: JSON.parse(demo[0]).pack.title });
    // A selection exported as a pack's lines: one outlet, no sources written.
    let lines: string[] = [];
    let after: number | undefined;
    do {
      const page = await exportSelection({ after, limit: 3, outletKeys: [(await store.getDocumentById(ids[0]))!.outletKey] });
      lines = lines.concat(page.lines);
      after = page.next;
    } while (after !== undefined);
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) {
      expect(JSON.parse(l).outlet).toBe(JSON.parse(demo[1]).outlet);
      expect(JSON.parse(l)).not.toHaveProperty('sources');
    }
    const removed = await removePack({ id: done.pack.id });
    expect(removed).toMatchObject({ untagged: 2, deleted: ids.length - 2 });
    expect(removed.stats.documents).toBe(2);
    expect((await store.getDocumentById(ids[0]))!.sources).toEqual(['read']);
    expect(await listPacks()).toEqual([]);
  });

  it('refuses an upload that lost a chunk', async () => {
    await expect(importChunk({ importId: 'gap', seq: 1, lines: ['{}'], last: true })).rejects.toThrow(/missing/);
  });
});
