/**
 * Asking the user for access to sites (optional host permissions), for a feed and for the pages its
 * items link to. The browser only asks inside a click: call askForSites before any other await of
 * the click's handler. Sites already allowed are granted without a question.
 */
import browser from 'webextension-polyfill';
import { originPatterns } from '../src/feed-origins';

/** Answers whether every site was allowed; a refusal or an error is false (`error` says which). */
export async function askForSites(origins: readonly string[]): Promise<{ granted: boolean; error?: string }> {
  if (!origins.length) return { granted: true };
  try {
    return { granted: await browser.permissions.request({ origins: originPatterns(origins) }) };
  } catch (e) {
    return { granted: false, error: (e as Error).message };
  }
}
