/**
 * `npm start`'s Library: library.html opened on the demo story's syndication (the wire's arrows to the
 * outlets that carry it), as a reader opens it from the popup. With `shot`, screenshots of the whole
 * page and of the syndication section are written there (the README's picture is cropped from it).
 */
import type { Page } from 'playwright-core';
import type { Session } from './chromium';

export async function openLibraryStory(s: Session, outlet: string, opts: { shot?: string; storyShot?: string } = {}): Promise<Page> {
  const page = await s.context.newPage();
  await page.setViewportSize({ width: 1200, height: 900 });
  await page.goto(`chrome-extension://${s.extensionId}/library.html`);
  await page.waitForSelector('#articles tbody tr[data-key]', { timeout: 30_000 });
  await page.click(`#articles tr:has(td:text-is("${outlet}")) button:text-is("Syndication")`);
  await page.waitForSelector('#graph-links tbody tr', { timeout: 30_000 });
  if (opts.shot) await page.screenshot({ path: opts.shot, fullPage: true });
  if (opts.storyShot) await page.locator('#syndication').screenshot({ path: opts.storyShot });
  return page;
}
