/**
 * What the Firefox build puts where src/extract/linkedom-document.ts would be (vite.config.ts,
 * backgroundConfig): Firefox's background page has DOMParser, so html-parser.ts never asks
 * for linkedom there, and the package carries none.
 */
export function htmlDocument(): Document {
  throw new Error('this build reads HTML with DOMParser; linkedom is not in it');
}
