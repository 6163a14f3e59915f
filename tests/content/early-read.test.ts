/**
 * The content script's reading at injection (content/handle-request.ts, readEarly): the check's
 * first request gets it, once; a forced request, another address, a late request or a page changed
 * since are read again.
 */
import { describe, expect, it } from 'vitest';
import { EARLY_READ_MS, handleContentRequest, readEarly, type ContentState } from '../../content/handle-request';
import { pageDocument } from './linkedom-doc';
import { articlePage, STORY } from './pages';

const URL_ = 'https://www.harwickherald.example/news/2024/bridge-vote';
const extract = { type: 'wiretrace:extract' } as const;

function setUp() {
  const doc = pageDocument(articlePage({ head: '<meta property="og:site_name" content="Harwick Herald">' }), URL_);
  const state: ContentState = { paragraphs: [] };
  readEarly(doc, { href: URL_ }, state, 1_000);
  return { doc, state };
}

/** Changes the page after the early reading: a request that reads again sees the change. */
function edit(doc: Document): string {
  const p = doc.querySelector('article p')!;
  p.textContent = `${p.textContent} Amended later.`;
  return p.textContent;
}

const paragraphs = (r: ReturnType<typeof handleContentRequest<typeof extract>>) => (r.status === 'ok' ? r.article.paragraphs : []);

describe('the content script reads the page when injected', () => {
  it('answers the first extraction request with that reading, and only the first', () => {
    const { doc, state } = setUp();
    expect(state.early?.result.status).toBe('ok');
    const changed = edit(doc);
    const first = handleContentRequest(doc, { href: URL_ }, state, extract, 1_050);
    expect(paragraphs(first)).toEqual(STORY);
    expect(state.paragraphs).toEqual(STORY); // highlight offsets refer to what the check saw
    expect(state.early).toBeUndefined();
    const second = handleContentRequest(doc, { href: URL_ }, state, extract, 1_100);
    expect(paragraphs(second)[0]).toBe(changed);
  });

  it('reads again for a forced request, another address, or a request after EARLY_READ_MS', () => {
    for (const [request, href, at] of [
      [{ type: 'wiretrace:extract', force: true }, URL_, 1_010],
      [extract, `${URL_}?page=2`, 1_010],
      [extract, URL_, 1_000 + EARLY_READ_MS + 1],
    ] as const) {
      const { doc, state } = setUp();
      const changed = edit(doc);
      expect(paragraphs(handleContentRequest(doc, { href }, state, request, at))[0]).toBe(changed);
      expect(state.early).toBeUndefined();
    }
  });

  it('keeps nothing when the reading fails, and the request reads the page itself', () => {
    const state: ContentState = { paragraphs: [] };
    readEarly(null as unknown as Document, { href: URL_ }, state, 0);
    expect(state.early).toBeUndefined();
    const doc = pageDocument(articlePage({}), URL_);
    expect(paragraphs(handleContentRequest(doc, { href: URL_ }, state, extract, 10))).toEqual(STORY);
  });
});
