/**
 * Reports of recent checks, kept in storage.session: memory only, shared by every wake of the
 * service worker, gone when the browser or the extension restarts.
 *
 * Why: the browser stops an idle worker after about 30 s. Re-opening the popup of a page already
 * checked then cost a whole check in a cold worker (a recorded page's band keys are all present,
 * so every one is asked of IndexedDB again: about 190 ms at 10,000 articles, `npm run bench`).
 *
 * Correctness: a check's report depends only on the article as extracted and on the index. An entry
 * is used only for the identical article (its JSON compared in full, not just by hash) checked
 * against the same index, told by the index's version (IdbStore.version): every record, deletion and
 * published import changes it; clearing the index forgets every kept report (the version starts
 * again with the database), and 0 is an empty index, whose report is the same before or after a clear.
 * Recording is decided afresh on every check; only the comparison is skipped. Incognito pages never
 * reach this cache (the caller checks).
 *
 * The list of kept reports names the address of the tab each was read in (`reportKeptFor`): before a
 * page is read, it tells a check whether it will probably look anything up (check-tab.ts).
 */
import browser from 'webextension-polyfill';
import { hashRange } from '../src/engine/hash';
import type { ArticleInput, Report } from '../src/engine/types';

/** The kept reports, most recent first: each one's storage key and the address of the tab it was read in. */
const INDEX_KEY = 'reportCache';
const PREFIX = 'report:';
/** Reports kept (most recent first); a report with its article is tens of kB, the area holds 10 MB. */
export const MAX_REPORTS = 20;

interface Kept {
  key: string;
  url: string;
}

/** The list under INDEX_KEY ([] when missing or not a list). */
async function keptList(): Promise<Kept[]> {
  const list = (await browser.storage.session.get(INDEX_KEY))[INDEX_KEY];
  return Array.isArray(list) ? (list as Kept[]) : [];
}

interface Entry {
  article: string;
  version: number;
  report: Report;
}

function keyOf(articleJson: string): string {
  return `${PREFIX}${hashRange(articleJson, 0, articleJson.length).toString(16)}`;
}

/** The report of an earlier check of this very article against this very index, if one is kept. */
export async function cachedReport(article: ArticleInput, version: number): Promise<Report | undefined> {
  const json = JSON.stringify(article);
  const key = keyOf(json);
  try {
    const entry = (await browser.storage.session.get(key))[key] as Entry | undefined;
    return entry && entry.version === version && entry.article === json ? entry.report : undefined;
  } catch {
    return undefined; // no session storage (an old browser): check as usual
  }
}

/**
 * Whether a report is kept for a page at `url` (a tab's address), for any version of the index: a
 * guess made before the page is read, which a changed page or index proves wrong only at the cost of
 * one look-up not begun early.
 */
export async function reportKeptFor(url: string | undefined): Promise<boolean> {
  if (!url) return false;
  try {
    return (await keptList()).some((k) => k.url === url);
  } catch {
    return false;
  }
}

/** Keeps a report for later checks of the same article against the same index, read from a tab at `url`. */
export async function rememberReport(article: ArticleInput, version: number, report: Report, url = ''): Promise<void> {
  const json = JSON.stringify(article);
  const key = keyOf(json);
  try {
    const next = [{ key, url }, ...(await keptList()).filter((k) => k.key !== key)];
    const dropped = next.splice(MAX_REPORTS).map((k) => k.key);
    await browser.storage.session.set({ [key]: { article: json, version, report } satisfies Entry, [INDEX_KEY]: next });
    if (dropped.length) await browser.storage.session.remove(dropped);
  } catch {
    // Full or unavailable: the next check simply compares again.
  }
}

/** Forgets every kept report (the index was cleared). */
export async function forgetReports(): Promise<void> {
  try {
    const all = await browser.storage.session.get(null);
    await browser.storage.session.remove(Object.keys(all).filter((k) => k === INDEX_KEY || k.startsWith(PREFIX)));
  } catch {
    // unavailable: nothing kept
  }
}
