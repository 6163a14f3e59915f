/**
 * --index FILE against other processes and damage, run as a user would: a symbolic link where a
 * temporary file would go is never written through; the lock names its holder and a live one makes a
 * run fail (exit 1, its work named as not saved) rather than lose it; a dead holder's lock and a
 * killed save's temporary file are cleared with a note; a file cut short, damaged, not UTF-8, UTF-16
 * or holding a year past 9999 is refused whole, naming what is wrong, and left as it was; a file
 * without checksums loads with a note and is saved with them.
 */
import { existsSync, lstatSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FILLER, STORY, STORY_TITLE } from './fixtures';
import { auditInProcess } from './in-process';
import { messages, tempFiles, wiretrace } from './run';

const t = tempFiles({
  'first.txt': [STORY_TITLE, ...STORY].join('\n'),
  'second.txt': ['Bakery prize', ...FILLER].join('\n'),
  'victim.txt': 'not to be touched\n',
});
afterAll(() => t.cleanup());

/** An index holding first.txt (its id the path as given there: first.txt). */
let base = '';
beforeAll(async () => {
  const r = await wiretrace(['audit', '--index', 'base.jsonl', 'first.txt'], { cwd: t.dir });
  expect(r.code).toBe(0);
  base = readFileSync(t.path('base.jsonl'), 'utf8');
});

let n = 0;
/** A copy of the base index under a new name; returns its name and text. */
function index(): { name: string; text: string } {
  const name = `index-${++n}.jsonl`;
  writeFileSync(t.path(name), base);
  return { name, text: base };
}

/** The index as an older wiretrace wrote it (no checksums). */
const older = (text: string) =>
  text
    .trimEnd()
    .split('\n')
    .map((l) => {
      const { sum: _s, checksum: _c, ...rest } = JSON.parse(l) as Record<string, unknown>;
      return JSON.stringify(rest);
    })
    .join('\n') + '\n';

