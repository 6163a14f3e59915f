/**
 * Outlet identity. `outletKey` folds a display name or a hostname to one key, so that
 * "www.bbc.co.uk", "bbc.co.uk" and "BBC" compare equal, as do "BBC News" and "bbc news".
 * Hostnames are reduced to their registrable name without the public suffix ("edition.cnn.com"
 * -> "cnn"). The suffix rules are a small built-in approximation of the Public Suffix List:
 * a country code with a generic second level (co.uk, com.au, ac.jp...) counts as one suffix, and
 * a few hosting platforms (blogspot.com, github.io...) are suffixes so that their sites stay apart.
 */

const SECOND_LEVEL = new Set(['co', 'com', 'net', 'org', 'gov', 'edu', 'ac', 'or', 'ne', 'go', 'gob', 'gouv', 'nic', 'mil', 'ltd', 'plc', 'info', 'biz', 'news', 'web', 'nom']);
const PLATFORMS = new Set([
  'blogspot.com', 'wordpress.com', 'substack.com', 'tumblr.com', 'medium.com', 'github.io',
  'wixsite.com', 'weebly.com', 'livejournal.com', 'typepad.com', 'over-blog.com', 'netlify.app',
  'pages.dev', 'vercel.app', 'herokuapp.com', 'appspot.com', 'azurewebsites.net', 'cloudfront.net',
]);

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const HOST_LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?$/u;

function fold(s: string): string {
  return s.normalize('NFKC').toLowerCase().trim().replace(/\s+/g, ' ');
}

/** "https://user@www.x.com:8080/path?q" -> "www.x.com:8080"; anything else unchanged. */
function stripUrl(s: string): string {
  const m = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?([^/?#]*)/.exec(s);
  return m ? m[1]! : s;
}

/** Splits a port off a host ("[::1]:80", "x.com:80", "::1"). */
function splitPort(host: string): [string, string] {
  if (host.startsWith('[')) {
    const close = host.indexOf(']');
    if (close > 0) return [host.slice(0, close + 1), host.slice(close + 1)];
  }
  const m = /^([^:]*)(:\d+)$/.exec(host);
  return m ? [m[1]!, m[2]!] : [host, ''];
}

function isIp(host: string): boolean {
  return IPV4.test(host) || host.startsWith('[') || (host.includes(':') && /^[0-9a-f:.]+$/.test(host));
}

/** Number of trailing labels that form the public suffix. */
function suffixLength(labels: string[]): number {
  const n = labels.length;
  if (n >= 2 && PLATFORMS.has(labels.slice(-2).join('.'))) return 2;
  if (n >= 3 && labels[n - 1]!.length === 2 && SECOND_LEVEL.has(labels[n - 2]!)) return 2;
  return 1;
}

function hostLabels(host: string): string[] | null {
  if (host.includes(' ') || !host.includes('.')) return null;
  const labels = host.replace(/\.$/, '').split('.');
  return labels.length >= 2 && labels.every((l) => HOST_LABEL.test(l)) ? labels : null;
}

/** A readable outlet name from a hostname: "edition.cnn.com" -> "cnn.com", "news.bbc.co.uk" -> "bbc.co.uk". */
export function outletFromHostname(host: string): string {
  if (typeof host !== 'string') return '';
  const folded = fold(stripUrl(fold(host)));
  const [bare, port] = splitPort(folded);
  if (bare === 'localhost' || isIp(bare)) return bare + port;
  const found = hostLabels(bare);
  // Trailing dots all go ("‥" folds to ".."), so the name read again is the same name.
  if (!found) return bare.replace(/\.+$/, '');
  // A leading www label is never the outlet, also before a name that looks like a suffix: "www.ne.aa"
  // is "ne.aa", as "ne.aa" is, so that both give one outlet key.
  const labels = found.length > 2 && /^www\d*$/.test(found[0]!) ? found.slice(1) : found;
  const keep = Math.min(labels.length, suffixLength(labels) + 1);
  return labels.slice(-keep).join('.');
}

/** Normalised outlet identity: equal keys mean the same outlet. */
export function outletKey(name: string): string {
  if (typeof name !== 'string') return '';
  // A check asks for its outlet's key twice, and an audit has few outlets: remembered (a pure function).
  let key = keys.get(name);
  if (key === undefined) {
    if (keys.size >= 4096) keys.clear();
    keys.set(name, (key = computeOutletKey(name)));
  }
  return key;
}

const keys = new Map<string, string>();

function computeOutletKey(name: string): string {
  let s = fold(name);
  if (/^[a-z][a-z0-9+.-]*:\/\//.test(s)) s = stripUrl(s);
  s = s.replace(/^the /, '');
  const [bare, port] = splitPort(s);
  if (bare === 'localhost' || isIp(bare)) return bare + port;
  const labels = hostLabels(bare);
  if (!labels) return s;
  const registrable = outletFromHostname(bare).split('.');
  // A site on a hosting platform keeps its whole name: "foo.blogspot.com" is not "foo.com".
  if (PLATFORMS.has(registrable.slice(-2).join('.'))) return registrable.join('.');
  return registrable.slice(0, registrable.length - suffixLength(registrable)).join('.') || registrable.join('.');
}
