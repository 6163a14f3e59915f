/**
 * The outlet of an .html page that names none (no og:site_name, JSON-LD publisher or
 * application-name): the host name of its canonical URL (link rel=canonical, og:url), as the
 * extension uses the host name of the page's address; without one, the file name; --outlet first.
 */
import { afterAll, describe, expect, test } from 'vitest';
import { STORY, STORY_TITLE } from './fixtures';
import { parseDocuments, tempFiles, wiretrace } from './run';

const page = (head: string) => `<!doctype html><html lang="en"><head><title>${STORY_TITLE}</title>${head}</head>
<body><main><article><h1>${STORY_TITLE}</h1>${STORY.map((p) => `<p>${p}</p>`).join('\n')}</article></main></body></html>`;

const t = tempFiles({
  'canonical.html': page('<link rel="canonical" href="https://www.kelmsworth-herald.example/news/bridge#top">'),
  'og-url.html': page('<meta property="og:url" content="https://news.example.org/bridge">'),
  'relative.html': page('<link rel="canonical" href="/news/bridge">'),
  'named.html': page('<link rel="canonical" href="https://www.kelmsworth-herald.example/b"><meta property="og:site_name" content="Kelmsworth Herald">'),
});
afterAll(() => t.cleanup());

describe('the outlet of a page that names none', () => {
  test('canonical host name, else the file name; the page URL only when the page declares one', async () => {
    const r = await wiretrace(['audit', '--json', '--order', 'given', 'canonical.html', 'og-url.html', 'relative.html', 'named.html'], { cwd: t.dir });
    expect(r.stderr).toBe('');
    const docs = parseDocuments(r.stdout);
    expect(docs.map((d) => [d.outlet, d.url])).toEqual([
      ['kelmsworth-herald.example', 'https://www.kelmsworth-herald.example/news/bridge'],
      ['news.example.org', 'https://news.example.org/bridge'],
      ['relative', null],
      ['Kelmsworth Herald', 'https://www.kelmsworth-herald.example/b'],
    ]);
    const named = await wiretrace(['audit', '--json', '--outlet', 'Given', 'canonical.html'], { cwd: t.dir });
    expect(parseDocuments(named.stdout)[0].outlet).toBe('Given');
  });
});
