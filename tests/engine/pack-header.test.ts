/**
 * The index header's schema (src/engine/pack-header.ts) and the pack and guid fields through
 * exportIndex / importIndex: a pack round-trips, a version-1 file without them still loads, and a bad
 * header names the field at fault.
 */
import { describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/engine';
import { MemoryStore } from '../../src/engine/memory-store';
import { checkHeader, checkPack } from '../../src/engine/pack-header';
import { exportIndex, importIndex } from '../../src/engine/serialize';
import { sealed } from './sealed';
import { seed } from './seeds';

const PACK = { title: 'Wire week', description: 'Seven days of wire copy', creator: 'Desk', created: '2025-03-14T18:00:00.000Z', licence: 'CC-BY-4.0', tags: ['wire'] };

async function lines(store: MemoryStore, pack?: typeof PACK): Promise<string[]> {
  const out: string[] = [];
  for await (const l of exportIndex(store, { pack })) out.push(l);
  return out;
}

describe('index packs', () => {
  it('a pack and an article guid round-trip; the same file without them loads as before', async () => {
    const a = await Engine.open(new MemoryStore());
    await a.record({ ...seed('000'), guid: 'urn:wire:1' });
    await a.record(seed('004'));
    const text = await lines(a.store as MemoryStore, PACK);
    expect(JSON.parse(text[0]).pack).toEqual(PACK);
    expect(JSON.parse(text[1]).guid).toBe('urn:wire:1');
    expect(JSON.parse(text[2]).guid).toBeUndefined();
    const b = await Engine.open(new MemoryStore());
    expect(await importIndex(b, text)).toEqual({ documents: 2, skipped: 0, skippedIds: [], pack: PACK, verified: true, articles: 2, declared: 2 });
    expect(await lines(b.store as MemoryStore, PACK)).toEqual(text);
    const plain = await Engine.open(new MemoryStore());
    const header = JSON.parse(text[0]);
    delete header.pack;
    expect(await importIndex(plain, [sealed(header), ...text.slice(1)])).toEqual({ documents: 2, skipped: 0, skippedIds: [], verified: true, articles: 2, declared: 2 });
  });

  it('names the field at fault', () => {
    const base = { format: 'wiretrace-index', version: 1, params: null, documents: 0 };
    expect(checkHeader({ ...base, pack: PACK }).ok).toBe(true);
    expect(checkHeader({ ...base, pack: { ...PACK, title: '' } })).toEqual({ ok: false, message: 'pack.title: must not be empty' });
    expect(checkHeader({ ...base, pack: { ...PACK, tags: ['a', ''] } })).toEqual({ ok: false, message: 'pack.tags[1]: must not be empty' });
    expect(checkHeader({ ...base, pack: 'yes' })).toEqual({ ok: false, message: 'pack: must be an object' });
    expect(checkHeader({ ...base, documents: -1 })).toEqual({ ok: false, message: 'documents: must not be negative' });
    expect(checkHeader({ ...base, params: { shingle: 4 } })).toEqual({ ok: false, message: 'params.hashes: is missing' });
    expect(checkPack({ title: 'x' })).toEqual({ ok: false, message: 'created: is missing' });
    expect(checkPack({ title: 'x', created: '2025-13-45' }).ok).toBe(false);
    // Fields a later header may add are ignored, not refused.
    expect(checkHeader({ ...base, pack: { ...PACK, homepage: 'https://x.example/' }, extra: 1 }).ok).toBe(true);
  });

  it('refuses a bad pack header, with the line', async () => {
    const e = await Engine.open(new MemoryStore());
    await expect(importIndex(e, [JSON.stringify({ format: 'wiretrace-index', version: 1, params: null, pack: { title: 'x', created: 'soon' } })])).rejects.toThrow(
      'line 1: bad header: pack.created: must be an ISO 8601 time such as 2025-03-14T06:00:00Z',
    );
  });
});
