/**
 * Small text helpers for feed fields, pure string code: the plain text of a title that carries
 * markup or entities, plain text turned into HTML paragraphs (JSON Feed content_text, Atom
 * type="text"), and times to epoch milliseconds.
 */
import { parseTime } from '../engine/parse-time';

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : all;
    }
    return NAMED[name.toLowerCase()] ?? all;
  });
}

/**
 * A title as plain text. Feeds put HTML in titles (RSS titles escaped twice, Atom type="html"): when
 * the value holds a tag or an entity, tags are dropped and entities decoded. The result is only ever
 * used as text, never put into a page as markup.
 */
export function plainText(value: string | undefined, html = /<[a-z/!]|&(?:#x?[0-9a-f]+|[a-z]+);/i.test(value ?? '')): string | undefined {
  if (value === undefined) return undefined;
  const text = (html ? decodeEntities(value.replace(/<[^>]*>/g, ' ')) : value).replace(/\s+/g, ' ').trim();
  return text || undefined;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Plain text as HTML: paragraphs at blank lines (at line breaks when there is no blank line). */
export function textToHtml(text: string): string {
  const blocks = /\n\s*\n/.test(text) ? text.split(/\n\s*\n/) : text.split(/\n/);
  return blocks
    .map((b) => b.trim())
    .filter(Boolean)
    .map((b) => `<p>${escapeHtml(b)}</p>`)
    .join('\n');
}

/** Epoch milliseconds of an RFC 822 (RSS) or ISO 8601 (Atom, JSON, Dublin Core) time; undefined when it does not parse. */
export function feedTime(value: unknown): number | undefined {
  if (typeof value !== 'string' || !value.trim()) return undefined;
  return parseTime(value.trim());
}
