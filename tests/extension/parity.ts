/**
 * Helpers for the parity test: the extension's extraction and check of a tab (as the background does
 * them: content.js injected, then messaged), and what a page read by the extension and the same page
 * read by `wiretrace audit --json --with-text` must share. Each compare function returns the
 * differences as lines (empty when the two agree), so one run lists every page that disagrees.
 */
import { basename } from 'node:path';
import type { Page } from 'playwright-core';
import type { ExtractResult, ExtractedArticle } from '../../src/extract-types';
import type { Report } from '../../src/engine/types';
import { readableHostname } from '../../src/extract/urls';
import { wiretrace, type JsonDocument } from '../cli/run';
import { extensionPage, type Harness } from './harness';

interface ChromeApi {
  scripting: { executeScript(o: { target: { tabId: number }; files: string[] }): Promise<unknown> };
  tabs: { sendMessage(tabId: number, message: unknown): Promise<unknown> };
  runtime: { sendMessage(message: unknown): Promise<unknown> };
}

/** Loads `url` in the tab and extracts its article with the built content script (forced: `readerable` says what the gate would do). */
export async function extractInTab(h: Harness, page: Page, tabId: number, url: string): Promise<ExtractResult> {
  await page.goto(url, { waitUntil: 'load' });
  if (page.url() !== url) throw new Error(`${url} navigated to ${page.url()}`);
  return h.sw.evaluate(
    async ({ tabId, force }) => {
      const chrome = (globalThis as unknown as { chrome: ChromeApi }).chrome;
      await chrome.scripting.executeScript({ target: { tabId }, files: ['content.js'] });
      return (await chrome.tabs.sendMessage(tabId, { type: 'wiretrace:extract', force })) as ExtractResult;
    },
    { tabId, force: true },
  );
}

export type CheckAnswer = { status: 'report'; report: Report } | { status: 'not-article' | 'unsupported'; reason: string };

/** The background's `check` of a tab, asked from an extension page as the popup asks it (records the article). */
export async function checkTab(extPage: Page, tabId: number): Promise<CheckAnswer> {
  const reply = (await extPage.evaluate(
    (tabId) => (globalThis as unknown as { chrome: ChromeApi }).chrome.runtime.sendMessage({ channel: 'wiretrace', type: 'check', req: { tabId } }),
    tabId,
  )) as { ok: true; res: CheckAnswer } | { ok: false; error: string };
  if (!reply.ok) throw new Error(`check failed: ${reply.error}`);
  return reply.res;
}

export async function optionsPage(h: Harness): Promise<Page> {
  const page = await h.context.newPage();
  await page.goto(extensionPage(h, 'options.html'));
  return page;
}

export interface CliRun {
  documents: Map<string, JsonDocument & { paragraphTexts: string[]; title: string | null; url: string | null }>;
  /** File -> the message it was skipped with. */
  skipped: Map<string, string>;
  /** Documents in output order. */
  order: string[];
}

/**
 * `wiretrace audit --json --with-text ARGS`; every stderr line must be a page skipped as not an article,
 * or the note that a directory's index pack (the demo's) was left out.
 */
export async function auditJson(args: string[]): Promise<CliRun> {
  const r = await wiretrace(['audit', '--json', '--with-text', ...args]);
  const parsed = JSON.parse(r.stdout) as { documents: Array<CliRun['documents'] extends Map<string, infer D> ? D : never> };
  const skipped = new Map<string, string>();
  for (const line of r.stderr.split('\n').filter(Boolean)) {
    if (/^wiretrace: .+\.pack\.jsonl: note: an index pack, left out of the directory /.test(line)) continue;
    const m = /^wiretrace: (.+\.html): note: (not an article .*)$/.exec(line);
    if (!m) throw new Error(`unexpected CLI message: ${line}`);
    skipped.set(m[1], m[2]);
  }
  return { documents: new Map(parsed.documents.map((d) => [d.id, d])), skipped, order: parsed.documents.map((d) => d.id) };
}

/** The CLI's reasons for skipping a page that has article text (--force reads it). */
const NOT_READERABLE = /does not look like one/;
const TOO_SHORT = /an article needs at least/;
const sameTime = (a: string | null | undefined, b: string | null | undefined) => (a ? Date.parse(a) : null) === (b ? Date.parse(b) : null);
const json = (x: unknown) => JSON.stringify(x);

/**
 * The CLI's outlet for a page that names none: its canonical URL's host name, else the file name
 * (the extension takes the host of the tab's address, 127.0.0.1 here).
 */
