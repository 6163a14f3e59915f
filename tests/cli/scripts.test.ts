/**
 * `wiretrace audit --json` on news in six scripts (tests/fixtures/scripts): the pages (each extracted
 * as an article, whatever its script) and the same stories as corpus lines (`paragraphs`, `text` and
 * `html`). For each language the outlet's copied paragraphs are found with the wire as their source,
 * at offsets into the text as read, and nothing else is flagged. The checked-in pages and corpora
 * must be what generate.ts makes of the stories.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectedCopies, foundCopies, offsetProblems } from '../fixtures/scripts/findings';
import { article, DIR, LANGS, story, storyFiles } from '../fixtures/scripts/stories';
import { parseDocuments, wiretrace, type Run } from './run';

// One run over every language's pages and one over every corpus (the stories share no text).
let pages: Run;
let corpora: Run;
beforeAll(async () => {
  [pages, corpora] = await Promise.all([
    wiretrace(['audit', '--json', '--with-text', ...LANGS.map((lang) => join(DIR, lang, 'pages'))]),
    wiretrace(['audit', '--json', '--with-text', ...LANGS.map((lang) => join(DIR, lang, 'corpus.jsonl'))]),
  ]);
});

describe('the runs', () => {
  it('read every page and line as an article, without a message', () => {
    for (const r of [pages, corpora]) {
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(parseDocuments(r.stdout)).toHaveLength(3 * LANGS.length);
    }
  });
});

describe.each(LANGS)('news in %s', (lang) => {
  const s = story(lang);
  const wireOutlet = article(s, 'wire').outlet;

  it('the pages: every one an article, the copy found with its source', () => {
    const dir = join(DIR, lang, 'pages');
    const byId = new Map(parseDocuments(pages.stdout).map((d) => [d.id, d]));
    const docs = (['wire', 'other', 'outlet'] as const).map((n) => byId.get(join(dir, `${n}.html`))!);
    for (const [doc, name] of docs.map((d, i) => [d, (['wire', 'other', 'outlet'] as const)[i]] as const)) {
      // The story's paragraphs, exactly: no byline, kicker, date, related links or footer.
      expect(doc.paragraphTexts, `${lang} ${name}`).toEqual(article(s, name).paragraphs);
      expect(doc.outlet).toBe(article(s, name).outlet);
    }
    const [wire, other, outlet] = docs;
    expect(wire.passages).toEqual([]);
    expect(other.passages).toEqual([]);
    expect(foundCopies(outlet.passages)).toEqual(expectedCopies(s));
    expect(outlet.passages.every((p) => p.source.id === wire.id && p.source.outlet === wireOutlet)).toBe(true);
    expect(offsetProblems(s, outlet.passages, outlet.paragraphTexts as string[])).toEqual([]);
  });

  it('the corpus lines: the same findings', () => {
    const byId = new Map(parseDocuments(corpora.stdout).map((d) => [d.id, d]));
    const [wire, other, outlet] = ['wire', 'other', 'outlet'].map((n) => byId.get(`${n}-${s.lang}`)!);
    expect(other.paragraphTexts).toEqual(article(s, 'other').paragraphs);
    expect(outlet.paragraphTexts).toEqual(article(s, 'outlet').paragraphs);
    expect(outlet.outlet).toBe(article(s, 'outlet').outlet);
    expect(wire.passages).toEqual([]);
    expect(other.passages).toEqual([]);
    expect(foundCopies(outlet.passages)).toEqual(expectedCopies(s));
    expect(outlet.passages.every((p) => p.source.id === wire.id)).toBe(true);
    expect(offsetProblems(s, outlet.passages)).toEqual([]);
  });

  it('the checked-in pages and corpus are generated from the story', () => {
    for (const [path, text] of Object.entries(storyFiles(lang))) expect(readFileSync(join(DIR, lang, path), 'utf8'), path).toBe(text);
  });
});
