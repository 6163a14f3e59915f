import { readFileSync, readdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { isProbablyReaderable } from '@mozilla/readability';
import { htmlDocument } from './cli/read-html';
import { wordCount } from './src/engine/word-count';
const dir = '/work/shared/pages/article-extraction-benchmark/html/';
const pages: [string, string][] = readdirSync(dir).map((f) => [f.slice(0, 8), gunzipSync(readFileSync(dir + f)).toString('utf8')]);
for (const l of ['zh', 'ja', 'th', 'ar', 'ru', 'de']) for (const n of ['wire', 'other', 'outlet']) pages.push([`${l}/${n}`, readFileSync(`tests/fixtures/scripts/${l}/pages/${n}.html`, 'utf8')]);
const rows = [];
for (const [name, html] of pages) {
  const doc = htmlDocument(html, 'https://example.com/');
  const texts = Array.from(doc.querySelectorAll('p, pre, article')).map((n) => (n.textContent ?? '').trim()).filter(Boolean);
  let sample = '';
  for (const t of texts) { if (sample.length > 4000) break; sample += t + ' '; }
  const cpw = sample.length / Math.max(1, wordCount(sample));
  rows.push({ name, cpw: +cpw.toFixed(2), readerable: isProbablyReaderable(doc), lang: doc.documentElement.getAttribute('lang') });
}
rows.sort((a, b) => a.cpw - b.cpw);
for (const r of rows.slice(0, 30)) console.log(r);
console.log('...');
for (const r of rows.slice(-5)) console.log(r);
const hist: Record<string, number> = {};
for (const r of rows) hist[Math.floor(r.cpw)] = (hist[Math.floor(r.cpw)] ?? 0) + 1;
console.log(hist);
