/**
 * The same text gives the same hashes in Node and in Chromium (token, shingle and paragraph hashes,
 * MinHash and band keys): an index built by the CLI must answer in the extension and vice versa.
 * Covers ASCII (the fast path), Latin with diacritics and typographic quotes, Cyrillic and Japanese
 * (Intl.Segmenter). Firefox runs the same check in tests/firefox when it is available there.
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
  const sig = new MinHasher(128, 0x5eed).signature(p.shingle.filter((x) => x !== 0));
  return { tokens: Array.from(p.tokHash), shingles: Array.from(p.shingle), fingerprints: Array.from(p.fingerprint), bands: Array.from(bandKeys(sig, 42, 3)) };
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
      expect(inBrowser).toEqual(inNode);
    }
  }, 60_000);
});
