/**
 * src/feeds/ on the made-up fixtures of tests/fixtures/feeds: the four formats read into one item
 * shape, relative links resolved, CDATA and entities decoded, charsets honoured, malformed and
 * hostile input refused in words, a 5,000-item feed read, and the full-content rule.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { htmlDocument } from '../../src/extract/linkedom-document';
import { decodeFeedBytes } from '../../src/feeds/decode-feed';
import { feedOutlet } from '../../src/feeds/feed-outlet';
import { FeedError } from '../../src/feeds/feed-types';
import { contentArticle } from '../../src/feeds/item-article';
import { parseFeed } from '../../src/feeds/parse-feed';

const DIR = resolve(import.meta.dirname, '../fixtures/feeds');
const bytes = (name: string) => new Uint8Array(readFileSync(resolve(DIR, name)));
const FEED_URL = 'http://127.0.0.1:8080/feeds/';
const read = (name: string, contentType?: string) => parseFeed(decodeFeedBytes(bytes(name), contentType).text, { url: FEED_URL + name });

function feedError(fn: () => unknown): FeedError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(FeedError);
    return e as FeedError;
  }
  throw new Error('expected a FeedError');
}

describe('the four formats', () => {
  test('RSS 2.0: guid, relative links against the feed address, CDATA, entities escaped twice in a title, dc:creator', () => {
    const feed = read('rss2.xml');
    expect(feed).toMatchObject({ format: 'rss', title: 'Tidewater Wire', siteUrl: 'https://tidewater.example/', lang: 'en-GB', itemsLeftOut: 0 });
    const [crane, drought, ferry] = feed.items;
    expect(crane).toMatchObject({
      guid: 'tidewater-2025-0001',
      link: 'http://127.0.0.1:8080/world/varnholm-crane-collapse.html',
      title: 'Harbour crane collapse halts Varnholm port',
      published: Date.parse('2025-03-04T06:10:00Z'),
      author: 'Lise Marrow',
    });
    expect(crane.contentHtml).toContain('<p>VARNHOLM (Tidewater Wire)');
    expect(crane.summary).toMatch(/^VARNHOLM/);
    expect(drought.title).toBe('Water rationing begins in three Kestrel Valley towns & farms');
    expect(drought.published).toBe(Date.parse('2025-03-05T08:30:00Z'));
    expect(drought.contentHtml).toMatch(/^<p>KESTREL VALLEY/);
    expect(ferry.link).toBe('http://127.0.0.1:8080/feeds/pages/ferry.html');
    expect(ferry.guid).toBe('tidewater-2025-0003');
  });

  test('RSS 1.0 (RDF): rdf:about as guid, dc:date and dc:creator', () => {
    const feed = read('rdf.xml');
    expect(feed).toMatchObject({ format: 'rdf', title: 'Coastal Ledger', siteUrl: 'https://coastal-ledger.example/' });
    expect(feed.items[0]).toMatchObject({ guid: 'https://coastal-ledger.example/news/selby-cable.html', published: Date.parse('2025-03-07T08:00:00Z'), author: 'Jonah Reese' });
    expect(feed.items[1]).toMatchObject({ guid: 'urn:coastal-ledger:orrin-bell', link: 'http://127.0.0.1:8080/feeds/pages/bell.html' });
  });

  test('Atom 1.0: html and xhtml content, the alternate link, xml:base on an entry, published over updated', () => {
    const feed = read('atom.xml');
    expect(feed).toMatchObject({ format: 'atom', title: 'Harbour & Rail Desk', siteUrl: 'https://harbour-desk.example/', lang: 'en' });
    const [rail, school, market] = feed.items;
    expect(rail).toMatchObject({ guid: 'urn:uuid:7d1c4a4e-0000-4000-8000-000000000002', link: 'https://harbour-desk.example/rail/brindle-strike.html', author: 'Cora Blint', published: Date.parse('2025-03-09T06:45:00Z') });
    expect(rail.contentHtml).toMatch(/^<p>BRINDLE/);
    expect(school.contentHtml).toContain('<p>LENNART');
    expect(school.published).toBe(Date.parse('2025-03-10T08:00:00Z'));
    // xml:base="stories/" on the entry, then "../pages/market.html": back to the feed's folder.
    expect(market.link).toBe('http://127.0.0.1:8080/feeds/pages/market.html');
    expect(market.summary).toBeUndefined();
    expect(market.contentHtml).toMatch(/^<p>CARROW/);
  });

  test('JSON Feed 1.1: content_html, content_text as paragraphs, summary with a relative url', () => {
    const feed = read('feed.json');
    expect(feed).toMatchObject({ format: 'json', title: 'Bayline Bulletin', siteUrl: 'https://bayline.example/', lang: 'en' });
    const [bell, rail, ferry] = feed.items;
    expect(bell).toMatchObject({ guid: 'bb-101', author: 'Hana Sol', link: 'https://bayline.example/islands/orrin-bell' });
    expect(rail.contentHtml!.match(/<p>/g)).toHaveLength(4);
    expect(ferry).toMatchObject({ guid: 'bb-103', link: 'http://127.0.0.1:8080/feeds/pages/ferry.html' });
  });

  test('a feed read from a file resolves relative links against its site', () => {
    const feed = parseFeed(decodeFeedBytes(bytes('rss2.xml')).text);
    expect(feed.items[0].link).toBe('https://tidewater.example/world/varnholm-crane-collapse.html');
  });

  test('the outlet: the name given, else the title, else the site host', () => {
    expect(feedOutlet(read('rss2.xml'))).toBe('Tidewater Wire');
    expect(feedOutlet(read('rss2.xml'), 'Tidewater')).toBe('Tidewater');
    expect(feedOutlet({ siteUrl: 'https://www.untitled.example/news/' })).toBe('untitled.example');
    expect(feedOutlet({}, undefined, 'https://feeds.example.org/rss')).toBe('feeds.example.org');
  });
});

describe('charsets', () => {
  test('ISO-8859-1 from the XML declaration: accented text decoded', () => {
    const d = decodeFeedBytes(bytes('latin1.xml'));
    expect(d).toMatchObject({ charset: 'windows-1252', from: 'xml-declaration' });
    const feed = parseFeed(d.text);
    expect(feed.title).toBe('Dépêche Côtière');
    expect(feed.items[0].title).toBe('Fête du port de Saint-Aubèle reportée après la tempête');
    expect(feed.items[0].contentHtml).toContain('« On garde les guirlandes');
  });

  test('the Content-Type charset over the XML declaration; windows-1252 curly quotes; a BOM over both', () => {
    const xml = (decl: string, title: number[]) => new Uint8Array([...Buffer.from(`<?xml version="1.0"${decl}?><rss version="2.0"><channel><title>`), ...title, ...Buffer.from('</title></channel></rss>')]);
    const curly = [0x93, 0x43, 0x61, 0x66, 0xe9, 0x94]; // “Café” in windows-1252
    expect(parseFeed(decodeFeedBytes(xml('', curly), 'application/rss+xml; charset=windows-1252').text).title).toBe('\u201cCafé\u201d');
    expect(decodeFeedBytes(xml(' encoding="utf-8"', curly), 'text/xml; charset="ISO-8859-1"').from).toBe('content-type');
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...xml(' encoding="iso-8859-1"', [...Buffer.from('Café')])]);
    expect(parseFeed(decodeFeedBytes(bom, 'text/xml; charset=iso-8859-1').text).title).toBe('Café');
    // No charset anywhere and not UTF-8: read as windows-1252, as browsers do.
    expect(decodeFeedBytes(xml('', curly))).toMatchObject({ charset: 'windows-1252', from: 'fallback' });
  });

  test('bytes that are not text, or not the charset named, are refused in words', () => {
    expect(feedError(() => decodeFeedBytes(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13]))).message).toMatch(/binary.*NUL/);
    expect(feedError(() => decodeFeedBytes(new Uint8Array([0x1f, 0x8b, 8, 0]))).message).toMatch(/gzip/);
    expect(feedError(() => decodeFeedBytes(new Uint8Array([0xff, 0xfe, 0x41]), null)).code).toBeDefined();
    expect(feedError(() => decodeFeedBytes(Buffer.from('<rss/>'), 'text/xml; charset=klingon')).message).toBe('the Content-Type header names the charset "klingon", which this build cannot decode');
    expect(feedError(() => decodeFeedBytes(new Uint8Array([0x3c, 0xc3, 0x28]), 'text/xml; charset=utf-8')).message).toMatch(/not valid utf-8 text/);
    expect(feedError(() => decodeFeedBytes(new Uint8Array())).message).toBe('is empty');
  });
});

describe('hostile and broken input', () => {
  test('malformed XML, malformed JSON, HTML, plain text and XML that is no feed: a FeedError in words, never a stack', () => {
    expect(feedError(() => read('malformed.xml'))).toMatchObject({ code: 'malformed', message: 'is not well-formed XML (unexpected end of description)' });
    expect(feedError(() => parseFeed('{"version":"https://jsonfeed.org/version/1.1","items":[')).message).toMatch(/^is not valid JSON \(/);
    expect(feedError(() => parseFeed('{"hello":"world"}')).message).toMatch(/JSON but not a JSON Feed/);
    expect(feedError(() => parseFeed('<!DOCTYPE html><html><body>hi</body></html>')).message).toMatch(/HTML page, not a feed/);
    expect(feedError(() => parseFeed('just some words')).code).toBe('not-a-feed');
    expect(feedError(() => parseFeed('<?xml version="1.0"?><note><to>x</to></note>')).message).toMatch(/XML but not a feed/);
  });

  test('scripts, event handlers and frames in an item body never reach the paragraphs', () => {
    const [crane] = read('rss2.xml').items;
    const r = contentArticle(crane, { outlet: 'Tidewater Wire' }, htmlDocument);
    expect(r.status).toBe('full');
    if (r.status !== 'full') return;
    const text = r.article.paragraphs.join('\n');
    expect(text).not.toMatch(/injected|alert|onerror|ads\.example|document\.title/);
    expect(r.article.paragraphs).toHaveLength(5);
    expect(r.article).toMatchObject({ id: crane.link, url: crane.link, outlet: 'Tidewater Wire', guid: 'tidewater-2025-0001', published: '2025-03-04T06:10:00.000Z' });
  });

  test('javascript: and data: links are no article address', () => {
    const feed = parseFeed('<rss version="2.0"><channel><title>x</title><link>https://x.example/</link><item><title>a</title><link>javascript:alert(1)</link><guid isPermaLink="false">g</guid></item><item><title>b</title><link>data:text/html,hi</link></item></channel></rss>');
    expect(feed.items.map((i) => i.link)).toEqual([undefined, undefined]);
  });

  test('5,000 items: read in well under a second or two, --max-items keeps the first ones and counts the rest', () => {
    const items = Array.from({ length: 5000 }, (_, i) => `<item><title>Story ${i}</title><link>/s/${i}</link><guid isPermaLink="false">g-${i}</guid><pubDate>Tue, 04 Mar 2025 06:10:00 GMT</pubDate><description>&lt;p&gt;Paragraph of story ${i}.&lt;/p&gt;</description></item>`).join('\n');
    const xml = `<?xml version="1.0"?><rss version="2.0"><channel><title>Big</title><link>https://big.example/</link>${items}</channel></rss>`;
    const t0 = performance.now();
    const feed = parseFeed(xml, { url: 'https://big.example/rss' });
    const ms = performance.now() - t0;
    expect(feed.items).toHaveLength(5000);
    expect(feed.items[4999]).toMatchObject({ guid: 'g-4999', link: 'https://big.example/s/4999', title: 'Story 4999' });
    expect(ms).toBeLessThan(5000);
    const some = parseFeed(xml, { maxItems: 10 });
    expect(some.items).toHaveLength(10);
    expect(some.itemsLeftOut).toBe(4990);
  });
});
