/**
 * Reading .txt, .html, .jsonl and .jsonl.gz: one story and its copies in every format, checked
 * in time order (from --meta and the page's own metadata), as JSON, as text, and with --quiet.
 */
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, test } from 'vitest';
import { FILLER, GERMAN, STORY, STORY_TITLE } from './fixtures';
import { messages, parseDocuments, tempFiles, wiretrace, type JsonDocument } from './run';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

const page = `<!doctype html>
<html lang="en"><head>
<title>Bridge reopens to traffic | The Quayside Gazette</title>
<meta property="og:site_name" content="The Quayside Gazette">
<meta property="article:published_time" content="2024-03-04T11:00:00Z">
<link rel="canonical" href="https://gazette.example/news/bridge-reopens">
</head><body>
<header><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav></header>
<main><article>
<h1>Bridge reopens to traffic</h1>
<p>${esc(STORY[0])}</p>
<p>${esc(STORY[1])}</p>
<blockquote><p>${esc(FILLER[0])}</p></blockquote>
<ul><li>${esc(STORY[2])}</li></ul>
<h2>What comes next</h2>
<p>${esc(FILLER[1])}</p>
</article></main>
<footer><p>Copyright The Quayside Gazette</p></footer>
</body></html>`;

const jsonl = (...objs: object[]) => objs.map((o) => JSON.stringify(o)).join('\n') + '\n';

const t = tempFiles({
  'kelmsworth-herald.txt': [STORY_TITLE, ...STORY].join('\n\n'),
  'gazette.html': page,
  'wire.jsonl': jsonl(
    { id: 'wire-1', outlet: 'Wire Service', published: '2024-03-04T12:00:00Z', title: 'Bridge', paragraphs: [FILLER[2], STORY[3], STORY[4]] },
    { id: 'wire-2', publisher: 'Other Wire', scrapeTime: '2024-03-04T12:30:00Z', text: `${FILLER[3]}\n${STORY[5]}` },
  ),
  'digest.jsonl.gz': gzipSync(jsonl({ id: 'digest-1', outlet: 'Digest', published: '2024-03-04T13:00:00Z', paragraphs: ['Today in brief.', `As reported: ${STORY[6]}`] })),
  'zeitung-a.txt': ['Brücke wird erneuert', ...GERMAN].join('\n'),
  'zeitung-b.txt': ['Lindenau: neue Brücke', GERMAN[0].replace('am Dienstag', 'am Dienstagabend'), GERMAN[1], 'Ein eigener Absatz über etwas völlig anderes, nämlich das Wetter am Wochenende.'].join('\n'),
  'meta.json': JSON.stringify({
    'kelmsworth-herald.txt': { outlet: 'Kelmsworth Herald', published: '2024-03-04T10:00:00Z', url: 'https://herald.example/bridge' },
    'zeitung-a': { outlet: 'Lindenauer Zeitung', published: '2024-03-05T08:00:00Z' },
    'zeitung-b.txt': { outlet: 'Tagesblatt', published: '2024-03-05T09:00:00Z' },
  }),
});
afterAll(() => t.cleanup());

// Arguments deliberately not in time order: the audit sorts them by publication time.
const INPUTS = ['digest.jsonl.gz', 'wire.jsonl', 'gazette.html', 'zeitung-b.txt', 'kelmsworth-herald.txt', 'zeitung-a.txt'];

const byId = (docs: JsonDocument[], id: string) => {
  const d = docs.find((x) => x.id === id);
  if (!d) throw new Error(`no document ${id}`);
  return d;
};

