/**
 * The team index in a check, when the user turned it on (options page) and granted access to the
 * service's origin: the check runs over TeamCheckStore (the local index plus the team's candidates,
 * asked for with the page's band keys only), and the report says which of its articles came from the
 * team. When the service cannot be reached (or refuses the token), the check falls back to the local
 * index alone and says so. Recording to the team index, a switch of its own, sends the article
 * after it was recorded locally.
 */
import browser from 'webextension-polyfill';
import { Engine } from '../src/engine/engine';
import type { IndexStore } from '../src/engine/store';
import type { ArticleInput, Report } from '../src/engine/types';
import type { TeamCheckInfo } from '../src/protocol';
import { TeamClient, TeamServiceError } from '../src/team/client';
import { loadTeamSettings, teamOriginPattern, type TeamSettings, type TeamSettingsStorage } from '../src/team/settings';
import { TeamCheckStore } from './team-check-store';
import { EXTENSION_ENGINE_OPTIONS } from './engine-host';

/** A check waits this long for the team index before it answers from the local index alone. */
const TEAM_TIMEOUT_MS = 4_000;

export interface TeamSetup {
  settings: TeamSettings;
  client: TeamClient;
}

/** The team index to use, or undefined when it is off or its origin's permission is not granted. */
export async function teamSetup(): Promise<TeamSetup | undefined> {
  const settings = await loadTeamSettings(browser.storage.local as unknown as TeamSettingsStorage);
  if (!settings.check && !settings.record) return undefined;
  if (!(await browser.permissions.contains({ origins: [teamOriginPattern(settings.url)] }))) return undefined;
  return { settings, client: new TeamClient(settings.url, settings.token, { timeoutMs: TEAM_TIMEOUT_MS, retries: 0 }) };
}

/** Every article id a report names (sources, passages' sources and first carriers, reuse, own earlier text). */
function reportIds(r: Report): Set<string> {
  const ids = new Set<string>();
  for (const s of r.sources) ids.add(s.id);
  for (const p of r.passages) {
    ids.add(p.source.id);
    if (p.firstSeen) ids.add(p.firstSeen.id);
  }
  for (const x of r.reusedBy) ids.add(x.id);
  for (const o of r.ownEarlier) ids.add(o.source.id);
  if (r.updateOf) ids.add(r.updateOf.id);
  return ids;
}

/** A check against the local index and the team's; the local index alone (and a note) when the team's cannot answer. */
export async function checkWithTeam(local: IndexStore, localEngine: Engine, article: ArticleInput, team: TeamSetup): Promise<{ report: Report; team: TeamCheckInfo }> {
  const store = new TeamCheckStore(local, team.client);
  try {
    const engine = await Engine.open(store, EXTENSION_ENGINE_OPTIONS);
    const report = await engine.check(article);
    const named = reportIds(report);
    return { report, team: { status: 'used', ids: [...store.teamIds].filter((id) => named.has(id)) } };
  } catch (e) {
    if (!(e instanceof TeamServiceError)) throw e;
    return { report: await localEngine.check(article), team: { status: 'unreachable', error: e.message, code: e.code } };
  }
}

/** Sends an article recorded here to the team index; true when it is there (stored now or before). */
export async function recordToTeam(article: ArticleInput, team: TeamSetup): Promise<true> {
  const { id, url, outlet, title, published, firstSeen, paragraphs, lang, guid } = article;
  await team.client.record({ articles: [{ id, url, outlet, title, published, firstSeen, paragraphs, lang, guid }] });
  return true;
}
