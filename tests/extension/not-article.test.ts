/**
 * The built extension in Chromium on pages that are not articles and on news in a script written
 * without spaces: "Check anyway" on the demo's section front gives the report but records nothing
 * (the index count is unchanged, the popup says why); a Japanese story served from 127.0.0.1 is
 * read as an article, paragraph for paragraph, and its copy in another outlet is found.
 * Screenshots go to tests/artifacts/.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic, type StaticServer } from '../../demo/serve';
import { article, DIR, story } from '../fixtures/scripts/stories';
import { ARTIFACTS, CHROMIUM, launch, openPopup, openTab, ROOT, type Harness } from './harness';
import { extractInTab, optionsPage } from './parity';

if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);

describe('pages that are not articles, and news in Japanese', () => {
  let h: Harness;
  let demo: StaticServer;
  let ja: StaticServer;
  const shot = (name: string) => join(ARTIFACTS, `${name}.png`);

  const articleCount = async (): Promise<string | null> => {
    const options = await optionsPage(h);
    await options.waitForSelector('[data-stat="articles"]');
    const n = await options.textContent('[data-stat="articles"]');
    await options.close();
    return n;
  };

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    [demo, ja, h] = await Promise.all([serveStatic(resolve(ROOT, 'demo')), serveStatic(join(DIR, 'ja', 'pages')), launch()]);
  });

  afterAll(async () => {
    await h?.close();
    await demo?.close();
    await ja?.close();
  });

  it('Check anyway on a section front shows the report and records nothing', async () => {
    // One article first, so the count has something to stay at.
    const wire = await openTab(h, `${demo.url}meridian-wire/lennock-floodgate.html`);
    await (await openPopup(h, wire.tabId)).close();
    await wire.page.close();
    expect(await articleCount()).toBe('1');

    const { page, tabId } = await openTab(h, `${demo.url}northshore-gazette/index.html`);
    const popup = await openPopup(h, tabId);
    expect(await popup.getAttribute('body', 'data-state')).toBe('not-article');
    await popup.click('#force');
    await popup.waitForFunction(() => document.body.getAttribute('aria-busy') === 'false' && !['not-article', 'loading'].includes(document.body.dataset.state ?? ''));
    await popup.screenshot({ path: shot('popup-check-anyway-front'), fullPage: true });
    expect(['nothing-found', 'found']).toContain(await popup.getAttribute('body', 'data-state'));
    expect(await popup.textContent('#summary')).toBeTruthy();
    expect(await popup.getAttribute('body', 'data-recorded')).toBe('false');
    expect(await popup.getAttribute('body', 'data-recording')).toBeNull(); // decided with the answer: nothing under way
    expect(await popup.textContent('#recording')).toBe('Not recorded: this page is not an article. It was checked, but pages that are not articles never go into your index.');
    await popup.close();
    await page.close();
    expect(await articleCount()).toBe('1');

    // And again: still the report, still not recorded (not "already in your index").
    const again = await openTab(h, `${demo.url}northshore-gazette/index.html`);
    const popup2 = await openPopup(h, again.tabId);
    await popup2.click('#force');
    await popup2.waitForFunction(() => document.body.getAttribute('aria-busy') === 'false' && !['not-article', 'loading'].includes(document.body.dataset.state ?? ''));
    expect(await popup2.textContent('#recording')).toMatch(/^Not recorded: this page is not an article/);
    await popup2.close();
    await again.page.close();
    expect(await articleCount()).toBe('1');
  });

  it('reads a Japanese story as an article, paragraph for paragraph, and finds its copy', async () => {
    const s = story('ja');
    const { page, tabId } = await openTab(h, `${ja.url}wire.html`);
    const extracted = await extractInTab(h, page, tabId, `${ja.url}wire.html`);
    expect(extracted).toMatchObject({ status: 'ok', readerable: true });
    expect(extracted.status === 'ok' && extracted.article.paragraphs).toEqual(article(s, 'wire').paragraphs);
    expect(extracted.status === 'ok' && !('notArticle' in extracted)).toBe(true);
    const wirePopup = await openPopup(h, tabId);
    expect(['empty-index', 'nothing-found']).toContain(await wirePopup.getAttribute('body', 'data-state'));
    expect(await wirePopup.getAttribute('body', 'data-recorded')).toBe('true');
    await wirePopup.close();

    const copy = await openTab(h, `${ja.url}outlet.html`);
    const popup = await openPopup(h, copy.tabId);
    await popup.screenshot({ path: shot('popup-found-ja'), fullPage: true });
    expect(await popup.getAttribute('body', 'data-state')).toBe('found');
    expect(await popup.textContent('#sources')).toContain(article(s, 'wire').outlet);
    expect(await popup.$$('#copied li.passage')).toHaveLength(article(s, 'outlet').copies!.length);
    await popup.close();
    await copy.page.close();
    await page.close();
    // The demo's wire and the two Japanese articles; never the section front.
    expect(await articleCount()).toBe('3');
  });
});
