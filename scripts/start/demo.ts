/** The demo pages (demo/articles.json) in the order `npm start` visits them, and which it visits. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export interface DemoPage {
  path: string;
  outlet: string;
  role: string;
  published?: string;
  title: string;
  notes?: string;
}

export function loadDemoPages(demoDir: string): DemoPage[] {
  const file = resolve(demoDir, 'articles.json');
  const data = JSON.parse(readFileSync(file, 'utf8')) as { pages?: DemoPage[] };
  if (!Array.isArray(data.pages) || data.pages.length === 0) throw new Error(`${file} lists no pages`);
  return data.pages;
}

/**
 * Articles in publication order (the wire story first, then the outlets that carry it), then the
 * pages without a publication time (the section front that is not an article).
 */
export function visitOrder(pages: DemoPage[]): DemoPage[] {
  const time = (p: DemoPage) => (p.published ? Date.parse(p.published) : NaN);
  const dated = pages.filter((p) => !Number.isNaN(time(p))).sort((a, b) => time(a) - time(b));
  const undated = pages.filter((p) => Number.isNaN(time(p)));
  const ordered = [...dated, ...undated];
  const wire = ordered.findIndex((p) => p.role === 'wire');
  if (wire > 0) throw new Error(`demo/articles.json: the wire story (${ordered[wire].path}) is not the earliest page`);
  return ordered;
}

/** The wire's own pages (its story and its update): in the index from the wire's feed, never opened by the reader. */
export const WIRE_ROLES: ReadonlySet<string> = new Set(['wire', 'wire-update']);

/** The pages a reader opens: every page but the wire's own. */
export function readerPages(pages: DemoPage[]): DemoPage[] {
  const read = pages.filter((p) => !WIRE_ROLES.has(p.role));
  if (read.length === pages.length) throw new Error('demo/articles.json lists no page of the wire (role "wire") for its feed to bring');
  return read;
}
