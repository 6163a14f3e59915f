/**
 * Injecting the content script (src/ensure-content-script.ts): not when it answers a ping; when the
 * popup injects it too, the worker waits for that injection rather than adding a second one, and
 * injects itself only when none comes in time.
 */
import { describe, expect, it } from 'vitest';
import { ensureContentScript, INJECTION_WAIT_MS, type InjectApi } from '../../src/ensure-content-script';

/** A tab whose script answers pings from `readyAt` ms on (never when undefined), or once injected here. */
function tab(readyAt?: number) {
  const t0 = performance.now();
  let injectedHere = 0;
  let pings = 0;
  const api: InjectApi = {
    tabs: {
      sendMessage: async () => {
        pings++;
        if (injectedHere || (readyAt !== undefined && performance.now() - t0 >= readyAt)) return { ok: true };
        throw new Error('Could not establish connection. Receiving end does not exist.');
      },
    },
    scripting: {
      executeScript: async () => {
        injectedHere++;
        return [];
      },
    },
  };
  return { api, injected: () => injectedHere, pings: () => pings };
}

describe('ensureContentScript', () => {
  it('injects nothing when the script answers', async () => {
    const t = tab(0);
    expect(await ensureContentScript(t.api, 1, true)).toBe(0);
    expect(t.injected()).toBe(0);
  });

  it('injects at once when nothing else injects', async () => {
    const t = tab(40);
    await ensureContentScript(t.api, 1);
    expect(t.injected()).toBe(1);
    expect(t.pings()).toBe(1);
  });

  it("waits for the popup's injection instead of adding a second one", async () => {
    const t = tab(60);
    const ms = await ensureContentScript(t.api, 1, true);
    expect(t.injected()).toBe(0);
    expect(ms).toBeGreaterThanOrEqual(50);
    expect(ms).toBeLessThan(INJECTION_WAIT_MS);
  });

  it('injects itself when the popup\'s injection does not come in time', async () => {
    const t = tab(undefined);
    const ms = await ensureContentScript(t.api, 1, true);
    expect(t.injected()).toBe(1);
    expect(ms).toBeGreaterThanOrEqual(INJECTION_WAIT_MS - 5);
  });
});
