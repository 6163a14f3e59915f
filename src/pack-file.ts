/**
 * Index files and packs as the Library's pages handle them, before anything reaches the index:
 * what a file holds (its pack description, articles, outlets, time span), shown before an import is
 * confirmed; and the header line of a pack the page writes out from a selection of the index.
 * Pure: the page reads the file; the worker validates every line again when it imports.
 */
import { checkLine, LINE_CHECKSUM } from './engine/line-check';
import { parseTime } from './engine/parse-time';
import { checkHeader, packId, type PackInfo } from './engine/pack-header';
import { headerLine } from './engine/serialize';
import type { IndexParams } from './engine/store';

export interface IndexFilePreview {
  /** The pack's description and id, when the file is a pack. */
  pack?: PackInfo & { id: string };
  articles: number;
  /** Outlets by number of articles, most first. */
  outlets: Array<{ name: string; articles: number }>;
  /** Earliest and latest publication (or first-seen) time, ISO 8601. */
  from?: string;
  to?: string;
  /** Whether its lines carry checksums and all matched (false: an older file or a corpus, read unverified). */
  verified: boolean;
}

export type PreviewResult = { ok: true; preview: IndexFilePreview } | { ok: false; line: number; message: string };

/** What an index file (or a pack, or a plain corpus file) holds, or the first line at fault. */
export function previewIndexFile(lines: string[]): PreviewResult {
  let pack: IndexFilePreview['pack'];
  let declared: number | undefined;
  const outlets = new Map<string, number>();
  let articles = 0;
  let from: number | undefined;
  let to: number | undefined;
  let headerAt = 0;
  let checksums = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line) continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      return { ok: false, line: i + 1, message: 'not valid JSON' };
    }
    if (checksums && checkLine(line) !== 'ok') return { ok: false, line: i + 1, message: checkLine(line) === 'missing' ? 'has no checksum, though the header says every line has one' : 'its checksum does not match: the line is damaged' };
    if (!value || typeof value !== 'object' || Array.isArray(value)) return { ok: false, line: i + 1, message: 'not a JSON object' };
    const x = value as Record<string, unknown>;
    if (x.format !== undefined) {
      if (articles > 0 || headerAt) return { ok: false, line: i + 1, message: headerAt ? 'a second header' : 'the header must be the first line' };
      if (x.checksum !== undefined) {
        if (x.checksum !== LINE_CHECKSUM) return { ok: false, line: i + 1, message: `checksum ${JSON.stringify(x.checksum)} is not known` };
        if (checkLine(line) !== 'ok') return { ok: false, line: i + 1, message: 'the header is damaged (its checksum does not match)' };
        checksums = true;
      }
      headerAt = i + 1;
      const header = checkHeader(x);
      if (!header.ok) return { ok: false, line: i + 1, message: header.message };
      declared = header.value.documents;
      if (header.value.pack) pack = { ...header.value.pack, id: packId(header.value.pack) };
      continue;
    }
    articles++;
    const outlet = typeof x.outlet === 'string' ? x.outlet : typeof x.publisher === 'string' ? x.publisher : 'unknown outlet';
    outlets.set(outlet, (outlets.get(outlet) ?? 0) + 1);
    for (const t of [x.published ?? x.scrapeTime ?? x.date ?? x.firstSeen]) {
      const ms = parseTime(t);
      if (ms === undefined) continue;
      from = from === undefined ? ms : Math.min(from, ms);
      to = to === undefined ? ms : Math.max(to, ms);
    }
  }
  if (declared !== undefined && declared !== articles) {
    return { ok: false, line: headerAt, message: `documents: the ${pack ? "pack's " : ''}header says ${declared} articles, the file holds ${articles} (${declared > articles ? 'is it cut short?' : 'lines added to it?'})` };
  }
  return {
    ok: true,
    preview: {
      ...(pack ? { pack } : {}),
      articles,
      outlets: [...outlets].map(([name, n]) => ({ name, articles: n })).sort((a, b) => b.articles - a.articles || a.name.localeCompare(b.name)),
      ...(from !== undefined ? { from: new Date(from).toISOString(), to: new Date(to!).toISOString() } : {}),
      verified: checksums,
    },
  };
}

/** The header line of a pack of `documents` articles made with `params` (its lines carry checksums: articleLine). */
export function packHeaderLine(params: IndexParams | null, documents: number, pack: PackInfo): string {
  return headerLine(params, documents, pack);
}