describe('--index against other processes', () => {
  test('a symbolic link at FILE.tmp is not written through', async () => {
    const name = `index-${++n}.jsonl`;
    symlinkSync(t.path('victim.txt'), t.path(`${name}.tmp`));
    const r = await wiretrace(['audit', '--index', name, 'first.txt'], { cwd: t.dir });
    expect(r.code).toBe(0);
    expect(readFileSync(t.path('victim.txt'), 'utf8')).toBe('not to be touched\n');
    expect(lstatSync(t.path(`${name}.tmp`)).isSymbolicLink()).toBe(true);
    expect(readFileSync(t.path(name), 'utf8')).toMatch(/^\{"format":"wiretrace-index"/);
  });

  test('a symbolic link at the lock is refused, not followed, and nothing is saved', async () => {
    const { name, text } = index();
    symlinkSync(t.path('victim.txt'), t.path(`${name}.lock`));
    const r = await wiretrace(['audit', '--index', name, 'second.txt'], { cwd: t.dir });
    expect(r.code).toBe(1);
    expect(messages(r.stderr)).toEqual([`wiretrace: ${name}: cannot save the index: ${name}.lock is not a regular file (a symbolic link); wiretrace does not follow it: remove it; this run's articles are not saved`]);
    expect(readFileSync(t.path('victim.txt'), 'utf8')).toBe('not to be touched\n');
    expect(readFileSync(t.path(name), 'utf8')).toBe(text);
  });

  test('a live holder of the lock is waited for, then named, and the run fails without saving', async () => {
    const { name, text } = index();
    const holder = { pid: process.pid, host: hostname(), started: '2026-01-02T03:04:05.000Z', command: 'wiretrace audit', token: 'feedfacefeedface' };
    writeFileSync(t.path(`${name}.lock`), JSON.stringify(holder));
    const r = await wiretrace(['audit', '--index', name, '--lock-wait', '1', 'second.txt'], { cwd: t.dir });
    expect(r.code).toBe(1);
    expect(messages(r.stderr)).toEqual([
      `wiretrace: ${name}: note: waiting for pid ${process.pid} on ${hostname()} (wiretrace audit), since 2026-01-02 03:04:05 UTC, which is saving this index (${name}.lock)`,
      `wiretrace: ${name}: cannot save the index: it is locked: ${name}.lock is held by pid ${process.pid} on ${hostname()} (wiretrace audit), since 2026-01-02 03:04:05 UTC; waited 1 s (--lock-wait sets how long to wait); this run's articles are not saved`,
    ]);
    expect(r.stdout).toMatch(/second\.txt/); // the work was done and shown, only not saved
    expect(readFileSync(t.path(name), 'utf8')).toBe(text);
  });

  test("a dead holder's lock is removed with a note, and the run saves", async () => {
    const { name } = index();
    writeFileSync(t.path(`${name}.lock`), JSON.stringify({ pid: 2 ** 22 + 12345, host: hostname(), started: '2026-01-02T03:04:05.000Z', token: 'deaddeaddeaddead' }));
    const r = await wiretrace(['audit', '--index', name, 'second.txt'], { cwd: t.dir });
    expect(r.code).toBe(0);
    expect(messages(r.stderr)).toEqual([`wiretrace: ${name}: note: removed a stale lock ${name}.lock held by pid ${2 ** 22 + 12345} on ${hostname()}, since 2026-01-02 03:04:05 UTC: the process is gone`]);
    expect(existsSync(t.path(`${name}.lock`))).toBe(false);
    expect(r.stdout).toMatch(/now holds 2 articles/);
  });

  test("a killed save's temporary file is removed by the next save, with a note", async () => {
    const { name } = index();
    writeFileSync(t.path(`${name}.0123456789abcdef.tmp`), 'x'.repeat(3 << 20));
    const r = await wiretrace(['audit', '--index', name, 'second.txt'], { cwd: t.dir });
    expect(r.code).toBe(0);
    expect(messages(r.stderr)).toEqual([`wiretrace: ${name}.0123456789abcdef.tmp: note: removed, a temporary file (3.0 MB) that a save of this index left when it was stopped`]);
    expect(readdirSync(t.dir).filter((f) => f.startsWith(name))).toEqual([name]);
  });
});

describe('--index that is damaged', () => {
  /** Refused whole, naming what is wrong; nothing checked, nothing half written, the file as it was. */
  const refused = async (name: string, content: string | Buffer, message: RegExp, spawned = false) => {
    writeFileSync(t.path(name), content);
    const args = ['--json', '--index', t.path(name), t.path('second.txt')];
    const r = spawned ? await wiretrace(['audit', ...args]) : await auditInProcess(args);
    expect(r.code).toBe(1);
    expect(messages(r.stderr)).toHaveLength(1);
    expect(messages(r.stderr)[0].replace(`${t.dir}/`, '')).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(r.stdout).toBe(''); // nothing half written
    expect(readFileSync(t.path(name))).toEqual(typeof content === 'string' ? Buffer.from(content) : content);
  };

  test('cut at a line boundary: refused, naming the count (with checksums or without)', async () => {
    const two = (await auditInProcess(['--index', t.path('two.jsonl'), t.path('first.txt'), t.path('second.txt')]), readFileSync(t.path('two.jsonl'), 'utf8'));
    const cut = two.split('\n').slice(0, 2).join('\n') + '\n';
    await refused('cut.jsonl', cut, /^wiretrace: cut\.jsonl:1: not a usable index: documents: the header says 2 articles, the file holds 1 \(is it cut short\?\)$/, true);
    await refused('cut-older.jsonl', older(cut), /cut-older\.jsonl:1: not a usable index: documents: the header says 2 articles, the file holds 1/);
  });

  test('a changed byte: refused, naming the line', async () => {
    await refused('flipped.jsonl', base.replace('harbour bridge', 'harbour bridgE'), /^wiretrace: flipped\.jsonl:2: not a usable index: its checksum does not match: the line is damaged \(or was edited by hand\)$/);
  });

  test('bytes that are not UTF-8: refused, naming the line, never read (and saved back) as U+FFFD', async () => {
    const bytes = Buffer.from(older(base));
    bytes[bytes.indexOf('harbour') + 1] = 0xff;
    await refused('bad-utf8.jsonl', bytes, /^wiretrace: bad-utf8\.jsonl:2: not a usable index: not valid UTF-8/);
  });

  test('UTF-16: named as such', async () => {
    await refused('utf16.jsonl', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(base, 'utf16le')]), /^wiretrace: utf16\.jsonl: is UTF-16 text \(it starts with a UTF-16 byte order mark\); an index file is UTF-8/);
  });

  test('a first-seen time in the year 275760: refused with the reason, no crash in later runs', async () => {
    const lines = older(base).trimEnd().split('\n');
    lines[1] = lines[1].replace(/"firstSeen":"[^"]+"/, '"firstSeen":"+275760-09-13T00:00:00.000Z"');
    await refused('far.jsonl', lines.join('\n') + '\n', /^wiretrace: far\.jsonl:2: not a usable index: article \S*first\.txt: firstSeen is not a valid time: "\+275760-09-13T00:00:00\.000Z" \(after the year 9999\)$/);
  });

  test('a file without checksums loads with a note, and the next save adds them', async () => {
    writeFileSync(t.path('old.jsonl'), older(base));
    const r = await auditInProcess(['--index', t.path('old.jsonl'), t.path('second.txt')]);
    expect(r.code).toBe(0);
    expect(messages(r.stderr)).toEqual([`wiretrace: ${t.path('old.jsonl')}: note: the index has no checksums (written by an older wiretrace, or a plain corpus), so it was read unverified: a damaged or cut-short file would go unnoticed; the next save adds them`]);
    expect(JSON.parse(readFileSync(t.path('old.jsonl'), 'utf8').split('\n')[0])).toMatchObject({ checksum: 'fnv1a32-line', documents: 2 });
  });
});
