/**
 * `wiretrace pack` run as a user would: a pack from files with its description from options and a
 * --meta file, read back by audit (as an input and as --index); bad descriptions and bad pack headers
 * refused with the line and field at fault; --base-url (pages recorded under their address there,
 * a bad address or a file outside the directory named); the committed demo pack equal to a
 * regeneration, its articles at the demo's fixed address.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { DEMO_URL } from '../../demo/address';
import { messages, parseDocuments, ROOT, tempFiles, wiretrace } from './run';
import { sealed } from '../engine/sealed';

const STORY = [
  'Harbour crane collapse halts Varnholm port',
  'A container crane collapsed onto a loading berth at Varnholm port early on Tuesday, halting all cargo traffic and injuring two dock workers, the harbour authority said.',
  'The crane folded at its base shortly after four while lifting an empty container, witnesses said, and both injured workers were taken to hospital.',
  'Harbour master Piet Lindqvist said the port would stay closed until engineers had inspected the five remaining cranes of the same model.',
].join('\n');

const header = (file: string) => JSON.parse(readFileSync(file, 'utf8').split('\n')[0]) as Record<string, unknown>;

describe('wiretrace pack', () => {
  test('a pack from files: the description in the header, the articles after it; audit reads it as an input and as --index', async () => {
    const t = tempFiles({ 'wire.txt': STORY, 'copy.txt': STORY.replace('Harbour crane', 'Crane') });
    try {
      const r = await wiretrace(['pack', '-o', 'wire.pack.jsonl', '--title', 'Varnholm port', '--description', 'One wire story', '--creator', 'Desk', '--licence', 'CC-BY-4.0', '--tag', 'ports', '--tag', 'wire', '--created', '2025-03-04', '--first-seen', '2025-03-04T12:00:00Z', '--outlet', 'Tidewater Wire', 'wire.txt'], { cwd: t.dir });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toBe('pack wire.pack.jsonl: "Varnholm port", 1 article\n');
      expect(header(t.path('wire.pack.jsonl'))).toMatchObject({
        format: 'wiretrace-index',
        version: 1,
        documents: 1,
        pack: { title: 'Varnholm port', description: 'One wire story', creator: 'Desk', licence: 'CC-BY-4.0', tags: ['ports', 'wire'], created: '2025-03-04T00:00:00.000Z' },
      });
      const asInput = await wiretrace(['audit', '--json', 'wire.pack.jsonl', 'copy.txt'], { cwd: t.dir });
      expect(asInput.code).toBe(0);
      expect(parseDocuments(asInput.stdout)[1].passages[0]?.source).toMatchObject({ id: 'wire.txt', outlet: 'Tidewater Wire' });
      const asIndex = await wiretrace(['audit', '--json', '--index', 'wire.pack.jsonl', 'copy.txt'], { cwd: t.dir });
      expect(asIndex.code).toBe(0);
      expect(parseDocuments(asIndex.stdout)[0].passages.length).toBeGreaterThan(0);
    } finally {
      t.cleanup();
    }
  });

  test('--meta gives the description, options override it; a bad field is named with the file', async () => {
    const t = tempFiles({ 'wire.txt': STORY, 'meta.json': JSON.stringify({ title: 'From meta', tags: ['a'], created: '2025-01-01T00:00:00Z' }) });
    try {
      const r = await wiretrace(['pack', '-o', 'p.jsonl', '--meta', 'meta.json', '--title', 'From options', 'wire.txt'], { cwd: t.dir });
      expect(r.code).toBe(0);
      expect(header(t.path('p.jsonl')).pack).toEqual({ title: 'From options', tags: ['a'], created: '2025-01-01T00:00:00Z' });
      writeFileSync(t.path('bad.json'), JSON.stringify({ title: 'x', tags: ['ok', 7] }));
      const bad = await wiretrace(['pack', '-o', 'q.jsonl', '--meta', 'bad.json', 'wire.txt'], { cwd: t.dir });
      expect(bad.code).toBe(1);
      expect(bad.stderr).toBe("wiretrace: bad.json: the pack's tags[1]: must be a string\n");
      const empty = await wiretrace(['pack', '-o', 'q.jsonl', '--title', '  ', 'wire.txt'], { cwd: t.dir });
      expect(empty.code).toBe(1);
      expect(empty.stderr).toBe("wiretrace: the pack's title: must not be empty\n");
      const none = await wiretrace(['pack', '-o', 'q.jsonl', 'wire.txt'], { cwd: t.dir });
      expect(none.stderr).toBe('wiretrace: the pack needs a title: give --title\n');
      const noOut = await wiretrace(['pack', '--title', 'x', 'wire.txt'], { cwd: t.dir });
      expect(noOut.code).toBe(2);
    } finally {
      t.cleanup();
    }
  });

  test('a pack whose header is bad, or that is cut short, is refused with the line and field at fault', async () => {
    const t = tempFiles({ 'wire.txt': STORY, 'copy.txt': STORY });
    try {
      await wiretrace(['pack', '-o', 'good.jsonl', '--title', 'Good', 'wire.txt'], { cwd: t.dir });
      const [head, ...rest] = readFileSync(t.path('good.jsonl'), 'utf8').trim().split('\n');
      const h = JSON.parse(head);
      const write = (name: string, pack: unknown, lines = rest) => writeFileSync(t.path(name), [sealed({ ...h, pack }), ...lines].join('\n') + '\n');
      write('no-title.jsonl', { created: '2025-01-01T00:00:00Z' });
      write('bad-time.jsonl', { title: 'x', created: 'last Tuesday' });
      write('cut.jsonl', h.pack, []);
      writeFileSync(t.path('cut.jsonl'), [sealed({ ...h, documents: 3 }), ...rest].join('\n') + '\n');
      for (const [file, message] of [
        ['no-title.jsonl', 'no-title.jsonl:1: not a usable index: bad header: pack.title: is missing'],
        ['bad-time.jsonl', 'bad-time.jsonl:1: not a usable index: bad header: pack.created: must be an ISO 8601 time such as 2025-03-14T06:00:00Z'],
        ['cut.jsonl', "cut.jsonl:1: not a usable index: documents: the pack's header says 3 articles, the file holds 1 (is it cut short?)"],
      ]) {
        const r = await wiretrace(['audit', '--index', file, 'copy.txt'], { cwd: t.dir });
        expect(r.code, file).toBe(1);
        expect(messages(r.stderr), file).toEqual([`wiretrace: ${message}`]);
      }
      // A version-1 index without a pack reads as it always has.
      writeFileSync(t.path('plain.jsonl'), [sealed({ format: 'wiretrace-index', version: 1, params: h.params, documents: rest.length, checksum: h.checksum }), ...rest].join('\n') + '\n');
      expect((await wiretrace(['audit', '--index', 'plain.jsonl', 'copy.txt'], { cwd: t.dir })).code).toBe(0);
    } finally {
      t.cleanup();
    }
  });

  test('--base-url: each page recorded under its address there (its canonical URL when it declares one); bad addresses and files outside named', async () => {
    const page = (title: string, head: string) =>
      `<!doctype html><html><head><title>${title}</title>${head}</head><body><article><h1>${title}</h1>${STORY.split('\n').slice(1).map((p) => `<p>${p}</p>`).join('')}<p>${STORY.split('\n')[1]}</p></article></body></html>`;
    const t = tempFiles();
    try {
      mkdirSync(t.path('site/news'), { recursive: true });
      writeFileSync(t.path('site/news/crane.html'), page('Crane collapse', '<meta name="application-name" content="Port Desk">'));
      writeFileSync(t.path('site/news/moved.html'), page('Crane collapse, later', '<link rel="canonical" href="/news/crane-later.html"><meta name="application-name" content="Port Desk">'));
      const r = await wiretrace(['pack', '-o', '../p.jsonl', '--title', 'Port', '--base-url', 'http://127.0.0.1:8471', 'news/crane.html', 'news/moved.html'], { cwd: t.path('site') });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const docs = readFileSync(t.path('p.jsonl'), 'utf8').trim().split('\n').slice(1).map((l) => JSON.parse(l) as { id: string; url?: string });
      expect(docs.map((d) => [d.id, d.url])).toEqual([
        ['http://127.0.0.1:8471/news/crane.html', 'http://127.0.0.1:8471/news/crane.html'],
        ['http://127.0.0.1:8471/news/crane-later.html', 'http://127.0.0.1:8471/news/crane-later.html'],
      ]);
      writeFileSync(t.path('other.html'), page('Crane collapse elsewhere', ''));
      const outside = await wiretrace(['pack', '-o', 'q.jsonl', '--title', 'Port', '--base-url', 'http://127.0.0.1:8471/', '../other.html'], { cwd: t.path('site') });
      expect(outside.code).toBe(1);
      expect(messages(outside.stderr)[0]).toBe('wiretrace: ../other.html: is not below the working directory, so --base-url (http://127.0.0.1:8471/) gives it no address; run wiretrace pack from a directory that holds it');
      const ftp = await wiretrace(['pack', '-o', 'q.jsonl', '--title', 'Port', '--base-url', 'ftp://example.org/', 'news/crane.html'], { cwd: t.path('site') });
      expect(ftp.code).toBe(2);
      expect(messages(ftp.stderr)[0]).toMatch(/^wiretrace: --base-url needs an http:\/\/ or https:\/\/ address, not a ftp: one \('ftp:\/\/example\.org\/'\)/);
      const word = await wiretrace(['pack', '-o', 'q.jsonl', '--title', 'Port', '--base-url', 'here', 'news/crane.html'], { cwd: t.path('site') });
      expect(word.code).toBe(2);
      expect(messages(word.stderr)[0]).toMatch(/^wiretrace: --base-url needs an http:\/\/ or https:\/\/ address such as http:\/\/127\.0\.0\.1:8471\/, not 'here'/);
    } finally {
      t.cleanup();
    }
  });

  test('the committed demo pack equals a regeneration from the demo pages', () => {
    const t = tempFiles();
    try {
      const r = spawnSync(process.execPath, ['--import', 'tsx', resolve(ROOT, 'scripts/build-demo-pack.ts'), '-o', t.path('demo.pack.jsonl')], { cwd: ROOT, encoding: 'utf8' });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const fresh = readFileSync(t.path('demo.pack.jsonl'), 'utf8');
      const committed = readFileSync(resolve(ROOT, 'demo/demo.pack.jsonl'), 'utf8');
      expect(fresh === committed, 'demo/demo.pack.jsonl is out of date: npm run build:demo-pack').toBe(true);
      expect(header(t.path('demo.pack.jsonl'))).toMatchObject({ documents: 7, pack: { title: 'Wiretrace demo: the Lennock floodgate story', created: '2025-03-14T18:00:00.000Z' } });
      // Each article under its page's address where npm start serves the demo (the extension's id for it).
      const ids = fresh.trim().split('\n').slice(1).map((l) => (JSON.parse(l) as { id: string }).id);
      expect(ids).toContain(new URL('coastline-daily/news/lennock-barrier-gate-fails.html', DEMO_URL).href);
      expect(ids.every((id) => id.startsWith(DEMO_URL))).toBe(true);
    } finally {
      t.cleanup();
    }
  });
});
