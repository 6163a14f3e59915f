/**
 * The options page's team index section: the service's address and token, checked by asking the
 * service (GET /v1/index) once the browser granted access to that origin, asked for in the click
 * that connects and for that origin only; the two switches (check against it, record to it), off
 * until turned on; and Disconnect, which forgets both and gives the access back. The page says
 * exactly what each switch sends (the catalogue's teamLeaves* messages).
 */
import browser from 'webextension-polyfill';
import type { Translator } from '../src/i18n';
import { serviceUrl, TeamClient } from '../src/team/client';
import { loadTeamSettings, saveTeamSettings, teamOriginPattern, type TeamSettings, type TeamSettingsStorage } from '../src/team/settings';

const storage = () => browser.storage.local as unknown as TeamSettingsStorage;

/** http:// is for a service on this computer only: anywhere else the token would cross the network in clear. */
function localHost(url: string): boolean {
  const host = new URL(url).hostname;
  return host === 'localhost' || host === '127.0.0.1' || host === '[::1]';
}

export function setUpTeamSection(t: Translator, say: (text: string) => void): void {
  const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
  const urlInput = $<HTMLInputElement>('team-url');
  const tokenInput = $<HTMLInputElement>('team-token');
  const status = $('team-status');
  const check = $<HTMLInputElement>('team-check');
  const record = $<HTMLInputElement>('team-record');
  const disconnect = $<HTMLButtonElement>('team-disconnect');

  const tell = (text: string) => {
    status.textContent = text;
    say(text);
  };

  function render(s: TeamSettings): void {
    urlInput.value = s.url;
    tokenInput.value = s.token;
    const connected = s.url !== '' && s.token !== '';
    check.disabled = record.disabled = !connected;
    check.checked = s.check;
    record.checked = s.record;
    disconnect.hidden = !connected;
  }

  /** Asks the service who this token is; says so, and whether it may record. */
  async function probe(s: TeamSettings): Promise<boolean> {
    try {
      const info = await new TeamClient(s.url, s.token, { retries: 0, timeoutMs: 10_000 }).info();
      const n = info.stats.documents;
      tell(`${t.plural('teamConnected', n, info.team, t.number(n))} ${info.scope === 'write' ? t('teamScopeWrite') : t('teamScopeRead')}`);
      if (info.scope !== 'write') record.disabled = true;
      return true;
    } catch (e) {
      tell(t('teamConnectFailed', (e as Error).message));
      return false;
    }
  }

  $<HTMLFormElement>('team-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    let url: string;
    try {
      url = serviceUrl(urlInput.value);
    } catch {
      return tell(t('teamNotAUrl', urlInput.value));
    }
    if (url.startsWith('http:') && !localHost(url)) return tell(t('teamNeedsHttps'));
    const token = tokenInput.value.trim();
    if (!token) return tell(t('teamNoToken'));
    // In the click's user gesture: the permission request comes before any other await.
    const origin = teamOriginPattern(url);
    let granted = false;
    try {
      granted = await browser.permissions.request({ origins: [origin] });
    } catch {
      granted = false;
    }
    if (!granted) return tell(t('teamPermissionRefused', new URL(url).origin));
    const current = await loadTeamSettings(storage());
    const same = current.url === url && current.token === token;
    const s = await saveTeamSettings({ url, token, ...(same ? {} : { check: false, record: false }) }, storage());
    render(s);
    await probe(s);
  });

  const toggle = async (patch: Partial<TeamSettings>) => {
    render(await saveTeamSettings(patch, storage()));
    tell(t('teamSaved'));
  };
  check.addEventListener('change', () => void toggle({ check: check.checked }));
  record.addEventListener('change', () => void toggle({ record: record.checked }));

  disconnect.addEventListener('click', async () => {
    const s = await loadTeamSettings(storage());
    render(await saveTeamSettings({ url: '', token: '', check: false, record: false }, storage()));
    if (s.url) {
      try {
        await browser.permissions.remove({ origins: [teamOriginPattern(s.url)] });
      } catch {
        // not granted, or not removable: nothing to give back
      }
    }
    tell(t('teamDisconnected'));
  });

  void loadTeamSettings(storage()).then(async (s) => {
    render(s);
    if (s.url && s.token && (await browser.permissions.contains({ origins: [teamOriginPattern(s.url)] }))) await probe(s);
  });
}
