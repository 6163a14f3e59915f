/**
 * The syndication graph (src/engine/syndication.ts): edges from a report's passages (credited and
 * uncredited apart, quotes-only links, quotations beside copy), a stored article checked without
 * finding itself, the demo's story followed from any of its articles, and a list of documents.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { extractHtml } from '../../cli/read-html';
import { Engine } from '../../src/engine/engine';
import { MemoryStore } from '../../src/engine/memory-store';
import { documentsSyndication, neighbours, reportEdges, storySyndication, SyndicationBuilder } from '../../src/engine/syndication';
import type { Passage, Report } from '../../src/engine/types';

const DEMO = resolve(import.meta.dirname, '../../demo');
const { pages } = JSON.parse(readFileSync(resolve(DEMO, 'articles.json'), 'utf8')) as { pages: Array<{ path: string; outlet: string; role: string }> };

function passage(sourceId: string, kind: Passage['kind'], credited: boolean, text: string, paragraph = 0): Passage {
  return {
    paragraph,
    start: 0,
    end: text.length,
    text,
    kind,
    coverage: 1,
    credited,
    source: { id: sourceId, outlet: `Outlet ${sourceId}`, published: '2025-01-01T00:00:00.000Z', paragraph: 0, start: 0, end: text.length, text },
    group: 0,
  };
}

function report(id: string, passages: Passage[]): Report {
  return {
    id,
    outlet: `Outlet ${id}`,
    published: '2025-01-02T00:00:00.000Z',
    paragraphs: 3,
    copiedShare: 0,
    quotedShare: 0,
    passages,
    sources: [],
    reusedBy: [],
    ownEarlier: [],
    earliest: false,
    boilerplate: [],
    credits: [],
    indexSize: 1,
  };
}

describe('edges of one report', () => {
  it('splits a pair partly credited into a credited and an uncredited edge, words counted per edge', () => {
    const edges = reportEdges(report('b', [passage('a', 'copied', true, 'one two three four', 0), passage('a', 'copied', false, 'five six seven', 1), passage('a', 'copied', true, 'eight nine', 2)]));
    expect(edges.map((e) => [e.from, e.to, e.credited, e.words, e.passages.length, e.quotesOnly])).toEqual([
      ['a', 'b', true, 6, 2, false],
      ['a', 'b', false, 3, 1, false],
    ]);
  });

  it('makes a quotes-only edge when a pair shares nothing but quotations', () => {
    const [e] = reportEdges(report('b', [passage('a', 'quote', false, '"we left with the clothes we had on"')]));
    expect(e).toMatchObject({ from: 'a', to: 'b', quotesOnly: true, credited: false, words: 8 });
  });

  it('adds quotations shared beside copy to the larger copy edge of the pair, in paragraph order', () => {
    const edges = reportEdges(report('b', [passage('a', 'quote', false, '"a quote here"', 3), passage('a', 'copied', false, 'copied words of prose here', 1), passage('a', 'copied', true, 'two words', 0)]));
    expect(edges).toHaveLength(2);
    const uncredited = edges.find((e) => !e.credited)!;
    expect(uncredited.words).toBe(8);
    expect(uncredited.passages.map((p) => p.paragraph)).toEqual([1, 3]);
    expect(edges.find((e) => e.credited)!.words).toBe(2);
  });

  it('gives one edge per source', () => {
    const edges = reportEdges(report('c', [passage('a', 'copied', false, 'x y'), passage('b', 'copied', false, 'z')]));
    expect(edges.map((e) => e.from)).toEqual(['a', 'b']);
  });

  it('collects the sources named by passages as articles, oldest first', () => {
    const b = new SyndicationBuilder();
    b.add(report('c', [passage('a', 'copied', false, 'x y')]));
    const g = b.graph();
    expect(g.articles.map((a) => a.id)).toEqual(['a', 'c']);
    expect(g.checked).toBe(1);
  });
});

describe('the demo story', () => {
  let engine: Engine;
  const keys = new Map<string, number>();

  beforeAll(async () => {
    engine = await Engine.open(new MemoryStore());
    for (const p of pages) {
      const r = extractHtml(readFileSync(resolve(DEMO, p.path), 'utf8'), `http://127.0.0.1:8080/${p.path}`);
      if (r.status !== 'ok') continue;
      const a = r.article;
      const { key } = await engine.record({ id: p.path, outlet: a.outlet ?? p.outlet, title: a.title, paragraphs: a.paragraphs, published: a.published, url: a.url });
      keys.set(p.role, key);
    }
  });

  it('checks a stored article without finding itself', async () => {
    const wire = await engine.checkStored(keys.get('wire')!);
    expect(wire!.passages).toEqual([]);
    expect(wire!.reusedBy.map((r) => r.outlet)).toEqual(expect.arrayContaining(['Northshore Gazette', 'Coastline Daily']));
    expect(neighbours(wire!)).not.toContain(wire!.id);
    expect(await engine.checkStored(9999)).toBeUndefined();
  });

  it('reaches every article of the story from any of them, with the wire story arrows to its outlets', async () => {
    for (const start of ['wire', 'light-edit-uncredited', 'rewrite-quotes-only']) {
      const g = (await storySyndication(engine, keys.get(start)!))!;
      expect(g.truncated).toBe(false);
      expect(new Set(g.articles.map((a) => a.outlet))).toEqual(new Set(['Meridian Wire', 'Northshore Gazette', 'Coastline Daily', 'The Estuary Post', 'The Morning Ledger', 'Quayside Tech & Town']));
      const fromWire = g.edges.filter((e) => e.from === 'meridian-wire/lennock-floodgate.html');
      const to = (outlet: string) => fromWire.find((e) => g.articles.find((a) => a.id === e.to)?.outlet === outlet);
      expect(to('Northshore Gazette')).toMatchObject({ credited: true, quotesOnly: false });
      expect(to('Coastline Daily')).toMatchObject({ credited: false, quotesOnly: false });
      expect(to('Coastline Daily')!.words).toBeGreaterThan(200);
      expect(to('The Morning Ledger')).toMatchObject({ quotesOnly: true });
      // Every edge goes forward in time, and never within one outlet.
      const byId = new Map(g.articles.map((a) => [a.id, a]));
      for (const e of g.edges) {
        expect(Date.parse(byId.get(e.from)!.published!)).toBeLessThan(Date.parse(byId.get(e.to)!.published!));
        expect(byId.get(e.from)!.outlet).not.toBe(byId.get(e.to)!.outlet);
        expect(e.passages.length).toBeGreaterThan(0);
      }
    }
  });

  it('stops a story at maxArticles and says so', async () => {
    const g = (await storySyndication(engine, keys.get('wire')!, { maxArticles: 2 }))!;
    expect(g.checked).toBe(2);
    expect(g.truncated).toBe(true);
  });

  it('builds the graph of a list of documents with progress, and stops when asked', async () => {
    const all = [...keys.values()];
    const progress: number[] = [];
    const g = await documentsSyndication(engine, all, { onProgress: (d) => progress.push(d) });
    expect(progress).toEqual(all.map((_, i) => i + 1));
    expect(g.checked).toBe(all.length);
    const story = (await storySyndication(engine, keys.get('wire')!))!;
    expect(g.edges.map((e) => `${e.from} ${e.to} ${e.credited}`).sort()).toEqual(story.edges.map((e) => `${e.from} ${e.to} ${e.credited}`).sort());
    let n = 0;
    const stopped = await documentsSyndication(engine, all, { stop: () => n++ >= 2 });
    expect(stopped.checked).toBe(2);
  });
});
