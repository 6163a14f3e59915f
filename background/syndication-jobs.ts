/**
 * Builds syndication graphs in the worker (src/engine/syndication.ts over the IndexedDB index) for
 * the library page: a story or a date range, with `progress` events, a cancel, and the graph kept
 * (syndication-cache.ts) for the index as it was when the build began and ended. A build has an
 * engine of its own, so its prepared sources neither crowd out nor wait for the popup's checks; it
 * reads the index without holding the queue of checks and imports, and a graph during which the index
 * changed is answered but not kept.
 */
import { Engine } from '../src/engine/engine';
import { documentsSyndication, pairEdges, storySyndication, type SyndicationGraph } from '../src/engine/syndication';
import { parseTime } from '../src/engine/validate';
import { emit, type EdgeSummary, type SyndicationScope, type SyndicationView } from '../src/protocol';
import { EXTENSION_ENGINE_OPTIONS, getStore } from './engine-host';
import { indexState } from './index-state';
import { libraryCatalogue } from './library-index';
import { MEMORY_MAX, memorySnapshot } from './memory-snapshot';
import { keepView, keptView } from './syndication-cache';

/** A story's articles checked at most. */
export const STORY_MAX = 300;
/** Progress events at most this often (ms), and always for the last article. */
const EMIT_EVERY = 150;

const cancelled = new Set<string>();

/** A day (YYYY-MM-DD) as epoch ms at its start or its end, UTC; undefined when absent or not a day. */
export function dayBound(day: string | undefined, end: boolean): number | undefined {
  if (!day || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const t = parseTime(`${day}T00:00:00Z`);
  return t === undefined ? undefined : end ? t + 86_400_000 - 1 : t;
}

export function summarise(scope: SyndicationScope, g: SyndicationGraph, extra: { cancelled: boolean; cached: boolean; ms: number }): SyndicationView {
  const edges: EdgeSummary[] = g.edges.map((e) => ({ from: e.from, to: e.to, words: e.words, credited: e.credited, quotesOnly: e.quotesOnly, passages: e.passages.length }));
  return { scope, articles: g.articles, edges, checked: g.checked, truncated: g.truncated, ...extra };
}

export async function syndicationView(jobId: string, scope: SyndicationScope): Promise<SyndicationView> {
  const state = await indexState();
  const kept = await keptView(scope, state);
  if (kept) return { ...kept, cached: true, ms: 0 };
  const t0 = Date.now();
  const store = await getStore();
  const engine = await Engine.open(store, EXTENSION_ENGINE_OPTIONS);
  let last = 0;
  const run = {
    stop: () => cancelled.has(jobId),
    onProgress: (done: number, total: number) => {
      const now = Date.now();
      if (now - last < EMIT_EVERY && done !== total) return;
      last = now;
      void emit('progress', { task: 'syndication', jobId, code: 'analysing', text: `Checking article ${done} of ${total}…`, done, total });
    },
  };
  try {
    let graph: SyndicationGraph | undefined;
    if (scope.kind === 'story') graph = await storySyndication(engine, scope.key, { ...run, maxArticles: STORY_MAX });
    else {
      const catalogue = await libraryCatalogue();
      const keys = catalogue.keysBetween(dayBound(scope.from, false), dayBound(scope.to, true));
      // A small index is checked over a copy in memory (memory-snapshot.ts), a large one where it is.
      if (catalogue.size <= MEMORY_MAX && keys.length > 1) {
        const copy = await memorySnapshot(store);
        const inMemory = await Engine.open(copy.store, EXTENSION_ENGINE_OPTIONS);
        graph = await documentsSyndication(inMemory, keys.map((k) => copy.keyOf.get(k) ?? -1), run);
      } else graph = await documentsSyndication(engine, keys, run);
    }
    const stopped = cancelled.has(jobId);
    const view = summarise(scope, graph ?? { articles: [], edges: [], checked: 0, truncated: false }, { cancelled: stopped, cached: false, ms: Date.now() - t0 });
    if (!stopped && graph && (await indexState()) === state) await keepView(scope, state, view);
    return view;
  } finally {
    cancelled.delete(jobId);
  }
}

export function cancelSyndication(jobId: string): { cancelled: boolean } {
  cancelled.add(jobId);
  return { cancelled: true };
}

/** The passages from `from` to `to`: the report of `to` checked again, and its edges from `from`. */
export async function syndicationEdge(from: string, to: string) {
  const store = await getStore();
  const doc = await store.getDocumentById(to);
  if (!doc) return { edges: [] };
  const engine = await Engine.open(store, EXTENSION_ENGINE_OPTIONS);
  const report = await engine.checkStored(doc.key);
  return report ? { report, edges: pairEdges(report, from) } : { edges: [] };
}
