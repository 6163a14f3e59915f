/**
 * The fingerprint buckets a worker's checks have read (fingerprints.ts), kept while it lives.
 *
 * Why: a check counts the fingerprints of each candidate in its outlet, one read per bucket, and
 * its candidates come from a few outlets (a wire, the papers that carry it), whose buckets the next
 * checks read again: at 100,000 articles the counts took 4-110 ms of an awake worker's check,
 * growing with its candidates. Kept, they took about a quarter less over 12 checks (docs/design.md,
 * "What changed, each for a measured reason").
 *
 * Staleness: every write to the fingerprints store calls invalidate() as its transaction is created
 * (IdbStore.writeTx), which moves the generation on and drops the buckets the write may change (a
 * record names them: the buckets of its own fingerprints; any other write drops all); a read keeps
 * what it found only if no write began since the read did (its transaction may have been ordered
 * before the write's). A read begun after the write's transaction was created waits for that
 * transaction (overlapping scopes run in order), so it sees the write. The bench's popups record
 * each page they check: dropping everything at a record would leave the next check nothing.
 *
 * Size: at most `maxBytes` of buckets, the least recently used dropped first.
 */
import type { FpBucket } from './fingerprints';

/** Bytes of buckets kept at most (an outlet of 80,000 articles has ~4 MB of them). */
export const FP_CACHE_BYTES = 16 * 2 ** 20;

const bytesOf = (b: FpBucket | null): number => (b ? b.f.byteLength + b.c.byteLength : 0) + 64;

export class FpBucketCache {
  private gen = 0;
  private readonly kept = new Map<string, FpBucket | null>();
  private bytes = 0;

  constructor(private readonly maxBytes: number = FP_CACHE_BYTES) {}

  /** Changes with every invalidate(): a read notes it before it starts, and gives it to keep(). */
  get generation(): number {
    return this.gen;
  }

  /** Bytes kept now. */
  get size(): number {
    return this.bytes;
  }

  /** The bucket kept under `id` (null: read, and absent from the store), or undefined when not kept. */
  get(id: string): FpBucket | null | undefined {
    const b = this.kept.get(id);
    if (b === undefined) return undefined;
    // Most recently used last.
    this.kept.delete(id);
    this.kept.set(id, b);
    return b;
  }

  /** Keeps `b`, read under generation `gen`, unless a write has begun since. */
  keep(id: string, b: FpBucket | null, gen: number): void {
    if (gen !== this.gen) return;
    const old = this.kept.get(id);
    if (old !== undefined) {
      this.bytes -= bytesOf(old);
      this.kept.delete(id);
    }
    const size = bytesOf(b);
    if (size > this.maxBytes) return;
    this.kept.set(id, b);
    this.bytes += size;
    for (const [k, v] of this.kept) {
      if (this.bytes <= this.maxBytes) break;
      this.kept.delete(k);
      this.bytes -= bytesOf(v);
    }
  }

  /**
   * A write to the fingerprints store is about to begin: reads under way are not kept, and the
   * buckets `ids` (all, when not named: a deletion, an import, another database) are forgotten.
   */
  invalidate(ids?: Iterable<string>): void {
    this.gen++;
    if (!ids) {
      this.kept.clear();
      this.bytes = 0;
      return;
    }
    for (const id of ids) {
      const old = this.kept.get(id);
      if (old === undefined) continue;
      this.kept.delete(id);
      this.bytes -= bytesOf(old);
    }
  }
}
