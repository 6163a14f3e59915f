/**
 * The chunk channel (src/chunk-channel.ts): the worker's ask is answered by the page that offers that
 * chunk, and only by it; an ask nobody answers, or answered with anything but lines, fails the chunk
 * with 'import-interrupted' (Node's BroadcastChannel, the one the browsers have).
 */
import { describe, expect, it } from 'vitest';
import { askChunk, CHUNK_CHANNEL, chunkKey, offerChunk } from '../../src/chunk-channel';

describe('the chunk channel', () => {
  it('brings the lines the page offers under the asked key, not another chunk’s', async () => {
    const closeA = offerChunk(chunkKey('imp', 0), ['a0', 'a1']);
    const closeB = offerChunk(chunkKey('imp', 1), ['b0']);
    try {
      expect(await askChunk(chunkKey('imp', 1))).toEqual(['b0']);
      expect(await askChunk(chunkKey('imp', 0))).toEqual(['a0', 'a1']);
    } finally {
      closeA();
      closeB();
    }
  });

  it('fails the chunk when no page answers: its offer was closed', async () => {
    offerChunk(chunkKey('gone', 0), ['x'])();
    await expect(askChunk(chunkKey('gone', 0), 50)).rejects.toMatchObject({ code: 'import-interrupted' });
  });

  it('refuses an answer that is not a list of strings', async () => {
    const page = new BroadcastChannel(CHUNK_CHANNEL);
    page.onmessage = (e: MessageEvent) => page.postMessage({ key: (e.data as { ask: string }).ask, lines: ['ok', 7] });
    try {
      await expect(askChunk(chunkKey('bad', 0), 1000)).rejects.toMatchObject({ code: 'import-interrupted', message: expect.stringMatching(/malformed/) });
    } finally {
      page.close();
    }
  });
});
