/**
 * Bounded work per page in the extraction module the content script and the CLI share: a page nested
 * 100,000 deep answers at once with a message saying so; one nested 10,000 deep reads as a browser
 * builds it (flattened below 512 levels) instead of overflowing the stack; a DOM built deeper than
 * that by a script is refused; 10 MB of paragraphs reads in linear time; the parser's cost is
 * estimated exactly as htmlparser2 pays it. Long variants (100,000 levels end to end, 10 MB) with
 * WIRETRACE_LONG=1.
 */
import { Parser } from 'htmlparser2';
import { parseHTML } from 'linkedom';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractHtml } from '../../cli/read-html';
import { extractArticle } from '../../src/extract/extract-article';
import { markupCost } from '../../src/extract/markup-cost';
import { flattenBelow, MAX_DEPTH, measureTree } from '../../src/extract/page-limits';
import { long, recordFigures, timed } from '../reliability-report';
import { tempFiles, wiretrace } from '../cli/run';
import { prose } from '../cli/synthetic-corpus';

const P = '<p>The council said on Tuesday that the new bridge across the river would open next spring, after years of delay and rising costs, officials confirmed in a statement to residents.</p>';

function nested(depth: number, tag = 'div'): string {
  return `<html><head><title>Deep</title></head><body><article>${P.repeat(5)}${`<${tag}>`.repeat(depth)}${P.repeat(3)}${`</${tag}>`.repeat(depth)}</article></body></html>`;
}

/** 10 MB (or `mb`) of distinct paragraphs in an article. */
function paragraphsPage(mb: number): string {
  let seed = 7;
  const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
  const parts = ['<html><head><title>Long</title></head><body><article><h1>Long</h1>'];
  let size = 0;
  while (size < mb * 1e6) {
    const p = `<p>${prose(rand, 60)}</p>\n`;
    parts.push(p);
    size += p.length;
  }
  parts.push('</article></body></html>');
  return parts.join('');
}

const figures: Array<Array<string | number>> = [];

