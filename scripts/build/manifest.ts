/**
 * The manifest per browser, from the top-level manifest.json (written for Chrome).
 *   chrome       as is (service worker, a classic script)
 *   chrome-test  + host_permissions for http://127.0.0.1/* so tests can inject into local pages
 *                without a toolbar click (activeTab cannot be granted by automation)
 *   firefox      background.scripts (Firefox has no extension service workers), gecko settings, and
 *                no `offscreen` permission (its background page parses feeds itself)
 */
export type Target = 'chrome' | 'chrome-test' | 'firefox';

export const GECKO_ID = 'wiretrace@wiretrace.org';
/**
 * gecko.data_collection_permissions (required by addons.mozilla.org) needs Firefox 140 on the
 * desktop (the ESR Debian ships: 140.12) and 142 on Android, whose minimum is a key of its own.
 */
export const FIREFOX_MIN_VERSION = '140.0';
export const FIREFOX_ANDROID_MIN_VERSION = '142.0';

export type Manifest = Record<string, unknown> & { background?: Record<string, unknown> };

export function manifestFor(base: Manifest, target: Target, version?: string): Manifest {
  const m: Manifest = structuredClone(base);
  if (version) m.version = version;
  if (target === 'chrome-test') m.host_permissions = ['http://127.0.0.1/*'];
  if (target === 'firefox') {
    const bg = m.background ?? {};
    m.background = { scripts: [String(bg.service_worker ?? 'background.js')] };
    if (Array.isArray(m.permissions)) m.permissions = m.permissions.filter((p) => p !== 'offscreen');
    m.browser_specific_settings = {
      gecko: { id: GECKO_ID, strict_min_version: FIREFOX_MIN_VERSION, data_collection_permissions: { required: ['none'] } },
      gecko_android: { strict_min_version: FIREFOX_ANDROID_MIN_VERSION },
    };
  }
  return m;
}
