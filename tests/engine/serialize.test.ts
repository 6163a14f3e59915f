import { describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/engine';
import { MemoryStore } from '../../src/engine/memory-store';
import { IndexFormatError, exportIndex, importIndex } from '../../src/engine/serialize';
import { packSource } from '../../src/engine/pack-header';
import { seed } from './seeds';
import { sealed } from './sealed';

async function lines(store: MemoryStore): Promise<string[]> {
  const out: string[] = [];
  for await (const l of exportIndex(store)) out.push(l);
  return out;
}

describe('index file', () => {
  it('round-trips: a loaded index answers exactly like the original', async () => {
    const a = await Engine.open(new MemoryStore());
    await a.record(seed('000'));
    await a.record(seed('004'));
    const text = await lines(a.store as MemoryStore);
    expect(JSON.parse(text[0])).toMatchObject({ format: 'wiretrace-index', version: 1, documents: 2 });
    const b = await Engine.open(new MemoryStore());
    expect(await importIndex(b, text)).toEqual({ documents: 2, skipped: 0, skippedIds: [], verified: true, articles: 2, declared: 2 });
    expect(await lines(b.store as MemoryStore)).toEqual(text);
    const q = seed('001');
    expect(await b.check(q)).toEqual(await a.check(q));
  });

  it('reads a plain corpus (no header, corpus aliases) by hashing it', async () => {
    const e = await Engine.open(new MemoryStore());
    const s = seed('000');
    const r = await importIndex(e, [JSON.stringify({ id: 'x', publisher: 'BBC News', scrapeTime: s.published, text: s.paragraphs.join('\n') })]);
    expect(r.documents).toBe(1);
    expect((await e.check(seed('001'))).sources[0]?.id).toBe('x');
  });

  it('is all-or-nothing: a bad line anywhere changes nothing and names the line', async () => {
    const e = await Engine.open(new MemoryStore());
    await e.record(seed('003'));
    const good = JSON.stringify({ id: 'g', outlet: 'o', paragraphs: ['some words here'] });
    for (const [bad, msg] of [
      ['{not json', /line 3: not valid JSON/],
      [JSON.stringify({ outlet: 'o', paragraphs: [] }), /line 3: the article has no id/],
      [JSON.stringify({ id: 'z', outlet: 'o', paragraphs: [1] }), /line 3: .*every paragraph must be a string/],
      [JSON.stringify({ id: 'z', outlet: 'o', paragraphs: ['x'], published: 'yesterday' }), /line 3: .*not a valid time/],
      [JSON.stringify({ format: 'wiretrace-index', version: 99 }), /line 3: .*(version 99|header)/],
    ] as const) {
      await expect(importIndex(e, [good, '', bad])).rejects.toThrow(msg);
      await expect(importIndex(e, [good, '', bad])).rejects.toBeInstanceOf(IndexFormatError);
      expect((await e.store.stats()).documents).toBe(1);
    }
  });

  it('refuses an index of another version', async () => {
    const e = await Engine.open(new MemoryStore());
    await expect(importIndex(e, [JSON.stringify({ format: 'wiretrace-index', version: 2, params: {} })])).rejects.toThrow(/version 2 is not supported/);
  });

  it("keeps the address a page was read at beside its canonical URL, in a backup but not in a pack", async () => {
    const a = await Engine.open(new MemoryStore());
    const canonical = 'https://news.example.com/2016/08/quake';
    const readAt = 'https://news.example.com/story.php?id=42&utm_source=feed';
    await a.record({ ...seed('000'), id: canonical, url: canonical, pageUrl: readAt, firstSeen: '2016-08-27T09:00:00Z' });
    // An address equal to the canonical one is not stored twice.
    await a.record({ ...seed('004'), id: 'https://dpa.example/4', url: 'https://dpa.example/4', pageUrl: 'https://dpa.example/4' });
    const text = await lines(a.store as MemoryStore);
    const line = JSON.parse(text.find((l) => l.includes(canonical))!);
    expect(line).toMatchObject({ url: canonical, pageUrl: readAt, published: '2016-08-26T10:00:00.000Z', firstSeen: '2016-08-27T09:00:00.000Z' });
    expect(JSON.parse(text.find((l) => l.includes('dpa.example'))!).pageUrl).toBeUndefined();

    const b = await Engine.open(new MemoryStore());
    expect((await importIndex(b, text)).documents).toBe(2);
    expect((await b.store.getDocumentById(canonical))?.pageUrl).toBe(readAt);
    expect(await lines(b.store as MemoryStore)).toEqual(text);

    const pack: string[] = [];
    for await (const l of exportIndex(a.store, { pack: { title: 'P', created: '2025-01-01T00:00:00.000Z' } })) pack.push(l);
    expect(pack.some((l) => l.includes('utm_source'))).toBe(false);
    const c = await Engine.open(new MemoryStore());
    await importIndex(c, pack);
    expect(await c.store.getDocumentById(canonical)).toMatchObject({ url: canonical, sources: [packSource({ title: 'P', created: '2025-01-01T00:00:00.000Z' })] });
    expect((await c.store.getDocumentById(canonical))?.pageUrl).toBeUndefined();
  });

  it('refuses a line whose pageUrl is not an http(s) address of at most 4,000 characters, and stores nothing', async () => {
    const a = await Engine.open(new MemoryStore());
    await a.record({ ...seed('000'), id: 'https://x.example/1', url: 'https://x.example/1', pageUrl: 'https://x.example/read?1' });
    const text = await lines(a.store as MemoryStore);
    const good = JSON.parse(text[1]);
    const long = `https://x.example/${'a'.repeat(4000)}`;
    for (const [pageUrl, why] of [
      [42, /pageUrl must be a string/],
      ['javascript:alert(1)', /pageUrl must be an http or https address/],
      ['/relative/path', /pageUrl must be an http or https address/],
      ['https://x.example/a b', /pageUrl must be an http or https address/],
      ['https://x.example/\u202eevil', /pageUrl must be an http or https address/],
      ['https:///no-host', /pageUrl must be an http or https address/],
      [long, /pageUrl is longer than 4000 characters/],
    ] as const) {
      const b = await Engine.open(new MemoryStore());
      await expect(importIndex(b, [text[0], sealed({ ...good, pageUrl })])).rejects.toThrow(why);
      await expect(importIndex(b, [text[0], sealed({ ...good, pageUrl })])).rejects.toThrow(/^line 2: /);
      expect((await b.store.stats()).documents).toBe(0);
    }
    // The longest allowed address loads, and an old line without the field too.
    const b = await Engine.open(new MemoryStore());
    const longest = long.slice(0, 4000);
    await importIndex(b, [text[0], sealed({ ...good, pageUrl: longest })]);
    expect((await b.store.getDocumentById('https://x.example/1'))?.pageUrl).toBe(longest);
    const { pageUrl: _gone, ...old } = good;
    const d = await Engine.open(new MemoryStore());
    await importIndex(d, [text[0], sealed(old)]);
    expect((await d.store.getDocumentById('https://x.example/1'))?.pageUrl).toBeUndefined();
  });
});
