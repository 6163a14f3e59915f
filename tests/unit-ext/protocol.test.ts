import { describe, expect, expectTypeOf, it, vi } from 'vitest';
import { fakeBrowser } from './fake-browser';

const fake = vi.hoisted(() => ({ browser: undefined as unknown }));
vi.mock('webextension-polyfill', () => ({ default: new Proxy({}, { get: (_t, k) => (fake.browser as Record<string | symbol, unknown>)[k] }) }));

const { call, createDispatcher, emit, fromExtensionPage, isEnvelope, onEvent, ProtocolError, registerHandlers, send } = await import('../../src/protocol');
type Handlers = import('../../src/protocol').Handlers;
type Res<K extends keyof import('../../src/protocol').Protocol> = import('../../src/protocol').Res<K>;
type ErrorCode = import('../../src/protocol').ErrorCode;
const { CodedError } = await import('../../src/errors');

const settings = { autoCheck: false, pauseRecording: false, deniedSites: [] };
const stats = { documents: 0, outlets: 0, units: 0, paragraphs: 0 };
const feedStatus = { id: 'f', url: 'https://wire.example/rss', outlet: 'Wire', outletGiven: false, intervalMinutes: 60 as const, pageOrigins: [], addedAt: 0, nextDue: 0, failures: 0, itemsAdded: 0, originsNeeded: [] };

function handlers(over: Partial<Handlers> = {}): Handlers {
  return {
    check: async () => ({ status: 'unsupported', reason: 'test' }),
    highlight: async (req) => ({ placed: req.marks.length, missed: 0 }),
    clearHighlights: async () => ({ removed: 0 }),
    getSettings: async () => settings,
    setSettings: async (req) => ({ ...settings, ...req }),
    indexStats: async () => stats,
    clearIndex: async () => stats,
    exportIndex: async () => ({ lines: [] }),
    importIndex: async () => ({ status: 'staged', lines: 0 }),
    cancelImport: async () => ({ cancelled: true }),
    deleteArticles: async () => ({ deleted: 0, stats }),
    recordingState: async () => ({ state: 'idle' }),
    listPacks: async () => [],
    removePack: async () => ({ untagged: 0, deleted: 0, stats }),
    exportSelection: async () => ({ params: null, lines: [] }),
    libraryArticles: async (req) => ({ rows: [], total: 0, offset: req.offset }),
    libraryOutlets: async (req) => ({ rows: [], total: 0, offset: req.offset, documents: 0, analysed: false }),
    syndication: async (req) => ({ scope: req.scope, articles: [], edges: [], checked: 0, truncated: false, cancelled: false, cached: false, ms: 0 }),
    cancelSyndication: async () => ({ cancelled: true }),
    syndicationEdge: async () => ({ edges: [] }),
    storyArticles: async () => ({ articles: [] }),
    previewFeed: async () => ({ status: 'failed', problem: { code: 'permission', message: 'test' } }),
    addFeed: async () => ({ status: 'failed', problem: { code: 'permission', message: 'test' } }),
    updateFeed: async () => feedStatus,
    removeFeed: async () => ({ removed: false }),
    listFeeds: async () => ({ feeds: [] }),
    pollFeedNow: async () => feedStatus,
    ...over,
  };
}

