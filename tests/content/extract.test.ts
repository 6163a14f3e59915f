import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/extract-article';
import type { ExtractResult, ExtractedArticle } from '../../src/extract-types';
import { pageDocument } from './linkedom-doc';
import { STORY, articlePage, type PageParts } from './pages';

const URL_ = 'https://www.harwickherald.example/news/2024/bridge-vote#comments';

function extract(parts: PageParts, opts: { force?: boolean } = {}, url = URL_): ExtractResult {
  return extractArticle(pageDocument(articlePage(parts), url), { href: url }, opts);
}

function ok(result: ExtractResult): ExtractedArticle {
  if (result.status !== 'ok') throw new Error(`expected ok, got ${JSON.stringify(result)}`);
  return result.article;
}

describe('extractArticle on built pages', () => {
  it('extracts paragraphs and metadata from a plain article page', () => {
    const result = extract({
      head: '<meta property="og:site_name" content="Harwick Herald"><meta property="article:published_time" content="2024-05-07T19:30:00+01:00">',
    });
    expect(result.status).toBe('ok');
    const article = ok(result);
    expect(article.paragraphs).toEqual(STORY);
    expect(article).toMatchObject({
      id: 'https://www.harwickherald.example/news/2024/bridge-vote',
      url: 'https://www.harwickherald.example/news/2024/bridge-vote',
      outlet: 'Harwick Herald',
      outletSource: 'og:site_name',
      published: '2024-05-07T18:30:00Z',
      publishedSource: 'article:published_time',
      lang: 'en-GB',
    });
    expect(article.title).toBe('Harwick swing bridge to close to cars');
    expect(result.status === 'ok' && result.readerable).toBe(true);
  });

  it('prefers link rel=canonical, then og:url, resolved against the page', () => {
    const both = ok(extract({ head: '<link rel="canonical" href="/news/bridge"><meta property="og:url" content="https://other.example/x">' }));
    expect(both.url).toBe('https://www.harwickherald.example/news/bridge');
    expect(both.urlSource).toBe('canonical');
    expect(both.id).toBe(both.url);
    const og = ok(extract({ head: '<meta property="og:url" content="https://m.harwickherald.example/bridge#top">' }));
    expect(og.url).toBe('https://m.harwickherald.example/bridge');
    expect(og.urlSource).toBe('og:url');
    const bad = ok(extract({ head: '<link rel="canonical" href="javascript:alert(1)">' }));
    expect(bad.url).toBe('https://www.harwickherald.example/news/2024/bridge-vote');
    expect(bad.urlSource).toBe('location');
  });

  it('reads the outlet and date from JSON-LD @graph with @id references and tolerates invalid JSON', () => {
    const head = `
      <script type="application/ld+json">{ "broken": </script>
      <script type="application/ld+json">[{"@context":"https://schema.org","@graph":[
        {"@type":"WebSite","@id":"#site","name":"Not this"},
        {"@type":"NewsMediaOrganization","@id":"#org","name":"The Harwick Herald"},
        {"@type":["NewsArticle"],"headline":"Bridge","datePublished":"2024-05-07T17:00:00Z","publisher":[{"@id":"#org"}],"author":{"@type":"Person","name":"Ada Marsh"}},
      ]}]</script>`;
    const article = ok(extract({ head }));
    expect(article).toMatchObject({ outlet: 'The Harwick Herald', outletSource: 'json-ld', published: '2024-05-07T17:00:00Z', publishedSource: 'json-ld' });
    expect(article.byline).toBe('Ada Marsh');
  });

  it('falls back to application-name, then a readable hostname', () => {
    expect(ok(extract({ head: '<meta name="application-name" content="Herald">' }))).toMatchObject({ outlet: 'Herald', outletSource: 'application-name' });
    expect(ok(extract({}))).toMatchObject({ outlet: 'harwickherald.example', outletSource: 'hostname' });
  });

  it('finds the time in <time datetime> inside the article, or in meta tags', () => {
    const time = ok(extract({ beforeBody: '<p class="meta">By Ada Marsh <time datetime="2024-05-07T16:00:00Z">7 May</time></p>' }));
    expect(time).toMatchObject({ published: '2024-05-07T16:00:00Z', publishedSource: 'time' });
    const meta = ok(extract({ head: '<meta name="pubdate" content="2024-05-07">' }));
    expect(meta).toMatchObject({ published: '2024-05-07T00:00:00Z', publishedSource: 'meta' });
    const none = ok(extract({}));
    expect(none.published).toBeUndefined();
    expect(none.publishedSource).toBeUndefined();
  });

  it('keeps words split over inline elements in one paragraph and takes list items, quotes and subheadings', () => {
    const article = ok(
      extract({
        rawParagraphs: [
          `<p>${STORY[0]}</p>`,
          '<p>The engineer, <a href="/people/dana">Dana  Whitlock</a>, <em>said</em>\n   the bridge&nbsp;was <strong>unsafe</strong> for buses and that the council had no choice but to act now.</p>',
          '<h2>What happens next</h2>',
          `<p>${STORY[1]}</p>`,
          '<ul><li>A temporary ferry will run from the east bank to the market steps every twenty minutes.</li><li>Cyclists will be able to use the rail bridge footway during the works.</li></ul>',
          '<blockquote><p>We have run out of patches, and we have run out of time to argue about it.</p></blockquote>',
          '<figure><img src="/bridge.jpg" alt=""><figcaption>The swing bridge, photographed in 1911.</figcaption></figure>',
          `<p>${STORY[2]}</p><script>var tracking = "not text";</script>`,
          `<p>${STORY[3]}</p>`,
        ],
      }),
    );
    expect(article.paragraphs).toContain('The engineer, Dana Whitlock, said the bridge was unsafe for buses and that the council had no choice but to act now.');
    expect(article.paragraphs).toContain('What happens next');
    expect(article.paragraphs).toContain('A temporary ferry will run from the east bank to the market steps every twenty minutes.');
    expect(article.paragraphs).toContain('We have run out of patches, and we have run out of time to argue about it.');
    expect(article.paragraphs.join(' ')).not.toContain('photographed in 1911');
    expect(article.paragraphs.join(' ')).not.toContain('tracking');
    for (const p of article.paragraphs) expect(p).toBe(p.replace(/\s+/g, ' ').trim());
  });

  it('drops kicker, byline and share furniture but keeps credit lines', () => {
    const article = ok(
      extract({
        beforeBody: '<p class="kicker">Local news</p><p class="byline">By Ada Marsh, Transport Reporter</p><div class="share-bar"><a href="#">Share</a></div>',
        afterBody: '<p class="credit-line">Additional reporting by Meridian Wire.</p>',
      }),
    );
    expect(article.paragraphs[0]).toBe(STORY[0]);
    expect(article.paragraphs).toContain('Additional reporting by Meridian Wire.');
  });

  it('keeps a dateline that credits a wire, even in an element named as furniture', () => {
    // (Readability takes the first byline-like element as the byline: here the reporter's line.)
    const article = ok(extract({ rawParagraphs: ['<p class="byline">By Ada Marsh</p>', `<p><span class="dateline">LENNOCK (Meridian Wire) \u2014</span> ${STORY[0]}</p>`, ...STORY.slice(1).map((p) => `<p>${p}</p>`)] }));
    expect(article.paragraphs[0]).toBe(`LENNOCK (Meridian Wire) \u2014 ${STORY[0]}`);
  });

  it('never mutates the live document', () => {
    const doc = pageDocument(articlePage({ head: '<meta property="og:site_name" content="Harwick Herald">' }), URL_);
    const before = doc.documentElement.outerHTML;
    expect(extractArticle(doc, { href: URL_ }).status).toBe('ok');
    expect(doc.documentElement.outerHTML).toBe(before);
  });

  it('answers not-article for pages that are not articles, unless forced', () => {
    const short = { rawParagraphs: ['<p>Page not found.</p>', '<ul><li><a href="/">Home</a></li></ul>'], h1: 'Oops' };
    const result = extract(short);
    expect(result).toMatchObject({ status: 'not-article', url: 'https://www.harwickherald.example/news/2024/bridge-vote' });
    const empty = extractArticle(pageDocument('<html><body></body></html>', URL_), { href: URL_ }, { force: true });
    expect(empty.status).toBe('not-article');
    const forced = extract({ rawParagraphs: [`<p>${STORY[0]}</p>`] }, { force: true });
    expect(forced.status).toBe('ok');
    expect(forced.status === 'ok' && forced.readerable).toBe(false);
  });

  it('never throws: failures become status error', () => {
    const broken = { cloneNode: () => { throw new Error('boom'); } } as unknown as Document;
    const result = extractArticle(broken, { href: URL_ });
    expect(result.status).toBe('error');
    expect(extractArticle(null as unknown as Document, { href: URL_ }, { force: true }).status).toBe('error');
  });

  it('keeps markup in article text as literal text', () => {
    const article = ok(
      extract({
        title: 'Alert <script>window.__pwned=1</script>',
        paragraphs: [...STORY.slice(0, 3), 'The message ended with <img src=x onerror=alert(1)> and then <script>window.__pwned=1</script> as plain text, the council said in a statement.', ...STORY.slice(3)],
      }),
    );
    expect(article.paragraphs[3]).toBe('The message ended with <img src=x onerror=alert(1)> and then <script>window.__pwned=1</script> as plain text, the council said in a statement.');
  });

  it('reads lang from <html lang>, else og:locale', () => {
    expect(ok(extract({ lang: 'de' })).lang).toBe('de');
    expect(ok(extract({ lang: null, head: '<meta property="og:locale" content="en_US">' })).lang).toBe('en-US');
  });
});
