/**
 * Firefox accepts the Firefox build as an add-on (manifest, background scripts, permissions).
 * Firefox refuses automation navigating to moz-extension:// pages, so the popup is tested in Chromium;
 * here we check the package installs into a real Firefox ESR (puppeteer-core over WebDriver BiDi).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import puppeteer from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { GECKO_ID } from '../../scripts/build/manifest';
import { ROOT } from './harness';

const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

describe.skipIf(!existsSync(FIREFOX))('Wiretrace in Firefox', () => {
  it('installs dist/firefox as a temporary add-on', async () => {
    const browser = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX, headless: true });
    try {
      expect(await browser.installExtension(resolve(ROOT, 'dist/firefox'))).toBe(GECKO_ID);
    } finally {
      await browser.close();
    }
  });
});
