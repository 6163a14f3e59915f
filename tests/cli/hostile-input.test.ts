/**
 * Inputs made to harm or confuse, run as a user would: terminal escapes in outlets, titles, text and
 * file names are shown, never obeyed, while --json keeps every value exact; huge numeric ids stay the
 * digits given; impossible days are refused with the reason; UTF-16 is read (with a byte order mark)
 * or named; a file name that is not UTF-8 is named; a page nested 100,000 deep is refused at once and
 * the audit goes on with the other inputs.
 */
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, test } from 'vitest';
import { FILLER, STORY, STORY_TITLE } from './fixtures';
import { auditInProcess } from './in-process';
import { recordFigures } from '../reliability-report';
import { messages, parseDocuments, tempFiles, wiretrace } from './run';

const ESC = '\u001b';
const EVIL_OUTLET = `${ESC}[2J${ESC}]0;owned\u0007Evil \u009b31m News\u202e`;
const EVIL_TITLE = `${ESC}]8;;https://evil.example${ESC}\\click${ESC}]8;;${ESC}\\`;

const t = tempFiles({
  'story.jsonl': [
    JSON.stringify({ id: 'wire-1', outlet: EVIL_OUTLET, title: EVIL_TITLE, published: '2024-03-01T09:00:00Z', paragraphs: STORY.slice(0, 4) }),
    JSON.stringify({ id: `copy-${ESC}[31m`, outlet: 'Daily Copy', published: '2024-03-01T12:00:00Z', paragraphs: [`${STORY[0]} ${ESC}[5m`, STORY[1], STORY[2]] }),
  ].join('\n'),
  'good.txt': [STORY_TITLE, ...STORY].join('\n'),
  'other.txt': ['Bakery', ...FILLER].join('\n'),
  'deep.html': `<html><body><article>${'<div>'.repeat(100_000)}text${'</div>'.repeat(100_000)}</article></body></html>`,
});
afterAll(() => t.cleanup());

/** Characters a terminal may obey: C0 controls but newline, DEL, C1, bidi controls. */
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const countUnsafe = (text: string) => (text.match(new RegExp(UNSAFE.source, 'g')) ?? []).length;

