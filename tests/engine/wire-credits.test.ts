/**
 * Credits through a wire and the article's own credits: a passage is credited when the article
 * credits the source's outlet, or a wire the source credits too (creditedVia); inline credits inside
 * the copied text are the source's; datelines credit the whole article; stored documents keep their
 * credits through the memory store and the index file, and have them found when stored without.
 */
import { describe, expect, it } from 'vitest';
import { findCredits } from '../../src/engine/credits';
import { newDocument } from '../../src/engine/documents';
import { Engine } from '../../src/engine/engine';
import { MemoryStore } from '../../src/engine/memory-store';
import { prepareArticle } from '../../src/engine/prepare';
import { IndexFormatError, exportIndex, importIndex } from '../../src/engine/serialize';
import type { ArticleInput } from '../../src/engine/types';
import { sealed } from './sealed';

const AP = [
  'A face-to-face sitdown with a long-feared foe turned into a mass media event on Monday, complete with powerful presidential images and a long list of demands from both sides.',
  'The two leaders first met one-on-one in the presidential palace, with only their interpreters present, before being joined by their aides for a working lunch that ran late.',
  'Officials on both sides said the meeting would cover arms control, the war in Syria and trade, though neither expected an agreement to be signed before the end of the week.',
];
const art = (id: string, outlet: string, hour: number, paragraphs: string[]): ArticleInput => ({ id, outlet, published: `2018-07-16T${String(hour).padStart(2, '0')}:00:00Z`, paragraphs });
/** dailymail.co.uk runs the AP copy with an AP byline and dateline. */
const mail = art('mail', 'dailymail.co.uk', 8, ['By JILL COLVIN and VLADIMIR ISACHENKOV Associated Press', `HELSINKI (AP) - ${AP[0]}`, AP[1], AP[2]]);
/** chron.com runs the same copy later, its dateline below a caption and a share bar. */
const chron = art('chron', 'chron.com', 10, ['The two leaders shook hands before the cameras. (Photo: Pool)', 'Share this story', 'Updated 10am', `HELSINKI (AP) — ${AP[0]}`, AP[1], AP[2]]);

async function engineWith(...articles: ArticleInput[]): Promise<Engine> {
  const e = await Engine.open(new MemoryStore());
  for (const a of articles) await e.record(a);
  return e;
}

