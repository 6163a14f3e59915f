import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/extract-article';
import { pageDocument } from './linkedom-doc';

const DEMO = resolve(import.meta.dirname, '../../demo');
interface DemoPage { path: string; outlet: string; role: string; published?: string; title: string }
const { pages } = JSON.parse(readFileSync(resolve(DEMO, 'articles.json'), 'utf8')) as { pages: DemoPage[] };

function extractDemo(page: DemoPage) {
  const url = `http://127.0.0.1:8080/${page.path}`;
  return extractArticle(pageDocument(readFileSync(resolve(DEMO, page.path), 'utf8'), url), { href: url });
}

function paragraphsOf(role: string): string[] {
  const result = extractDemo(pages.find((p) => p.role === role)!);
  if (result.status !== 'ok') throw new Error(role);
  return result.article.paragraphs;
}

describe('demo pages', () => {
  it('lists every role once, with distinct times and the wire earliest', () => {
    expect(pages.map((p) => p.role).sort()).toEqual(
      ['hostile', 'light-edit-uncredited', 'mixed', 'not-article', 'rewrite-quotes-only', 'verbatim-credited', 'wire', 'wire-update'].sort(),
    );
    const times = pages.filter((p) => p.published).map((p) => Date.parse(p.published!));
    expect(new Set(times).size).toBe(times.length);
    expect(Math.min(...times)).toBe(Date.parse(pages.find((p) => p.role === 'wire')!.published!));
  });

  for (const page of pages) {
    it(`${page.role}: ${page.path}`, () => {
      const result = extractDemo(page);
      if (page.role === 'not-article') {
        expect(result.status).toBe('not-article');
        return;
      }
      if (result.status !== 'ok') throw new Error(JSON.stringify(result));
      expect(result.article.outlet).toBe(page.outlet);
      expect(result.article.published).toBe(page.published);
      expect(result.article.title).toBe(page.title.replace(/'/g, (q, i) => (i === 0 ? '\u2018' : '\u2019')));
      expect(result.article.paragraphs.length).toBeGreaterThanOrEqual(7);
    });
  }

  it('relate to the wire story as their roles say', () => {
    const wire = paragraphsOf('wire');
    expect(wire).toHaveLength(13);
    const shared = (role: string) => paragraphsOf(role).filter((p) => wire.includes(p)).length;
    expect(shared('verbatim-credited')).toBe(13);
    expect(paragraphsOf('verbatim-credited').at(-1)).toBe('This story was provided by Meridian Wire.');
    expect(shared('light-edit-uncredited')).toBeGreaterThanOrEqual(3);
    expect(shared('light-edit-uncredited')).toBeLessThan(8);
    expect(paragraphsOf('light-edit-uncredited').join(' ')).not.toMatch(/Meridian/);
    expect(shared('mixed')).toBe(4);
    expect(shared('rewrite-quotes-only')).toBe(1); // the Solvay quote paragraph, printed whole
    expect(shared('wire-update')).toBe(2); // and a third without its dateline
  });

  it('the hostile page keeps its markup as text', () => {
    const text = paragraphsOf('hostile').join('\n');
    expect(text).toContain('<img src=x onerror=alert(1)>');
    expect(text).toContain('<script>window.__pwned=1</script>');
  });
});
