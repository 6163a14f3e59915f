/**
 * The manifest per browser, from the top-level manifest.json (written for Chrome).
 *   chrome       as is (service worker, ES module)
 *   chrome-test  + host_permissions for http://127.0.0.1/* so tests can inject into local pages
 *                without a toolbar click (activeTab cannot be granted by automation)
 *   firefox      background.scripts (Firefox has no extension service workers) and gecko settings
 */
export type Target = 'chrome' | 'chrome-test' | 'firefox';

export const GECKO_ID = 'wiretrace@wiretrace.org';
export const FIREFOX_MIN_VERSION = '142.0';

export type Manifest = Record<string, unknown> & { background?: Record<string, unknown> };

export function manifestFor(base: Manifest, target: Target, version?: string): Manifest {
  const m: Manifest = structuredClone(base);
  if (version) m.version = version;
  if (target === 'chrome-test') m.host_permissions = ['http://127.0.0.1/*'];
  if (target === 'firefox') {
    const bg = m.background ?? {};
    m.background = { scripts: [String(bg.service_worker ?? 'background.js')], type: 'module' };
    m.browser_specific_settings = {
      gecko: { id: GECKO_ID, strict_min_version: FIREFOX_MIN_VERSION, data_collection_permissions: { required: ['none'] } },
    };
  }
  return m;
}