describe('credits through a wire', () => {
  it('a passage is credited via a wire the article and its source both credit, in check and in checkAndRecord', async () => {
    for (const how of ['check', 'checkAndRecord'] as const) {
      const e = await engineWith(mail);
      const r = await e[how](chron);
      expect(r.passages.map((p) => [p.paragraph, p.source.id, p.credited, p.creditedVia])).toEqual([
        [3, 'mail', true, 'Associated Press'],
        [4, 'mail', true, 'Associated Press'],
        [5, 'mail', true, 'Associated Press'],
      ]);
      expect(r.sources.map((s) => [s.id, s.credited])).toEqual([['mail', 'yes']]);
      expect(r.credits.map((c) => [c.paragraph, c.name, c.scope])).toEqual([[3, 'Associated Press', 'article']]);
    }
  });

  it('needs both: the article crediting the wire, and the source crediting it for that text', async () => {
    const plainMail = art('mail', 'dailymail.co.uk', 8, [AP[0], AP[1], AP[2]]);
    expect((await (await engineWith(plainMail)).check(chron)).passages.map((p) => p.credited)).toEqual([false, false, false]);
    const plainChron = art('chron', 'chron.com', 10, [AP[0], AP[1], AP[2]]);
    expect((await (await engineWith(mail)).check(plainChron)).passages.map((p) => p.credited)).toEqual([false, false, false]);
    // The source credits the wire for one paragraph only: only the text from that paragraph is credited through it.
    const oneParagraph = art('mail', 'dailymail.co.uk', 8, [AP[0], `${AP[1]} The Associated Press reported.`, AP[2]]);
    const r = await (await engineWith(oneParagraph)).check(chron);
    expect(r.passages.map((p) => [p.source.paragraph, p.creditedVia ?? null])).toEqual([[0, null], [1, 'Associated Press'], [2, null]]);
  });

  it('a direct credit of the source outlet needs no wire', async () => {
    const r = await (await engineWith(mail)).check(art('c', 'chron.com', 10, [`${AP[0]} The Daily Mail reported.`]));
    expect(r.passages.map((p) => [p.credited, p.creditedVia])).toEqual([[true, undefined]]);
  });

  it('works through an index file: credits written per line, read back, and found again for a line without them', async () => {
    const a = await engineWith(mail);
    const lines: string[] = [];
    for await (const l of exportIndex(a.store)) lines.push(l);
    const written = JSON.parse(lines[1]);
    expect(written.credits).toEqual(findCredits(mail.paragraphs));
    expect(written.credits.map((c: { name: string }) => c.name)).toEqual(['Associated Press', 'Associated Press']);
    const { credits: _dropped, ...older } = written;
    for (const file of [lines, [lines[0], sealed(older)]]) {
      const b = await Engine.open(new MemoryStore());
      expect(await importIndex(b, file)).toEqual({ documents: 1, skipped: 0, skippedIds: [], verified: true, articles: 1, declared: 1 });
      expect((await b.store.getDocumentById('mail'))!.credits).toEqual(written.credits);
      expect(await b.check(chron)).toEqual(await a.check(chron));
    }
  });

  it('refuses an index line whose credits are malformed, naming the line', async () => {
    const a = await engineWith(mail);
    const lines: string[] = [];
    for await (const l of exportIndex(a.store)) lines.push(l);
    const line = JSON.parse(lines[1]);
    for (const credits of ['AP', [{ name: 'AP', paragraph: 9, start: 0, end: 2, scope: 'article' }], [{ name: 'AP', paragraph: 0, start: 5, end: 2, scope: 'article' }], [{ name: '', paragraph: 0, start: 0, end: 2, scope: 'article' }], [{ name: 'AP', paragraph: 0, start: 0, end: 2, scope: 'page' }]]) {
      const e = await Engine.open(new MemoryStore());
      await expect(importIndex(e, [lines[0], sealed({ ...line, credits })])).rejects.toThrow(/line 2: bad credits/);
      await expect(importIndex(e, [lines[0], JSON.stringify({ ...line, credits })])).rejects.toBeInstanceOf(IndexFormatError);
      expect((await e.store.stats()).documents).toBe(0);
    }
  });

  it('a stored document keeps its credits; one stored without them (an older record) has them found when needed', async () => {
    const e = await engineWith(mail);
    expect((await e.store.getDocumentById('mail'))!.credits).toEqual(findCredits(mail.paragraphs));
    const old = await Engine.open(new MemoryStore());
    const prep = prepareArticle(mail.title, mail.paragraphs, 4);
    await old.store.putDocument(newDocument(mail), old.unitRecords(prep), prep.fingerprint.slice(1));
    expect((await old.store.getDocumentById('mail'))!.credits).toBeUndefined();
    expect((await old.check(chron)).passages.map((p) => p.creditedVia)).toEqual(['Associated Press', 'Associated Press', 'Associated Press']);
  });
});

describe("the article's own credits", () => {
  const wire = [
    'An inspection report published by the authority last autumn had flagged corrosion on two of the barrier hinges and recommended replacing them within three years, according to documents seen by Meridian Wire.',
    'Engineers worked through the night on Friday to close a damaged floodgate on the estuary barrier after a steel hinge failed during a spring tide, forcing the evacuation of thousands.',
  ];
  it('a credit inside the copied text, where the source has it too, is not the article\'s', async () => {
    const e = await engineWith(art('w', 'Meridian Wire', 6, wire));
    const r = await e.check(art('post', 'The Estuary Post', 9, ['Margaret Fenwick had just put the kettle on when a firefighter knocked on her door on Anchor Row.', wire[0]]));
    expect(r.passages.map((p) => [p.paragraph, p.credited])).toEqual([[1, false]]);
    expect(r.credits).toEqual([]);
    // The article's own words in the same paragraph do credit it.
    const own = await e.check(art('post2', 'The Estuary Post', 9, [`${wire[0]} Meridian Wire reported the findings on Saturday.`]));
    expect(own.passages.map((p) => p.credited)).toEqual([true]);
    expect(own.credits.map((c) => own.passages[0].text.length <= c.start)).toEqual([true]);
  });

  it('a dateline credits the whole article, also below a caption and a byline, and also when copied with the text', async () => {
    const e = await engineWith(art('w', 'Meridian Wire', 6, [`LENNOCK (Meridian Wire) — ${wire[1]}`, wire[0]]));
    const r = await e.check(art('g', 'Northshore Gazette', 9, ['Buses wait to take residents to higher ground. Photograph: Pool', 'Published Friday 14 March 2025, 7.05am', `LENNOCK (Meridian Wire) — ${wire[1]}`, wire[0]]));
    expect(r.passages.map((p) => [p.paragraph, p.credited])).toEqual([[2, true], [3, true]]);
    expect(r.credits.map((c) => [c.paragraph, c.scope])).toEqual([[2, 'article']]);
  });
});
