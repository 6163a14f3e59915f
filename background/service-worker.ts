/**
 * The background: the message handlers and the listeners, all registered at the top level so a
 * stopped worker wakes for them. No state lives here (see engine-host.ts).
 */
import browser from 'webextension-polyfill';
import { registerHandlers } from '../src/protocol';
import { loadSettings, saveSettings } from '../src/settings';
import { autoCheck, checkTab, recordingState } from './check-tab';
import { sendToContent } from './content-channel';
import { getStore, serial } from './engine-host';
import { deleteArticles } from './delete-articles';
import { deleteIndexDb } from './idb-store';
import { exportSelection, listPacks, removePack } from './packs';
import { cancelImport, exportPage, importChunk } from './index-io';
import { indexStats } from './index-stats';
import { forgetGraphs, forgetIndexViews, libraryArticles, libraryOutlets } from './library-index';
import { storyArticles } from './story-articles';
import { cancelSyndication, syndicationEdge, syndicationView } from './syndication-jobs';
import { addFeed, listFeeds, pollFeedNow, previewFeed, removeFeed, updateFeed } from './feeds/feed-handlers';
import { ALARM, pollDueFeeds, scheduleAlarm } from './feeds/feed-service';
import { forgetSeenItems } from './feeds/feed-store';

registerHandlers({
  check: (req) => checkTab(req.tabId, { force: req.force, popupInjects: req.popupInjects }),
  highlight: (req) => sendToContent(req.tabId, { type: 'wiretrace:highlight', marks: req.marks }),
  clearHighlights: (req) => sendToContent(req.tabId, { type: 'wiretrace:clear-highlights' }),
  getSettings: () => loadSettings(),
  setSettings: (req) => saveSettings(req),
  indexStats,
  clearIndex: () =>
    serial(async () => {
      // A database that cannot be opened (an upgrade that keeps failing for lack of space) is deleted
      // all the same: clearing is the user's way out, and must not depend on opening what it clears.
      const opened = await getStore().then((s) => s, () => undefined);
      if (opened) await opened.clear();
      else await deleteIndexDb();
      await forgetIndexViews();
      await forgetSeenItems();
      return indexStats();
    }),
  exportIndex: (req) => exportPage(req.after, req.limit),
  importIndex: (req) => importChunk(req),
  cancelImport: (req) => cancelImport(req.importId),
  deleteArticles: (req) =>
    serial(async () => {
      const r = await deleteArticles(req);
      if (r.deleted) await forgetGraphs();
      return r;
    }),
  libraryArticles: (req) => libraryArticles(req),
  libraryOutlets: (req) => libraryOutlets(req),
  syndication: (req) => syndicationView(req.jobId, req.scope),
  cancelSyndication: async (req) => cancelSyndication(req.jobId),
  syndicationEdge: (req) => syndicationEdge(req.from, req.to),
  recordingState: (req) => recordingState(req.id),
  listPacks: () => listPacks(),
  removePack: (req) => serial(() => removePack(req)),
  exportSelection: (req) => exportSelection(req),
  storyArticles: (req) => storyArticles(req.ids),
  previewFeed,
  addFeed,
  updateFeed,
  removeFeed,
  listFeeds,
  pollFeedNow,
});

// Feeds: one alarm at the earliest due time (feeds/feed-service.ts). Browsers may drop alarms when
// they restart or update the extension, so it is set again then.
browser.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === ALARM) pollDueFeeds().catch((e) => console.warn('wiretrace: polling feeds failed', e));
});
const rescheduleFeeds = () => void scheduleAlarm().catch((e) => console.warn('wiretrace: could not set the feeds alarm', e));
browser.runtime.onStartup.addListener(rescheduleFeeds);
browser.runtime.onInstalled.addListener(rescheduleFeeds);

browser.tabs.onUpdated.addListener((tabId, changeInfo, tab) => {
  if (changeInfo.status !== 'complete') return;
  autoCheck(tabId, tab.url).catch((e) => console.warn('wiretrace: automatic check failed', e));
});
