/**
 * A feed's bytes to text, by its charset: a byte order mark first, then the charset of the
 * Content-Type header, then the XML declaration's encoding, else UTF-8 (JSON Feed is always UTF-8).
 * Labels are the WHATWG Encoding Standard's (TextDecoder, in Node and in the extension's worker):
 * ISO-8859-1 decodes as windows-1252, as browsers do. Bytes that are no text (NUL bytes, gzip,
 * mostly control characters) are refused with a FeedError saying so.
 */
import { FeedError } from './feed-types';
import { decodeWith } from './windows-1252';

export interface DecodedFeed {
  text: string;
  /** The encoding used, as TextDecoder names it ("utf-8", "windows-1252"). */
  charset: string;
  /** Where the charset came from. */
  from: 'bom' | 'content-type' | 'xml-declaration' | 'default' | 'fallback';
}

function bomCharset(b: Uint8Array): { charset: string; length: number } | undefined {
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { charset: 'utf-8', length: 3 };
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return { charset: 'utf-16le', length: 2 };
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return { charset: 'utf-16be', length: 2 };
  return undefined;
}

/** The charset parameter of a Content-Type value ("application/rss+xml; charset=ISO-8859-1"). */
export function contentTypeCharset(contentType: string | null | undefined): string | undefined {
  const m = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '');
  return m ? m[1] : undefined;
}

/** The encoding named by an XML declaration at the start of the bytes. */
export function xmlDeclarationCharset(b: Uint8Array): string | undefined {
  let head = '';
  for (let i = 0; i < Math.min(b.length, 512); i++) head += String.fromCharCode(b[i]);
  const m = /^\s*<\?xml\s[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head);
  return m ? m[1] : undefined;
}

function decoderFor(label: string, where: string): TextDecoder {
  try {
    return new TextDecoder(label.trim().toLowerCase(), { fatal: true });
  } catch {
    throw new FeedError('charset', `the ${where} names the charset ${JSON.stringify(label)}, which this build cannot decode`);
  }
}

function isGzip(b: Uint8Array): boolean {
  return b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;
}

/** True when over 10% of the first 64K characters are control characters other than whitespace. */
function mostlyControl(text: string): boolean {
  const n = Math.min(text.length, 65536);
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 9 && c !== 10 && c !== 13) || c === 0x7f) bad++;
  }
  return n > 0 && bad / n > 0.1;
}

export function decodeFeedBytes(bytes: Uint8Array, contentType?: string | null): DecodedFeed {
  if (bytes.length === 0) throw new FeedError('empty', 'is empty');
  if (isGzip(bytes)) throw new FeedError('binary', 'is gzip-compressed data, not a feed');
  const bom = bomCharset(bytes);
  if (!bom && bytes.includes(0)) throw new FeedError('binary', 'looks like a binary file (it contains NUL bytes), not a feed');

  let label: string;
  let from: DecodedFeed['from'];
  let body = bytes;
  const declared = contentTypeCharset(contentType);
  const inXml = bom ? undefined : xmlDeclarationCharset(bytes);
  if (bom) {
    label = bom.charset;
    from = 'bom';
    body = bytes.subarray(bom.length);
  } else if (declared) {
    label = declared;
    from = 'content-type';
  } else if (inXml) {
    label = inXml;
    from = 'xml-declaration';
  } else {
    label = 'utf-8';
    from = 'default';
  }
  const where = from === 'content-type' ? 'Content-Type header' : from === 'xml-declaration' ? 'XML declaration' : 'byte order mark';
  // An XML declaration saying UTF-16 in a file without a BOM is read as the bytes say (UTF-8 or a
  // single-byte charset): a UTF-16 document without its BOM would have failed the NUL test above.
  if (from === 'xml-declaration' && /^utf-?16/i.test(label)) label = 'utf-8';
  const decoder = from === 'default' ? new TextDecoder('utf-8', { fatal: true }) : decoderFor(label, where);
  let text: string;
  try {
    text = decodeWith(decoder, body);
  } catch {
    if (from !== 'default') throw new FeedError('charset', `is not valid ${decoder.encoding} text, the charset its ${where} names`);
    // No charset named anywhere and not UTF-8: the old default of the web.
    text = decodeWith(new TextDecoder('windows-1252'), body);
    from = 'fallback';
    return check({ text, charset: 'windows-1252', from });
  }
  return check({ text, charset: decoder.encoding, from });
}

function check(d: DecodedFeed): DecodedFeed {
  if (d.text.trim() === '') throw new FeedError('empty', 'contains no text (only whitespace)');
  if (mostlyControl(d.text)) throw new FeedError('binary', 'looks like a binary file (mostly control characters), not a feed');
  return d;
}