describe('bounded work per page', () => {
  it('answers a page nested 100,000 deep at once, saying why it is not read', async () => {
    for (const tag of ['div', 'span']) {
      const { value, ms } = await timed(() => extractHtml(nested(100_000, tag), 'file:///deep.html'));
      expect(value).toMatchObject({ status: 'error', message: expect.stringMatching(/^the page nests its elements too deeply to read: [\d,]+ levels and more, where a browser builds at most 512$/) });
      expect(ms).toBeLessThan(2000);
      figures.push([`100,000 nested \`<${tag}>\``, 'refused: nests too deeply', `${Math.round(ms)} ms`]);
    }
    if (long) {
      // End to end: the CLI started on the page, its start-up included.
      const dir = tempFiles({ 'deep.html': nested(100_000) });
      try {
        const { value: run, ms } = await timed(() => wiretrace(['audit', 'deep.html'], { cwd: dir.dir }));
        expect(run.code).toBe(1);
        expect(ms).toBeLessThan(5000);
        figures.push(['100,000 nested `<div>`, `wiretrace audit` end to end', 'exit 1, the page named as not read', `${Math.round(ms)} ms`]);
      } finally {
        dir.cleanup();
      }
    }
  });

  it('reads a page nested 10,000 deep as a browser builds it: flattened below 512 levels, every paragraph kept', async () => {
    const { value, ms } = await timed(() => extractHtml(nested(10_000), 'file:///deep.html'));
    expect(value.status).toBe('ok');
    if (value.status === 'ok') expect(value.article.paragraphs.length).toBe(8);
    figures.push(['10,000 nested `<div>`', 'read (flattened below 512 levels, as Chromium parses it)', `${Math.round(ms)} ms`]);
  });

  it('flattens in document order, leaving no node deeper than the limit', () => {
    const { document } = parseHTML(`<html><body>${'<div>'.repeat(40)}<b>a</b>b<i>c<u>d</u></i>${'</div>'.repeat(40)}e</body></html>`);
    const before = document.documentElement.textContent;
    const nodes = (n: Node): number => { let c = 1; for (let k = n.firstChild; k; k = k.nextSibling) c += nodes(k); return c; };
    const count = nodes(document);
    expect(flattenBelow(document, 10)).toBeGreaterThan(0);
    expect(measureTree(document).depth).toBe(10);
    expect(document.documentElement.textContent).toBe(before);
    expect(nodes(document)).toBe(count);
  });

  it('refuses a DOM a script built deeper than a browser parses, without overflowing the stack', async () => {
    const { document } = parseHTML(`<html><head><title>t</title></head><body><article>${P.repeat(5)}</article></body></html>`);
    let at: Element = document.querySelector('article')!;
    for (let i = 0; i < 20_000; i++) at = at.appendChild(document.createElement('div'));
    at.innerHTML = P;
    const { value, ms } = await timed(() => extractArticle(document as unknown as Document, { href: 'https://example.org/a' }));
    expect(value).toEqual({ status: 'error', message: `the page nests its elements more than ${MAX_DEPTH} deep, deeper than a browser builds a page it parses; not read` });
    expect(ms).toBeLessThan(2000);
  });

  it('gives up between stages when its time is spent', () => {
    const doc = parseHTML(`<html><body><article>${P.repeat(5)}</article></body></html>`).document as unknown as Document;
    expect(extractArticle(doc, { href: 'https://example.org/a' }, { budgetMs: -1 })).toEqual({ status: 'error', message: 'reading the page took more than -0.001 s; not read' });
  });

  it(`reads ${long ? 10 : 2} MB of paragraphs in linear time`, async () => {
    const mb = long ? 10 : 2;
    const html = paragraphsPage(mb);
    const { value, ms } = await timed(() => extractHtml(html, 'file:///long.html'));
    expect(value.status).toBe('ok');
    if (value.status === 'ok') expect(value.article.paragraphs.length).toBeGreaterThan(mb * 2000);
    expect(ms).toBeLessThan(5000);
    figures.push([`${mb} MB of paragraphs`, `read: ${value.status === 'ok' ? value.article.paragraphs.length.toLocaleString('en-GB') : 0} paragraphs`, `${Math.round(ms)} ms`]);
    recordFigures({
      section: 'Hostile pages: nesting and size',
      order: 3,
      method: 'Pages read by the extraction the content script and the CLI share (`src/extract/`), over linkedom as the CLI parses them, timed in one process (`tests/content/page-limits.test.ts`). The CLI end to end adds its start-up (about a second).',
      columns: ['page', 'result', 'time'],
      rows: figures,
    });
  });

  it('estimates the parser\'s work as htmlparser2 pays it (depth of its open elements) on random tag soup', () => {
    const tags = ['div', 'p', 'li', 'td', 'th', 'tr', 'tbody', 'thead', 'span', 'b', 'svg', 'math', 'mi', 'foreignObject', 'path', 'br', 'img', 'option', 'optgroup', 'select', 'input', 'dd', 'dt', 'table', 'ul', 'h1', 'body', 'head', 'textarea', 'title'];
    const token = fc.oneof(
      fc.constantFrom(...tags).map((t) => `<${t}>`),
      fc.constantFrom(...tags).map((t) => `</${t}>`),
      fc.constantFrom(...tags).map((t) => `<${t}/>`),
      fc.constantFrom('text', '<!-- <div> -->', '<script><div></script>', '<style>p{}</style>'),
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 80 }), (parts) => {
        const html = parts.join('');
        // The parser's own stack of open elements, read as each tag opens.
        let deepest = 0;
        const parser: Parser = new Parser({ onopentagname: () => (deepest = Math.max(deepest, (parser as unknown as { stack: string[] }).stack.length)) });
        parser.write(html);
        parser.end();
        expect(markupCost(html, 1e9).depth).toBe(deepest);
      }),
      { numRuns: 1000 },
    );
  });
});
