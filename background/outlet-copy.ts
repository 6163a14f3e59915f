/**
 * Each outlet's copy figures from a graph of the whole index: how many of its articles carry another
 * outlet's copied text (a quotes-only link does not count), how many words of it, and how many of
 * those words are credited. Pure: takes the graph and the outlet of each article id.
 */
import { outletKey } from '../src/engine/outlet';
import type { OutletCopy, SyndicationView } from '../src/protocol';

export function outletCopy(view: SyndicationView, outletOfId: Map<string, string>): Map<string, OutletCopy> {
  const names = new Map(view.articles.map((a) => [a.id, a.outlet]));
  const out = new Map<string, OutletCopy>();
  const carrying = new Map<string, Set<string>>();
  for (const e of view.edges) {
    if (e.quotesOnly) continue;
    const key = outletOfId.get(e.to) ?? outletKey(names.get(e.to) ?? '');
    const c = out.get(key) ?? { withCopy: 0, copiedWords: 0, creditedWords: 0 };
    c.copiedWords += e.words;
    if (e.credited) c.creditedWords += e.words;
    out.set(key, c);
    const set = carrying.get(key) ?? new Set<string>();
    set.add(e.to);
    carrying.set(key, set);
  }
  for (const [key, set] of carrying) out.get(key)!.withCopy = set.size;
  return out;
}
