/**
 * The background script of the throwaway extension sw-html-parsers.ts builds: it reads pages with
 * each HTML parser that can run in an extension's background (linkedom; domino when the bench was
 * given it; the browser's DOMParser where the background has one) and src/extract, and answers per
 * page the time to parse, the time to extract and what was extracted.
 */
import { htmlDocument } from '../../src/extract/linkedom-document';
import { extractArticle } from '../../src/extract/extract-article';
import { domParserDocument } from '../../src/extract/dom-parser-document';
import { dominoDocument } from './domino-document';

export type ParserName = 'linkedom' | 'domino' | 'domparser';

export interface ProbeRow {
  parseMs: number;
  extractMs: number;
  /** What was extracted, as JSON (status, title, outlet, time, paragraphs). */
  digest: string;
}

const parsers: Partial<Record<ParserName, (html: string, url: string) => Document>> = { linkedom: htmlDocument };
if (dominoDocument) parsers.domino = dominoDocument;
if (typeof DOMParser === 'function') parsers.domparser = domParserDocument;

export function digestOf(doc: Document, url: string): string {
  const r = extractArticle(doc, { href: url });
  if (r.status !== 'ok') return JSON.stringify({ status: r.status });
  const a = r.article;
  return JSON.stringify({ status: r.status, title: a.title, outlet: a.outlet, published: a.published, url: a.url, lang: a.lang, paragraphs: a.paragraphs });
}

function run(pages: Array<{ url: string; html: string }>, name: ParserName): ProbeRow[] {
  const parse = parsers[name];
  if (!parse) throw new Error(`no parser ${name} here`);
  return pages.map(({ url, html }) => {
    const t0 = performance.now();
    let doc: Document;
    try {
      doc = parse(html, url);
    } catch (e) {
      return { parseMs: performance.now() - t0, extractMs: 0, digest: JSON.stringify({ status: 'parse-error', message: String(e) }) };
    }
    const t1 = performance.now();
    let digest: string;
    try {
      digest = digestOf(doc, url);
    } catch (e) {
      digest = JSON.stringify({ status: 'extract-error', message: String(e) });
    }
    return { parseMs: t1 - t0, extractMs: performance.now() - t1, digest };
  });
}

(globalThis as unknown as { wiretraceParsers: unknown }).wiretraceParsers = { available: () => Object.keys(parsers), run };
