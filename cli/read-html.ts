/**
 * Article extraction from an HTML page: Readability over a linkedom document. The paragraphs
 * are the texts of the blocks of Readability's content (p, li, blockquote, h2-h6, pre, ...),
 * whitespace collapsed, empty ones dropped. Metadata comes from the page head before
 * Readability rewrites the document.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { isoTime } from './time';

export interface HtmlArticle {
  title?: string;
  paragraphs: string[];
  outlet?: string;
  published?: string;
  url?: string;
  lang?: string;
}

/** Elements whose text is a paragraph of its own (their inline content is one block). */
const BLOCK = new Set([
  'p', 'li', 'blockquote', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre', 'div', 'section', 'article', 'main', 'header',
  'footer', 'aside', 'nav', 'ul', 'ol', 'dl', 'dd', 'dt', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'caption',
  'figure', 'figcaption', 'address', 'details', 'summary', 'hr', 'form', 'fieldset',
]);
/** Elements whose text is never a paragraph (an h1 in the content is the headline: the title). */
const SKIP = new Set(['h1', 'script', 'style', 'noscript', 'template', 'svg', 'button', 'select', 'textarea', 'iframe', 'object', 'head']);

/** Minimal DOM shapes used here (linkedom's types are loose). */
interface DomNode {
  nodeType: number;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
  localName?: string;
}

export interface Block {
  text: string;
  /** The element whose inline content it is ("p", "li", "h2", ...). */
  tag: string;
}

/** The block texts under `root`, in document order. */
export function blockTexts(root: DomNode): Block[] {
  const out: Block[] = [];
  let buf = '';
  const tags: string[] = [];
  const flush = () => {
    const t = buf.replace(/\s+/g, ' ').trim();
    if (t) out.push({ text: t, tag: tags[tags.length - 1] ?? '' });
    buf = '';
  };
  const walk = (node: DomNode) => {
    if (node.nodeType === 3) {
      buf += node.textContent ?? '';
      return;
    }
    if (node.nodeType !== 1) return;
    const tag = (node.localName ?? '').toLowerCase();
    if (SKIP.has(tag)) return;
    if (tag === 'br') {
      buf += ' ';
      return;
    }
    const block = BLOCK.has(tag);
    if (block) {
      flush();
      tags.push(tag);
    }
    for (let i = 0; i < node.childNodes.length; i++) walk(node.childNodes[i]);
    if (block) {
      flush();
      tags.pop();
    }
  };
  walk(root);
  flush();
  return out;
}

function attr(doc: Document, selector: string, name: string): string | undefined {
  const v = doc.querySelector(selector)?.getAttribute(name)?.trim();
  return v ? v : undefined;
}

/** Every object in the page's JSON-LD blocks (arrays and @graph flattened). */
function jsonLd(doc: Document): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const add = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(add);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      out.push(o);
      if (o['@graph']) add(o['@graph']);
    }
  };
  for (const s of Array.from(doc.querySelectorAll('script[type="application/ld+json"]'))) {
    try {
      add(JSON.parse(s.textContent ?? ''));
    } catch {
      // A broken JSON-LD block is common and not our concern.
    }
  }
  return out;
}

function publisherName(p: unknown): string | undefined {
  if (typeof p === 'string') return p.trim() || undefined;
  if (Array.isArray(p)) return p.map(publisherName).find(Boolean);
  if (p && typeof p === 'object') {
    const n = (p as Record<string, unknown>).name;
    return typeof n === 'string' && n.trim() ? n.trim() : undefined;
  }
  return undefined;
}

interface PageMeta {
  outlet?: string;
  published?: string;
  url?: string;
  title?: string;
  lang?: string;
}

