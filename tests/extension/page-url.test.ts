/**
 * The address a page was read at, kept beside its canonical URL, in Chromium: a page served from
 * 127.0.0.1 under one address whose canonical link names another address on its own site is
 * recorded under the canonical URL with `pageUrl` the address it was read at; the export carries
 * both, a clear and an import of that file keep them, and the Library's row links the real address.
 * A page without a canonical link keeps no `pageUrl`. Screenshot: tests/artifacts/library-read-at.png.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { A_PARAGRAPHS, articlePage, C_PARAGRAPHS } from './fixtures';
import { ARTIFACTS, extensionPage, launch, openPopup, openTab, serve, type Harness } from './harness';

let h: Harness;
let server: Awaited<ReturnType<typeof serve>>;
let ui: Page;

/** The flood story under a reading address, declaring its canonical address (relative: this site). */
const withCanonical = articlePage({ outlet: 'Wire Daily', title: 'River bursts its banks in Verden', published: '2016-08-26T08:00:00Z', byline: 'Anna Weber', paragraphs: A_PARAGRAPHS }).replace(
  '</head>',
  '<link rel="canonical" href="/2016/08/26/river-bursts-its-banks"></head>',
);
const plain = articlePage({ outlet: 'City Post', title: 'Council approves cycling plan', published: '2016-08-27T08:00:00Z', byline: 'Jo Lane', paragraphs: C_PARAGRAPHS });

type Reply<T> = { ok: boolean; res: T };
const send = <T>(type: string, req: object) =>
  ui.evaluate(({ type, req }) => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({ channel: 'wiretrace', type, req }), { type, req }) as Promise<Reply<T>>;

/** The whole index as the options page exports it, page by page. */
async function exported(): Promise<string[]> {
  const lines: string[] = [];
  let after: number | undefined;
  do {
    const r = await send<{ lines: string[]; next?: number }>('exportIndex', after === undefined ? { limit: 1000 } : { after, limit: 1000 });
    expect(r.ok).toBe(true);
    lines.push(...r.res.lines);
    after = r.res.next;
  } while (after !== undefined);
  return lines;
}

const article = (lines: string[], url: string) => lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((a) => a.url === url);

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  server = await serve([
    { path: '/read/story.php', html: withCanonical },
    { path: '/city/cycling.html', html: plain },
  ]);
  h = await launch();
  ui = await h.context.newPage();
  await ui.goto(extensionPage(h, 'options.html'));
  await ui.waitForSelector('[data-stat="articles"]');
});

afterAll(async () => {
  await h?.close();
  await server?.close();
});

describe("the page's real address beside its canonical URL", () => {
  it('records the canonical URL and the address read at, exports both, and keeps them through a clear and an import', async () => {
    const readAt = `${server.origin}/read/story.php?id=42&from=feed`;
    const canonical = `${server.origin}/2016/08/26/river-bursts-its-banks`;
    const plainUrl = `${server.origin}/city/cycling.html`;
    for (const url of [readAt, plainUrl]) {
      const { page, tabId } = await openTab(h, url);
      const popup = await openPopup(h, tabId);
      expect(await popup.getAttribute('body', 'data-recorded')).toBe('true');
      await popup.close();
      await page.close();
    }
    const first = await exported();
    expect(article(first, canonical)).toMatchObject({ id: canonical, url: canonical, pageUrl: readAt, published: '2016-08-26T08:00:00.000Z' });
    expect(typeof article(first, canonical)?.firstSeen).toBe('string');
    expect(article(first, plainUrl)).toBeDefined();
    expect(article(first, plainUrl)).not.toHaveProperty('pageUrl');

    // Cleared, then the exported file imported through the options page as a user does.
    await ui.click('#clear');
    await ui.click('#clear-yes');
    await ui.waitForFunction(() => document.querySelector('[data-stat="articles"]')?.textContent === '0');
    await ui.setInputFiles('#import', { name: 'backup.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(first.join('\n') + '\n') });
    await ui.waitForFunction(() => /Imported|failed/.test(document.getElementById('io-status')?.textContent ?? ''), undefined, { timeout: 60_000 });
    expect(await ui.textContent('#io-status')).toBe('Imported 2 articles.');
    const again = await exported();
    expect(article(again, canonical)).toEqual(article(first, canonical));
    expect(article(again, plainUrl)).toEqual(article(first, plainUrl));

    // The Library's row links the canonical URL and names the address it was read at.
    const lib = await h.context.newPage();
    await lib.setViewportSize({ width: 1000, height: 600 });
    await lib.goto(extensionPage(h, 'library.html'));
    const row = lib.locator('#articles tbody tr', { hasText: 'River bursts its banks' });
    await row.waitFor();
    expect(await row.locator('th.title > a').getAttribute('href')).toBe(canonical);
    const readAtLink = row.locator('.read-at a');
    expect(await readAtLink.getAttribute('href')).toBe(readAt);
    expect(await row.locator('.read-at').textContent()).toBe(`Read at ${readAt.replace('http://', '')}`);
    expect(await lib.locator('#articles tbody tr', { hasText: 'cycling plan' }).locator('.read-at').count()).toBe(0);
    await row.scrollIntoViewIfNeeded();
    await lib.screenshot({ path: join(ARTIFACTS, 'library-read-at.png') });
    await lib.close();
  });
});
