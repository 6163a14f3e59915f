/** A small stand-in for webextension-polyfill's `browser` in Node: storage.local and .session, runtime messaging. */
type Listener = (message: unknown, sender: unknown) => unknown;

/** A storage area over a plain object (values cloned in and out, as the real areas serialise them). */
function area(data: Record<string, unknown>) {
  return {
    /** One key, several, or every item (null), as the real areas take them. */
    async get(keys: string | string[] | null) {
      const wanted = keys === null ? Object.keys(data) : typeof keys === 'string' ? [keys] : keys;
      return Object.fromEntries(wanted.filter((k) => k in data).map((k) => [k, structuredClone(data[k])]));
    },
    async set(items: Record<string, unknown>) {
      Object.assign(data, structuredClone(items));
    },
    async remove(keys: string | string[]) {
      for (const k of Array.isArray(keys) ? keys : [keys]) delete data[k];
    },
  };
}

export function fakeBrowser() {
  const data: Record<string, unknown> = {};
  const session: Record<string, unknown> = {};
  const listeners = new Set<Listener>();
  return {
    storage: {
      local: area(data),
      session: area(session),
    },
    runtime: {
      id: 'test-extension',
      getURL: (path: string) => `chrome-extension://test-extension${path.startsWith('/') ? path : `/${path}`}`,
      onMessage: {
        addListener: (l: Listener) => listeners.add(l),
        removeListener: (l: Listener) => listeners.delete(l),
      },
      /** Like the polyfill: the first listener returning a Promise answers; none -> rejection. */
      async sendMessage(message: unknown, sender: { id?: string; url?: string } = { id: 'test-extension', url: 'chrome-extension://test-extension/popup.html' }) {
        for (const l of listeners) {
          const r = l(structuredClone(message), sender);
          if (r && typeof (r as Promise<unknown>).then === 'function') return structuredClone(await r);
        }
        throw new Error('Could not establish connection. Receiving end does not exist.');
      },
    },
    data,
    session,
  };
}
