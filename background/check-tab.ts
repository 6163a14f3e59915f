/**
 * The check of one tab: extract the article in the page, compare it with the index, record it
 * when allowed, set the badge. Used by the popup (on click) and by automatic checking. The answer
 * comes before the recording of a new article (`recording: true`, then a `recorded` event). A page
 * that is not an article is checked only when forced ("Check anyway"), and never recorded. With the
 * team index turned on, the check also asks it for candidates, and a recorded article is sent to it
 * when that switch is on too (team-check.ts).
 */
import { sourcesOf, type StoredDocument } from '../src/engine/store';
import browser from 'webextension-polyfill';
import { CodedError, errorCode } from '../src/errors';
import type { CheckResult, NotRecordedReason, ProgressCode } from '../src/protocol';
import { emit } from '../src/protocol';
import { isSiteDenied, loadSettings } from '../src/settings';
import { setBadge } from './badge';
import { sendToContent } from './content-channel';
import { getEngine, getStore, serialEarly } from './engine-host';
import { cachedReport, rememberReport, reportKeptFor } from './report-cache';
import { checkWithTeam, recordToTeam, teamSetup } from './team-check';
import { TeamServiceError } from '../src/team/client';

const UNSUPPORTED = 'Wiretrace can only read web pages (http and https); browser pages, extension stores and local files are off limits.';

