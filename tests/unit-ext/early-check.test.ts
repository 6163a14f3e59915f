/**
 * The popup's early check (popup/early-check.ts): the envelope the background expects, the tab it is
 * for, the content script injected beside it, and the events kept for popup.ts until it takes them.
 */
import { describe, expect, it, vi } from 'vitest';
import { startCheck, EARLY_CHANNEL, type EarlyApi } from '../../popup/early-check';

vi.mock('webextension-polyfill', () => ({ default: {} }));
const { CHANNEL, isEnvelope } = await import('../../src/protocol');

function fakeApi(activeTab: number | null = 7, inject: 'ok' | 'refused' = 'ok', scriptThere = false) {
  const listeners = new Set<(m: unknown) => undefined>();
  const sent: unknown[] = [];
  const order: string[] = [];
  const injected: unknown[] = [];
  const api: EarlyApi = {
    runtime: {
      sendMessage: async (m) => (order.push('check'), sent.push(m), { ok: true, res: { status: 'unsupported', reason: 'test' } }),
      onMessage: { addListener: (l) => void listeners.add(l), removeListener: (l) => void listeners.delete(l) },
    },
    tabs: {
      query: async () => (activeTab === null ? [] : [{ id: activeTab }]),
      sendMessage: async (_tabId, m) => {
        order.push('ping');
        if (!scriptThere || (m as { type?: string }).type !== 'wiretrace:ping') throw new Error('Could not establish connection. Receiving end does not exist.');
        return { ok: true };
      },
    },
    scripting: {
      executeScript: async (injection) => {
        order.push('inject');
        injected.push(injection);
        if (inject === 'refused') throw new Error('Cannot access contents of the page');
        return [];
      },
    },
  };
  return { api, sent, order, injected, listeners, deliver: (m: unknown) => listeners.forEach((l) => l(m)) };
}

describe('popup early check', () => {
  it("sends the protocol's check envelope for ?tabId=N, and hands over the reply", async () => {
    expect(EARLY_CHANNEL).toBe(CHANNEL);
    const f = fakeApi();
    const early = startCheck(f.api, '?tabId=42');
    expect(await early.tabId).toBe(42);
    expect(await early.reply).toEqual({ ok: true, res: { status: 'unsupported', reason: 'test' } });
    expect(f.sent).toEqual([{ channel: CHANNEL, type: 'check', req: { tabId: 42, force: false, popupInjects: true } }]);
    expect(isEnvelope(f.sent[0])).toBe(true);
  });

  it('checks the active tab without ?tabId, and sends nothing when there is none', async () => {
    const f = fakeApi(9);
    expect(await startCheck(f.api, '').tabId).toBe(9);
    expect(f.sent).toEqual([{ channel: CHANNEL, type: 'check', req: { tabId: 9, force: false, popupInjects: true } }]);
    const none = fakeApi(null);
    const early = startCheck(none.api, '?tabId=abc');
    await expect(early.tabId).rejects.toThrow(/no active tab/);
    await expect(early.reply).rejects.toThrow();
    expect(none.sent).toEqual([]);
  });

  it('injects the content script into the tab beside the check, the check first, unless it is there; a refusal is not the check\'s failure', async () => {
    const f = fakeApi();
    const early = startCheck(f.api, '?tabId=42');
    await early.reply;
    await new Promise((r) => setTimeout(r, 0));
    expect(f.injected).toEqual([{ target: { tabId: 42 }, files: ['content.js'] }]);
    expect(f.order).toEqual(['check', 'ping', 'inject']);
    // A script already in the tab answers the ping: not injected again.
    const there = fakeApi(42, 'ok', true);
    await startCheck(there.api, '?tabId=42').reply;
    await new Promise((r) => setTimeout(r, 0));
    expect(there.order).toEqual(['check', 'ping']);
    expect(there.injected).toEqual([]);
    const refused = fakeApi(5, 'refused');
    const r = startCheck(refused.api, '');
    expect(await r.reply).toEqual({ ok: true, res: { status: 'unsupported', reason: 'test' } });
    await new Promise((r) => setTimeout(r, 0));
    expect(refused.injected).toHaveLength(1);
    const none = fakeApi(null);
    await startCheck(none.api, '').tabId.catch(() => undefined);
    await new Promise((r) => setTimeout(r, 0));
    expect(none.injected).toEqual([]);
  });

  it('keeps the events on its channel until take(), then stops listening', async () => {
    const f = fakeApi();
    const early = startCheck(f.api, '?tabId=1');
    const recorded = { channel: CHANNEL, event: 'recorded', data: { tabId: 1, id: 'a', recorded: true, ms: 5 } };
    f.deliver(recorded);
    f.deliver({ channel: 'other', event: 'recorded', data: {} });
    f.deliver({ channel: CHANNEL, type: 'check', req: { tabId: 1 } });
    expect(early.take()).toEqual([recorded]);
    expect(f.listeners.size).toBe(0);
    f.deliver(recorded);
    expect(early.take()).toEqual([]);
  });
});
