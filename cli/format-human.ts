/**
 * The readable report of one article:
 *
 *   001.txt (Nigerian outlet, 2016-08-26 12:00 UTC, 20 paragraphs)
 *     72% of the text appeared earlier: 68% copied, 4% quoted
 *     sources:
 *       BBC News      2016-08-26 10:00 UTC  14 passages  68%  credited: no   000.txt
 *     passages:
 *       ¶2  copied (verbatim) from BBC News ¶2: "US Secretary of State John Kerry and Russian ..."
 *           first seen in Reuters (reuters-17)
 *     its outlet's own earlier text: ¶5, ¶6 (in 000.txt)
 *     carried later by: Daily Post (40%, copied, credited: no, 009.txt)
 *
 * Paragraphs are numbered from 1 here (from 0 in --json). Boilerplate paragraphs are never
 * passages; they are only counted. Every line is made terminal-safe (terminal-text.ts): an outlet or
 * a title holding terminal escapes is printed with them shown, not obeyed.
 */
import type { Passage, Report, ReuseRef, SourceSummary } from '../src/engine/types';
import type { NotRecorded } from './format-json';
import { displayTime } from './time';
import { printable } from './terminal-text';

export function percent(share: number): string {
  const p = share * 100;
  if (p > 0 && p < 1) return '<1%';
  return `${Math.round(p)}%`;
}

/** About `max` characters of text, whitespace collapsed, cut at a word with an ellipsis. */
export function snippet(text: string, max = 80): string {
  const t = text.replace(/\s+/g, ' ').trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return (space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '') + '…';
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function sourceLine(s: SourceSummary, width: number): string {
  return `    ${s.outlet.padEnd(width)}  ${displayTime(s.published).padEnd(20)}  ${plural(s.passages, 'passage').padStart(11)}  ${percent(s.share).padStart(4)}  credited: ${s.credited.padEnd(6)}  ${s.id}`;
}

function passageLine(p: Passage): string {
  const how = p.coverage >= 1 ? 'verbatim' : `edited, ${percent(p.coverage)} exact`;
  const kind = p.kind === 'quote' ? 'quote' : 'copied';
  const credit = p.credited ? ', credited' : '';
  // Source paragraph -1 is the source's title (a headline copied into another article's body).
  const where = p.source.paragraph < 0 ? 'title' : `¶${p.source.paragraph + 1}`;
  const line = `    ¶${p.paragraph + 1}  ${kind} (${how}${credit}) from ${p.source.outlet} ${where}: "${snippet(p.text)}"`;
  // Who had it first, when that is another article than the one it was copied from.
  return p.firstSeen ? `${line}\n        first seen in ${p.firstSeen.outlet} (${p.firstSeen.id})` : line;
}

/** A later article carrying this one's text: outlet, share, what it carries and whether it credits it. */
function reuseText(u: ReuseRef): string {
  const how = [percent(u.share), u.kind, u.credited ? `credited: ${u.credited}` : undefined].filter(Boolean).join(', ');
  return `${u.outlet} (${how}, ${u.id})`;
}

/** The outlet's own earlier text: its paragraphs (from 1), by the earlier article holding them. */
function ownEarlierLines(r: Report): string[] {
  const by = new Map<string, number[]>();
  for (const o of r.ownEarlier) by.set(o.source.id, [...(by.get(o.source.id) ?? []), o.paragraph + 1]);
  return [...by].map(([id, ps]) => `  its outlet's own earlier text: ${ps.map((p) => `¶${p}`).join(', ')} (in ${id})`);
}

export function hasFindings(r: Report): boolean {
  return r.passages.length > 0;
}

export function formatHuman(r: Report, notRecorded: NotRecorded = null): string {
  const lines: string[] = [];
  lines.push(`${r.id} (${r.outlet}, ${displayTime(r.published)}, ${plural(r.paragraphs, 'paragraph')})`);
  if (notRecorded === 'not-article') lines.push('  not recorded: the page is not an article (read with --force)');
  if (r.updateOf) lines.push(`  an update of ${r.updateOf.id} (${r.updateOf.outlet}, ${displayTime(r.updateOf.published)}): ${percent(r.updateOf.share)} of its text`);
  if (r.passages.length === 0) {
    lines.push('  nothing in it appeared earlier in another outlet');
  } else {
    const total = r.copiedShare + r.quotedShare;
    lines.push(`  ${percent(total)} of the text appeared earlier: ${percent(r.copiedShare)} copied, ${percent(r.quotedShare)} quoted`);
    lines.push('  sources:');
    const width = Math.min(28, Math.max(...r.sources.map((s) => s.outlet.length)));
    for (const s of r.sources) lines.push(sourceLine(s, width));
    lines.push('  passages:');
    for (const p of r.passages) lines.push(passageLine(p));
  }
  lines.push(...ownEarlierLines(r));
  if (r.reusedBy.length) lines.push(`  carried later by: ${r.reusedBy.map(reuseText).join('; ')}`);
  if (r.boilerplate.length) lines.push(`  ${plural(r.boilerplate.length, 'paragraph')} of the outlet's recurring furniture ignored`);
  return lines.map(printable).join('\n') + '\n\n';
}

export interface Summary {
  checked: number;
  withFindings: number;
  errors: number;
  /** Pages skipped as not articles. */
  skipped?: number;
  indexed?: number;
  indexFile?: string;
}

export function formatSummary(s: Summary): string {
  let line = `${plural(s.checked, 'article')} checked, ${s.withFindings} with text that appeared earlier`;
  if (s.skipped) line += `; ${plural(s.skipped, 'page')} skipped as not articles (named on stderr)`;
  if (s.errors) line += `; ${plural(s.errors, 'input error')} (reported on stderr)`;
  if (s.indexFile !== undefined) line += `; index ${s.indexFile} now holds ${plural(s.indexed ?? 0, 'article')}`;
  return printable(line) + '\n';
}
