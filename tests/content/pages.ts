/** Realistic article pages built in tests, with the parts each test varies. */
import { escapeHtml } from '../fixtures/seed-pages';

export interface PageParts {
  head?: string;
  lang?: string | null;
  title?: string;
  h1?: string;
  beforeBody?: string;
  paragraphs?: string[];
  /** Raw HTML paragraphs (trusted test markup), used instead of `paragraphs` when given. */
  rawParagraphs?: string[];
  afterBody?: string;
}

export const STORY = [
  'The city council of Harwick voted on Tuesday evening to close the old swing bridge to motor traffic from next spring, ending a debate that has divided the town for almost a decade.',
  'Engineers told councillors that the bridge, opened in 1911, could no longer carry buses safely and that repairs would cost more than a new crossing for pedestrians and cyclists.',
  '"We have patched it for thirty years and we have run out of patches," said the council\'s chief engineer, Dana Whitlock, after the vote.',
  'Shop owners on the east bank said the closure would cut them off from customers, and a petition against it gathered more than four thousand signatures over the summer.',
  'The council said a temporary ferry would run during the works and that the new crossing should open within three years, if the regional government approves the funding.',
  'Residents will be able to comment on the designs at a public exhibition in the town library next month, the council said in a statement.',
];

export function articlePage(parts: PageParts = {}): string {
  const paragraphs = parts.rawParagraphs ?? (parts.paragraphs ?? STORY).map((p) => `<p>${escapeHtml(p)}</p>`);
  const lang = parts.lang === null ? '' : ` lang="${parts.lang ?? 'en-GB'}"`;
  return `<!doctype html>
<html${lang}>
<head>
<meta charset="utf-8">
<title>${escapeHtml(parts.title ?? 'Harwick swing bridge to close to cars | Harwick Herald')}</title>
${parts.head ?? ''}
</head>
<body>
<header><a href="/">Harwick Herald</a><nav><ul><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li><li><a href="/opinion">Opinion</a></li></ul></nav></header>
<main>
<article>
<h1>${escapeHtml(parts.h1 ?? 'Harwick swing bridge to close to cars')}</h1>
${parts.beforeBody ?? ''}
<div class="article-body">
${paragraphs.join('\n')}
</div>
${parts.afterBody ?? ''}
</article>
<aside><h2>Most read</h2><ul><li><a href="/a">Library hours extended</a></li><li><a href="/b">Harbour festival returns</a></li></ul></aside>
</main>
<footer><p>&copy; Harwick Herald</p><ul><li><a href="/contact">Contact</a></li><li><a href="/privacy">Privacy</a></li></ul></footer>
</body>
</html>`;
}
