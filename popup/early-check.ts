/**
 * The popup's check, asked for before the popup's own modules have loaded.
 *
 * popup.html's only script is start.ts, which imports nothing but this file: it sends the check at
 * once and then loads popup.ts, whose module graph (the extension API wrapper, the report's
 * rendering, the messages) takes 15-20 ms to load and run. The reply, and the events that come
 * before popup.ts listens, are handed over to it. Uses the browser's own `browser` (Firefox) or
 * `chrome` object: the wrapper is what takes the time to load.
 *
 * Beside the check it injects the content script into the tab unless it answers a ping already
 * (a page checked before in this tab has it), and the script reads the page at once
 * (content/handle-request.ts, readEarly): a stopped worker takes 40-90 ms to start, and the page
 * is read meanwhile instead of after it. The worker finds the script there and asks for that reading;
 * the check says the popup injects, so a worker that is there first waits for that injection
 * (src/ensure-content-script.ts); when it fails or comes late, the worker injects as before.
 */
import { ensureContentScript } from '../src/ensure-content-script';
import type { Envelope } from '../src/protocol';

/** The little of the extension API this needs (`browser` in Firefox, `chrome` in Chromium). */
export interface EarlyApi {
  runtime: {
    sendMessage(message: unknown): Promise<unknown>;
    onMessage: { addListener(l: (m: unknown) => undefined): void; removeListener(l: (m: unknown) => undefined): void };
  };
  tabs: {
    query(q: { active: boolean; currentWindow: boolean }): Promise<Array<{ id?: number }>>;
    sendMessage(tabId: number, message: unknown): Promise<unknown>;
  };
  scripting?: { executeScript(injection: { target: { tabId: number }; files: string[] }): Promise<unknown> };
}

export interface EarlyCheck {
  /** The tab to check: ?tabId=N, else the active tab (rejects when there is none). */
  tabId: Promise<number>;
  /** What runtime.sendMessage resolved or rejected with for the check. */
  reply: Promise<unknown>;
  /** Messages with an `event` on the protocol's channel, received until take() (progress, recorded). */
  take(): unknown[];
}

/** The protocol's channel (src/protocol.ts CHANNEL; a test holds them equal). */
export const EARLY_CHANNEL = 'wiretrace';

export function startCheck(api: EarlyApi, search: string): EarlyCheck {
  const scripting = api.scripting;
  const inject = (id: number) => (scripting ? ensureContentScript({ tabs: api.tabs, scripting }, id) : undefined);
  const events: unknown[] = [];
  const keep = (m: unknown): undefined => {
    const x = m as { channel?: unknown; event?: unknown } | null;
    if (x && x.channel === EARLY_CHANNEL && typeof x.event === 'string') events.push(m);
    return undefined;
  };
  api.runtime.onMessage.addListener(keep);
  const param = new URLSearchParams(search).get('tabId');
  const tabId =
    param && /^\d+$/.test(param)
      ? Promise.resolve(Number(param))
      : api.tabs.query({ active: true, currentWindow: true }).then(([tab]) => {
          if (tab?.id === undefined) throw new Error('no active tab');
          return tab.id;
        });
  const reply = tabId.then((id) => {
    // When the check leaves, for the bench (npm run bench, section 6: where a popup's time goes).
    performance.mark('wiretrace:sent');
    return api.runtime.sendMessage({ channel: EARLY_CHANNEL, type: 'check', req: { tabId: id, force: false, popupInjects: !!scripting } } satisfies Envelope<'check'>);
  });
  // Not awaited: a page that cannot be scripted (or a lost race) is the worker's to report or inject.
  void tabId.then(inject).catch(() => undefined);
  // Both are awaited by popup.ts; a rejection before that is not unhandled.
  tabId.catch(() => undefined);
  reply.catch(() => undefined);
  return {
    tabId,
    reply,
    take: () => {
      api.runtime.onMessage.removeListener(keep);
      return events.splice(0);
    },
  };
}
