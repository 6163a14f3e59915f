/**
 * Reading JSON-LD (schema.org) blocks: pages nest them in arrays and @graph, refer to nodes by @id,
 * and sometimes ship invalid JSON (trailing commas, HTML comments, raw newlines in strings).
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

const ARTICLE_TYPES = /^(?:NewsArticle|Article|ReportageNewsArticle|AnalysisNewsArticle|OpinionNewsArticle|BackgroundNewsArticle|ReviewNewsArticle|BlogPosting|LiveBlogPosting|Report|SocialMediaPosting|TechArticle|ScholarlyArticle)$/;

/** Parses one block's text; returns undefined instead of throwing. */
export function parseJsonLoose(text: string): Json | undefined {
  const attempts = [
    text,
    text.replace(/^\s*(?:<!--|\/\/\s*<!\[CDATA\[|<!\[CDATA\[)/, '').replace(/(?:-->|\/\/\s*\]\]>|\]\]>)\s*$/, ''),
  ];
  // Common breakage: trailing commas and raw control characters inside strings.
  attempts.push(attempts[1].replace(/,\s*([}\]])/g, '$1').replace(/[\u0000-\u001f]+/g, ' '));
  for (const attempt of attempts) {
    try {
      return JSON.parse(attempt) as Json;
    } catch {
      // try the next repair
    }
  }
  return undefined;
}

/** Every object in the document's JSON-LD blocks, depth first (arrays and @graph flattened). */
export function jsonLdObjects(doc: Document): JsonObject[] {
  const out: JsonObject[] = [];
  const visit = (value: Json | undefined, depth: number): void => {
    if (depth > 12 || value === null || value === undefined || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item, depth + 1);
      return;
    }
    out.push(value);
    for (const key of Object.keys(value)) visit(value[key], depth + 1);
  };
  for (const script of Array.from(doc.querySelectorAll('script[type="application/ld+json" i]'))) {
    visit(parseJsonLoose(script.textContent ?? ''), 0);
  }
  return out;
}

function types(node: JsonObject): string[] {
  const t = node['@type'];
  const list = Array.isArray(t) ? t : [t];
  return list.filter((x): x is string => typeof x === 'string').map((x) => x.replace(/^https?:\/\/schema\.org\//, ''));
}

export function isArticleNode(node: JsonObject): boolean {
  return types(node).some((t) => ARTICLE_TYPES.test(t));
}

function firstString(value: Json | undefined): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (Array.isArray(value)) {
    for (const v of value) {
      const s = firstString(v);
      if (s) return s;
    }
  }
  return undefined;
}

/** Follows a bare {"@id": ...} reference to the full node, when the document defines it. */
function resolveRef(value: Json | undefined, all: JsonObject[]): Json | undefined {
  if (value && typeof value === 'object' && !Array.isArray(value) && typeof value['@id'] === 'string' && !value.name) {
    const target = all.find((n) => n !== value && n['@id'] === value['@id'] && Object.keys(n).length > 1);
    return target ?? value;
  }
  return value;
}

function nameOf(value: Json | undefined, all: JsonObject[]): string | undefined {
  const resolved = resolveRef(value, all);
  if (typeof resolved === 'string') return resolved.trim() || undefined;
  if (Array.isArray(resolved)) {
    for (const v of resolved) {
      const n = nameOf(v, all);
      if (n) return n;
    }
    return undefined;
  }
  if (resolved && typeof resolved === 'object') return firstString(resolved.name);
  return undefined;
}

/** Article nodes first, then everything else, so an article's own fields beat a WebPage's. */
function ordered(all: JsonObject[]): JsonObject[] {
  return [...all.filter(isArticleNode), ...all.filter((n) => !isArticleNode(n))];
}

export function jsonLdPublisherName(all: JsonObject[]): string | undefined {
  for (const node of ordered(all)) {
    const name = nameOf(node.publisher, all);
    if (name) return name;
  }
  return undefined;
}

export function jsonLdDatePublished(all: JsonObject[]): string | undefined {
  for (const node of ordered(all)) {
    const date = firstString(node.datePublished) ?? firstString(node.dateCreated);
    if (date) return date;
  }
  return undefined;
}

export function jsonLdAuthorName(all: JsonObject[]): string | undefined {
  for (const node of all.filter(isArticleNode)) {
    const name = nameOf(node.author, all);
    if (name) return name;
  }
  return undefined;
}
