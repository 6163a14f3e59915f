/**
 * The offscreen document's answers (offscreen.ts): a feed parsed, an item's body or its page read as
 * an article, by the same modules the CLI and Firefox's background use (src/feeds/), with the HTML
 * parser given (DOMParser in the document; linkedom in tests). Every failure is an answer, with the
 * FeedError's code when it has one, never a throw.
 */
import { errorMessage, type OffscreenEnvelope, type OffscreenReply, type OffscreenRequests, type OffscreenType } from '../src/protocol';
import { FeedError } from '../src/feeds/feed-types';
import { articleOfPage, contentArticle, type HtmlParser } from '../src/feeds/item-article';
import { parseFeed } from '../src/feeds/parse-feed';

type Answer<K extends OffscreenType> = (req: OffscreenRequests[K]['req'], parseHtml: HtmlParser) => OffscreenRequests[K]['res'];

const ANSWERS: { [K in OffscreenType]: Answer<K> } = {
  parseFeed: (req) => parseFeed(req.text, req.opts),
  contentArticle: (req, parseHtml) => contentArticle(req.item, req.ctx, parseHtml),
  pageArticle: (req, parseHtml) => articleOfPage(req.item, req.ctx, req.page, parseHtml),
};

export function answerOffscreen(m: OffscreenEnvelope, parseHtml: HtmlParser): OffscreenReply {
  try {
    const answer = ANSWERS[m.type] as Answer<OffscreenType>;
    return { ok: true, res: answer(m.req as never, parseHtml) };
  } catch (e) {
    return e instanceof FeedError ? { ok: false, error: e.message, feedCode: e.code } : { ok: false, error: errorMessage(e) };
  }
}
