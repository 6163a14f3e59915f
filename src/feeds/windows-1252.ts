/**
 * Decoding text as windows-1252 the way the Encoding Standard says: bytes 0x80-0x9F are curly
 * quotes, dashes, the euro sign and so on. Browsers' TextDecoder does so; Node 20's gives
 * them as C1 control characters, which would put invisible characters where an ISO-8859-1 or
 * windows-1252 feed has its quotation marks. This maps them after decoding, and changes nothing
 * where the decoder was already right.
 */
const HIGH = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/** Text decoded with a windows-1252 TextDecoder, with any C1 controls it left mapped. */
export function fixWindows1252(text: string): string {
  return /[\u0080-\u009f]/.test(text) ? text.replace(/[\u0080-\u009f]/g, (c) => HIGH[c.charCodeAt(0) - 0x80]) : text;
}

/** Decodes with `decoder`, mapping C1 controls when its encoding is windows-1252. */
export function decodeWith(decoder: TextDecoder, bytes: Uint8Array): string {
  const text = decoder.decode(bytes);
  return decoder.encoding === 'windows-1252' ? fixWindows1252(text) : text;
}