function expectedCliOutlet(ext: ExtractedArticle, cli: { url: string | null }, file: string): string {
  if (ext.outletSource !== 'hostname') return ext.outlet;
  return (cli.url && readableHostname(cli.url)) || basename(file).replace(/\.html?$/i, '');
}

/** Differences between the extension's forced extraction and the CLI's --force reading of one page. */
export function compareExtraction(file: string, ext: ExtractResult, cli: CliRun, gate: CliRun): string[] {
  const out: string[] = [];
  const doc = cli.documents.get(file);
  if (ext.status === 'error') return [`${file}: the extension failed: ${ext.message}`];
  // The gate: the extension says "not an article" (forced: `notArticle`) exactly when the CLI skips
  // the page without --force, and for the same reason.
  const extGate = ext.status === 'ok' ? (ext.notArticle ?? 'article') : 'article';
  const skip = gate.skipped.get(file) ?? '';
  const cliGate = NOT_READERABLE.test(skip) ? 'not-readerable' : TOO_SHORT.test(skip) ? 'too-short' : 'article';
  if (ext.status === 'ok' && extGate !== cliGate) out.push(`${file}: is it an article: extension ${extGate}, CLI ${cliGate}`);
  if (ext.status === 'not-article') {
    if (doc) out.push(`${file}: the extension found no article text, the CLI found ${doc.paragraphs} paragraphs`);
    return out;
  }
  if (!doc) return [...out, `${file}: the CLI found no article (${cli.skipped.get(file)}), the extension ${ext.article.paragraphs.length} paragraphs`];
  const a = ext.article;
  if (json(a.paragraphs) !== json(doc.paragraphTexts)) out.push(`${file}: paragraphs differ: ${firstDifference(a.paragraphs, doc.paragraphTexts)}`);
  const outlet = expectedCliOutlet(a, doc, file);
  if (doc.outlet !== outlet) out.push(`${file}: outlet: extension ${json(a.outlet)} (${a.outletSource}), CLI ${json(doc.outlet)}, expected ${json(outlet)}`);
  if (!sameTime(a.published, doc.published)) out.push(`${file}: published: extension ${a.published}, CLI ${doc.published}`);
  if ((a.title ?? null) !== doc.title) out.push(`${file}: title: extension ${json(a.title)}, CLI ${json(doc.title)}`);
  // A canonical URL elsewhere than the test server is the page's own, and the CLI reads it alike.
  if (!a.url.startsWith('http://127.0.0.1') && doc.url !== a.url) out.push(`${file}: url: extension ${a.url}, CLI ${doc.url}`);
  return out;
}

function firstDifference(a: string[], b: string[]): string {
  const i = a.findIndex((p, k) => p !== b[k]);
  const k = i === -1 ? Math.min(a.length, b.length) : i;
  return `${a.length} vs ${b.length} paragraphs; #${k}: extension ${json(a[k]?.slice(0, 120))}, CLI ${json(b[k]?.slice(0, 120))}`;
}

/** A report's passages and summary with the source ids mapped to the CLI's (file paths) and times as instants. */
export function comparableReport(r: Pick<Report, 'passages' | 'sources' | 'copiedShare' | 'quotedShare' | 'credits' | 'boilerplate' | 'ownEarlier' | 'updateOf'>, sourceId: (id: string) => string) {
  const t = (s: string | null | undefined) => (s ? Date.parse(s) : null);
  return {
    copiedShare: r.copiedShare,
    quotedShare: r.quotedShare,
    credits: r.credits,
    boilerplate: r.boilerplate,
    sources: r.sources.map((s) => ({ id: sourceId(s.id), outlet: s.outlet, published: t(s.published), passages: s.passages, share: s.share, credited: s.credited })),
    passages: r.passages.map((p) => ({
      paragraph: p.paragraph,
      start: p.start,
      end: p.end,
      text: p.text,
      kind: p.kind,
      coverage: p.coverage,
      credited: p.credited,
      group: p.group,
      source: { id: sourceId(p.source.id), outlet: p.source.outlet, published: t(p.source.published), paragraph: p.source.paragraph, start: p.source.start, end: p.source.end, text: p.source.text },
      creditedVia: p.creditedVia ?? null,
      firstSeen: p.firstSeen ? sourceId(p.firstSeen.id) : null,
    })),
    ownEarlier: (r.ownEarlier ?? []).map((o) => [o.paragraph, sourceId(o.source.id)]),
    updateOf: r.updateOf ? [sourceId(r.updateOf.id), r.updateOf.share] : null,
  };
}
