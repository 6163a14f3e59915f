// Bundled into a page by determinism.browser.test.ts: the engine's hashing, run in the browser.
import { bandKeys } from '../../src/engine/lsh';
import { MinHasher } from '../../src/engine/minhash';
import { prepareArticle } from '../../src/engine/prepare';

(globalThis as unknown as { wiretraceHashes: unknown }).wiretraceHashes = (title: string, paragraphs: string[]) => {
  const p = prepareArticle(title, paragraphs, 4);
  const h = new MinHasher(128, 0x5eed);
  const sig = h.signature(p.shingle.filter((x) => x !== 0));
  return { tokens: Array.from(p.tokHash), shingles: Array.from(p.shingle), fingerprints: Array.from(p.fingerprint), bands: Array.from(bandKeys(sig, 42, 3)) };
};
