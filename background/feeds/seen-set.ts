/**
 * A feed's seen-set: the keys (src/feeds/item-keys.ts: guid, link, canonical URL) of the items it
 * has handled, so a poll skips them without fetching or hashing anything. Kept in chunks of
 * CHUNK keys (feed-store.ts), so recording an item rewrites one small chunk, not the whole set.
 *
 * Bounded: after a complete poll the set is cut to the keys of the items the feed still carries plus
 * the SLACK newest others (feeds drop old items and do not bring them back; one that does is still
 * found in the index by its id). A feed of N items keeps about N × 2-3 keys.
 */
import { seenKey, type FeedStorage } from './feed-store';

export const CHUNK = 500;
export const SLACK = 500;

export class SeenSet {
  private readonly set = new Set<string>();
  /** Chunk contents in order; only the last one grows. */
  private chunks: string[][];
  private readonly dirty = new Set<number>();

  private constructor(
    private readonly feedId: string,
    chunks: string[][],
  ) {
    this.chunks = chunks.length ? chunks : [[]];
    for (const c of this.chunks) for (const k of c) this.set.add(k);
  }

  static async load(storage: FeedStorage, feedId: string, chunkCount: number): Promise<SeenSet> {
    const keys = Array.from({ length: chunkCount }, (_, n) => seenKey(feedId, n));
    const got = keys.length ? await storage.get(keys) : {};
    const chunks = keys.map((k) => (Array.isArray(got[k]) ? (got[k] as unknown[]).filter((x): x is string => typeof x === 'string') : []));
    return new SeenSet(feedId, chunks);
  }

  get size(): number {
    return this.set.size;
  }

  get chunkCount(): number {
    return this.chunks.length;
  }

  has(key: string): boolean {
    return this.set.has(key);
  }

  /** Whether any of the keys was seen. */
  any(keys: readonly string[]): boolean {
    return keys.some((k) => this.set.has(k));
  }

  add(keys: readonly string[]): void {
    for (const k of keys) {
      if (this.set.has(k)) continue;
      this.set.add(k);
      let last = this.chunks.length - 1;
      if (this.chunks[last].length >= CHUNK) {
        this.chunks.push([]);
        last++;
      }
      this.chunks[last].push(k);
      this.dirty.add(last);
    }
  }

  /** The chunks changed since the last call, as storage items; clears the marks. */
  takeChanges(): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const n of this.dirty) out[seenKey(this.feedId, n)] = this.chunks[n];
    this.dirty.clear();
    return out;
  }

  /**
   * Cuts the set to `current` (the keys of the items the feed carries, those seen) and the SLACK
   * newest other keys. Answers the storage items to write and the chunk keys to remove, or
   * undefined when nothing would change.
   */
  compact(current: ReadonlySet<string>): { write: Record<string, string[]>; remove: string[] } | undefined {
    const all = this.chunks.flat();
    const others = all.filter((k) => !current.has(k));
    if (others.length <= SLACK) return undefined;
    const keep = new Set(others.slice(-SLACK));
    const kept = all.filter((k) => current.has(k) || keep.has(k));
    const before = this.chunks.length;
    this.set.clear();
    for (const k of kept) this.set.add(k);
    this.chunks = [];
    for (let i = 0; i < kept.length; i += CHUNK) this.chunks.push(kept.slice(i, i + CHUNK));
    if (!this.chunks.length) this.chunks.push([]);
    this.dirty.clear();
    const write: Record<string, string[]> = {};
    this.chunks.forEach((c, n) => (write[seenKey(this.feedId, n)] = c));
    const remove: string[] = [];
    for (let n = this.chunks.length; n < before; n++) remove.push(seenKey(this.feedId, n));
    return { write, remove };
  }
}
