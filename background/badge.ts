/**
 * The toolbar button for a tab: the share of copied text as its badge ("62%", dark red), or for
 * shared quotations only the quoted share ("“5%", dark blue), and what was found as its tooltip.
 */
import browser from 'webextension-polyfill';
import type { Report } from '../src/engine/types';
import { uiTranslator } from '../src/i18n-browser';
import { badgeColor, badgeText, badgeTitle } from '../src/report-format';

/** Sets the badge and tooltip of the tab's toolbar button from its report (none: no badge, the default tooltip). */
export async function setBadge(tabId: number, report: Report | undefined): Promise<void> {
  const text = report ? badgeText(report) : '';
  try {
    // Asked together: each is a round trip to the browser, and a check answers once all are done.
    await Promise.all([
      browser.action.setBadgeBackgroundColor({ tabId, color: badgeColor(report) }),
      browser.action.setBadgeText({ tabId, text }),
      browser.action.setTitle({ tabId, title: badgeTitle(report, uiTranslator()) }),
    ]);
  } catch {
    // The tab was closed meanwhile.
  }
}