describe('hostile inputs', () => {
  test('terminal escapes in outlet, title, id and text are shown, not obeyed; --json keeps them exact', async () => {
    const human = await wiretrace(['audit', 'story.jsonl'], { cwd: t.dir });
    expect(human.code).toBe(0);
    expect(human.stdout).not.toMatch(UNSAFE);
    expect(human.stdout).toContain('\\x1b[2J\\x1b]0;owned\\x07Evil \\u009b31m News\\u202e');
    expect(human.stdout).toContain('copy-\\x1b[31m');
    const json = await wiretrace(['audit', '--json', '--with-text', 'story.jsonl'], { cwd: t.dir });
    expect(json.stdout).not.toMatch(UNSAFE);
    const docs = parseDocuments(json.stdout);
    expect(docs[0]).toMatchObject({ outlet: EVIL_OUTLET, title: EVIL_TITLE });
    expect(docs[1].id).toBe(`copy-${ESC}[31m`);
    expect(docs[1].passages[0].source.outlet).toBe(EVIL_OUTLET);
    // A file name holding an escape, in a message on stderr.
    writeFileSync(t.path(`bad${ESC}[31m.txt`), '');
    const named = await auditInProcess([t.path(`bad${ESC}[31m.txt`)]);
    expect(named.stderr).not.toMatch(UNSAFE);
    expect(messages(named.stderr)).toEqual([`wiretrace: ${t.path('bad\\x1b[31m.txt')}: is empty`]);
    recordFigures({
      section: 'Terminal escapes in inputs',
      order: 5,
      method: 'Escape sequences and controls planted in a corpus line\'s outlet, title, id and text and in a file name, then `wiretrace audit` (readable and `--json --with-text`) run on it (`tests/cli/hostile-input.test.ts`). *Raw* counts characters a terminal may obey (C0 but newline, DEL, C1, bidi controls) found in what was written.',
      columns: ['planted', 'in', 'raw in the readable output', 'raw in --json', '--json value exact'],
      rows: [
        ['ESC [2J (clear screen), ESC ]0;…BEL (window title), CSI as C1 (U+009B), U+202E (right-to-left override)', 'outlet', countUnsafe(human.stdout), countUnsafe(json.stdout), docs[0].outlet === EVIL_OUTLET ? 'yes' : 'no'],
        ['ESC ]8;;URL ESC \\ (a hyperlink)', 'title', countUnsafe(human.stdout), countUnsafe(json.stdout), docs[0].title === EVIL_TITLE ? 'yes' : 'no'],
        ['ESC [31m (colour)', 'id', countUnsafe(human.stdout), countUnsafe(json.stdout), docs[1].id === `copy-${ESC}[31m` ? 'yes' : 'no'],
        ['ESC [5m (blink)', 'text', countUnsafe(human.stdout), countUnsafe(json.stdout), ((docs[1] as unknown as { paragraphTexts: string[] }).paragraphTexts[0].endsWith(`${ESC}[5m`)) ? 'yes' : 'no'],
        ['ESC [31m', 'file name (stderr)', countUnsafe(named.stderr), '-', '-'],
      ],
    });
  });

  test('huge numeric ids stay the digits given: two ids, two articles', async () => {
    const line = (id: string, outlet: string) => `{"id":${id},"outlet":"${outlet}","paragraphs":${JSON.stringify(STORY.slice(0, 2))}}`;
    writeFileSync(t.path('ids.jsonl'), [line('12345678901234567890123456789', 'A'), line('12345678901234567890123456788', 'B')].join('\n'));
    const r = await auditInProcess(['--json', t.path('ids.jsonl')]);
    expect(r.code).toBe(0);
    expect(messages(r.stderr)).toEqual([]);
    expect(parseDocuments(r.stdout).map((d) => d.id)).toEqual(['12345678901234567890123456789', '12345678901234567890123456788']);
  });

  test('an impossible day is refused with the reason, in a corpus and in --meta', async () => {
    writeFileSync(t.path('dates.jsonl'), [JSON.stringify({ id: 'a', outlet: 'A', published: '2024-02-30', paragraphs: STORY.slice(0, 2) }), JSON.stringify({ id: 'b', outlet: 'B', firstSeen: '+275760-09-13T00:00:00.000Z', paragraphs: STORY.slice(0, 2) })].join('\n'));
    const r = await auditInProcess([t.path('dates.jsonl')]);
    expect(r.code).toBe(1);
    expect(messages(r.stderr)).toEqual([
      `wiretrace: ${t.path('dates.jsonl')}:1: "published" is not a valid time: "2024-02-30" (February 2024 has 29 days)`,
      `wiretrace: ${t.path('dates.jsonl')}:2: "firstSeen" is not a valid time: "+275760-09-13T00:00:00.000Z" (after the year 9999)`,
    ]);
    writeFileSync(t.path('meta.json'), JSON.stringify({ good: { published: '2023-02-29T10:00:00Z' } }));
    const m = await auditInProcess(['--meta', t.path('meta.json'), t.path('good.txt')]);
    expect(m.code).toBe(1);
    expect(messages(m.stderr)[0]).toMatch(/"good": published is not a valid time: "2023-02-29T10:00:00Z" \(February 2023 has 28 days\)$/);
  });

  test('an index holding the last time a file can hold still takes undated articles after it', async () => {
    const idx = t.path('late.jsonl');
    writeFileSync(idx, `${JSON.stringify({ id: 'late', outlet: 'L', firstSeen: '9999-12-31T23:59:59.999Z', paragraphs: FILLER })}\n`);
    expect((await auditInProcess(['--index', idx, t.path('good.txt')])).code).toBe(0);
    const again = await auditInProcess(['--index', idx, t.path('other.txt')]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/now holds 3 articles/);
  });

  test('UTF-16 text is read with a byte order mark, and named without one', async () => {
    const text = [STORY_TITLE, ...STORY].join('\n');
    writeFileSync(t.path('le.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    writeFileSync(t.path('be.txt'), Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]));
    writeFileSync(t.path('bare.txt'), Buffer.from(text, 'utf16le'));
    writeFileSync(t.path('u16.jsonl'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(JSON.stringify({ id: 'x', outlet: 'X', paragraphs: STORY }), 'utf16le')]));
    const r = await auditInProcess(['--json', t.path('le.txt'), t.path('be.txt'), t.path('bare.txt'), t.path('u16.jsonl')]);
    expect(parseDocuments(r.stdout).map((d) => [d.id, d.paragraphs])).toEqual([[t.path('le.txt'), 8], [t.path('be.txt'), 8]]);
    expect(messages(r.stderr)).toEqual([
      `wiretrace: ${t.path('bare.txt')}: looks like UTF-16 text without a byte order mark; convert it to UTF-8 first (iconv -f UTF-16LE -t UTF-8), or save it with a byte order mark`,
      `wiretrace: ${t.path('u16.jsonl')}: is UTF-16 text (it starts with a UTF-16 byte order mark); JSON Lines must be UTF-8: convert it first (iconv -f UTF-16 -t UTF-8)`,
    ]);
  });

  test('a file name that is not UTF-8 is named, in a directory and as an argument', async () => {
    const dir = t.path('names');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(dir);
    writeFileSync(Buffer.from(`${dir}/caf\xe9.txt`, 'latin1'), [STORY_TITLE, ...STORY].join('\n'));
    writeFileSync(`${dir}/fine.txt`, ['Bakery', ...FILLER].join('\n'));
    const r = await auditInProcess([dir]);
    expect(r.code).toBe(1);
    expect(messages(r.stderr)).toEqual([`wiretrace: ${dir}/caf\\xe9.txt: the name is not valid UTF-8 (its other bytes shown as \\xNN), so it cannot be read by name; rename it to read it (skipped)`]);
    expect(r.stdout).toMatch(/fine\.txt/);
    const arg = await auditInProcess([`${dir}/caf\ufffd.txt`]);
    expect(messages(arg.stderr)[0]).toMatch(/no such file or directory \(the name given holds bytes that are not UTF-8, which do not reach wiretrace intact; rename the file to read it\)$/);
  });

  test('a page nested 100,000 deep is refused at once, and the audit goes on with the others', async () => {
    const started = Date.now();
    const r = await wiretrace(['audit', 'good.txt', 'deep.html', 'other.txt'], { cwd: t.dir });
    expect(r.code).toBe(1);
    expect(messages(r.stderr)).toEqual(['wiretrace: deep.html: cannot read the page (the page nests its elements too deeply to read: 19,999 levels and more, where a browser builds at most 512); skipped']);
    expect(r.stdout).toMatch(/^good\.txt /m);
    expect(r.stdout).toMatch(/^other\.txt /m);
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});
