/**
 * Human-readable forms of a Report: the one-line summary the popup leads with, labels for page
 * highlights, and the Markdown / JSON exports. Pure: no DOM, no browser API. Every sentence comes
 * from the message catalogue through the Translator passed in: the popup passes the browser's
 * (the UI language), Node callers the English one (src/i18n-english.ts).
 */
import type { Passage, ReuseRef, Report, SourceSummary } from './engine/types';
import type { HighlightMark } from './extract-types';
import type { Translator } from './i18n';
import { dateOnly, whenFormatter, type When } from './report-time';

export const REPORT_FORMAT = 'wiretrace-report';
export const REPORT_VERSION = 1;

/** 0.624 -> "62%"; small non-zero shares read "<1%" rather than "0%". Language-neutral (the toolbar badge). */
export function percent(share: number): string {
  if (!(share > 0)) return '0%';
  const p = Math.round(share * 100);
  if (p === 0) return '<1%';
  return `${Math.min(p, 100)}%`;
}

/** The date a source is known by: its publication time, else when it was first seen (a date alone: see report-time.ts for a report's times). */
export function sourceDate(s: { published?: string; firstSeen?: string }, t: Translator): string {
  return t.date(s.published ?? s.firstSeen);
}

/** Paragraphs that count (not the outlet's recurring furniture). */
export function contentParagraphs(report: Report): number {
  return Math.max(0, report.paragraphs - report.boilerplate.length);
}

/** Distinct paragraphs with at least one passage of the given kinds. */
export function paragraphsWith(report: Report, kinds: Array<Passage['kind']> = ['copied', 'quote']): number {
  return new Set(report.passages.filter((p) => kinds.includes(p.kind)).map((p) => p.paragraph)).size;
}

/** The source holding at least half of the attributed text, if any. */
export function mainSource(report: Report): SourceSummary | undefined {
  const total = report.sources.reduce((s, x) => s + x.share, 0);
  const top = report.sources[0];
  return top && total > 0 && top.share / total >= 0.5 ? top : undefined;
}

/** Whether the only text shared is quotations: passages found, none of them copied prose. */
export function quotesOnly(report: Report): boolean {
  return report.passages.length > 0 && report.passages.every((p) => p.kind === 'quote');
}

/** Whether everything the report has from a source is quotations (a credit is then no question). */
export function quotesOnlySource(report: Report, sourceId: string): boolean {
  const ps = report.passages.filter((p) => p.source.id === sourceId);
  return ps.length > 0 && ps.every((p) => p.kind === 'quote');
}

/** "2 of 14 paragraphs quote what BBC News quoted earlier." (the line under the quotes-only headline). */
export function quotesOnlyDetail(report: Report, t: Translator): string {
  const total = contentParagraphs(report);
  const sources = report.sources.length;
  const where = sources === 1 ? report.sources[0].outlet : t.plural('sourceCount', sources, sources);
  return t.plural('quotesOnlyDetail', total, paragraphsWith(report), total, where);
}

/**
 * The summary sentence: "14 of 20 paragraphs appeared earlier, mostly in BBC News."
 * Also covers the other outcomes (nothing found, earliest version, empty index).
 */
export function summary(report: Report, t: Translator): string {
  const total = contentParagraphs(report);
  if (report.passages.length === 0) {
    if (report.earliest) return t.plural('summaryEarliest', report.reusedBy.length, report.reusedBy.length);
    const own = new Set((report.ownEarlier ?? []).map((o) => o.paragraph)).size;
    if (own > 0) return t.plural('summaryOwnOnly', total, own, total, report.outlet);
    if (report.indexSize === 0) return t('summaryEmptyIndex');
    return t.plural('summaryNothing', report.indexSize, report.indexSize);
  }
  const n = paragraphsWith(report);
  const sources = report.sources.length;
  if (quotesOnly(report)) {
    // Sharing a public figure's words is not copying: say so in the first line.
    const where = sources === 1 ? report.sources[0].outlet : t.plural('sourceCount', sources, sources);
    return t.plural('summaryQuotesOnly', total, n, total, where);
  }
  if (sources === 1) return t.plural('summaryIn', total, n, total, report.sources[0].outlet);
  const main = mainSource(report);
  if (main) return t.plural('summaryMostlyIn', total, n, total, main.outlet);
  return t.plural('summaryInSources', total, n, total, t.plural('sourceCount', sources, sources));
}

