/**
 * The same text gives the same hashes in Node and in Chromium (token, shingle and paragraph hashes,
 * MinHash and band keys): an index built by the CLI must answer in the extension and vice versa.
 * Covers ASCII (the fast path), Latin with diacritics and typographic quotes, Cyrillic and Japanese
 * (Intl.Segmenter), and both ways of computing signatures (JavaScript, as in the extension, and the
 * WebAssembly kernel, as in the CLI) in both places. (tests/firefox checks in Firefox that the
 * extension finds a source recorded there, not these values one by one.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { bundleIife, launchChromium } from '../content/browser';
import { bandKeys } from '../../src/engine/lsh';
import { MinHasher } from '../../src/engine/minhash';
import { prepareArticle } from '../../src/engine/prepare';
import { seed } from './seeds';

const texts: Array<[string, string[]]> = [
  [seed('000').title!, seed('000').paragraphs],
  ['Ärger über „Flüchtlingsdeal“', ['Die Außenminister trafen sich am Freitag in Genf – und sprachen über den Waffenstillstand… „Wir sind nah dran“, sagte Kerry.']],
  ['Лавров', ['Министр иностранных дел России Сергей Лавров заявил, что переговоры в Женеве были продуктивными.']],
  ['会談', ['米国のケリー国務長官とロシアのラブロフ外相は、ジュネーブで十二時間にわたって会談した。']],
];

function nodeHashes(title: string, paragraphs: string[]) {
  const p = prepareArticle(title, paragraphs, 4);
  const shingles = p.shingle.filter((x) => x !== 0);
  const simd = new MinHasher(128, 0x5eed);
  const sig = new MinHasher(128, 0x5eed, { wasm: false }).signature(shingles);
  return {
    tokens: Array.from(p.tokHash),
    shingles: Array.from(p.shingle),
    fingerprints: Array.from(p.fingerprint),
    bands: Array.from(bandKeys(sig, 42, 3)),
    simdBands: Array.from(bandKeys(simd.signature(shingles), 42, 3)),
    simd: simd.usesWasm,
  };
}

describe('hashing is deterministic across Node and Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('gives identical token, shingle, fingerprint and band-key values', async () => {
    const page = await browser.newPage();
    await page.addScriptTag({ content: bundleIife('tests/engine/determinism-entry.ts') });
    for (const [title, paragraphs] of texts) {
      const inBrowser = await page.evaluate(([t, ps]) => (globalThis as unknown as { wiretraceHashes: (t: string, p: string[]) => unknown }).wiretraceHashes(t, ps), [title, paragraphs] as const);
      const inNode = nodeHashes(title, paragraphs);
      expect(inNode.tokens.length).toBeGreaterThan(3);
      expect(inNode.simd).toBe(true);
      expect(inNode.simdBands).toEqual(inNode.bands);
      expect(inBrowser).toEqual(inNode);
    }
  }, 60_000);
});
