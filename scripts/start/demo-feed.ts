/**
 * The demo's feed (demo/meridian-wire/feed.xml, the wire's own stories) added in the library's Feeds
 * section as a user adds one: its address, "Read feed", "Add feed"; then the first poll awaited.
 * Answers the library page (still open) and what the poll did, as the section says it.
 */
import type { Page } from 'playwright-core';
import type { Session } from './chromium';

export async function addDemoFeed(s: Session, feedUrl: string): Promise<{ page: Page; lastPoll: string }> {
  const page = await s.context.newPage();
  await page.goto(`chrome-extension://${s.extensionId}/library.html#feeds`);
  await page.fill('#feed-url', feedUrl);
  await page.click('#feed-read-form button[type="submit"]');
  await page.click('#feed-add-form button[data-action="add"]', { timeout: 30_000 });
  const lastPoll = await page.waitForSelector('li.feed[aria-busy="false"] [data-fact="last-poll"]', { timeout: 60_000 });
  return { page, lastPoll: (await lastPoll.textContent()) ?? '' };
}