describe('reading every input format', () => {
  test('--json: metadata, passages with offsets into the paragraphs as given, sources', async () => {
    const r = await wiretrace(['audit', '--json', '--meta', 'meta.json', ...INPUTS], { cwd: t.dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const docs = parseDocuments(r.stdout);
    expect(docs.map((d) => d.id)).toEqual(['kelmsworth-herald.txt', 'gazette.html', 'wire-1', 'wire-2', 'digest-1', 'zeitung-a.txt', 'zeitung-b.txt']);

    const herald = byId(docs, 'kelmsworth-herald.txt');
    expect(herald).toMatchObject({ outlet: 'Kelmsworth Herald', published: '2024-03-04T10:00:00.000Z', paragraphs: STORY.length, copiedShare: 0, passages: [], title: STORY_TITLE, url: 'https://herald.example/bridge' });

    const gazette = byId(docs, 'gazette.html');
    expect(gazette).toMatchObject({ outlet: 'The Quayside Gazette', published: '2024-03-04T11:00:00.000Z', url: 'https://gazette.example/news/bridge-reopens' });
    // p, p, blockquote p, li, h2, p: the block texts of the article (the h1 is its title, the nav and footer are not text).
    expect(gazette.paragraphs).toBe(6);
    expect(gazette.title).toBe('Bridge reopens to traffic');
    const copiedFromHerald = gazette.passages.filter((p) => p.source.id === 'kelmsworth-herald.txt' && p.kind === 'copied');
    const texts = copiedFromHerald.map((p) => p.text);
    for (const para of [STORY[0], STORY[1], STORY[2]]) expect(texts).toContain(para);
    expect(gazette.copiedShare).toBeGreaterThan(0.4);
    expect(gazette.copiedShare).toBeLessThan(0.9);

    const wire1 = byId(docs, 'wire-1');
    expect(wire1.outlet).toBe('Wire Service');
    const paras1 = [FILLER[2], STORY[3], STORY[4]];
    expect(wire1.passages.map((p) => p.paragraph).sort()).toEqual([1, 2]);
    for (const p of wire1.passages) {
      expect(paras1[p.paragraph].slice(p.start, p.end)).toBe(p.text);
      expect(p.source).toMatchObject({ id: 'kelmsworth-herald.txt', outlet: 'Kelmsworth Herald', published: '2024-03-04T10:00:00.000Z', paragraph: p.paragraph + 2 });
      expect(STORY[p.source.paragraph].slice(p.source.start, p.source.end)).toBe(p.text);
      expect(p.coverage).toBe(1);
      expect(p.credited).toBe(false);
    }

    const wire2 = byId(docs, 'wire-2');
    expect(wire2).toMatchObject({ outlet: 'Other Wire', published: '2024-03-04T12:30:00.000Z', paragraphs: 2 });
    expect(wire2.passages).toHaveLength(1);
    expect(wire2.passages[0]).toMatchObject({ paragraph: 1, start: 0, end: STORY[5].length, source: { id: 'kelmsworth-herald.txt', paragraph: 5 } });

    const digest = byId(docs, 'digest-1');
    expect(digest.passages).toHaveLength(1);
    const dp = digest.passages[0];
    expect(dp.paragraph).toBe(1);
    expect(`As reported: ${STORY[6]}`.slice(dp.start, dp.end)).toBe(STORY[6]);
    expect(dp.source.id).toBe('kelmsworth-herald.txt');

    // German: the edited first paragraph and the verbatim second one are found.
    const b = byId(docs, 'zeitung-b.txt');
    expect(b.outlet).toBe('Tagesblatt');
    expect(b.passages.map((p) => p.paragraph).sort()).toEqual([0, 1]);
    expect(b.passages.every((p) => p.source.id === 'zeitung-a.txt' && p.source.outlet === 'Lindenauer Zeitung')).toBe(true);
    expect(b.passages.find((p) => p.paragraph === 0)!.coverage).toBeLessThan(1);
  });

  test('readable output, --quiet, and the outlet defaulting to the file name', async () => {
    const [human, quiet, given] = await Promise.all([
      wiretrace(['audit', '--meta', 'meta.json', ...INPUTS], { cwd: t.dir }),
      wiretrace(['audit', '--quiet', '--meta', 'meta.json', ...INPUTS], { cwd: t.dir }),
      wiretrace(['audit', '--json', '--order', 'given', 'kelmsworth-herald.txt', 'zeitung-a.txt', 'zeitung-b.txt'], { cwd: t.dir }),
    ]);
    expect(human.code).toBe(0);
    const out = human.stdout;
    expect(out).toMatch(/^kelmsworth-herald\.txt \(Kelmsworth Herald, 2024-03-04 10:00 UTC, 8 paragraphs\)$/m);
    expect(out).toMatch(/nothing in it appeared earlier/);
    expect(out).toMatch(/^gazette\.html \(The Quayside Gazette, 2024-03-04 11:00 UTC, \d+ paragraphs\)$/m);
    expect(out).toMatch(/\d+% of the text appeared earlier: \d+% copied, \d+% quoted/);
    expect(out).toMatch(/Kelmsworth Herald\s+2024-03-04 10:00 UTC\s+\d passages?\s+\d+%\s+credited: no\s+kelmsworth-herald\.txt/);
    // Passages: paragraph number (from 1), kind, source, and a snippet of about 80 characters.
    expect(out).toContain('¶1  copied (verbatim) from Kelmsworth Herald ¶1: "The old harbour bridge in the town of Kelmsworth reopened to traffic on Monday…"');
    expect(out).toMatch(/^7 articles checked, 5 with text that appeared earlier$/m);
    for (const line of out.split('\n').filter((l) => l.includes(': "'))) expect(line.split(': "')[1].length).toBeLessThanOrEqual(84);

    expect(quiet.code).toBe(0);
    expect(quiet.stdout).not.toContain('kelmsworth-herald.txt (');
    expect(quiet.stdout).not.toContain('zeitung-a.txt (');
    expect(quiet.stdout).toContain('gazette.html (');
    expect(quiet.stdout).toContain('zeitung-b.txt (');

    // Without metadata each file is its own outlet, named after the file; times unknown: given order.
    expect(given.code).toBe(0);
    const docs = parseDocuments(given.stdout);
    expect(docs.map((d) => [d.id, d.outlet, d.published])).toEqual([
      ['kelmsworth-herald.txt', 'kelmsworth-herald', null],
      ['zeitung-a.txt', 'zeitung-a', null],
      ['zeitung-b.txt', 'zeitung-b', null],
    ]);
    expect(docs[2].passages.length).toBe(2);
    expect(messages(given.stderr)).toEqual([]);
  });

  test('--outlet names the outlet of files; a directory means its input files, sorted', async () => {
    const r = await wiretrace(['audit', '--json', '--outlet', 'Same Paper', t.dir]);
    expect(r.code).toBe(0);
    const docs = parseDocuments(r.stdout);
    // No times in the files except the page's and the corpora's: sorted by time, the undated ones last.
    const txt = docs.filter((d) => d.id.endsWith('.txt'));
    expect(txt.map((d) => d.outlet)).toEqual(['Same Paper', 'Same Paper', 'Same Paper']);
    // One outlet: its own text is never reported as copied from itself.
    expect(txt.find((d) => d.id.endsWith('zeitung-b.txt'))!.passages).toEqual([]);
    expect(docs.map((d) => d.id).filter((id) => id.endsWith('.txt'))).toEqual(['kelmsworth-herald.txt', 'zeitung-a.txt', 'zeitung-b.txt'].map((f) => `${t.dir}/${f}`));
  });
});
