/**
 * Directories as inputs: -r/--recursive searches subdirectories (files in path order, the same on
 * every machine), links to directories are not followed; the demo site audited from the command
 * line; pages that are not articles skipped with a note (exit 0); --force checks them without
 * recording them; --with-text.
 */
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { FILLER, STORY, STORY_TITLE } from './fixtures';
import { messages, parseDocuments, ROOT, tempFiles, wiretrace } from './run';

const t = tempFiles();
const write = (path: string, text: string) => {
  mkdirSync(join(t.dir, path, '..'), { recursive: true });
  writeFileSync(join(t.dir, path), text);
};
const txt = (title: string, ...paragraphs: string[]) => [title, ...paragraphs].join('\n');
write('site/b.txt', txt(STORY_TITLE, ...STORY));
write('site/a-z.txt', txt('Bakery', FILLER[0], FILLER[1]));
write('site/a/z.txt', txt('Copy', STORY[0], STORY[1]));
write('site/a/b/deep.txt', txt('Deep', FILLER[2]));
write('site/a.txt', txt('Bread', FILLER[3]));
write('site/notes.md', '# not an input\n');
write('site/assets/site.css', 'body {}');
write('only-dirs/x/inner.txt', txt('Inner', FILLER[0]));
write('elsewhere/linked.txt', txt('Linked', FILLER[1]));
symlinkSync(join(t.dir, 'elsewhere'), join(t.dir, 'site/link-to-dir'));
write('links.html', '<!doctype html><html lang="en"><head><title>Links</title></head><body><h1>Links</h1><ul><li><a href="/a">A story</a></li><li><a href="/b">Another story</a></li></ul></body></html>');
afterAll(() => t.cleanup());

