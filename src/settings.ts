/**
 * The extension's settings: typed, with defaults, kept in storage.local under one key.
 * Reading always yields a complete, valid Settings (missing or malformed fields fall back to defaults),
 * so a settings object written by an older version never breaks a newer one.
 */
import browser from 'webextension-polyfill';

export interface Settings {
  /** Check pages when they finish loading (needs the optional <all_urls> host permission). */
  autoCheck: boolean;
  /** Check but never record articles into the index. */
  pauseRecording: boolean;
  /** Hostnames whose articles are never recorded (subdomains included). */
  deniedSites: string[];
}

export const defaultSettings: Readonly<Settings> = Object.freeze({ autoCheck: false, pauseRecording: false, deniedSites: [] });

export const SETTINGS_KEY = 'settings';

/** The part of storage.local the settings need (injectable for tests). */
export interface SettingsStorage {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

/**
 * A hostname from what a user typed: "https://www.BBC.co.uk/news" -> "www.bbc.co.uk", "bbc.co.uk" -> "bbc.co.uk".
 * Returns undefined for input that is not a hostname.
 */
export function normalizeHostname(input: string): string | undefined {
  const s = input.trim().toLowerCase();
  if (!s) return undefined;
  let host: string;
  try {
    host = new URL(/^[a-z][a-z0-9+.-]*:\/\//.test(s) ? s : `http://${s}`).hostname;
  } catch {
    return undefined;
  }
  host = host.replace(/\.$/, '');
  if (!/^[a-z0-9.-]+$/.test(host) && !/^\[[0-9a-f:.]+\]$/.test(host)) return undefined;
  if (host.startsWith('.') || host.includes('..')) return undefined;
  return host;
}

/** Whether a page URL is on a denied site (the hostname or any subdomain of it). */
export function isSiteDenied(url: string | undefined, denied: readonly string[]): boolean {
  if (!url) return false;
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  return denied.some((d) => host === d || host.endsWith(`.${d}`));
}

/** A complete Settings from anything stored (unknown fields dropped, bad ones defaulted). */
export function sanitizeSettings(value: unknown): Settings {
  const x = value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  const denied = Array.isArray(x.deniedSites) ? x.deniedSites.filter((d): d is string => typeof d === 'string') : [];
  return {
    autoCheck: typeof x.autoCheck === 'boolean' ? x.autoCheck : defaultSettings.autoCheck,
    pauseRecording: typeof x.pauseRecording === 'boolean' ? x.pauseRecording : defaultSettings.pauseRecording,
    deniedSites: [...new Set(denied.map(normalizeHostname).filter((d): d is string => !!d))].sort(),
  };
}

function storage(): SettingsStorage {
  return browser.storage.local as unknown as SettingsStorage;
}

export async function loadSettings(store: SettingsStorage = storage()): Promise<Settings> {
  const got = await store.get(SETTINGS_KEY);
  return sanitizeSettings(got[SETTINGS_KEY]);
}

/** Applies a partial update and returns the settings as stored. */
export async function saveSettings(patch: Partial<Settings>, store: SettingsStorage = storage()): Promise<Settings> {
  const next = sanitizeSettings({ ...(await loadSettings(store)), ...patch });
  await store.set({ [SETTINGS_KEY]: next });
  return next;
}
