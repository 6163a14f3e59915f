/**
 * The built extension in Chromium with the team index service (real PostgreSQL): the options page
 * connects to it with a token and says which team and how many articles; a check then finds the
 * wire story only the team's index holds and the popup labels it "team"; with recording to the team
 * index on, a recorded article is sent there too; with the service stopped, the check answers from
 * the browser's index alone and the popup says so. Needs WIRETRACE_TEST_PG (.ci/run starts it).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_URL } from '../../demo/address';
import { serveStatic, type StaticServer } from '../../demo/serve';
import { TeamClient } from '../../src/team/client';
import type { WireArticle } from '../../src/team/wire';
import { createToken } from '../../server/tokens';
import { describePg, useTestDatabase } from '../server/pg';
import { startService, type RunningService } from '../server/service';
import { ARTIFACTS, launch, openPopup, openTab, ROOT, type Harness } from './harness';
import { optionsPage } from './parity';

/** The demo pack's article of this page (a path below demo/; its id is the page's address at DEMO_URL). */
function packArticle(path: string): WireArticle {
  const id = new URL(path, DEMO_URL).href;
  const lines = readFileSync(resolve(ROOT, 'demo/demo.pack.jsonl'), 'utf8').trim().split('\n').slice(1);
  const a = lines.map((l) => JSON.parse(l) as WireArticle & { units?: unknown }).find((x) => x.id === id)!;
  return { id: `team:${a.id}`, outlet: a.outlet, title: a.title, url: a.url, published: a.published, paragraphs: a.paragraphs };
}

describePg('the team index in the extension', () => {
  const db = useTestDatabase();
  let service: RunningService;
  let token: string;
  let demo: StaticServer;
  let h: Harness;
  const teamArticles = async () => (await new TeamClient(service.url, token, { retries: 0 }).info()).stats.documents;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    service = await startService(db.pool);
    token = (await createToken(db.pool, 'desk', 'write')).token;
    await new TeamClient(service.url, token).record({ articles: [packArticle('meridian-wire/lennock-floodgate.html')] });
    [demo, h] = await Promise.all([serveStatic(resolve(ROOT, 'demo')), launch()]);
  });
  afterAll(async () => {
    await h?.close();
    await demo?.close();
    await service?.close();
  });

  it('connects on the options page, finds the source only the team holds, labels it, and sends what it records', async () => {
    const options = await optionsPage(h);
    await options.fill('#team-url', service.url);
    await options.fill('#team-token', token);
    await options.click('#team-form button[type=submit]');
    await options.waitForFunction(() => /Connected/.test(document.getElementById('team-status')?.textContent ?? ''));
    expect(await options.textContent('#team-status')).toBe('Connected to the index of team “desk”: it holds 1 article. This token may look up and record articles.');
    expect(await options.isChecked('#team-check')).toBe(false);
    await options.check('#team-check');
    await options.waitForFunction(() => document.getElementById('team-status')?.textContent === 'Team index settings saved.');

    const copy = await openTab(h, `${demo.url}coastline-daily/news/lennock-barrier-gate-fails.html`);
    const popup = await openPopup(h, copy.tabId);
    await popup.screenshot({ path: join(ARTIFACTS, 'popup-team-index.png'), fullPage: true });
    expect(await popup.getAttribute('#team-note', 'data-team')).toBe('used');
    expect(await popup.textContent('#sources')).toMatch(/Meridian Wire\s*team/);
    expect(await popup.locator('#sources .team-label').count()).toBe(1);
    await popup.close();
    await copy.page.close();
    // Recording to the team index is off: the copy went into the browser's index only.
    expect(await teamArticles()).toBe(1);

    await options.check('#team-record');
    await options.waitForFunction(() => document.getElementById('team-status')?.textContent === 'Team index settings saved.');
    const other = await openTab(h, `${demo.url}estuary-post/2025/03/14/saltmarsh-residents-wait.html`);
    const popup2 = await openPopup(h, other.tabId);
    expect(await popup2.textContent('#recording')).toMatch(/Also sent to the team index\.$/);
    await popup2.close();
    await other.page.close();
    expect(await teamArticles()).toBe(2);
    await options.close();
  });

  it('answers from the browser index alone, and says so, when the service is down', async () => {
    await service.close();
    const { page, tabId } = await openTab(h, `${demo.url}morning-ledger/lennock-barrier-questions.html`);
    const popup = await openPopup(h, tabId);
    await popup.screenshot({ path: join(ARTIFACTS, 'popup-team-unreachable.png'), fullPage: true });
    expect(await popup.getAttribute('#team-note', 'data-team')).toBe('unreachable');
    expect(await popup.textContent('#team-note')).toBe("The team index could not be reached (the service could not be reached), so this report comes from your browser's index alone.");
    // The recording note says the article did not reach the team index either, in the same words, and no browser's own.
    await expect.poll(() => popup.textContent('#recording')).toMatch(/could not be sent to the team index: the service could not be reached\.$/);
    expect(await popup.textContent('body')).not.toMatch(/Failed to fetch|NetworkError|TypeError/);
    expect(await popup.getAttribute('body', 'data-state')).toBe('found');
    await popup.close();
    await page.close();
  });
});
