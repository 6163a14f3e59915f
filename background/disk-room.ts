/**
 * Proof that the disk has room for a large write, before the write.
 *
 * Chromium's quota says nothing of the disk's free space: `navigator.storage.estimate()` gives an
 * extension its usage plus a fixed share of the disk's size (1 GiB on an 80 MB disk, 2 GiB on a
 * 2 GB one with 1.7 GB of it used, 10 GiB on a large one). And when its database's log cannot be
 * appended to for lack of disk (`FILE_ERROR_NO_SPACE`), Chromium closes the connection and drops
 * the origin's whole database: every article stored before is gone (seen in 5 of 27 runs of
 * tests/extension/disk-full.test.ts before this). A Blob value is written to a file of its own before
 * the log, and a full disk refuses it with QuotaExceededError, harming nothing.
 *
 * So an import's chunk, a merge or a generation's copy first asks has(need). The room is known from
 * the last probe, less what was written since (used()), for FRESH_MS. Otherwise a new probe proves
 * it: max(need, PROBE_STEP) bytes of Blobs written in a transaction of their own and deleted at once
 * (IdbStore.probeDisk), or `need` alone where that does not fit. Probes write about 1 GB/s (128 MB
 * in 117 ms on a tmpfs, in slices of one Blob), so an import writes about as much again in probes as
 * in data, for a few percent of its time. An import's last chunk (a small file's only one) has no
 * write after it to cover, and proves its own need alone. A recorded article (a few kilobytes) asks
 * for a small room with a probe of that size (IdbStore.RECORD_ROOM): a disk filled to its last megabytes by other
 * programs would otherwise take the whole index with a record's log write. The record waits for that
 * probe after the popup shows its report, and one probe serves the records of the next FRESH_MS.
 * Firefox's quota follows the disk's size, not its free space (about a tenth of it), and a write
 * that meets a full disk there leaves a database Firefox cannot open while the disk stays full: the probe
 * is made there too. Firefox frees a probe's files some seconds after it (docs/design.md).
 */

/** Bytes a probe proves at least: one probe covers several chunks of an import. */
export const PROBE_STEP = 128 * 2 ** 20;
/** How long a probe's proof holds: other programs use the disk too. */
export const FRESH_MS = 30_000;

export class DiskRoom {
  /** Bytes proven free by the last probe, less those written since; and when it was proven. */
  private proven = 0;
  private at = -Infinity;

  constructor(
    /** Writes and deletes `bytes` of probe: true when the disk took them, false when it was full. */
    private readonly probe: (bytes: number) => Promise<boolean>,
    private readonly now: () => number = Date.now,
  ) {}

  /** A probe under way: a second caller waits for it before it decides (no two probes at once). */
  private probing: Promise<boolean> | undefined;

  /**
   * Whether `need` bytes are free: known from the last probe, or proven by a new one of at least
   * `step` bytes (a small write asks for a small probe).
   */
  async has(need: number, step = PROBE_STEP): Promise<boolean> {
    while (this.probing) await this.probing.catch(() => undefined);
    if (this.now() - this.at <= FRESH_MS && this.proven >= need) return true;
    const probing = this.prove(need, step);
    this.probing = probing;
    try {
      return await probing;
    } finally {
      this.probing = undefined;
    }
  }

  private async prove(need: number, step: number): Promise<boolean> {
    // A probe of `step` covers the next writes too; where the disk has less, `need` alone may fit.
    let bytes = Math.max(need, step);
    let took = await this.probe(bytes);
    if (!took && bytes > need) took = await this.probe((bytes = need));
    if (!took) {
      this.forget();
      return false;
    }
    this.proven = bytes;
    this.at = this.now();
    return true;
  }

  /** `bytes` were written: that much less is known to be free. */
  used(bytes: number): void {
    this.proven -= bytes;
  }

  /** Nothing is known to be free (a write refused, the index cleared). */
  forget(): void {
    this.proven = 0;
    this.at = -Infinity;
  }
}
