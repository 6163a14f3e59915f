/**
 * A page's claimed address counts only on its own site: a page cannot take another site's article's
 * place in the index by declaring that article's URL as its canonical (or og:url). The address it was
 * read at is kept beside the canonical one when the two differ.
 */
import { describe, expect, it } from 'vitest';
import { canonicalUrl, readAtUrl, siteOf } from '../../src/extract/urls';
import { pageDocument } from './linkedom-doc';

const doc = (head: string) => pageDocument(`<!doctype html><html><head>${head}</head><body><p>x</p></body></html>`, 'https://www.example.com/a');

describe('canonicalUrl', () => {
  it("keeps a canonical URL on the page's own site, subdomains included", () => {
    expect(canonicalUrl(doc('<link rel="canonical" href="https://example.com/story?x=1#top">'), 'https://www.example.com/a?utm=1')).toEqual({ url: 'https://example.com/story?x=1', urlSource: 'canonical' });
    expect(canonicalUrl(doc('<link rel="canonical" href="https://news.bbc.co.uk/1">'), 'https://www.bbc.co.uk/news/1')).toEqual({ url: 'https://news.bbc.co.uk/1', urlSource: 'canonical' });
    expect(canonicalUrl(doc('<meta property="og:url" content="/b">'), 'https://www.example.com/a')).toEqual({ url: 'https://www.example.com/b', urlSource: 'og:url' });
  });

  it("ignores a canonical URL or og:url on another site, and keeps the page's real address", () => {
    const spoof = doc('<link rel="canonical" href="https://www.bbc.co.uk/news/world-123"><meta property="og:url" content="https://www.bbc.co.uk/news/world-123">');
    expect(canonicalUrl(spoof, 'https://evil.example.net/copy#frag')).toEqual({ url: 'https://evil.example.net/copy', urlSource: 'location' });
    // co.uk is not a site: bbc.co.uk and evil.co.uk are two.
    expect(canonicalUrl(doc('<link rel="canonical" href="https://www.bbc.co.uk/1">'), 'https://evil.co.uk/1').urlSource).toBe('location');
  });

  it('lets a page read from a file keep what it declares (it has no site of its own)', () => {
    expect(canonicalUrl(doc('<link rel="canonical" href="https://www.bbc.co.uk/news/1">'), 'file:///tmp/page.html')).toEqual({ url: 'https://www.bbc.co.uk/news/1', urlSource: 'canonical' });
  });

  it('siteOf takes the registrable part of a host', () => {
    expect(siteOf('www.nytimes.com')).toBe('nytimes.com');
    expect(siteOf('news.bbc.co.uk')).toBe('bbc.co.uk');
    expect(siteOf('www.abc.net.au')).toBe('abc.net.au');
    expect(siteOf('127.0.0.1')).toBe('127.0.0.1');
  });

  it('gives the address the page was read at when it is not the canonical URL, and only an http(s) one', () => {
    expect(readAtUrl('https://www.example.com/a?utm=1#top', 'https://example.com/story')).toBe('https://www.example.com/a?utm=1');
    expect(readAtUrl('https://example.com/story#comments', 'https://example.com/story')).toBeUndefined();
    expect(readAtUrl('file:///tmp/page.html', 'https://www.bbc.co.uk/news/1')).toBeUndefined();
    expect(readAtUrl(`https://example.com/${'a'.repeat(5000)}`, 'https://example.com/story')).toBeUndefined();
  });
});
