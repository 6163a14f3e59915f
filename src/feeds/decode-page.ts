/**
 * A fetched article page's bytes to text: a byte order mark, the Content-Type charset, a
 * <meta charset> or http-equiv Content-Type in the first 1024 bytes, else UTF-8 (windows-1252 when
 * the bytes are not UTF-8), as a browser decides. Binary answers (an image, a PDF) are refused.
 */
import { contentTypeCharset } from './decode-feed';
import { FeedError } from './feed-types';
import { decodeWith } from './windows-1252';

function metaCharset(b: Uint8Array): string | undefined {
  let head = '';
  for (let i = 0; i < Math.min(b.length, 1024); i++) head += String.fromCharCode(b[i]);
  return /<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)/i.exec(head)?.[1];
}

export function decodePageBytes(bytes: Uint8Array, contentType?: string | null): string {
  if (contentType && !/html|xml|text\/plain/i.test(contentType)) throw new FeedError('not-article', `the link leads to ${contentType.split(';')[0].trim()}, not a web page`);
  if (bytes.length === 0) throw new FeedError('empty', 'the page is empty');
  let body = bytes;
  let label: string | undefined;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    label = 'utf-8';
    body = bytes.subarray(3);
  } else if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    label = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
    body = bytes.subarray(2);
  } else if (bytes.includes(0)) {
    throw new FeedError('binary', 'the page is binary data (it contains NUL bytes), not a web page');
  }
  label ??= contentTypeCharset(contentType) ?? metaCharset(bytes);
  if (label) {
    try {
      return decodeWith(new TextDecoder(label.toLowerCase()), body);
    } catch {
      // An unknown label: read it as a browser would with none.
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return decodeWith(new TextDecoder('windows-1252'), body);
  }
}
