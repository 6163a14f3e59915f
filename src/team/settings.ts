/**
 * The extension's team index settings, kept in storage.local under their own key (apart from the
 * other settings): the service's address, the token, and two switches, both off until the user
 * turns them on. Checking against the team index sends the page's band keys (never its text);
 * recording to it, a switch of its own, sends the article. The browser must also have granted
 * access to the service's origin (asked for on the options page, for that origin only).
 */
import { serviceUrl } from './client';

export interface TeamSettings {
  /** The service's base URL ('' when none is set). */
  url: string;
  token: string;
  /** Look up the page's band keys in the team index when a page is checked. */
  check: boolean;
  /** Send the articles this browser records to the team index too (needs a write token). */
  record: boolean;
}

export const TEAM_SETTINGS_KEY = 'teamIndex';

export const defaultTeamSettings: Readonly<TeamSettings> = Object.freeze({ url: '', token: '', check: false, record: false });

/** The part of storage.local the settings need (injectable for tests). */
export interface TeamSettingsStorage {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

/** A checked base URL, or '' for a value that is not one. */
function cleanUrl(value: unknown): string {
  if (typeof value !== 'string' || !value.trim()) return '';
  try {
    return serviceUrl(value);
  } catch {
    return '';
  }
}

/** Complete settings from anything stored: bad fields fall back to off; nothing is on without an address and a token. */
export function sanitizeTeamSettings(value: unknown): TeamSettings {
  const x = value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  const url = cleanUrl(x.url);
  const token = typeof x.token === 'string' ? x.token.trim() : '';
  const ready = url !== '' && token !== '';
  return { url, token, check: ready && x.check === true, record: ready && x.record === true };
}

/** The host permission pattern of the service's origin ("https://team.example.org/*"). */
export function teamOriginPattern(url: string): string {
  return `${new URL(url).origin}/*`;
}

export async function loadTeamSettings(store: TeamSettingsStorage): Promise<TeamSettings> {
  const got = await store.get(TEAM_SETTINGS_KEY);
  return sanitizeTeamSettings(got[TEAM_SETTINGS_KEY]);
}

/** Applies a partial update and returns the settings as stored. */
export async function saveTeamSettings(patch: Partial<TeamSettings>, store: TeamSettingsStorage): Promise<TeamSettings> {
  const next = sanitizeTeamSettings({ ...(await loadTeamSettings(store)), ...patch });
  await store.set({ [TEAM_SETTINGS_KEY]: next });
  return next;
}
