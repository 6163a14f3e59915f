/**
 * The keys an item is known by, so that no item is recorded twice: its guid, its link, and (once its
 * page or content was extracted) its canonical URL. The same keys come from a stored article (its id,
 * url and guid), so a seen-set built from an index and one built from items compare. URLs are keyed
 * without their fragment; guids exactly as written. The extension keeps a seen-set of these strings.
 */
import { httpUrl } from './links';

export interface Keyed {
  guid?: string;
  link?: string;
}

function urlKey(href: string | undefined): string | undefined {
  const url = httpUrl(href);
  return url ? `url:${url}` : undefined;
}

/** The keys of a feed item, with the canonical URL of its article when known. */
export function itemKeys(item: Keyed, canonicalUrl?: string): string[] {
  const keys = new Set<string>();
  if (item.guid) keys.add(`guid:${item.guid}`);
  for (const k of [urlKey(item.link), urlKey(canonicalUrl), urlKey(item.guid)]) if (k) keys.add(k);
  return [...keys];
}

/** The keys of a stored article: its guid, its url, and its id when the id is a URL. */
export function articleKeys(doc: { id: string; url?: string; guid?: string }): string[] {
  return itemKeys({ guid: doc.guid, link: doc.url }, doc.id);
}

/** Whether any of `keys` is in `seen`. */
export function seenBefore(seen: ReadonlySet<string>, keys: string[]): boolean {
  return keys.some((k) => seen.has(k));
}
