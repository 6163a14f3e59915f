/**
 * The engine and its IndexedDB store, opened lazily once per service-worker wake.
 *
 * Nothing here is state that matters: the worker may be stopped at any moment and the next message
 * reopens the database. The promises are cached only so that one wake opens it once; a failed open
 * is forgotten so the next call tries again.
 */
import { Engine, unitCountFromText, unitsFromText } from '../src/engine/engine';
import { DiskRoom } from './disk-room';
import { IdbStore } from './idb-store';

/** Milliseconds from a wake to the merges a stopped worker left undone (after the wake's own work). */
const MERGE_AFTER_WAKE_MS = 5_000;
/** Milliseconds between the extension API calls that keep the worker up through a long merge. */
const KEEP_UP_MS = 20_000;
let keptUp = 0;

/**
 * Keeps the worker up while a merge writes: Chromium stops an extension's worker 30 s after its last
 * extension event or API call, and IndexedDB work alone is neither. A merge at 100,000 articles can
 * take longer (docs/design.md); stopped, it loses only its own progress (the next one sweeps it).
 */
function keepUp(): void {
  const now = Date.now();
  if (now - keptUp < KEEP_UP_MS) return;
  keptUp = now;
  // The raw API (Chromium and Firefox both have chrome.runtime): this module also runs in Node's tests.
  const runtime = (globalThis as { chrome?: { runtime?: { getPlatformInfo?: () => Promise<unknown> | void } } }).chrome?.runtime;
  void Promise.resolve(runtime?.getPlatformInfo?.()).catch(() => undefined);
}

let store: Promise<IdbStore> | undefined;
let engine: Promise<Engine> | undefined;

export function getStore(): Promise<IdbStore> {
  store ??= IdbStore.open().then((s) => {
    // Units are not kept in the records: computed from the text for export and deletion.
    s.unitsOf = unitsFromText(EXTENSION_ENGINE_OPTIONS);
    s.unitCountOf = unitCountFromText(EXTENSION_ENGINE_OPTIONS);
    s.onMergeProgress = keepUp;
    // Large writes prove the disk has room first (disk-room.ts).
    s.disk = new DiskRoom((bytes) => s.probeDisk(bytes));
    s.mergeSoon(MERGE_AFTER_WAKE_MS);
    return s;
  }).catch((e) => {
    store = undefined;
    throw e;
  });
  return store;
}

/**
 * The extension's engine options: signatures in JavaScript, since the manifest's CSP (script-src
 * 'self') allows no WebAssembly; compiling the kernel would only log a violation before falling back.
 * A smaller cache of prepared sources than the CLI's (about 5 MB): the worker lives for minutes,
 * and a page's sources are few.
 */
export const EXTENSION_ENGINE_OPTIONS = { wasm: false, cacheWords: 250_000 } as const;

export function getEngine(): Promise<Engine> {
  engine ??= getStore()
    .then((s) => Engine.open(s, EXTENSION_ENGINE_OPTIONS))
    .catch((e) => {
      engine = undefined;
      throw e;
    });
  return engine;
}

/** Forgets the engine (after the index was cleared or replaced): its caches refer to old documents. */
export function resetEngine(): void {
  engine = undefined;
}

let tail: Promise<unknown> = Promise.resolve();

/**
 * Runs index work one task at a time (checks of several tabs, imports), so a check never sees a
 * half-finished import and two tabs never race to record. The store's unique id index is the real
 * guard against duplicates (it survives a worker restart); this queue keeps the work orderly.
 */
export function serial<T>(task: () => Promise<T>): Promise<T> {
  const run = tail.then(task, task);
  tail = run.catch(() => undefined);
  return run;
}

/**
 * serial() for a task that answers before its work is over: the caller gets `value` as soon as the
 * task returns it, while the queue waits for `rest` too (a check answers, then records the article;
 * the next check must not start before that record is in).
 */
export function serialEarly<T>(task: () => Promise<{ value: T; rest?: Promise<unknown> }>): Promise<T> {
  const run = tail.then(task, task);
  tail = run.then((r) => r.rest, () => undefined).catch(() => undefined);
  return run.then((r) => r.value);
}
