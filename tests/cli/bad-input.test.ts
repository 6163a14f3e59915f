/**
 * Bad inputs: each is reported on stderr naming the file (and line), the other inputs are still
 * processed, and the exit status is 1. (A page that is not an article is no bad input: a note.)
 */
import { mkdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, test } from 'vitest';
import { FILLER, STORY, STORY_TITLE } from './fixtures';
import { messages, parseDocuments, tempFiles, wiretrace } from './run';

const lines = (...ls: unknown[]) => ls.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n';

const t = tempFiles({
  'good.txt': [STORY_TITLE, '', ...STORY].join('\n'),
  'later.txt': ['Bridge open again', ...STORY.slice(0, 3), FILLER[0]].join('\n'),
  'empty.txt': '',
  'blank.txt': '\n   \n\t\n',
  'binary.txt': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]),
  'control.txt': '\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f\x10\x11\x12\x13\x14\x15 ab'.repeat(20),
  'latin1.txt': Buffer.concat([Buffer.from('Caf'), Buffer.from([0xe9]), Buffer.from(' au lait\nUne histoire en fran'), Buffer.from([0xe7]), Buffer.from('ais.\n')]),
  'title-only.txt': 'Only a title\n',
  'not-article.html': '<!doctype html><html><head><title>Log in</title></head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav><form><input name="user"><button>Log in</button></form></body></html>',
  'corpus.jsonl': lines(
    { id: 'j1', outlet: 'Jsonl Daily', published: '2024-01-02T00:00:00Z', paragraphs: [STORY[3], STORY[4]] },
    '{"id": "j-broken", "outlet": ',
    { outlet: 'No Id Times', paragraphs: ['Some text here.'] },
    { id: 'j-empty', outlet: 'X' },
    { id: 'j-types', outlet: 'X', paragraphs: 'not an array' },
    { id: 'j-time', outlet: 'X', published: 'the day before yesterday', paragraphs: [FILLER[1]] },
    42,
    { id: 'j2', publisher: 'Publisher Field', scrapeTime: '2024-01-03T00:00:00Z', text: `${STORY[6]}\n\n${FILLER[2]}` },
  ),
  'corrupt.jsonl.gz': Buffer.concat([gzipSync(lines({ id: 'z1', outlet: 'Z', paragraphs: [FILLER[3]] })).subarray(0, 12), Buffer.from('this is not deflate data at all, sorry')]),
  'plain.jsonl.gz': lines({ id: 'z2', outlet: 'Z', paragraphs: [FILLER[3]] }),
  'notes.md': '# not an input\n',
  'small.txt': 'Small\nA short paragraph.\n',
});
mkdirSync(t.path('no-inputs-here'));
afterAll(() => t.cleanup());