describe('directories', () => {
  test('-r: every input file below the directory, sorted by path; links to directories are not followed', async () => {
    const r = await wiretrace(['audit', '--json', '--order', 'given', '-r', 'site'], { cwd: t.dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // Code unit order of the paths below site/: '-' < '.' < '/'.
    const ids = parseDocuments(r.stdout).map((d) => d.id);
    expect(ids).toEqual(['site/a-z.txt', 'site/a.txt', 'site/a/b/deep.txt', 'site/a/z.txt', 'site/b.txt']);
    const long = await wiretrace(['audit', '--json', '--order', 'given', '--recursive', 'site/'], { cwd: t.dir });
    expect(parseDocuments(long.stdout).map((d) => d.id)).toEqual(ids);
  });

  test('without -r a directory is its own files only, and a directory of directories says -r', async () => {
    const r = await wiretrace(['audit', '--json', '--order', 'given', 'site', 'only-dirs'], { cwd: t.dir });
    expect(r.code).toBe(1);
    expect(parseDocuments(r.stdout).map((d) => d.id)).toEqual(['site/a-z.txt', 'site/a.txt', 'site/b.txt']);
    expect(messages(r.stderr)).toEqual(['wiretrace: only-dirs: the directory has no .txt, .html, .jsonl or .jsonl.gz files (-r searches its subdirectories too)']);
  });

  test('the demo site: every article page, the two pages that are not articles and the demo pack skipped with a note; exit 0', async () => {
    const r = await wiretrace(['audit', '--json', '-r', resolve(ROOT, 'demo')], { cwd: t.dir });
    expect(r.code).toBe(0);
    const skipped = 'note: not an article (the page does not look like one: a contents page, a section front, search results); skipped (--force checks it without recording it)';
    expect(messages(r.stderr).map((m) => m.replace(`${resolve(ROOT, 'demo')}/`, ''))).toEqual([
      'wiretrace: demo.pack.jsonl: note: an index pack, left out of the directory (it holds articles made from files; name it as an input to read it)',
      `wiretrace: index.html: ${skipped}`,
      `wiretrace: northshore-gazette/index.html: ${skipped}`,
    ]);
    const docs = parseDocuments(r.stdout);
    expect(docs.map((d) => d.outlet)).toEqual(['Meridian Wire', 'Northshore Gazette', 'Coastline Daily', 'The Estuary Post', 'Meridian Wire', 'The Morning Ledger', 'Quayside Tech & Town']);
    const post = docs[3];
    expect(post.published).toBe('2025-03-14T10:15:00.000Z');
    const gazette = docs[1];
    expect(gazette.sources).toEqual([expect.objectContaining({ outlet: 'Meridian Wire', credited: 'yes' })]);
    // The wire's update repeats three paragraphs of its morning story, which the Gazette carried in
    // between: its own outlet's earlier text, not copy from the Gazette.
    const update = docs[4];
    expect(update.id).toMatch(/meridian-wire\/lennock-floodgate-update\.html$/);
    expect(update.passages).toEqual([]);
    expect(update.ownEarlier).toEqual([4, 5, 6].map((paragraph) => ({ paragraph, source: expect.objectContaining({ id: docs[0].id, outlet: 'Meridian Wire' }) })));
    expect(update.updateOf).toBeNull();
    // A quote carried by the Ledger in Coastline Daily's edited version: the closest source, and the wire had it first.
    const ledger = docs[5];
    expect(ledger.passages.every((p) => p.kind === 'quote' && !p.credited)).toBe(true);
    expect(ledger.passages.map((p) => [p.source.outlet, p.firstSeen?.outlet ?? null])).toContainEqual(['Coastline Daily', 'Meridian Wire']);
  });

  test('the demo site read aloud: the update names its own earlier text', async () => {
    const r = await wiretrace(['audit', '-r', resolve(ROOT, 'demo')], { cwd: t.dir });
    expect(r.stdout).toContain("its outlet's own earlier text: ¶5, ¶6, ¶7 (in ");
    expect(r.stdout).toMatch(/first seen in Meridian Wire \(.*meridian-wire\/lennock-floodgate\.html\)/);
  });

  test('--force reads a page that does not look like an article; --with-text adds the paragraphs', async () => {
    const plain = await wiretrace(['audit', '--json', 'links.html'], { cwd: t.dir });
    expect(plain.code).toBe(0);
    expect(messages(plain.stderr)).toEqual([expect.stringMatching(/^wiretrace: links\.html: note: not an article \(the page does not look like one/)]);
    expect(parseDocuments(plain.stdout)).toEqual([]);
    const forced = await wiretrace(['audit', '--json', '--force', '--with-text', 'links.html', 'site/b.txt'], { cwd: t.dir });
    expect(forced.stderr).toBe('');
    expect(forced.code).toBe(0);
    const [links, story] = parseDocuments(forced.stdout);
    expect(links).toMatchObject({ id: 'links.html', outlet: 'links', paragraphs: 2, paragraphTexts: ['A story', 'Another story'], notRecorded: 'not-article' });
    expect(story.paragraphTexts).toEqual(STORY);
    expect(story).toMatchObject({ notRecorded: null });
  });

  test('--force checks a page that is not an article but never records it: not for later articles, not into --index', async () => {
    // A section front listing the story's opening sentences as teasers, then a copy of the story.
    const teasers = STORY.slice(0, 4).map((p, i) => `<li><a href="/story/${i}">${p}</a></li>`).join('');
    write('front/section.html', `<!doctype html><html lang="en"><head><title>Local news</title></head><body><h1>Local news</h1><ul>${teasers}</ul></body></html>`);
    write('front/copy.txt', txt('Bridge copy', ...STORY.slice(0, 4)));
    const index = join(t.dir, 'front.idx');
    const r = await wiretrace(['audit', '--json', '--force', '--order', 'given', '--index', index, 'front/section.html', 'front/copy.txt'], { cwd: t.dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const [front, copy] = parseDocuments(r.stdout);
    expect(front).toMatchObject({ id: 'front/section.html', notRecorded: 'not-article' });
    // The teasers did not become a source of the story they list.
    expect(copy.passages).toEqual([]);
    const saved = readFileSync(index, 'utf8').trim().split('\n');
    expect(JSON.parse(saved[0])).toMatchObject({ documents: 1 });
    expect(saved.slice(1).map((l) => JSON.parse(l).id)).toEqual(['front/copy.txt']);
    // The readable output says so; checking again against the index still records nothing new.
    const human = await wiretrace(['audit', '--force', '--index', index, 'front/section.html'], { cwd: t.dir });
    expect(human.code).toBe(0);
    expect(human.stdout).toContain('  not recorded: the page is not an article (read with --force)\n');
    expect(human.stdout).toMatch(/index .*front\.idx now holds 1 article\n/);
  });
});
