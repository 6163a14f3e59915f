/**
 * The page's side of an import (src/send-index-file.ts) against the worker's (background/index-io.ts)
 * over fake-indexeddb: chunks go in order with IN_FLIGHT of them unanswered at most, so the worker
 * reads one while it writes the other; the whole file lands; a worker that stops with chunks in
 * flight gets them again, in order, and writes each once; a refused chunk ends the import with
 * nothing of it stored.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from './fake-browser';

const browser = fakeBrowser();
vi.mock('webextension-polyfill', () => ({ default: browser }));

const { getStore } = await import('../../background/engine-host');
const { importChunk } = await import('../../background/index-io');
const { IN_FLIGHT, sendIndexFile, sendIndexLines } = await import('../../src/send-index-file');
const { CHUNK_CHARS } = await import('../../src/import-chunk');
const { loadReuters } = await import('../../scripts/bench/reuters');

const stories = await loadReuters(() => 'Reuters', 300, true);
const line = (i: number, prefix: string) => JSON.stringify({ id: `${prefix}-${i}`, outlet: 'Reuters', title: stories[i].title, paragraphs: stories[i].paragraphs });
/** Lines padded to a quarter of a chunk each: four lines a chunk, so a few hundred stories make many chunks. */
const padded = (n: number, prefix: string) =>
  Array.from({ length: n }, (_, i) => {
    const l = line(i, prefix);
    return `${l.slice(0, -1)},"note":"${'x'.repeat(Math.max(0, Math.floor(CHUNK_CHARS / 4) - l.length - 12))}"}`;
  });

type Req = { importId: string; seq: number; lines: string[]; last: boolean };

/**
 * The worker behind runtime.sendMessage: importChunk for every importIndex message, with what was
 * sent, how many chunks were unanswered at once, and `stop(seq)` making the worker stop (the browser's
 * "message port closed") instead of answering that chunk's first sending.
 */
function worker(stopAt = new Set<number>()) {
  const sent: number[] = [];
  let flying = 0;
  let most = 0;
  const listener = (m: unknown) => {
    const env = m as { channel?: string; type?: string; req: Req };
    if (env.channel !== 'wiretrace' || env.type !== 'importIndex') return undefined;
    sent.push(env.req.seq);
    most = Math.max(most, ++flying);
    const stops = stopAt.delete(env.req.seq);
    return (async () => {
      try {
        if (stops) {
          await new Promise((r) => setTimeout(r, 5));
          throw new Error('A listener indicated an asynchronous response by returning true, but the message channel closed before a response was received');
        }
        return { ok: true, res: await importChunk(env.req) };
      } catch (e) {
        if (stops) throw e;
        return { ok: false, error: (e as Error).message, code: (e as { code?: string }).code };
      } finally {
        flying--;
      }
    })();
  };
  browser.runtime.onMessage.addListener(listener);
  return { sent, most: () => most, remove: () => browser.runtime.onMessage.removeListener(listener) };
}

async function fresh() {
  const store = await getStore();
  await store.clear();
  return store;
}

describe('sending an index file', () => {
  it(`keeps ${IN_FLIGHT} chunks unanswered at most, in order, and the whole file lands`, async () => {
    const store = await fresh();
    const w = worker();
    const lines = padded(30, 'w');
    const shares: number[] = [];
    try {
      const file = new Blob([`${lines.join('\n')}\n`]);
      expect(await sendIndexFile('w', file, { onChunk: (s) => shares.push(s) })).toEqual({ status: 'done', documents: 30, skipped: 0 });
    } finally {
      w.remove();
    }
    expect(w.sent.length).toBeGreaterThanOrEqual(7);
    expect(w.sent).toEqual(w.sent.map((_, i) => i));
    expect(w.most()).toBe(IN_FLIGHT);
    expect(shares.at(-1)).toBe(1);
    expect((await store.stats()).documents).toBe(30);
    expect(await store.importState('w')).toBeUndefined();
  });

  it('sends the chunks in flight again, in order, when the worker stops, and writes each once', async () => {
    const store = await fresh();
    const w = worker(new Set([3]));
    try {
      expect(await sendIndexLines('s', padded(24, 's'))).toEqual({ status: 'done', documents: 24, skipped: 0 });
    } finally {
      w.remove();
    }
    // Chunk 3 stopped the worker while 4 was in flight: both go again, then the rest.
    expect(w.sent.slice(0, 5)).toEqual([0, 1, 2, 3, 4]);
    expect(w.sent.slice(5, 7)).toEqual([3, 4]);
    expect(w.sent.slice(7)).toEqual(w.sent.slice(7).map((_, i) => 5 + i));
    expect(await store.stats()).toMatchObject({ documents: 24 });
    expect((await store.db.getAllKeys('documents')).length).toBe(24);
  });

  it('ends the import at a refused chunk, with nothing of it stored and what was stored before kept', async () => {
    const store = await fresh();
    const w = worker();
    try {
      expect(await sendIndexLines('kept', [line(200, 'k'), line(201, 'k')])).toMatchObject({ status: 'done', documents: 2 });
      const lines = padded(20, 'b');
      lines[9] = '{"id": "broken",';
      await expect(sendIndexLines('b', lines)).rejects.toThrow(/^line 10: not valid JSON/);
    } finally {
      w.remove();
    }
    expect(await store.stats()).toMatchObject({ documents: 2 });
    expect((await store.db.getAllKeys('documents')).length).toBe(2);
    expect(await store.importState('b')).toBeUndefined();
  });
});
