/**
 * The background in Chromium: concurrent checks of one article record it once; the service worker
 * can be stopped at any moment and the next popup still gets a report (the toolbar's popup too, over
 * the active tab); a page's report is kept for
 * the session until the index changes; automatic checking sets the
 * badge when turned on (the chrome-test build holds host access to 127.0.0.1, standing in for the
 * optional permission a user grants).
 */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openActionPopup, POPUP_SETTLED } from './action-popup';
import { fixturePages } from './fixtures';
import { CHROMIUM, launch, openPopup, openTab, serve, stopWorkers, type ChromeLike, type Harness } from './harness';

if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);

describe('Wiretrace background in Chromium', () => {
  let h: Harness;
  let server: Awaited<ReturnType<typeof serve>>;

  const articles = async () => {
    const r = await h.context.newPage();
    await r.goto(`chrome-extension://${h.extensionId}/options.html`);
    await r.waitForSelector('[data-stat="articles"]');
    const n = Number(await r.textContent('[data-stat="articles"]'));
    await r.close();
    return n;
  };

  beforeAll(async () => {
    server = await serve(fixturePages());
    h = await launch();
  });

  afterAll(async () => {
    await h?.close();
    await server?.close();
  });

  it('records an article once when two tabs check it at the same time', async () => {
    const url = `${server.origin}/wire/flood.html`;
    const one = await openTab(h, url);
    const two = await h.context.newPage();
    await two.goto(url);
    const ids = await h.sw.evaluate(async (u) => (await (globalThis as unknown as ChromeLike).chrome.tabs.query({ url: u })).map((t) => t.id ?? -1), url);
    expect(ids).toHaveLength(2);
    const popups = await Promise.all(ids.map((id) => openPopup(h, id)));
    const recorded = await Promise.all(popups.map((p) => p.getAttribute('body', 'data-recorded')));
    expect(recorded.sort()).toEqual(['false', 'true']);
    expect(await articles()).toBe(1);
    await Promise.all(popups.map((p) => p.close()));
    await one.page.close();
    await two.close();
  });

  it('answers after the service worker was stopped (nothing kept in memory matters)', async () => {
    const { page, tabId } = await openTab(h, `${server.origin}/copy/flood.html`);
    await stopWorkers(h, page);
    const popup = await openPopup(h, tabId);
    expect(await popup.getAttribute('body', 'data-state')).toBe('found');
    expect(await popup.textContent('#summary')).toContain('Wire Daily');
    // The worker was started again by the popup's message; use the new one from here on.
    h.sw = h.context.serviceWorkers().find((w) => w.url().includes(h.extensionId)) ?? (await h.context.waitForEvent('serviceworker'));
    await popup.close();
    await page.close();
  });

  it("the toolbar's popup checks the active tab, its own check waking the stopped worker", async () => {
    const { page } = await openTab(h, `${server.origin}/copy/flood.html`);
    const options = await h.context.newPage();
    await options.goto(`chrome-extension://${h.extensionId}/options.html`);
    await stopWorkers(h, page);
    const popup = await openActionPopup(h, options, page);
    try {
      await popup.evaluate(POPUP_SETTLED);
      const seen = await popup.evaluate<{ state: string; summary: string; search: string }>(
        "({ state: document.body.dataset.state, summary: document.getElementById('summary')?.textContent ?? '', search: location.search })",
      );
      expect(seen).toEqual({ state: 'found', summary: expect.stringContaining('Wire Daily'), search: '' });
    } finally {
      await popup.close();
    }
    h.sw = h.context.serviceWorkers().find((w) => w.url().includes(h.extensionId)) ?? (await h.context.waitForEvent('serviceworker'));
    await options.close();
    await page.close();
  });

  it('keeps the report of a page for the session: a popup reopened after the worker stopped does not compare again', async () => {
    const url = `${server.origin}/copy/flood.html`;
    const timings = async (tabId: number) => {
      const popup = await openPopup(h, tabId);
      const t = JSON.parse((await popup.getAttribute('body', 'data-timings')) ?? '{}') as { cached?: boolean };
      const summary = await popup.textContent('#summary');
      await popup.close();
      return { cached: t.cached, summary };
    };
    const { page, tabId } = await openTab(h, url);
    await timings(tabId); // recorded by now (earlier tests) or here
    const computed = await timings(tabId); // against the index as it now is: kept
    const again = await timings(tabId);
    expect(again).toEqual({ cached: true, summary: computed.summary });
    // The worker is stopped: its memory is gone, the session's copy is not.
    await stopWorkers(h, page);
    expect(await timings(tabId)).toEqual({ cached: true, summary: computed.summary });
    h.sw = h.context.serviceWorkers().find((w) => w.url().includes(h.extensionId)) ?? (await h.context.waitForEvent('serviceworker'));
    // Another article recorded: the index changed, so the page is compared again.
    const other = await openTab(h, `${server.origin}/local/cycling.html`);
    await (await openPopup(h, other.tabId)).close();
    expect((await timings(tabId)).cached).toBe(false);
    await other.page.close();
    await page.close();
  });

  it('checks pages on load when automatic checking is on, and sets the badge', async () => {
    await h.sw.evaluate(() => (globalThis as unknown as ChromeLike).chrome.storage.local.set({ settings: { autoCheck: true, pauseRecording: false, deniedSites: [] } }));
    const { tabId } = await openTab(h, `${server.origin}/copy/flood.html`);
    await expect
      .poll(() => h.sw.evaluate((id) => (globalThis as unknown as ChromeLike).chrome.action.getBadgeText({ tabId: id }), tabId), { timeout: 15_000 })
      .toMatch(/^\d+%$/);
    await h.sw.evaluate(() => (globalThis as unknown as ChromeLike).chrome.storage.local.set({ settings: { autoCheck: false, pauseRecording: false, deniedSites: [] } }));
  });
});
