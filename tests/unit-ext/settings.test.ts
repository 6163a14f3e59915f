import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from './fake-browser';

const fake = vi.hoisted(() => ({ browser: undefined as unknown }));
vi.mock('webextension-polyfill', () => ({ default: new Proxy({}, { get: (_t, k) => (fake.browser as Record<string | symbol, unknown>)[k] }) }));

const { defaultSettings, isSiteDenied, loadSettings, normalizeHostname, sanitizeSettings, saveSettings, SETTINGS_KEY } = await import('../../src/settings');

describe('settings', () => {
  it('defaults: automatic checking off, recording on, no denied sites', async () => {
    fake.browser = fakeBrowser();
    expect(await loadSettings()).toEqual({ autoCheck: false, pauseRecording: false, deniedSites: [] });
    expect(defaultSettings.autoCheck).toBe(false);
  });

  it('saves partial updates into storage.local and reads them back', async () => {
    const b = fakeBrowser();
    fake.browser = b;
    expect(await saveSettings({ pauseRecording: true })).toEqual({ autoCheck: false, pauseRecording: true, deniedSites: [] });
    expect(await saveSettings({ deniedSites: ['https://WWW.Example.com/x', 'example.org', 'bad host!', 'example.org'] })).toEqual({
      autoCheck: false,
      pauseRecording: true,
      deniedSites: ['example.org', 'www.example.com'],
    });
    expect(b.data[SETTINGS_KEY]).toEqual(await loadSettings());
  });

  it('repairs malformed stored values', () => {
    expect(sanitizeSettings({ autoCheck: 'yes', deniedSites: ['a.com', 3], extra: 1 })).toEqual({ autoCheck: false, pauseRecording: false, deniedSites: ['a.com'] });
    expect(sanitizeSettings(null)).toEqual(defaultSettings);
  });

  it('normalises hostnames and matches subdomains of denied sites', () => {
    expect(normalizeHostname(' News.Example.COM. ')).toBe('news.example.com');
    expect(normalizeHostname('http://127.0.0.1:8080/a')).toBe('127.0.0.1');
    expect(normalizeHostname('')).toBeUndefined();
    expect(normalizeHostname('a b')).toBeUndefined();
    expect(isSiteDenied('https://www.example.com/x', ['example.com'])).toBe(true);
    expect(isSiteDenied('https://example.com/x', ['example.com'])).toBe(true);
    expect(isSiteDenied('https://notexample.com/x', ['example.com'])).toBe(false);
    expect(isSiteDenied('http://127.0.0.1:5000/', ['127.0.0.1'])).toBe(true);
    expect(isSiteDenied(undefined, ['a.com'])).toBe(false);
  });
});
