import { describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/engine';
import { MemoryStore } from '../../src/engine/memory-store';
import { IndexFormatError, exportIndex, importIndex } from '../../src/engine/serialize';
import { seed } from './seeds';

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
});
