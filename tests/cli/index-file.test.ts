/** --index: audits build on earlier ones; the index file is replaced atomically and survives bad runs. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, test } from 'vitest';
import { FILLER, STORY, STORY_TITLE } from './fixtures';
import { messages, parseDocuments, tempFiles, wiretrace } from './run';

const t = tempFiles({
  'first.txt': [STORY_TITLE, ...STORY].join('\n'),
  'second.txt': ['Bridge open', FILLER[0], STORY[2], STORY[3]].join('\n'),
  'meta.json': JSON.stringify({
    first: { outlet: 'First Paper', published: '2024-05-01T09:00:00Z' },
    second: { outlet: 'Second Paper', published: '2024-05-01T15:00:00Z' },
  }),
});
afterAll(() => t.cleanup());

const indexLines = () => readFileSync(t.path('index.jsonl'), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l));

describe('--index', () => {
  test('a second run finds the source recorded by the first; nothing is recorded twice', async () => {
    const one = await wiretrace(['audit', '--index', 'index.jsonl', '--meta', 'meta.json', 'first.txt'], { cwd: t.dir });
    expect(one.code).toBe(0);
    expect(one.stdout).toMatch(/index index\.jsonl now holds 1 article/);
    expect(existsSync(t.path('index.jsonl'))).toBe(true);
    expect(existsSync(t.path('index.jsonl.tmp'))).toBe(false);
    const [header, doc] = indexLines();
    expect(header).toMatchObject({ format: 'wiretrace-index', documents: 1 });
    expect(doc).toMatchObject({ id: 'first.txt', outlet: 'First Paper' });

    // first.txt again (already indexed: checked, not recorded twice) and a new article.
    const two = await wiretrace(['audit', '--json', '--index', 'index.jsonl', '--meta', 'meta.json', 'first.txt', 'second.txt'], { cwd: t.dir });
    expect(two.code).toBe(0);
    expect(messages(two.stderr)).toEqual([]);
    const docs = parseDocuments(two.stdout);
    expect(docs.map((d) => d.id)).toEqual(['first.txt', 'second.txt']);
    expect(docs[0].passages).toEqual([]);
    const second = docs[1];
    expect(second.passages.map((p) => p.paragraph).sort()).toEqual([1, 2]);
    for (const p of second.passages) expect(p.source).toMatchObject({ id: 'first.txt', outlet: 'First Paper', published: '2024-05-01T09:00:00.000Z' });
    const lines = indexLines();
    expect(lines[0].documents).toBe(2);
    expect(lines.slice(1).map((l) => l.id)).toEqual(['first.txt', 'second.txt']);

    // A run that only reads the index (the source is not among the inputs) still finds it.
    const three = await wiretrace(['audit', '--json', '--index', 'index.jsonl', '--meta', 'meta.json', 'second.txt'], { cwd: t.dir });
    expect(three.code).toBe(0);
    expect(parseDocuments(three.stdout)[0].passages.length).toBe(2);
    expect(indexLines()[0].documents).toBe(2);
  });

  test('a corrupt index is refused and left as it was', async () => {
    const bad = '{"format":"wiretrace-index","version":1,"params":null,"documents":1}\n{"id": 5, "paragraphs": "nope"}\n';
    writeFileSync(t.path('bad-index.jsonl'), bad);
    const r = await wiretrace(['audit', '--index', 'bad-index.jsonl', 'first.txt'], { cwd: t.dir });
    expect(r.code).toBe(1);
    expect(messages(r.stderr)[0]).toMatch(/^wiretrace: bad-index\.jsonl:2: /);
    expect(readFileSync(t.path('bad-index.jsonl'), 'utf8')).toBe(bad);
    expect(r.stdout).toBe('');
  });

  test('an index path in a missing directory is refused before any work', async () => {
    const r = await wiretrace(['audit', '--index', 'no/such/dir/index.jsonl', 'first.txt'], { cwd: t.dir });
    expect(r.code).toBe(1);
    expect(messages(r.stderr)[0]).toMatch(/^wiretrace: no\/such\/dir\/index\.jsonl: cannot create the index there/);
  });
});
