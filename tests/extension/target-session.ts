/**
 * CDP commands to another target (the extension's service worker, the toolbar's popup) through a
 * page's CDP session: Playwright lists neither as a page, so they are attached to
 * (Target.attachToTarget, not flattened) and spoken to with Target.sendMessageToTarget.
 */
import type { CDPSession } from 'playwright-core';

export interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
}

/** What a target answers a command: its result, or its error. */
export interface TargetReply {
  result?: unknown;
  error?: { message: string };
}

export interface TargetSession {
  /** Sends `method`; its reply (the error when it could not be sent), or undefined when none came within `timeoutMs` (when given). */
  call(method: string, params?: object, timeoutMs?: number): Promise<TargetReply | undefined>;
  /** Detaches from the target (the page's session stays open). */
  detach(): Promise<void>;
}

/** Every target the browser has now (pages, workers, the popup). */
export async function listTargets(cdp: CDPSession): Promise<TargetInfo[]> {
  return ((await cdp.send('Target.getTargets' as never)) as { targetInfos: TargetInfo[] }).targetInfos;
}

export async function attachTarget(cdp: CDPSession, targetId: string): Promise<TargetSession> {
  const { sessionId } = (await cdp.send('Target.attachToTarget' as never, { targetId, flatten: false } as never)) as { sessionId: string };
  let next = 0;
  const waiting = new Map<number, (m: TargetReply | undefined) => void>();
  cdp.on('Target.receivedMessageFromTarget' as never, (e: { sessionId: string; message: string }) => {
    if (e.sessionId !== sessionId) return;
    const m = JSON.parse(e.message) as TargetReply & { id?: number };
    if (m.id === undefined) return; // an event, not a reply
    waiting.get(m.id)?.(m);
    waiting.delete(m.id);
  });
  return {
    call: (method, params = {}, timeoutMs) =>
      new Promise((ok) => {
        const id = ++next;
        waiting.set(id, ok);
        if (timeoutMs !== undefined) setTimeout(() => (waiting.delete(id), ok(undefined)), timeoutMs);
        // A message that cannot be sent is answered with its error.
        cdp.send('Target.sendMessageToTarget' as never, { sessionId, message: JSON.stringify({ id, method, params }) } as never).catch((e: Error) => {
          waiting.delete(id);
          ok({ error: { message: e.message } });
        });
      }),
    detach: async () => {
      await cdp.send('Target.detachFromTarget' as never, { sessionId } as never).catch(() => undefined);
    },
  };
}
