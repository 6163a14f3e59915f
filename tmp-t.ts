import { readFileSync } from 'node:fs';
import { decodeFeedBytes } from './src/feeds/decode-feed';
import { parseFeed } from './src/feeds/parse-feed';
import { contentArticle } from './src/feeds/item-article';
import { htmlDocument } from './src/extract/linkedom-document';
import { feedOutlet } from './src/feeds/feed-outlet';
for (const f of ['rss2.xml', 'rdf.xml', 'atom.xml', 'feed.json', 'latin1.xml', 'malformed.xml', 'repeats.xml']) {
  try {
    const d = decodeFeedBytes(readFileSync('tests/fixtures/feeds/' + f));
    const feed = parseFeed(d.text, { url: 'http://127.0.0.1:9/feeds/' + f });
    console.log('==', f, d.charset, d.from, feed.format, feed.title, feed.siteUrl, feed.lang, feedOutlet(feed));
    for (const it of feed.items) {
      const r = contentArticle(it, { outlet: 'x' }, htmlDocument);
      console.log(' ', JSON.stringify({ ...it, contentHtml: it.contentHtml?.slice(0, 60), summary: it.summary?.slice(0, 30) }));
      console.log('   ->', r.status, r.status === 'full' ? `${r.article.paragraphs.length}p ${r.article.id} ${JSON.stringify(r.article.paragraphs[0].slice(0,50))} keys=${r.keys}` : r.judgement?.why);
    }
  } catch (e) { console.log('==', f, 'ERR', (e as Error).message); }
}
