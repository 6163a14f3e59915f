/**
 * Upgrades keep data: a database written by the schema-2 store as it shipped (tests/unit-ext/legacy/)
 * through the engine, with real Reuters stories, opens in the current store with every article, the
 * same units and fingerprints, the same stats, and the same reports for pages that copy from it.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { IdbStore, DB_VERSION } from '../../background/idb-store';
import { Engine } from '../../src/engine/engine';
import type { ArticleInput } from '../../src/engine/types';
import type { IndexStore } from '../../src/engine/store';
import { loadReuters } from '../../scripts/bench/reuters';
import { IdbStore as IdbStoreV2 } from './legacy/idb-store-v2';

async function entries(s: IndexStore) {
  const out = [];
  for await (const e of s.documents()) out.push({ doc: e.doc, units: e.units.map((u) => [u.paragraph, Array.from(u.bandKeys)]), fps: Array.from(e.fingerprints) });
  return out;
}

describe('upgrade from schema 2', () => {
  it('keeps every article and gives the same reports', async () => {
    const stories = await loadReuters(() => 'Reuters', 160, true);
    const indexed = stories.slice(0, 140);
    // Pages that copy two paragraphs of an indexed story into a story of their own.
    const pages: ArticleInput[] = stories.slice(140, 150).map((a, i) => {
      const src = indexed[i * 7];
      return { ...a, id: `page-${i}`, outlet: 'Copy Herald', firstSeen: undefined, paragraphs: [...a.paragraphs.slice(0, 2), ...src.paragraphs.slice(0, 2), ...a.paragraphs.slice(2)] };
    });
    const name = `upgrade-${Date.now()}`;
    const old = await IdbStoreV2.open(name);
    const oldEngine = await Engine.open(old, { wasm: false });
    for (const a of indexed) await oldEngine.record(a);
    const before = { stats: await old.stats(), entries: await entries(old), reports: await Promise.all(pages.map((p) => oldEngine.check(p))) };
    expect(before.reports.some((r) => r.passages.length > 0)).toBe(true);
    await old.bandFilter.save();
    old.close();

    const store = await IdbStore.open(name);
    expect(store.db.version).toBe(DB_VERSION);
    expect(await store.stats()).toEqual(before.stats);
    expect(await entries(store)).toEqual(before.entries);
    const engine = await Engine.open(store, { wasm: false });
    for (let i = 0; i < pages.length; i++) expect(await engine.check(pages[i])).toEqual(before.reports[i]);
    // And it keeps working: a new article gets a key never used before.
    const r = await engine.record(pages[0]);
    expect(r).toMatchObject({ added: true });
    expect(r.key).toBeGreaterThan(Math.max(...before.entries.map((e) => e.doc.key)));
    store.close();
  });
});
