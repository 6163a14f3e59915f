/**
 * `wiretrace feed` run as a user would, against feeds and pages served by node:http on 127.0.0.1:
 * the four formats with full-content and link-only items, an index that never records an item twice
 * (within a run and across runs), a malformed feed and a feed that never answers beside good ones,
 * a feed of 5,000 items, ISO-8859-1 served with its charset in Content-Type, the per-host delay
 * (the feed's own request among its host's) with --progress, and usage errors.
 */
import { createServer, type Server } from 'node:http';
import { readFileSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { messages, tempFiles, wiretrace } from './run';

const FIXTURES = resolve(import.meta.dirname, '../fixtures/feeds');
const TYPES: Record<string, string> = { '.xml': 'application/rss+xml', '.json': 'application/feed+json', '.html': 'text/html; charset=utf-8' };

let server: Server;
let base: string;
const requests: string[] = [];
/** When each request arrived (Date.now()), by path. */
const arrived: Array<{ path: string; at: number }> = [];
/** Feeds made in the tests, by path. */
const made = new Map<string, { body: string | Buffer; type: string }>();

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    requests.push(path);
    arrived.push({ path, at: Date.now() });
    if (path === '/silent.xml') return; // never answers
    const m = made.get(path);
    if (m) {
      res.writeHead(200, { 'Content-Type': m.type });
      res.end(m.body);
      return;
    }
    const file = resolve(FIXTURES, `.${path.replace(/^\/feeds/, '')}`);
    if (!file.startsWith(FIXTURES) || !existsSync(file) || path.endsWith('/')) {
      res.writeHead(404, 'Not Found');
      res.end('not here');
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[/\.\w+$/.exec(file)?.[0] ?? ''] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

interface IndexLine {
  id: string;
  outlet: string;
  url?: string;
  guid?: string;
  title?: string;
  published?: string;
  paragraphs: string[];
}

function indexOf(file: string): { header: Record<string, unknown>; docs: IndexLine[] } {
  const lines = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  return { header: lines[0], docs: lines.slice(1) };
}

const fast = ['--delay-ms', '0', '--timeout-ms', '5000'];

describe('wiretrace feed', () => {
  test('four formats, full-content and link-only items: each recorded once, with its guid; a second run adds nothing', async () => {
    const t = tempFiles();
    try {
      const feeds = ['rss2.xml', 'rdf.xml', 'atom.xml', 'feed.json'].map((f) => `${base}/feeds/${f}`);
      const r = await wiretrace(['feed', '--index', t.path('wire.idx'), ...fast, ...feeds]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      // 11 items; the ferry story is in two feeds under one link: read once.
      expect(r.stdout).toBe(`feeds: 4 read\nitems: 10 new, 0 already in the index, 1 read twice (recorded once)\nindex ${t.path('wire.idx')} now holds 10 articles\n`);
      const { docs } = indexOf(t.path('wire.idx'));
      const byTitle = new Map(docs.map((d) => [d.title, d]));
      expect(byTitle.get('Harbour crane collapse halts Varnholm port')).toMatchObject({ outlet: 'Tidewater Wire', guid: 'tidewater-2025-0001', id: `${base}/world/varnholm-crane-collapse.html`, published: '2025-03-04T06:10:00.000Z' });
      // Link-only items, read from their pages: the page's canonical URL is the id.
      const ferry = docs.find((d) => d.title === 'Tallow Bay council approves night ferry trial')!;
      expect(ferry).toMatchObject({ id: `${base}/feeds/pages/ferry.html`, outlet: 'Tidewater Wire', guid: 'tidewater-2025-0003' });
      expect(ferry.paragraphs).toHaveLength(4);
      // Its page names a canonical URL on another site, which does not count: its own address is the id.
      expect(docs.find((d) => d.guid === 'urn:uuid:7d1c4a4e-0000-4000-8000-000000000004')).toMatchObject({ id: `${base}/feeds/pages/market.html`, outlet: 'Harbour & Rail Desk' });
      expect(docs.every((d) => !d.paragraphs.join(' ').includes('injected'))).toBe(true);
      expect(requests.filter((p) => p.startsWith('/feeds/pages/'))).toEqual(expect.arrayContaining(['/feeds/pages/ferry.html', '/feeds/pages/bell.html', '/feeds/pages/market.html']));

      const pagesBefore = requests.filter((p) => p.startsWith('/feeds/pages/')).length;
      const again = await wiretrace(['feed', '--index', t.path('wire.idx'), ...fast, ...feeds]);
      expect(again.code).toBe(0);
      expect(again.stdout).toBe(`feeds: 4 read\nitems: 0 new, 11 already in the index\nindex ${t.path('wire.idx')} now holds 10 articles\n`);
      // Known items are not fetched again.
      expect(requests.filter((p) => p.startsWith('/feeds/pages/')).length).toBe(pagesBefore);
    } finally {
      t.cleanup();
    }
  });

  test('a feed that repeats items records each once; --outlet names the outlet; a saved file is read too', async () => {
    const t = tempFiles();
    try {
      const r = await wiretrace(['feed', '--index', t.path('i.idx'), '--outlet', 'Echo', resolve(FIXTURES, 'repeats.xml')]);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^items: 3 new, 0 already in the index, 2 read twice \(recorded once\)$/m);
      const { docs } = indexOf(t.path('i.idx'));
      expect(docs.map((d) => d.guid)).toEqual(['echo-1', 'echo-2', 'echo-4']);
      expect(new Set(docs.map((d) => d.outlet))).toEqual(new Set(['Echo']));
    } finally {
      t.cleanup();
    }
  });

  test('a malformed feed and a feed that never answers are named with the reason; the other feeds are still recorded; exit 1', async () => {
    const t = tempFiles();
    try {
      const t0 = Date.now();
      const r = await wiretrace(['feed', '--index', t.path('i.idx'), '--timeout-ms', '800', `${base}/feeds/malformed.xml`, `${base}/silent.xml`, `${base}/feeds/latin1.xml`, `${base}/feeds/missing.xml`]);
      expect(Date.now() - t0).toBeLessThan(20_000);
      expect(r.code).toBe(1);
      expect(messages(r.stderr)).toEqual([
        `wiretrace: ${base}/feeds/malformed.xml: is not well-formed XML (unexpected end of description); skipped`,
        `wiretrace: ${base}/silent.xml: no answer within 800 ms; skipped`,
        `wiretrace: ${base}/feeds/missing.xml: the server answered 404 Not Found; skipped`,
      ]);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stdout).toMatch(/^feeds: 1 read, 3 failed \(reported on stderr\)$/m);
      const { docs } = indexOf(t.path('i.idx'));
      expect(docs.map((d) => d.title)).toEqual(['Fête du port de Saint-Aubèle reportée après la tempête']);
      expect(docs[0].paragraphs[1]).toContain('« On garde les guirlandes, on recommencera dans trois semaines », a déclaré Noël Garçon');
    } finally {
      t.cleanup();
    }
  });

  test('when every feed fails, an index file that did not exist is not written (and the run says so); exit 1', async () => {
    const t = tempFiles();
    try {
      const r = await wiretrace(['feed', '--index', t.path('new.idx'), ...fast, `${base}/feeds/missing.xml`, `${base}/feeds/malformed.xml`]);
      expect(r.code).toBe(1);
      expect(messages(r.stderr)).toEqual([
        `wiretrace: ${base}/feeds/missing.xml: the server answered 404 Not Found; skipped`,
        `wiretrace: ${base}/feeds/malformed.xml: is not well-formed XML (unexpected end of description); skipped`,
        `wiretrace: ${t.path('new.idx')}: not written: no feed could be read (each is named above)`,
      ]);
      expect(r.stdout).toMatch(/^feeds: 0 read, 2 failed \(reported on stderr\)$/m);
      expect(r.stdout.split('\n')).toContain(`index ${t.path('new.idx')} was not saved`);
      expect(existsSync(t.path('new.idx'))).toBe(false);
    } finally {
      t.cleanup();
    }
  });

  test('an item whose page fails is named with its link and reason; a page that is not an article is a note', async () => {
    const t = tempFiles();
    made.set('/broken-links.xml', {
      type: 'application/rss+xml',
      body: `<rss version="2.0"><channel><title>Links Desk</title><link>${base}/</link>
        <item><title>Gone</title><link>/feeds/pages/gone.html</link><description>Short.</description></item>
        <item><title>Contents</title><link>/feeds/pages/contents.html</link><description>Short.</description></item>
        <item><title>Ferry</title><link>/feeds/pages/ferry.html</link><description>Short.</description></item>
      </channel></rss>`,
    });
    try {
      const r = await wiretrace(['feed', '--index', t.path('i.idx'), ...fast, `${base}/broken-links.xml`]);
      expect(r.code).toBe(1);
      expect(messages(r.stderr)).toEqual([
        `wiretrace: ${base}/broken-links.xml: item 1 ("Gone"): ${base}/feeds/pages/gone.html: the server answered 404 Not Found`,
        `wiretrace: ${base}/broken-links.xml: item 2 ("Contents"): note: ${base}/feeds/pages/contents.html is not an article: the page does not look like an article (a contents page, a section front, search results); skipped`,
      ]);
      expect(r.stdout).toContain('items: 1 new, 0 already in the index, 1 page not an article (skipped), 1 failed\n  1 failed: the server answered 404 Not Found\n');
    } finally {
      t.cleanup();
    }
  });

  test('ISO-8859-1 named only by the Content-Type header', async () => {
    const t = tempFiles();
    const latin = Buffer.from(readFileSync(resolve(FIXTURES, 'latin1.xml')).toString('latin1').replace(' encoding="ISO-8859-1"', ''), 'latin1');
    made.set('/latin1-header.xml', { type: 'application/rss+xml; charset=ISO-8859-1', body: latin });
    try {
      const r = await wiretrace(['feed', '--index', t.path('i.idx'), `${base}/latin1-header.xml`]);
      expect(r.code).toBe(0);
      expect(indexOf(t.path('i.idx')).docs[0].title).toBe('Fête du port de Saint-Aubèle reportée après la tempête');
    } finally {
      t.cleanup();
    }
  });

  test('a feed of 5,000 items: all recorded, --max-items keeps the first ones', async () => {
    const t = tempFiles();
    const para = (i: number, n: number) => `Dock ${i} report ${n}: crews at berth ${i} moved ${i * 7 + n} containers before the tide turned, the harbour office said, and the night shift will finish the rest of the ship by dawn.`;
    const items = Array.from({ length: 5000 }, (_, i) => `<item><title>Berth ${i} report</title><link>/berth/${i}</link><guid isPermaLink="false">berth-${i}</guid><content:encoded><![CDATA[<p>${para(i, 1)}</p><p>${para(i, 2)}</p><p>${para(i, 3)}</p><p>${para(i, 4)}</p>]]></content:encoded></item>`).join('\n');
    made.set('/big.xml', { type: 'application/rss+xml; charset=utf-8', body: `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Harbour Log</title><link>${base}/</link>${items}</channel></rss>` });
    try {
      const some = await wiretrace(['feed', '--index', t.path('some.idx'), '--max-items', '10', `${base}/big.xml`]);
      expect(some.code).toBe(0);
      expect(some.stdout).toMatch(/^items: 10 new, 0 already in the index, 4990 left out by --max-items$/m);
      const t0 = Date.now();
      const all = await wiretrace(['feed', '--index', t.path('all.idx'), `${base}/big.xml`]);
      const ms = Date.now() - t0;
      expect(all.code).toBe(0);
      expect(all.stdout).toMatch(/^items: 5000 new, 0 already in the index$/m);
      expect(indexOf(t.path('all.idx')).header).toMatchObject({ documents: 5000 });
      console.log(`wiretrace feed: 5,000 full-content items read and recorded in ${ms} ms`);
    } finally {
      t.cleanup();
    }
  });

  test('politely: requests to one host start --delay-ms apart, the feed\'s own first; --progress counts feeds, then items', async () => {
    const t = tempFiles();
    const para = (n: number, i: number) => `Paragraph ${i} of story ${n}: the ferry crews of the bay met the harbour board again on Monday to talk about night crossings, fares and the winter timetable.`;
    for (let n = 0; n < 4; n++) {
      made.set(`/polite/p${n}.html`, { type: 'text/html; charset=utf-8', body: `<!doctype html><html><head><title>Story ${n}</title></head><body><article><h1>Story ${n}</h1>${[1, 2, 3, 4].map((i) => `<p>${para(n, i)}</p>`).join('')}</article></body></html>` });
    }
    made.set('/polite.xml', {
      type: 'application/rss+xml',
      body: `<rss version="2.0"><channel><title>Polite Desk</title><link>${base}/</link>${[0, 1, 2, 3].map((n) => `<item><title>Story ${n}</title><link>/polite/p${n}.html</link><description>Short.</description></item>`).join('')}</channel></rss>`,
    });
    try {
      const from = arrived.length;
      const r = await wiretrace(['feed', '--index', t.path('i.idx'), '--delay-ms', '400', '--concurrency', '4', '--progress', `${base}/polite.xml`]);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^items: 4 new, 0 already in the index$/m);
      const mine = arrived.slice(from);
      expect(mine.map((a) => a.path)).toEqual(['/polite.xml', '/polite/p0.html', '/polite/p1.html', '/polite/p2.html', '/polite/p3.html']);
      // Measured where they arrive, so with slack for a connection set up late; the feed's request
      // counts as the host's first (without the delay, the first page follows it within a few ms).
      for (let i = 1; i < mine.length; i++) expect(mine[i].at - mine[i - 1].at).toBeGreaterThanOrEqual(300);
      // Progress from the start, though the feed holds only four items.
      const bars = r.stderr.split('\r\x1b[K').filter(Boolean);
      expect(bars[0]).toBe('feeds [........................] 0/1 0%');
      expect(bars).toContain('items [########################] 4/4 100%');
    } finally {
      t.cleanup();
    }
  });

  test('usage errors exit 2 with a hint', async () => {
    const noIndex = await wiretrace(['feed', `${base}/feeds/rss2.xml`]);
    expect(noIndex.code).toBe(2);
    expect(noIndex.stderr).toBe("wiretrace: feed needs --index FILE (the index the items are recorded into) (see 'wiretrace feed --help')\n");
    const badNumber = await wiretrace(['feed', '--index', 'x.idx', '--concurrency', '0', 'f.xml']);
    expect(badNumber.code).toBe(2);
    expect(badNumber.stderr).toMatch(/--concurrency needs a whole number from 1 to 64, not '0'/);
    // Not a usage error (the other feeds are read), but said as what it is, not as a missing file.
    const t = tempFiles();
    try {
      const ftp = await wiretrace(['feed', '--index', t.path('i.idx'), 'ftp://wire.example/feed.xml']);
      expect(ftp.code).toBe(1);
      expect(messages(ftp.stderr)).toEqual([
        'wiretrace: ftp://wire.example/feed.xml: ftp: addresses are not read; only http:// and https:// feeds are fetched (or give a saved feed file)',
        `wiretrace: ${t.path('i.idx')}: not written: no feed could be read (each is named above)`,
      ]);
    } finally {
      t.cleanup();
    }
    const help = await wiretrace(['feed', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: wiretrace feed --index FILE/);
  });
});
