/** Golden test on the founding example: five outlets carrying each other's copy (../shared/seeds). */
import { beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/engine';
import { MemoryStore } from '../../src/engine/memory-store';
import type { SourceCache } from '../../src/engine/source-cache';
import type { Report } from '../../src/engine/types';
import { seed } from './seeds';

const order = ['000', '004', '001', '002', '003'];
const reports: Record<string, Report> = {};
const articles = Object.fromEntries(order.map((p) => [p, seed(p)]));

beforeAll(async () => {
  const engine = await Engine.open(new MemoryStore());
  for (const p of order) reports[p] = await engine.checkAndRecord(articles[p]);
});

const paragraphIndex = (p: string, startsWith: string) => {
  const i = articles[p].paragraphs.findIndex((x) => x.startsWith(startsWith));
  if (i < 0) throw new Error(`no paragraph of ${p} starts with ${startsWith}`);
  return i;
};

describe('seeds', () => {
  it('the BBC text (000) is the earliest: nothing copied, reused later', () => {
    expect(reports['000'].passages).toEqual([]);
    expect(reports['000'].copiedShare).toBe(0);
  });

  it('001 carries at least 13 BBC paragraphs, attributed to 000', () => {
    const copied = new Set(reports['001'].passages.filter((p) => p.kind === 'copied' && p.source.id === '000').map((p) => p.paragraph));
    expect(copied.size).toBeGreaterThanOrEqual(13);
    expect(reports['001'].sources[0].outlet).toBe('BBC News');
    expect(reports['001'].copiedShare).toBeGreaterThan(0.5);
    // Its own paragraphs (byline, last three) are not flagged.
    const own = articles['001'].paragraphs.length - 1;
    expect(reports['001'].passages.some((p) => p.paragraph === own)).toBe(false);
  });

  it('003 shares the "Russian and American diplomats" paragraph with 002', () => {
    const i = paragraphIndex('003', 'The US Secretary said Russian and American diplomats');
    const ps = reports['003'].passages.filter((p) => p.paragraph === i);
    expect(ps.length).toBeGreaterThan(0);
    expect(ps[0].source.id).toBe('002');
    expect(ps[0].coverage).toBe(1);
  });

  it("Lavrov's shared quote in 002 is a quote, not copied prose", () => {
    const i = paragraphIndex('002', '\u201cI think in the nearest time');
    const ps = reports['002'].passages.filter((p) => p.paragraph === i);
    expect(ps.length).toBeGreaterThan(0);
    expect(ps.every((p) => p.kind === 'quote')).toBe(true);
    expect(ps[0].source.id).toBe('004');
  });

  it("002's BBC paragraph is credited (\"BBC reported\"), its AP-style copy is not", () => {
    const i = paragraphIndex('002', 'Opposition fighters are due');
    const p = reports['002'].passages.find((x) => x.paragraph === i);
    expect(p?.source.outlet).toBe('BBC News');
    expect(p?.credited).toBe(true);
  });

  it("004's furniture (teasers, Read more, Last update) is never reported as copied", () => {
    const tail = paragraphIndex('004', 'In depth coverage');
    expect(reports['004'].passages.filter((p) => p.paragraph >= tail)).toEqual([]);
  });

  it('passage offsets point at the text they quote, in both articles', () => {
    for (const p of order) {
      for (const x of reports[p].passages) {
        expect(articles[p].paragraphs[x.paragraph].slice(x.start, x.end)).toBe(x.text);
        const src = articles[x.source.id];
        const srcText = x.source.paragraph === -1 ? src.title! : src.paragraphs[x.source.paragraph];
        expect(srcText.slice(x.source.start, x.source.end)).toBe(x.source.text);
      }
    }
  });
});

describe('the cache of prepared sources', () => {
  const withoutTimes = (r: Report) => JSON.parse(JSON.stringify(r, (k, v) => (k === 'firstSeen' ? undefined : v)));

  it('changes no report: the same with room for one article (every source prepared again) as with the default', async () => {
    const tiny = await Engine.open(new MemoryStore(), { cacheWords: 1 });
    for (const p of order) expect(withoutTimes(await tiny.checkAndRecord(articles[p]))).toEqual(withoutTimes(reports[p]));
    // And again, each seed checked once more against all five (every one a source, the cache churning).
    const full = await Engine.open(new MemoryStore());
    for (const p of order) await full.record(articles[p]);
    for (const p of order) await tiny.record(articles[p]);
    for (const p of order) {
      const again = { ...articles[p], id: `${p}-again`, outlet: 'Reprints Weekly' };
      expect(withoutTimes(await tiny.check(again))).toEqual(withoutTimes(await full.check(again)));
    }
  });

  it('never serves another document\u2019s text: after the store is cleared, key 1 is a new article', async () => {
    const store = new MemoryStore();
    const e = await Engine.open(store);
    await e.record(articles['000']); // key 1, prepared and cached
    await store.clear();
    // Key 1 again, another text, recorded by another engine over the same store (as an import does).
    await (await Engine.open(store)).record({ ...articles['004'], id: 'dpa-again' });
    const fresh = await Engine.open(new MemoryStore());
    await fresh.record({ ...articles['004'], id: 'dpa-again' });
    const checked = { ...articles['004'], id: '004-check', outlet: 'Reprints Weekly', published: '2016-08-27T09:00:00Z' };
    const got = withoutTimes(await e.check(checked));
    expect(got).toEqual(withoutTimes(await fresh.check(checked)));
    expect(got.passages.length).toBeGreaterThan(5);
    for (const p of got.passages) expect(articles['004'].paragraphs.join('\n')).toContain(p.source.text);
  });

  it('keeps within its budget of words, dropping the least recently used first', async () => {
    const words = (p: string) => articles[p].paragraphs.join(' ').split(/\s+/).length;
    const budget = words('000') + words('004') + 200;
    const e = await Engine.open(new MemoryStore(), { cacheWords: budget });
    for (const p of order) await e.record(articles[p]);
    const cached = (e as unknown as { sources: SourceCache }).sources;
    expect(cached.words).toBeLessThanOrEqual(budget);
    expect(cached.keys().length).toBeGreaterThan(0);
    expect(cached.keys().length).toBeLessThan(order.length);
    // The newest recorded article is kept (key 5 is 003, recorded last); the first ones went.
    expect(cached.keys()).toContain(5);
    expect(cached.keys()).not.toContain(1);
    for (const bad of [NaN, -1]) await expect(Engine.open(new MemoryStore(), { cacheWords: bad })).rejects.toThrow(/cacheWords/);
  });
});