export async function checkTab(tabId: number, options: { force?: boolean; popupInjects?: boolean } = {}): Promise<CheckResult> {
  // Open the database and engine at once, while the tab is looked up and its page read (a woken
  // worker opens it now; the heads below wait for it). For a page with no report kept (a page never
  // checked), the segment heads are read now too, beside the page's injection and extraction: the
  // first look-up would wait for them (their filters are ~25 MB at 100,000 articles, ~70 ms to
  // read). For a page checked before they are not read: its kept report makes no look-up, and the
  // reads took the CPU the page needed (the woken popup for a page checked before, 180 -> 280 ms at
  // 100,000 articles, medians of 8, load average 4-6.6). Told by the tab's address, before the page
  // is read (report-cache.ts); `npm run bench`, section 6.
  const engineReady = getEngine();
  engineReady.catch(() => undefined); // awaited below; a failure there is reported to the popup
  const tab = await browser.tabs.get(tabId);
  // tab.url is only visible with permission for the page; without it the injection below decides.
  if (tab.url && !/^https?:\/\//i.test(tab.url)) return { status: 'unsupported', reason: UNSUPPORTED, code: 'not-web-page', url: tab.url };
  const headsReady = reportKeptFor(tab.url).then(async (kept) => {
    // The look-up shares a read under way (IdbStore.loadHeads).
    if (!kept) await (await getStore()).loadHeads();
  });
  headsReady.catch(() => undefined); // a failed read is the look-up's to report: it reads them again
  const settingsReady = loadSettings();
  const teamReady = teamSetup();
  // All are awaited below; a failure there is reported to the popup, not left unhandled here.
  settingsReady.catch(() => undefined);
  teamReady.catch(() => undefined);
  const progress = (code: ProgressCode, text: string) => emit('progress', { task: 'check', tabId, code, text });
  void progress('reading', 'Reading the article on the page…');
  let extracted;
  const t0 = performance.now();
  const reading = { inject: 0 };
  try {
    extracted = await sendToContent(tabId, { type: 'wiretrace:extract', force: options.force }, reading, options.popupInjects);
  } catch (e) {
    const msg = (e as Error).message ?? String(e);
    if (/cannot access|cannot be scripted|missing host permission|extensions gallery|permission/i.test(msg)) {
      return { status: 'unsupported', reason: `${UNSUPPORTED} (${msg})`, code: 'no-access', url: tab.url };
    }
    throw e;
  }
  if (extracted.status === 'error') throw new CodedError('read-failed', `could not read the article: ${extracted.message}`);
  if (extracted.status === 'not-article') {
    await setBadge(tabId, undefined);
    return { status: 'not-article', reason: extracted.reason, url: extracted.url, title: extracted.title };
  }
  const article = extracted.article;
  const t1 = performance.now();
  const settings = await settingsReady;

  return serialEarly(async () => {
    const engine = await engineReady;
    const store = await getStore();
    void progress('comparing', 'Comparing with the articles checked before…');
    const t2 = performance.now();
    // A page checked before against this same index: its report is kept for the session (not for
    // incognito pages). Recording is still decided below, as for any check.
    const version = await store.version();
    const team = await teamReady;
    const withTeam = team?.settings.check ? team : undefined;
    // A report kept from a check against the local index alone does not answer for the team's.
    const cached = tab.incognito || withTeam ? undefined : await cachedReport(article, version);
    const teamChecked = !cached && withTeam ? await checkWithTeam(store, engine, article, withTeam) : undefined;
    // The local check keeps its preparation for the record that may follow (no second hashing).
    const local = cached || teamChecked ? undefined : await engine.checkThenRecord(article);
    const report = cached ?? teamChecked?.report ?? local!.report;
    if (!cached && !tab.incognito && !withTeam) void rememberReport(article, version, report, tab.url); // not awaited: a late write only costs a later check
    const t3 = performance.now();
    let notRecorded: NotRecordedReason | undefined;
    if (tab.incognito) notRecorded = 'incognito';
    else if (isSiteDenied(article.url, settings.deniedSites) || isSiteDenied(tab.url, settings.deniedSites)) notRecorded = 'denied-site';
    else if (settings.pauseRecording) notRecorded = 'paused';
    // "Check anyway" on a page that is not an article: the report, but nothing for later checks to count.
    else if (extracted.notArticle) notRecorded = 'not-article';
    const badge = setBadge(tabId, report);
    const known: StoredDocument | undefined = notRecorded ? undefined : await store.getDocumentById(article.id);
    if (known) notRecorded = 'already-recorded';
    const timings = { extract: Math.round(t1 - t0), inject: Math.round(reading.inject), check: Math.round(t3 - t2), record: 0 };
    await badge;
    const answer = { status: 'report', report, recorded: false, notRecorded, timings, cached: !!cached, ...(teamChecked ? { team: teamChecked.team } : {}) } satisfies CheckResult;
    // An article a pack or a feed brought, now read by the user: removing that pack keeps it.
    if (known && !sourcesOf(known).includes('read')) return { value: answer, rest: store.addSource([known.key], 'read').catch(() => undefined) };
    if (notRecorded) return { value: answer };
    // A new article: the report is shown now and the article recorded after it (the popup says
    // "Recording…" until the event below); the queue holds the next check until it is in.
    const id = report.id;
    recording.add(id);
    const sendToTeam = team?.settings.record ? team : undefined;
    // Begun in a task of its own, once the answer is on its way: the record's first steps (credits,
    // the document, the postings segment) are a few milliseconds of this thread the answer would wait for.
    let t4 = 0;
    const record = () => {
      t4 = performance.now();
      return local ? local.record() : engine.record(article);
    };
    const rest = new Promise((ok) => setTimeout(ok, 0)).then(record).finally(() => recording.delete(id)).then(
      async (r) => {
        const recordMs = performance.now() - t4; // the record alone, as the bench reports it
        // Sent to the team index only once it is in the local one (the user's own record comes first).
        const teamRecorded = sendToTeam && r.added ? await recordToTeam(article, sendToTeam).then(() => ({ sent: true as const }), (e: unknown) => ({ sent: false as const, error: (e as Error)?.message ?? String(e), ...(e instanceof TeamServiceError ? { code: e.code } : {}) })) : undefined;
        return emit('recorded', { tabId, id, recorded: r.added, notRecorded: r.added ? undefined : 'already-recorded', ms: Math.round(recordMs), ...(teamRecorded ? { team: teamRecorded } : {}) });
      },
      (e: unknown) => emit('recorded', { tabId, id, recorded: false, error: (e as Error)?.message ?? String(e), code: errorCode(e), ms: Math.round(performance.now() - t4) }),
    );
    return { value: { ...answer, recording: true }, rest };
  });
}

/** Ids of the articles this worker is recording now (a stopped worker forgets them, as it does the records). */
const recording = new Set<string>();

/** Where the recording of article `id` stands (recordingState). */
export async function recordingState(id: string): Promise<{ state: 'recording' | 'recorded' | 'idle' }> {
  if (recording.has(id)) return { state: 'recording' };
  return { state: (await (await getStore()).getDocumentById(id)) ? 'recorded' : 'idle' };
}

/** Automatic checking: after a page loads, if the user turned it on and granted access to the page. */
export async function autoCheck(tabId: number, url: string | undefined): Promise<void> {
  if (!url || !/^https?:\/\//i.test(url)) return;
  const settings = await loadSettings();
  if (!settings.autoCheck) return;
  const origin = `${new URL(url).origin}/*`;
  if (!(await browser.permissions.contains({ origins: [origin] }))) return;
  await checkTab(tabId);
}
