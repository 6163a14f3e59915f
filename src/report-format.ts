/**
 * Human-readable forms of a Report: the one-line summary the popup leads with, labels for page
 * highlights, and the Markdown / JSON exports. Pure: no DOM, no browser API (the CLI may reuse it).
 */
import type { Passage, Report, SourceSummary } from './engine/types';
import type { HighlightMark } from './extract-types';

export const REPORT_FORMAT = 'wiretrace-report';
export const REPORT_VERSION = 1;

/** "26 Aug 2016" (UTC, so the same instant reads the same everywhere); '' for missing or bad input. */
export function formatDate(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

// Fixed names rather than Intl: ICU versions disagree ("Sep" vs "Sept").
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** 0.624 -> "62%"; small non-zero shares read "<1%" rather than "0%". */
export function percent(share: number): string {
  if (!(share > 0)) return '0%';
  const p = Math.round(share * 100);
  if (p === 0) return '<1%';
  return `${Math.min(p, 100)}%`;
}

/** The date a source is known by: its publication time, else when it was first seen. */
export function sourceDate(s: { published?: string; firstSeen?: string }): string {
  return formatDate(s.published ?? s.firstSeen);
}

/** Paragraphs that count (not the outlet's recurring furniture). */
export function contentParagraphs(report: Report): number {
  return Math.max(0, report.paragraphs - report.boilerplate.length);
}

/** Distinct paragraphs with at least one passage of the given kinds. */
export function paragraphsWith(report: Report, kinds: Array<Passage['kind']> = ['copied', 'quote']): number {
  return new Set(report.passages.filter((p) => kinds.includes(p.kind)).map((p) => p.paragraph)).size;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}

/** The source holding at least half of the attributed text, if any. */
export function mainSource(report: Report): SourceSummary | undefined {
  const total = report.sources.reduce((s, x) => s + x.share, 0);
  const top = report.sources[0];
  return top && total > 0 && top.share / total >= 0.5 ? top : undefined;
}

/**
 * The summary sentence: "14 of 20 paragraphs appeared earlier, mostly in BBC News."
 * Also covers the other outcomes (nothing found, earliest version, empty index).
 */
export function summary(report: Report): string {
  const total = contentParagraphs(report);
  if (report.passages.length === 0) {
    if (report.earliest) {
      return `No earlier source found: this looks like the earliest version; ${plural(report.reusedBy.length, 'later article')} reused its text.`;
    }
    if (report.indexSize === 0) return 'Nothing to compare with yet: Wiretrace learns from the articles you check.';
    return `No passage of this article appeared earlier in the ${plural(report.indexSize, 'article')} checked so far.`;
  }
  const n = paragraphsWith(report);
  if (report.passages.every((p) => p.kind === 'quote')) {
    // Sharing a public figure's words is not copying: say so in the first line.
    const where = report.sources.length === 1 ? report.sources[0].outlet : plural(report.sources.length, 'source');
    return `Only quotations are shared: ${n.toLocaleString('en-GB')} of ${plural(total, 'paragraph')} quote what ${where} quoted earlier; no copied prose.`;
  }
  const head = `${n.toLocaleString('en-GB')} of ${plural(total, 'paragraph')} appeared earlier`;
  if (report.sources.length === 1) return `${head}, in ${report.sources[0].outlet}.`;
  const main = mainSource(report);
  if (main) return `${head}, mostly in ${main.outlet}.`;
  return `${head}, in ${plural(report.sources.length, 'source')}.`;
}

/** "62% copied, 5% shared quotes" (the parts that are non-zero), or ''. */
export function shareLine(report: Report): string {
  const parts: string[] = [];
  if (report.copiedShare > 0) parts.push(`${percent(report.copiedShare)} of the text copied`);
  if (report.quotedShare > 0) parts.push(`${percent(report.quotedShare)} in shared quotes`);
  return parts.join(', ');
}

/** Text for the toolbar badge: the share of copied text ("62%"), '' when nothing was found. */
export function badgeText(report: Report): string {
  if (report.passages.length === 0) return '';
  const share = report.copiedShare > 0 ? report.copiedShare : report.quotedShare;
  return percent(share);
}

export function creditedText(c: SourceSummary['credited'] | boolean): string {
  if (c === true || c === 'yes') return 'credited';
  if (c === 'partly') return 'partly credited';
  return 'not credited';
}

/** The accessible label of a highlighted passage: "appeared earlier in BBC News, 26 Aug 2016". */
export function passageLabel(p: Passage): string {
  const date = sourceDate(p.source);
  const where = date ? `${p.source.outlet}, ${date}` : p.source.outlet;
  return p.kind === 'quote' ? `quote also in ${where}` : `appeared earlier in ${where}`;
}

/** Highlight marks for the content script, one per passage. */
export function highlightMarks(report: Report): HighlightMark[] {
  return report.passages.map((p) => ({ paragraph: p.paragraph, start: p.start, end: p.end, label: passageLabel(p), kind: p.kind }));
}

/** Escapes text for inline Markdown (page text must not become links, emphasis or table cells). */
export function mdEscape(s: string): string {
  // Only what can start markup inside a line: emphasis, code, links and images ([ ]), HTML and
  // autolinks (< >), table cells (|), headings (#). With [ and ] escaped, ( ) and ! cannot form a link.
  return s.replace(/[\\`*_{}[\]#|<>~]/g, (c) => `\\${c}`).replace(/\s*\n\s*/g, ' ');
}

function mdLink(text: string, url: string | undefined): string {
  if (!url || !/^https?:\/\//i.test(url)) return mdEscape(text);
  return `[${mdEscape(text)}](<${url.replace(/[<>\s]/g, encodeURIComponent)}>)`;
}

function quoteBlock(s: string): string {
  return s
    .split(/\n/)
    .map((l) => `> ${mdEscape(l)}`)
    .join('\n');
}

/** The report as Markdown, for the clipboard and the .md download. */
export function toMarkdown(report: Report, now: Date = new Date()): string {
  const out: string[] = [];
  out.push(`# Wiretrace report: ${mdEscape(report.title || report.id)}`);
  out.push('');
  const meta = [mdLink(report.outlet, report.url)];
  const d = sourceDate(report);
  if (d) meta.push(d);
  out.push(meta.join(', '));
  out.push('');
  out.push(`**${mdEscape(summary(report))}**`);
  const share = shareLine(report);
  if (share) out.push('', mdEscape(share.charAt(0).toUpperCase() + share.slice(1)) + '\\.');
  if (report.sources.length) {
    out.push('', '## Sources', '');
    out.push('| Outlet | Date | Passages | Share | Credited |');
    out.push('| --- | --- | --- | --- | --- |');
    for (const s of report.sources) {
      out.push(`| ${mdLink(s.outlet, s.url)} | ${sourceDate(s)} | ${s.passages} | ${percent(s.share)} | ${s.credited} |`);
    }
  }
  const sections: Array<[string, Passage[]]> = [
    ['Copied passages', report.passages.filter((p) => p.kind === 'copied')],
    ['Shared quotes', report.passages.filter((p) => p.kind === 'quote')],
  ];
  for (const [title, ps] of sections) {
    if (!ps.length) continue;
    out.push('', `## ${title}`);
    ps.forEach((p, i) => {
      out.push('', `### ${i + 1}. Paragraph ${p.paragraph + 1}: ${mdEscape(passageLabel(p))} (${p.credited ? 'credited' : 'not credited'})`, '');
      out.push(quoteBlock(p.text), '', `Source (${mdLink(p.source.outlet, p.source.url)}):`, '', quoteBlock(p.source.text));
    });
  }
  if (report.reusedBy.length) {
    out.push('', '## Reused later by', '');
    for (const r of report.reusedBy) out.push(`- ${mdLink(r.outlet, r.url)}, ${sourceDate(r)}: ${percent(r.share)} of this article`);
  }
  out.push('', `_Checked against ${plural(report.indexSize, 'article')} on ${now.toISOString().slice(0, 10)} by Wiretrace\\._`, '');
  return out.join('\n');
}

/** The report as JSON (a versioned envelope around the engine's Report). */
export function toJson(report: Report, now: Date = new Date()): string {
  return JSON.stringify({ format: REPORT_FORMAT, version: REPORT_VERSION, generated: now.toISOString(), report }, null, 2) + '\n';
}

/** A safe file name stem for downloads: "wiretrace-bbc-news-some-title". */
export function fileStem(report: Report): string {
  const base = `${report.outlet} ${report.title ?? ''}`
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return `wiretrace-${base || 'report'}`;
}
