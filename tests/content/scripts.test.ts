/**
 * Extraction in every script: Readability's character thresholds scaled for scripts that pack a word
 * in few characters (thresholds.ts), furniture and the article minimum counted in the engine's words,
 * and not-article answers that say what happened.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isProbablyReaderable } from '@mozilla/readability';
import { describe, expect, it } from 'vitest';
import { extractArticle, MIN_ARTICLE_WORDS } from '../../src/extract/extract-article';
import { paragraphsOf } from '../../src/extract/paragraphs';
import { pageThresholds, READABILITY_DEFAULTS } from '../../src/extract/thresholds';
import { article, DIR, LANGS, story } from '../fixtures/scripts/stories';
import { pageDocument } from './linkedom-doc';

const URL_ = 'https://news.example/story/1.html';
const page = (lang: string, name: string) => pageDocument(readFileSync(join(DIR, lang, 'pages', `${name}.html`), 'utf8'), URL_);
const html = (body: string, lang = 'en') => pageDocument(`<!doctype html><html lang="${lang}"><head><title>T</title></head><body>${body}</body></html>`, URL_);

describe('Readability thresholds by script', () => {
  it('spaced scripts keep Readability\'s defaults', () => {
    for (const lang of ['ar', 'ru', 'de']) {
      const t = pageThresholds(page(lang, 'wire'));
      expect(t.charsPerWord, lang).toBeGreaterThanOrEqual(5);
      expect({ minContentLength: t.minContentLength, minScore: t.minScore, charThreshold: t.charThreshold }, lang).toEqual(READABILITY_DEFAULTS);
    }
  });

  it('Chinese, Japanese and Thai get them scaled to as many words', () => {
    for (const lang of ['zh', 'ja', 'th']) {
      const t = pageThresholds(page(lang, 'wire'));
      expect(t.charsPerWord, lang).toBeLessThan(4.5);
      expect(t.minContentLength, lang).toBe(Math.round(140 * (t.charsPerWord / 5)));
      expect(t.charThreshold, lang).toBeLessThan(500);
    }
  });

  it('a Chinese story in short paragraphs looks like an article (it does not by the defaults)', () => {
    const doc = page('zh', 'outlet');
    expect(isProbablyReaderable(doc)).toBe(false);
    const result = extractArticle(doc, { href: URL_ });
    expect(result.status).toBe('ok');
    expect(result.status === 'ok' && result.article.paragraphs).toEqual(article(story('zh'), 'outlet').paragraphs);
  });

  it('every page of every story extracts as an article, its paragraphs exactly', () => {
    for (const lang of LANGS) {
      for (const a of story(lang).articles) {
        const result = extractArticle(page(lang, a.name), { href: URL_ });
        expect(result.status === 'ok' && !result.notArticle && result.article.paragraphs, `${lang} ${a.name}`).toEqual(a.paragraphs);
      }
    }
  });
});

describe('words as the engine counts them', () => {
  it('furniture: a short Japanese byline is dropped, a Japanese paragraph of 21+ words under a furniture class is kept', () => {
    const lead = '桜浜市で14日、市の中心部と臨海地区を結ぶ新しい路面電車が開業し、初日は朝から多くの市民や観光客が詰めかけた。';
    const root = html(`<div><p class="byline">みなと日報 社会部 佐藤</p><p class="story-meta">${lead}</p><p>本文です。</p></div>`, 'ja').body;
    expect(paragraphsOf(root)).toEqual([lead, '本文です。']);
  });

  it(`fewer than ${MIN_ARTICLE_WORDS} words is not an article, counted as the engine counts; forced, it is read and marked`, () => {
    // Looks like an article to Readability (one paragraph of 580 characters), but holds 12 words (the heading's and 11).
    const doc = html(`<article><h1>Gone</h1><p>Sorry, this story is no longer available on our site: ${'7'.repeat(530)}</p></article>`);
    expect(isProbablyReaderable(doc)).toBe(true);
    expect(extractArticle(doc, { href: URL_ })).toMatchObject({
      status: 'not-article',
      why: 'too-short',
      words: 12,
      reason: `The article text on the page is 12 words; an article needs at least ${MIN_ARTICLE_WORDS}.`,
    });
    expect(extractArticle(doc, { href: URL_ }, { force: true })).toMatchObject({ status: 'ok', readerable: true, notArticle: 'too-short' });
    // Japanese without a space: one "word" split at spaces, 22 by the engine's count.
    const ja = html('<article><h1>開業</h1><p>桜浜市で14日、市の中心部と臨海地区を結ぶ新しい路面電車「みなとライン」が開業し</p></article>', 'ja');
    expect(extractArticle(ja, { href: URL_ }, { force: true })).toMatchObject({ status: 'ok' });
    expect(extractArticle(ja, { href: URL_ }, { force: true })).not.toHaveProperty('notArticle', 'too-short');
  });

  it('a page that does not look like an article is read only when forced, and marked; a page without text never', () => {
    const tiny = html('<p>Sorry, this story is no longer available on our site.</p>');
    expect(extractArticle(tiny, { href: URL_ })).toMatchObject({ status: 'not-article', why: 'not-readerable' });
    expect(extractArticle(tiny, { href: URL_ }, { force: true })).toMatchObject({ status: 'ok', readerable: false, notArticle: 'not-readerable' });
    expect(extractArticle(html(''), { href: URL_ }, { force: true })).toMatchObject({ status: 'not-article', why: 'no-text', reason: 'Readability found no article text on the page.' });
  });
});