describe('bad input', () => {
  test('each bad file and line is named on stderr; the good ones are still reported; exit 1', async () => {
    const inputs = [
      'good.txt', 'empty.txt', 'blank.txt', 'binary.txt', 'control.txt', 'latin1.txt', 'title-only.txt', 'not-article.html',
      'missing.txt', 'notes.md', 'no-inputs-here', 'corrupt.jsonl.gz', 'plain.jsonl.gz', 'corpus.jsonl', 'later.txt',
    ];
    const r = await wiretrace(['audit', '--json', '--order', 'given', ...inputs], { cwd: t.dir });
    expect(r.code).toBe(1);
    const errs = messages(r.stderr);
    const expected: Array<[string, RegExp]> = [
      ['empty.txt', /is empty/],
      ['blank.txt', /no text/],
      ['binary.txt', /binary/],
      ['control.txt', /binary/],
      ['latin1.txt', /not valid UTF-8/],
      ['title-only.txt', /no paragraphs/],
      ['missing.txt', /no such file/],
      ['notes.md', /unsupported file type/],
      ['no-inputs-here', /no \.txt, \.html, \.jsonl or \.jsonl\.gz files/],
      ['corrupt.jsonl.gz', /corrupt or truncated gzip/],
      ['plain.jsonl.gz', /not gzip-compressed/],
      ['corpus.jsonl:2', /not valid JSON/],
      ['corpus.jsonl:3', /missing "id"/],
      ['corpus.jsonl:4', /no "paragraphs", "text" or "html"/],
      ['corpus.jsonl:5', /"paragraphs" must be an array of strings/],
      ['corpus.jsonl:6', /"published" is not a valid time/],
      ['corpus.jsonl:7', /expected a JSON object/],
    ];
    for (const [where, what] of expected) {
      const line = errs.find((l) => l.startsWith(`wiretrace: ${where}: `));
      expect(line, `a message for ${where}`).toBeDefined();
      expect(line).toMatch(what);
    }
    expect(errs).toHaveLength(expected.length + 1);
    // A page that is not an article is a note, not an error.
    expect(errs.filter((l) => l.startsWith('wiretrace: not-article.html: '))).toEqual([
      'wiretrace: not-article.html: note: not an article (the page does not look like one: a contents page, a section front, search results); skipped (--force checks it without recording it)',
    ]);

    // stdout is still one valid JSON document with every good article, in the given order.
    const docs = parseDocuments(r.stdout);
    expect(docs.map((d) => d.id)).toEqual(['good.txt', 'j1', 'j2', 'later.txt']);
    const [good, j1, j2, later] = docs;
    expect(good.passages).toEqual([]);
    expect(j1.outlet).toBe('Jsonl Daily');
    expect(j2.outlet).toBe('Publisher Field');
    expect(j2.published).toBe('2024-01-03T00:00:00.000Z');
    expect(j2.paragraphs).toBe(2);
    expect(later.passages.length).toBeGreaterThan(0);
    expect(later.passages.every((p) => p.source.id === 'good.txt')).toBe(true);
  });

  test('a file over --max-bytes is refused; the others are still read', async () => {
    const big = tempFiles({ 'big.txt': `Big\n${'word '.repeat(40)}\n`, 'small.txt': 'Small\nA short paragraph of text.\n' });
    try {
      const r = await wiretrace(['audit', '--max-bytes', '100', 'big.txt', 'small.txt'], { cwd: big.dir });
      expect(r.code).toBe(1);
      expect(messages(r.stderr)).toEqual([expect.stringMatching(/^wiretrace: big\.txt: is \d+ bytes, over the limit of 100 bytes/)]);
      expect(r.stdout).toContain('small.txt');
      expect(r.stdout).toMatch(/1 article checked/);
    } finally {
      big.cleanup();
    }
  });

  test('align refuses a missing file and a directory', async () => {
    const r = await wiretrace(['align', 'missing.txt', 'no-inputs-here'], { cwd: t.dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(messages(r.stderr)).toEqual([
      'wiretrace: missing.txt: no such file or directory',
      'wiretrace: no-inputs-here: is a directory, expected a file',
    ]);
  });

  // Root reads any file whatever its mode, so as root the unreadable file is a symbolic-link loop.
  test('an unreadable file is reported', async () => {
    const { chmodSync, symlinkSync } = await import('node:fs');
    const u = tempFiles({ 'locked.txt': 'Locked\nA paragraph nobody may read.\n' });
    const root = process.getuid?.() === 0;
    try {
      if (root) symlinkSync('loop.txt', u.path('loop.txt'));
      else chmodSync(u.path('locked.txt'), 0o000);
      const name = root ? 'loop.txt' : 'locked.txt';
      const r = await wiretrace(['audit', name], { cwd: u.dir });
      expect(r.code).toBe(1);
      expect(messages(r.stderr)[0]).toMatch(root ? /^wiretrace: loop\.txt: cannot be read: a loop of symbolic links/ : /^wiretrace: locked\.txt: permission denied/);
    } finally {
      u.cleanup();
    }
  });
});
