import browser from 'webextension-polyfill';
import type { Report } from '../src/engine/types';
import { badgeText } from '../src/report-format';

/** Shows the share of copied text on the toolbar button for this tab ("62%"), or nothing. */
export async function setBadge(tabId: number, report: Report | undefined): Promise<void> {
  const text = report ? badgeText(report) : '';
  try {
    await browser.action.setBadgeBackgroundColor({ tabId, color: '#8a1c1c' });
    await browser.action.setBadgeText({ tabId, text });
  } catch {
    // The tab was closed meanwhile.
  }
}
