/**
 * Items to articles: the full-content rule (on the fixtures, and its edges), the keys that keep an
 * item from being recorded twice, and a link-only item read from its page through the same
 * extraction as the browser's.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { htmlDocument } from '../../src/extract/linkedom-document';
import { decodeFeedBytes } from '../../src/feeds/decode-feed';
import { FeedError } from '../../src/feeds/feed-types';
import { FULL_MIN_PARAGRAPHS, FULL_MIN_WORDS, judgeContent } from '../../src/feeds/full-content';
import { contentArticle, pageArticle } from '../../src/feeds/item-article';
import { articleKeys, itemKeys, seenBefore } from '../../src/feeds/item-keys';
import { parseFeed } from '../../src/feeds/parse-feed';

const DIR = resolve(import.meta.dirname, '../fixtures/feeds');
const feedOf = (name: string) => parseFeed(decodeFeedBytes(readFileSync(resolve(DIR, name))).text, { url: `http://127.0.0.1:9/feeds/${name}` });
const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');

describe('the full-content rule', () => {
  test('on the fixtures: every body holding the whole story is full, every summary is not', () => {
    const verdicts: Array<[string, boolean]> = [];
    for (const name of ['rss2.xml', 'rdf.xml', 'atom.xml', 'feed.json', 'latin1.xml', 'repeats.xml']) {
      for (const item of feedOf(name).items) verdicts.push([`${name}: ${item.title}`, contentArticle(item, { outlet: 'x' }, htmlDocument).status === 'full']);
    }
    const summaries = verdicts.filter(([, full]) => !full).map(([k]) => k);
    expect(summaries).toEqual([
      'rss2.xml: Tallow Bay council approves night ferry trial',
      'rdf.xml: Museum returns bronze bell to Orrin island',
      'atom.xml: Fish market fire destroys stalls in Carrow',
      'feed.json: Tallow Bay council approves night ferry trial',
    ]);
    expect(verdicts.filter(([, full]) => full)).toHaveLength(13);
  });

  test('its edges: paragraphs, words, and the marks of a cut-off body', () => {
    const para = words(40);
    expect(judgeContent([para, para, para]).full).toBe(true);
    expect(judgeContent([words(60), words(60)])).toMatchObject({ full: false, why: `2 paragraphs, 120 words; a full article has at least ${FULL_MIN_PARAGRAPHS} paragraphs and ${FULL_MIN_WORDS} words` });
    expect(judgeContent([words(20), words(20), words(20)]).full).toBe(false);
    for (const end of ['[\u2026]', '...', 'Read more', 'Continue reading \u2192', '(more\u2026)']) {
      expect(judgeContent([para, para, `${para} ${end}`]).full, end).toBe(false);
    }
    expect(judgeContent([para, para, `${para}. She said she would read more of it.`]).full).toBe(true);
  });
});

describe('keys', () => {
  test('guid, link and canonical URL; a stored article gives the same keys', () => {
    expect(itemKeys({ guid: 'g-1', link: 'https://x.example/a#top' }, 'https://x.example/a/canonical')).toEqual(['guid:g-1', 'url:https://x.example/a', 'url:https://x.example/a/canonical']);
    expect(itemKeys({ guid: 'https://x.example/a' })).toEqual(['guid:https://x.example/a', 'url:https://x.example/a']);
    const stored = articleKeys({ id: 'https://x.example/a/canonical', url: 'https://x.example/a/canonical', guid: 'g-1' });
    expect(seenBefore(new Set(stored), itemKeys({ guid: 'g-1' }))).toBe(true);
    expect(seenBefore(new Set(stored), itemKeys({ link: 'https://x.example/a/canonical#x' }))).toBe(true);
    expect(seenBefore(new Set(stored), itemKeys({ guid: 'g-2', link: 'https://x.example/b' }))).toBe(false);
  });
});

describe('a link-only item read from its page', () => {
  const ferry = feedOf('rss2.xml').items[2];
  const page = (file: string, contentType = 'text/html; charset=utf-8') => async (url: string) => ({ bytes: new Uint8Array(readFileSync(resolve(DIR, 'pages', file))), contentType, url });

  test('the page is extracted as the browser would; the canonical URL becomes the id and a key', async () => {
    const r = await pageArticle(ferry, { outlet: 'Tidewater Wire', lang: 'en-GB' }, { parseHtml: htmlDocument, fetchPage: page('ferry.html') });
    expect(r.article).toMatchObject({ id: 'http://127.0.0.1:9/feeds/pages/ferry.html', outlet: 'Tidewater Wire', title: 'Tallow Bay council approves night ferry trial', guid: 'tidewater-2025-0003', published: '2025-03-06T11:00:00.000Z', lang: 'en' });
    expect(r.article.paragraphs).toHaveLength(4);
    expect(r.article.paragraphs.join(' ')).not.toMatch(/Most read|Made up for tests|Home World/);
    expect(r.keys).toContain('url:http://127.0.0.1:9/feeds/pages/ferry.html');
  });

  test('a page that is not an article, or not a page at all, is a FeedError saying so', async () => {
    const contents = pageArticle(ferry, { outlet: 'x' }, { parseHtml: htmlDocument, fetchPage: page('contents.html') });
    await expect(contents).rejects.toMatchObject({ code: 'not-article' });
    await expect(contents).rejects.toThrow('http://127.0.0.1:9/feeds/pages/ferry.html is not an article: the page does not look like an article (a contents page, a section front, search results)');
    await expect(pageArticle(ferry, { outlet: 'x' }, { parseHtml: htmlDocument, fetchPage: page('ferry.html', 'image/png') })).rejects.toBeInstanceOf(FeedError);
    await expect(pageArticle({ title: 'no link' }, { outlet: 'x' }, { parseHtml: htmlDocument, fetchPage: page('ferry.html') })).rejects.toMatchObject({ code: 'summary-only' });
  });
});
