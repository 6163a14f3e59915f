/**
 * Page text is hostile input. The demo's hostile page (demo/quayside-tech/) carries wire paragraphs
 * with HTML and script written into its text ("<img src=x onerror=alert(1)>",
 * "<script>window.__pwned=1</script>"). Checked in the built extension after the wire story, the
 * popup must show that markup as text in its passages and title, and nothing may run: no element
 * is made from it, no dialog opens, window.__pwned stays undefined in the page and in the popup.
 * What it measured goes to docs/reliability.md (`npm run reliability`).
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic } from '../../demo/serve';
import { ORDER, recordFigures } from './figures';
import { ARTIFACTS, launch, openPopup, openTab, ROOT, type Harness } from './harness';

describe('a hostile page', () => {
  let h: Harness;
  let server: { url: string; close(): Promise<void> };
  const dialogs: string[] = [];

  beforeAll(async () => {
    server = await serveStatic(resolve(ROOT, 'demo'));
    h = await launch();
    h.context.on('page', (p) => p.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    }));
  });
  afterAll(async () => {
    await h?.close();
    await server?.close();
  });

  it('shows its markup as text in the report and runs none of it', async () => {
    const base = server.url.replace(/\/$/, '');
    const wire = await openTab(h, `${base}/meridian-wire/lennock-floodgate.html`);
    await (await openPopup(h, wire.tabId)).close();

    const hostile = await openTab(h, `${base}/quayside-tech/lennock-alerts-markup.html`);
    expect(await hostile.page.evaluate(() => (window as unknown as { __quaysidePageScript?: { ran: boolean } }).__quaysidePageScript?.ran)).toBe(true);
    const popup = await openPopup(h, hostile.tabId);
    expect(await popup.getAttribute('.report', 'data-state')).toBe('found');
    const text = (await popup.textContent('body')) ?? '';
    const made = { popup: await popup.locator('img[src="x"], img[onerror], script:not([src])').count(), page: 0 };

    await popup.getByRole('button', { name: /highlight on page/i }).click();
    await hostile.page.waitForSelector('mark.wiretrace-mark');
    made.page = await hostile.page.locator('img[src="x"]').count();
    const pwned = [await hostile.page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned), await popup.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)].filter((x) => x !== undefined).length;
    const planted = ['<img src=x onerror=alert(1)>', '<script>window.__pwned=1</script>'];
    recordFigures({
      section: 'A hostile page',
      order: ORDER.hostilePage,
      method:
        "The demo's hostile page (`demo/quayside-tech/`), whose text carries the wire's paragraphs with markup and script written into them, checked after the wire story and highlighted, in Chromium (`tests/extension/hostile.test.ts`). *Shown as text*: the planted string found in the popup's text; *elements made*: an `<img src=x>`, an `<img onerror>` or an inline `<script>` in the popup, or an `<img src=x>` added to the page; *ran*: `window.__pwned` set in the page or the popup, or a dialog opened.",
      columns: ['planted in the text', 'shown as text in the popup', 'elements made (popup, page)', 'script ran', 'dialogs'],
      rows: planted.map((p) => [`\`${p}\``, text.includes(p) ? 'yes' : 'no', `${made.popup}, ${made.page}`, pwned, dialogs.length]),
    });
    expect(text).toContain('Meridian Wire');
    expect(text).toContain('<img src=x onerror=alert(1)>');
    // Nothing built from page text: the popup holds no <img> or <script> that the page's text names.
    expect(made.popup).toBe(0);
    expect(made.page).toBe(0);
    expect(pwned).toBe(0);
    mkdirSync(ARTIFACTS, { recursive: true });
    await popup.screenshot({ path: resolve(ARTIFACTS, 'popup-hostile.png'), fullPage: true });
    expect(dialogs).toEqual([]);
  });
});