function pageMeta(doc: Document): PageMeta {
  const ld = jsonLd(doc);
  const ldValue = <T>(f: (o: Record<string, unknown>) => T | undefined) => ld.map(f).find((x) => x !== undefined);
  const outlet =
    attr(doc, 'meta[property="og:site_name"]', 'content') ??
    ldValue((o) => publisherName(o.publisher)) ??
    attr(doc, 'meta[name="application-name"]', 'content');
  const published =
    isoTime(attr(doc, 'meta[property="article:published_time"]', 'content')) ??
    ldValue((o) => isoTime(o.datePublished)) ??
    isoTime(attr(doc, 'meta[itemprop="datePublished"]', 'content')) ??
    isoTime(attr(doc, 'meta[property="article:published"]', 'content')) ??
    isoTime(attr(doc, 'meta[name="pubdate"]', 'content')) ??
    isoTime(attr(doc, 'time[datetime]', 'datetime'));
  const url = attr(doc, 'link[rel="canonical"]', 'href') ?? attr(doc, 'meta[property="og:url"]', 'content');
  const title = attr(doc, 'meta[property="og:title"]', 'content');
  const lang = doc.documentElement?.getAttribute('lang')?.trim() || undefined;
  return { outlet, published, url, title, lang };
}

/** The headline and the page title agree when one contains the other ("Bridge reopens" in "Bridge reopens | Gazette"). */
function sameHeadline(heading: string, title: string): boolean {
  const norm = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  const h = norm(heading);
  const t = norm(title);
  return h !== '' && t !== '' && (t.includes(h) || h.includes(t));
}

/** The title without the site's name ("Bridge reopens | The Gazette" -> "Bridge reopens"). */
function cleanTitle(raw: string, outlet: string | undefined): string | undefined {
  let t = raw.replace(/\s+/g, ' ').trim();
  if (outlet) {
    for (const sep of [' | ', ' - ', ' – ', ' — ', ' : ', ' :: ']) {
      if (t.endsWith(sep + outlet) && t.length > sep.length + outlet.length) t = t.slice(0, -(sep.length + outlet.length)).trim();
    }
  }
  return t || undefined;
}

/** A URL only if it parses as an absolute http(s) URL. */
function absoluteUrl(u: string | undefined, base?: string): string | undefined {
  if (!u) return undefined;
  try {
    const url = new URL(u, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Extracts the article of a page, or undefined when Readability finds none. `baseUrl` resolves
 * relative links (the file's URL, or the corpus line's url).
 */
export function extractHtml(html: string, baseUrl: string): HtmlArticle | undefined {
  const { document } = parseHTML(html);
  const doc = document as unknown as Document;
  const meta = pageMeta(doc);
  const canonical = absoluteUrl(meta.url, baseUrl);
  // Readability resolves links against these; linkedom does not define them.
  for (const prop of ['baseURI', 'documentURI']) {
    Object.defineProperty(doc, prop, { value: canonical ?? baseUrl, configurable: true });
  }
  let parsed: ReturnType<Readability<DomNode>['parse']>;
  try {
    parsed = new Readability<DomNode>(doc, { serializer: (el) => el as unknown as DomNode }).parse();
  } catch {
    return undefined;
  }
  if (!parsed || !parsed.content) return undefined;
  const outlet = meta.outlet ?? (parsed.siteName?.trim() || undefined);
  const title = cleanTitle(meta.title ?? parsed.title ?? '', outlet);
  const blocks = blockTexts(parsed.content);
  // Readability often keeps the headline (as an h2) in the content; it is the title, not a paragraph.
  const headline = blocks.length && /^h[1-3]$/.test(blocks[0].tag) ? blocks[0].text : undefined;
  if (headline && [title, meta.title].some((t) => t && sameHeadline(headline, t))) blocks.shift();
  const paragraphs = blocks.map((b) => b.text);
  const words = paragraphs.reduce((n, p) => n + p.split(' ').length, 0);
  if (paragraphs.length === 0 || words < 20) return undefined;
  return {
    title,
    paragraphs,
    outlet,
    published: meta.published ?? isoTime(parsed.publishedTime ?? undefined),
    url: canonical,
    lang: meta.lang ?? (parsed.lang || undefined),
  };
}
