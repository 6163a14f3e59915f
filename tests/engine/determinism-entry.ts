// Bundled into a page by determinism.browser.test.ts: the engine's hashing, run in the browser.
import { bandKeys } from '../../src/engine/lsh';
import { MinHasher } from '../../src/engine/minhash';
import { prepareArticle } from '../../src/engine/prepare';

(globalThis as unknown as { wiretraceHashes: unknown }).wiretraceHashes = (title: string, paragraphs: string[]) => {
  const p = prepareArticle(title, paragraphs, 4);
  const shingles = p.shingle.filter((x) => x !== 0);
  // The page has no CSP: the WebAssembly kernel runs here; the extension uses the JavaScript loop.
  const simd = new MinHasher(128, 0x5eed);
  const js = new MinHasher(128, 0x5eed, { wasm: false });
  return {
    tokens: Array.from(p.tokHash),
    shingles: Array.from(p.shingle),
    fingerprints: Array.from(p.fingerprint),
    bands: Array.from(bandKeys(js.signature(shingles), 42, 3)),
    simdBands: Array.from(bandKeys(simd.signature(shingles), 42, 3)),
    simd: simd.usesWasm,
  };
};
