/**
 * Syndication graphs kept until the index changes: in the library's database (library-cache-db.ts), one
 * record per scope ("story:12", "range:2025-03-01:2025-03-31") holding the graph (edges without their
 * passages) and the state of the index it was built against (newest document key and number of
 * documents: every record adds a key above the newest, every deletion lowers the count). A record
 * read against another state is stale and ignored; clearing or deleting from the index drops them all.
 */
import type { SyndicationScope, SyndicationView } from '../src/protocol';
import { libraryDb } from './library-cache-db';

/** Graphs kept; the oldest beyond this are dropped. */
const KEEP = 20;

interface Entry {
  scope: string;
  state: string;
  at: number;
  view: SyndicationView;
}

const open = libraryDb;

export function scopeKey(scope: SyndicationScope): string {
  return scope.kind === 'story' ? `story:${scope.key}` : `range:${scope.from ?? ''}:${scope.to ?? ''}`;
}

/** The graph of `scope` built against the index in `state`, if one is kept. */
export async function keptView(scope: SyndicationScope, state: string): Promise<SyndicationView | undefined> {
  try {
    const e = (await (await open()).get('views', scopeKey(scope))) as Entry | undefined;
    return e && e.state === state ? e.view : undefined;
  } catch {
    return undefined; // unavailable: build again
  }
}

/** Keeps a graph built against the index in `state`. */
export async function keepView(scope: SyndicationScope, state: string, view: SyndicationView): Promise<void> {
  try {
    const d = await open();
    await d.put('views', { scope: scopeKey(scope), state, at: Date.now(), view } satisfies Entry);
    const all = (await d.getAll('views')) as Entry[];
    if (all.length > KEEP) for (const e of all.sort((a, b) => b.at - a.at).slice(KEEP)) await d.delete('views', e.scope);
  } catch {
    // Full or unavailable: the graph is built again next time.
  }
}

/** Forgets every kept graph (articles were deleted). */
export async function forgetViews(): Promise<void> {
  try {
    await (await open()).clear('views');
  } catch {
    // unavailable: nothing kept
  }
}