/** "62% of the text copied, 5% in shared quotes" (the parts that are non-zero), or ''. */
export function shareLine(report: Report, t: Translator): string {
  const parts: string[] = [];
  if (report.copiedShare > 0) parts.push(t('shareCopied', t.percent(report.copiedShare)));
  if (report.quotedShare > 0) parts.push(t('shareQuoted', t.percent(report.quotedShare)));
  return parts.join(', ');
}

/**
 * Text for the toolbar badge: the share of copied text ("62%"); for a page sharing only quotations
 * the quoted share behind an opening quotation mark ("“5%"); '' when nothing was found.
 */
export function badgeText(report: Report): string {
  if (report.passages.length === 0) return '';
  if (quotesOnly(report)) return `\u201c${percent(report.quotedShare)}`;
  return percent(report.copiedShare > 0 ? report.copiedShare : report.quotedShare);
}

/** The badge's colour: dark red for copied text, dark blue for shared quotations only (both with white text at over 6:1). */
export function badgeColor(report: Report | undefined): string {
  return report && quotesOnly(report) ? '#0b5cad' : '#8a1c1c';
}

/** The toolbar button's tooltip for a checked page: what was found, else the extension's own title. */
export function badgeTitle(report: Report | undefined, t: Translator): string {
  const share = report && report.passages.length ? shareLine(report, t) : '';
  return share ? t('actionTitleWithShare', share) : t('actionTitle');
}

export function creditedText(c: SourceSummary['credited'] | boolean, t: Translator): string {
  if (c === true || c === 'yes') return t('credited');
  if (c === 'partly') return t('creditedPartly');
  return t('creditedNot');
}

/** A passage's credit: "shared quote" for a quotation (never a credit question), "credited to AP, via X" through a wire, else credited or not. */
export function passageCredit(p: Passage, t: Translator): string {
  if (p.kind === 'quote') return t('sharedQuote');
  if (p.credited && p.creditedVia) return t('creditedVia', p.creditedVia, p.source.outlet);
  return creditedText(p.credited, t);
}

/** A source's credit in the list of sources: "quotes only" when all it shares is quotations. */
export function sourceCredit(report: Report, s: SourceSummary, t: Translator): string {
  return quotesOnlySource(report, s.id) ? t('onlyQuotes') : creditedText(s.credited, t);
}

/** What a later article does with this one: "copied, not credited", "quotes only" (unknown parts left out). */
export function reuseDetails(r: ReuseRef, t: Translator): string[] {
  if (r.kind === 'quote') return [t('onlyQuotes')];
  return [r.kind === 'copied' ? t('reuseCopied') : '', r.credited ? creditedText(r.credited, t) : ''].filter(Boolean);
}

/** "Outlet, date" (or the outlet alone when no date is known). */
export function outletWhen(a: { outlet: string; published?: string; firstSeen?: string }, when: When): string {
  const date = when(a);
  return date ? `${a.outlet}, ${date}` : a.outlet;
}

/** The accessible label of a highlighted passage: "appeared earlier in BBC News, 26 Aug 2016" (with the time when `when` gives it). */
export function passageLabel(p: Passage, t: Translator, when: When = dateOnly(t)): string {
  const where = outletWhen(p.source, when);
  return p.kind === 'quote' ? t('labelQuote', where) : t('labelCopied', where);
}

/** Highlight marks for the content script, one per passage. */
export function highlightMarks(report: Report, t: Translator): HighlightMark[] {
  const when = whenFormatter(report, t);
  return report.passages.map((p) => ({ paragraph: p.paragraph, start: p.start, end: p.end, label: passageLabel(p, t, when), kind: p.kind }));
}

/** The outlet's own earlier articles holding paragraphs of this one, each with those paragraphs (1-based, in order). */
export function ownEarlierGroups(report: Report): Array<{ source: Report['ownEarlier'][number]['source']; paragraphs: number[] }> {
  const groups = new Map<string, { source: Report['ownEarlier'][number]['source']; paragraphs: number[] }>();
  for (const o of report.ownEarlier ?? []) {
    const g = groups.get(o.source.id) ?? { source: o.source, paragraphs: [] };
    g.paragraphs.push(o.paragraph + 1);
    groups.set(o.source.id, g);
  }
  for (const g of groups.values()) g.paragraphs.sort((a, b) => a - b);
  return [...groups.values()];
}

