/**
 * The engine on news in six scripts (tests/fixtures/scripts: Chinese, Japanese, Thai, Arabic,
 * Russian, German): the outlet's copied paragraphs are found, each with the wire as its source, at
 * offsets that map back into the text as given (right-to-left Arabic with a bidi mark inside a copied
 * paragraph included), and nothing else is flagged: not the wire, not the other outlet's own report.
 */
import { describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/engine';
import { MemoryStore } from '../../src/engine/memory-store';
import type { ArticleInput } from '../../src/engine/types';
import { expectedCopies, foundCopies, offsetProblems } from '../fixtures/scripts/findings';
import { article, LANGS, story, type StoryArticle } from '../fixtures/scripts/stories';

const input = (a: StoryArticle, lang: string): ArticleInput => ({ id: `${a.name}-${lang}`, outlet: a.outlet, published: a.published, title: a.title, lang, paragraphs: a.paragraphs });

describe.each(LANGS)('news in %s', (lang) => {
  const s = story(lang);

  it('finds the copied paragraphs with the wire as their source, and nothing else', async () => {
    const engine = await Engine.open(new MemoryStore());
    const wire = await engine.checkAndRecord(input(article(s, 'wire'), lang));
    const other = await engine.checkAndRecord(input(article(s, 'other'), lang));
    const outlet = await engine.checkAndRecord(input(article(s, 'outlet'), lang));
    expect(wire.passages).toEqual([]);
    expect(other.passages).toEqual([]);
    expect(foundCopies(outlet.passages)).toEqual(expectedCopies(s));
    expect(outlet.passages.every((p) => p.source.id === `wire-${lang}` && p.kind === 'copied')).toBe(true);
    expect(outlet.sources.map((x) => x.outlet)).toEqual([article(s, 'wire').outlet]);
    expect(offsetProblems(s, outlet.passages)).toEqual([]);
  });
});

describe('right-to-left Arabic', () => {
  it('maps passages back into the text as given: the bidi mark inside the copy stays in its place', async () => {
    const s = story('ar');
    const engine = await Engine.open(new MemoryStore());
    await engine.checkAndRecord(input(article(s, 'wire'), 'ar'));
    const outlet = article(s, 'outlet');
    const r = await engine.check(input(outlet, 'ar'));
    const verbatim = r.passages.find((p) => p.paragraph === 2)!;
    expect(outlet.paragraphs[2]).toContain('\u200f');
    // The whole paragraph, mark included; the source's text has no mark.
    expect(verbatim.text).toBe(outlet.paragraphs[2]);
    expect(verbatim.source.text).toBe(article(s, 'wire').paragraphs[1]);
    expect(verbatim.text.replace('\u200f', '')).toBe(verbatim.source.text);
    // The edited copy starts and ends where the paragraph does, at the first and last Arabic letter.
    const edited = r.passages.find((p) => p.paragraph === 1)!;
    expect(edited.start).toBe(0);
    expect(outlet.paragraphs[1].slice(edited.end).trim()).toMatch(/^[.]?$/);
  });
});