describe('protocol', () => {
  it('round-trips typed requests and responses through runtime messaging', async () => {
    fake.browser = fakeBrowser();
    const off = registerHandlers(handlers());
    const r = await send('setSettings', { pauseRecording: true });
    expect(r).toEqual({ ok: true, res: { ...settings, pauseRecording: true } });
    expectTypeOf(r).toEqualTypeOf<{ ok: true; res: Res<'setSettings'> } | { ok: false; error: string; code?: ErrorCode }>();
    expect(await call('highlight', { tabId: 1, marks: [{ paragraph: 0, start: 0, end: 3, label: 'x', kind: 'copied' }] })).toEqual({ placed: 1, missed: 0 });
    off();
  });

  it('turns handler exceptions into { ok: false, error } and call() into a local ProtocolError', async () => {
    fake.browser = fakeBrowser();
    const off = registerHandlers(handlers({ indexStats: async () => { throw new Error('database is gone'); } }));
    expect(await send('indexStats', {})).toEqual({ ok: false, error: 'database is gone' });
    await expect(call('indexStats', {})).rejects.toBeInstanceOf(ProtocolError);
    off();
  });

  it('carries the code of a CodedError, so pages can show their own message for it', async () => {
    fake.browser = fakeBrowser();
    const off = registerHandlers(handlers({ highlight: async () => { throw new CodedError('page-no-answer', 'the page did not answer'); } }));
    expect(await send('highlight', { tabId: 1, marks: [] })).toEqual({ ok: false, error: 'the page did not answer', code: 'page-no-answer' });
    await expect(call('highlight', { tabId: 1, marks: [] })).rejects.toMatchObject({ name: 'ProtocolError', code: 'page-no-answer' });
    expect(await send('getSettings', {}, async () => undefined)).toMatchObject({ ok: false, code: 'no-answer' });
    off();
  });

  it('reports a missing background as an error value, not a rejection', async () => {
    fake.browser = fakeBrowser();
    const r = await send('getSettings', {});
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(/Receiving end does not exist/);
    expect(await send('getSettings', {}, async () => undefined)).toEqual({ ok: false, error: 'no answer from the background for "getSettings"', code: 'no-answer' });
  });

  it('sends a read again once when the worker stopped before answering, and never a write', async () => {
    const stopped = new Error('A listener indicated an asynchronous response by returning true, but the message channel closed before a response was received');
    const flaky = (failures: number) => {
      const sent: string[] = [];
      return { sent, transport: async (m: { type: string }) => (sent.push(m.type), sent.length <= failures ? Promise.reject(stopped) : { ok: true, res: stats }) };
    };
    const once = flaky(1);
    expect(await send('indexStats', {}, once.transport)).toEqual({ ok: true, res: stats });
    expect(once.sent).toEqual(['indexStats', 'indexStats']);
    const twice = flaky(2);
    expect(await send('indexStats', {}, twice.transport)).toMatchObject({ ok: false, code: 'worker-stopped' });
    expect(twice.sent).toHaveLength(2);
    const write = flaky(1);
    expect(await send('clearIndex', {}, write.transport)).toMatchObject({ ok: false, code: 'worker-stopped' });
    expect(write.sent).toEqual(['clearIndex']);
  });

  it('ignores messages that are not ours, so other listeners can answer them', async () => {
    const dispatch = createDispatcher(handlers());
    expect(dispatch({ type: 'wiretrace:extract' })).toBeUndefined();
    expect(dispatch({ channel: 'wiretrace', type: 'nope', req: {} })).toBeUndefined();
    expect(dispatch(null)).toBeUndefined();
    expect(isEnvelope({ channel: 'wiretrace', type: 'check', req: { tabId: 1 } })).toBe(true);
    expect(await dispatch({ channel: 'wiretrace', type: 'getSettings', req: {} })).toEqual({ ok: true, res: settings });
    expect(await createDispatcher({})({ channel: 'wiretrace', type: 'getSettings', req: {} })).toEqual({ ok: false, error: 'no handler for "getSettings"' });
  });

  it('answers only the extension pages, not content scripts in web pages', async () => {
    const b = fakeBrowser();
    fake.browser = b;
    const off = registerHandlers(handlers());
    const fromPage = (m: unknown) => b.runtime.sendMessage(m, { id: 'test-extension', url: 'https://evil.example/' });
    expect(await send('clearIndex', {}, fromPage)).toEqual({ ok: false, error: '"clearIndex" is only answered to the extension\'s own pages' });
    expect((await send('clearIndex', {})).ok).toBe(true);
    expect(fromExtensionPage({ id: 'other', url: 'chrome-extension://test-extension/popup.html' })).toBe(false);
    expect(fromExtensionPage(undefined)).toBe(false);
    off();
  });

  it('delivers progress events and tolerates nobody listening', async () => {
    fake.browser = fakeBrowser();
    await expect(emit('progress', { task: 'check', text: 'nobody' })).resolves.toBeUndefined();
    const seen: string[] = [];
    const off = onEvent('progress', (d) => seen.push(d.text));
    await emit('progress', { task: 'import', text: 'Indexing 3 of 10' });
    expect(seen).toEqual(['Indexing 3 of 10']);
    off();
  });
});
