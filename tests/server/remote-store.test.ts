/**
 * RemoteStore's requests, counted: putDocument calls made together go in one request (keys in the
 * order of the calls, an id already stored refused alone); a look-up brings its candidates, so the
 * engine's getDocuments and fingerprintCounts that follow cost no request; a check-and-record is one
 * request; and the store answers as the memory store does on the seed articles.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Engine } from '../../src/engine/engine';
import { MemoryStore } from '../../src/engine/memory-store';
import type { NewDocument } from '../../src/engine/store';
import { RemoteStore } from '../../server/remote-store';
import { createToken } from '../../server/tokens';
import { seed } from '../engine/seeds';
import { describePg, useTestDatabase } from './pg';
import { startService, type RunningService } from './service';

const doc = (id: string): NewDocument => ({ id, outlet: 'Wire', outletKey: 'wire', firstSeen: 1_700_000_000_000, paragraphs: ['a', 'b'] });
const keys = (k: number) => Uint32Array.from({ length: 42 }, (_, i) => k * 100 + i + 1);

describePg('RemoteStore', () => {
  const db = useTestDatabase();
  let service: RunningService;
  let token: string;
  beforeAll(async () => {
    service = await startService(db.pool);
    token = (await createToken(db.pool, 'remote', 'write')).token;
  });
  afterAll(() => service?.close());

  function counted(t = token) {
    const calls: string[] = [];
    const store = new RemoteStore(service.url, t, {
      retries: 0,
      fetch: (input, init) => {
        calls.push(`${init?.method ?? 'GET'} ${new URL(String(input)).pathname}`);
        return fetch(input, init);
      },
    });
    return { store, calls };
  }

  it('sends putDocument calls made together in one request, and answers a look-up with its candidates', async () => {
    const { store, calls } = counted();
    const puts = Array.from({ length: 20 }, (_, i) => store.putDocument(doc(`d${i}`), [{ paragraph: 0, bandKeys: keys(i) }], Uint32Array.of(7, 8)));
    const got = await Promise.all(puts);
    expect(calls).toEqual(['POST /v1/articles']);
    expect(got).toEqual([...got].sort((a, b) => a - b));
    const again = await Promise.allSettled([store.putDocument(doc('d3'), [], Uint32Array.of(7, 8)), store.putDocument(doc('new'), [], Uint32Array.of(7, 8))]);
    expect(again.map((r) => r.status)).toEqual(['rejected', 'fulfilled']);

    calls.length = 0;
    const hits = await store.lookup(Uint32Array.of(...keys(4).subarray(0, 5), ...keys(9).subarray(0, 2)));
    expect([...hits.values()].sort()).toEqual([2, 5]);
    const docs = await store.getDocuments([...hits.keys()]);
    expect(docs.map((d) => d.id).sort()).toEqual(['d4', 'd9']);
    expect(Array.from(await store.fingerprintCounts('wire', Uint32Array.of(7, 8)))).toEqual([21, 21]);
    expect(calls).toEqual(['POST /v1/lookup']);
  });

  it("checks and records an article in one request, with the memory store's reports", async () => {
    const { store, calls } = counted((await createToken(db.pool, 'remote-seeds', 'write')).token);
    const seeds = ['000', '004', '001'].map(seed);
    const remote = await Engine.open(store);
    const local = await Engine.open(new MemoryStore());
    for (const a of seeds) {
      const input = { ...a, firstSeen: '2024-01-01T00:00:00Z' };
      calls.length = 0;
      const r = await remote.checkAndRecord(input);
      expect(calls.filter((c) => c === 'POST /v1/articles')).toHaveLength(1);
      expect(calls.filter((c) => c === 'POST /v1/lookup')).toHaveLength(0);
      expect(r).toEqual(await local.checkAndRecord(input));
    }
  });
});
