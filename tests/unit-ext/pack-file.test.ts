/**
 * The Library's view of an index file before import (pack description, counts, outlets, time span,
 * the line at fault) and the header it writes for an exported pack, read back by the engine's importer.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/engine';
import { MemoryStore } from '../../src/engine/memory-store';
import { packId } from '../../src/engine/pack-header';
import { importIndex } from '../../src/engine/serialize';
import { packHeaderLine, previewIndexFile } from '../../src/pack-file';
import { sealed } from '../engine/sealed';

const demo = readFileSync(new URL('../../demo/demo.pack.jsonl', import.meta.url), 'utf8').trim().split('\n');

describe('previewIndexFile', () => {
  it('describes the demo pack: its header, articles, outlets and time span', () => {
    const r = previewIndexFile(demo);
    if (!r.ok) throw new Error(r.message);
    const header = JSON.parse(demo[0]);
    expect(r.preview.pack).toMatchObject({ title: header.pack.title, id: packId(header.pack) });
    expect(r.preview.articles).toBe(demo.length - 1);
    expect(r.preview.outlets.reduce((n, o) => n + o.articles, 0)).toBe(demo.length - 1);
    expect(r.preview.outlets[0]).toEqual({ name: 'Meridian Wire', articles: 2 });
    expect(r.preview.from! <= r.preview.to!).toBe(true);
    expect(r.preview.verified).toBe(true);
  });

  it('names the line at fault: bad JSON, a bad header field, a pack cut short', () => {
    expect(previewIndexFile([demo[0], demo[1], '{"id": "x",'])).toEqual({ ok: false, line: 3, message: 'not valid JSON' });
    const header = JSON.parse(demo[0]);
    expect(previewIndexFile([sealed({ ...header, pack: { ...header.pack, title: '' } })])).toMatchObject({ ok: false, line: 1, message: expect.stringMatching(/^pack\.title/) });
    expect(previewIndexFile(demo.slice(0, 3))).toMatchObject({ ok: false, line: 1, message: expect.stringMatching(/cut short/) });
    expect(previewIndexFile(['[1, 2]'])).toEqual({ ok: false, line: 1, message: 'not a JSON object' });
  });

  it('takes a plain corpus file (no header) as articles without a pack', () => {
    const r = previewIndexFile(['{"id":"a","publisher":"X","paragraphs":["p"]}', '', '{"id":"b","outlet":"Y","paragraphs":["q"],"published":"2020-01-02"}']);
    expect(r).toEqual({ ok: true, preview: { articles: 2, outlets: [{ name: 'X', articles: 1 }, { name: 'Y', articles: 1 }], from: '2020-01-02T00:00:00.000Z', to: '2020-01-02T00:00:00.000Z', verified: false } });
  });
});

describe('packHeaderLine', () => {
  it('writes a header the importer reads as a pack', async () => {
    const info = { title: 'Harbour stories', created: '2026-01-05T10:00:00Z', tags: ['class'] };
    const lines = [packHeaderLine(JSON.parse(demo[0]).params, 2, info), demo[1], demo[2]];
    const r = await importIndex(await Engine.open(new MemoryStore()), lines);
    expect(r).toMatchObject({ documents: 2, pack: info });
    await expect(importIndex(await Engine.open(new MemoryStore()), [packHeaderLine(null, 3, info), demo[1]])).rejects.toThrow(/says 3 articles/);
  });
});
