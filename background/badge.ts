/** The toolbar button for a tab: the share of copied text as its badge ("62%") and what was found as its tooltip. */
import browser from 'webextension-polyfill';
import type { Report } from '../src/engine/types';
import { uiTranslator } from '../src/i18n-browser';
import { badgeText, badgeTitle } from '../src/report-format';

/** Sets the badge and tooltip of the tab's toolbar button from its report (none: no badge, the default tooltip). */
export async function setBadge(tabId: number, report: Report | undefined): Promise<void> {
  const text = report ? badgeText(report) : '';
  try {
    await browser.action.setBadgeBackgroundColor({ tabId, color: '#8a1c1c' });
    await browser.action.setBadgeText({ tabId, text });
    await browser.action.setTitle({ tabId, title: badgeTitle(report, uiTranslator()) });
  } catch {
    // The tab was closed meanwhile.
  }
}