/** A list of paragraph numbers in the locale ("2, 3 and 5"). */
export function paragraphList(ns: number[], t: Translator): string {
  return new Intl.ListFormat(t.locale, { style: 'long', type: 'conjunction' }).format(ns.map((n) => t.number(n)));
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

/** A sentence as Markdown: escaped, with its closing full stop escaped too. */
function mdSentence(s: string): string {
  return mdEscape(s).replace(/\.$/, '\\.');
}

/** Stands for a piece of Markdown (a link) in a message: the message is escaped, then the piece put in. */
const MARK = '\u0001';

function mdSentenceWith(message: string, piece: string): string {
  return mdSentence(message).replace(MARK, () => piece);
}

/** The report as Markdown, for the clipboard and the .md download. */
export function toMarkdown(report: Report, t: Translator, now: Date = new Date()): string {
  const out: string[] = [];
  const when = whenFormatter(report, t);
  const linkWhen = (a: { outlet: string; url?: string; published?: string; firstSeen?: string }, text = a.outlet) => [mdLink(text, a.url), mdEscape(when(a))].filter(Boolean).join(', ');
  out.push(`# ${t('mdTitle', mdEscape(report.title || report.id))}`);
  out.push('');
  out.push(linkWhen(report));
  if (report.updateOf) {
    const u = report.updateOf;
    out.push('', `_${mdSentenceWith(t('updateOfNote', MARK, t.percent(u.share)), linkWhen(u, u.title || u.outlet))}_`);
  }
  out.push('');
  out.push(`**${mdEscape(summary(report, t))}**`);
  const share = shareLine(report, t);
  if (share) out.push('', mdEscape(share.charAt(0).toUpperCase() + share.slice(1)) + '\\.');
  if (report.sources.length) {
    out.push('', `## ${t('sourcesHeading')}`, '');
    out.push(`| ${[t('mdOutlet'), t('mdDate'), t('mdPassages'), t('mdShare'), t('mdCredited')].join(' | ')} |`);
    out.push('| --- | --- | --- | --- | --- |');
    const credited = { yes: t('mdCreditedYes'), partly: t('mdCreditedPartly'), no: t('mdCreditedNo') };
    for (const s of report.sources) {
      const credit = quotesOnlySource(report, s.id) ? t('onlyQuotes') : credited[s.credited];
      out.push(`| ${mdLink(s.outlet, s.url)} | ${mdEscape(when(s))} | ${t.number(s.passages)} | ${t.percent(s.share)} | ${credit} |`);
    }
  }
  const sections: Array<[string, Passage[]]> = [
    [t('copiedHeading'), report.passages.filter((p) => p.kind === 'copied')],
    [t('quotesHeading'), report.passages.filter((p) => p.kind === 'quote')],
  ];
  for (const [title, ps] of sections) {
    if (!ps.length) continue;
    out.push('', `## ${title}`);
    ps.forEach((p, i) => {
      out.push('', `### ${t('passageHeading', i + 1, p.paragraph + 1)} ${mdEscape(passageLabel(p, t, when))} (${mdEscape(passageCredit(p, t))})`, '');
      if (p.firstSeen) out.push(`_${mdEscape(t('firstSeenIn', MARK)).replace(MARK, () => linkWhen(p.firstSeen!))}_`, '');
      out.push(quoteBlock(p.text), '', t('mdSourceText', mdLink(p.source.outlet, p.source.url)), '', quoteBlock(p.source.text));
    });
  }
  const own = ownEarlierGroups(report);
  if (own.length) {
    out.push('', `## ${mdEscape(t('ownEarlierHeading', report.outlet))}`, '', mdSentence(t('ownEarlierNote', report.outlet)), '');
    for (const g of own) {
      const parts = [mdLink(g.source.title || g.source.outlet, g.source.url), mdEscape(when(g.source))].filter(Boolean).join(', ');
      out.push(`- ${parts}: ${mdEscape(t.plural('ownEarlierParagraphs', g.paragraphs.length, paragraphList(g.paragraphs, t)))}`);
    }
  }
  if (report.reusedBy.length) {
    out.push('', `## ${t('reusedHeading')}`, '');
    for (const r of report.reusedBy) out.push(`- ${linkWhen(r)}: ${mdEscape([t('shareOfThisArticle', t.percent(r.share)), ...reuseDetails(r, t)].join(', '))}`);
  }
  out.push('', `_${mdSentence(t.plural('mdFooter', report.indexSize, report.indexSize, now.toISOString().slice(0, 10)))}_`, '');
  return out.join('\n');
}

/** The report as JSON (a versioned envelope around the engine's Report): data, not language. */
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
