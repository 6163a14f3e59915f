/**
 * What is known of the disk's free space (background/disk-room.ts): a probe proves room for the
 * writes that follow until they have used it or the proof is stale; a disk that refuses the large
 * probe is asked for the write's own need; a refusal forgets every proof.
 */
import { describe, expect, it } from 'vitest';
import { DiskRoom, FRESH_MS, PROBE_STEP } from '../../background/disk-room';
import { probePart } from '../../background/idb-store';

const MB = 2 ** 20;

function disk(free: number) {
  let now = 0;
  const probes: number[] = [];
  const room = new DiskRoom(
    async (bytes) => {
      probes.push(bytes);
      return bytes <= free;
    },
    () => now,
  );
  return { room, probes, later: (ms: number) => void (now += ms), setFree: (b: number) => void (free = b) };
}

describe('DiskRoom', () => {
  it('probes PROBE_STEP once for several writes, and again once they have used it', async () => {
    const d = disk(10 * PROBE_STEP);
    expect(await d.room.has(40 * MB)).toBe(true);
    d.room.used(40 * MB);
    expect(await d.room.has(40 * MB)).toBe(true);
    d.room.used(40 * MB);
    expect(d.probes).toEqual([PROBE_STEP]);
    expect(await d.room.has(60 * MB)).toBe(true); // 48 MB left of the proof: probed again
    expect(d.probes).toEqual([PROBE_STEP, PROBE_STEP]);
  });

  it('probes a need larger than PROBE_STEP whole', async () => {
    const d = disk(10 * PROBE_STEP);
    expect(await d.room.has(3 * PROBE_STEP)).toBe(true);
    expect(d.probes).toEqual([3 * PROBE_STEP]);
  });

  it('probes again once the proof is older than FRESH_MS', async () => {
    const d = disk(10 * PROBE_STEP);
    await d.room.has(MB);
    d.later(FRESH_MS + 1);
    await d.room.has(MB);
    expect(d.probes).toEqual([PROBE_STEP, PROBE_STEP]);
  });

  it('asks for the need alone where PROBE_STEP does not fit, and refuses what does not', async () => {
    const d = disk(50 * MB);
    expect(await d.room.has(30 * MB)).toBe(true);
    expect(d.probes).toEqual([PROBE_STEP, 30 * MB]);
    d.room.used(30 * MB);
    d.setFree(20 * MB);
    expect(await d.room.has(30 * MB)).toBe(false);
    expect(d.probes.slice(2)).toEqual([PROBE_STEP, 30 * MB]);
  });

  it('forgets its proof after a refusal', async () => {
    const d = disk(10 * PROBE_STEP);
    await d.room.has(MB);
    d.room.forget();
    await d.room.has(MB);
    expect(d.probes.length).toBe(2);
  });
});

describe('DiskRoom for small writes', () => {
  it('probes the step it is given, and one probe serves the writes that follow', async () => {
    const d = disk(10 * PROBE_STEP);
    expect(await d.room.has(8 * MB, 16 * MB)).toBe(true);
    d.room.used(4096);
    expect(await d.room.has(8 * MB + 4096, 16 * MB)).toBe(true);
    expect(d.probes).toEqual([16 * MB]);
  });

  it('refuses a small write on a disk with less than its room', async () => {
    const d = disk(6 * MB);
    expect(await d.room.has(8 * MB, 16 * MB)).toBe(false);
    expect(d.probes).toEqual([16 * MB, 8 * MB]);
  });

  it('shares a probe under way: two callers at once make one probe', async () => {
    let release: () => void = () => undefined;
    const probes: number[] = [];
    const room = new DiskRoom(async (bytes) => {
      probes.push(bytes);
      await new Promise<void>((r) => (release = r));
      return true;
    });
    const a = room.has(MB, 16 * MB);
    const b = room.has(2 * MB, 16 * MB);
    await new Promise((r) => setTimeout(r, 0));
    release();
    expect(await Promise.all([a, b])).toEqual([true, true]);
    expect(probes).toEqual([16 * MB]);
  });
});

describe('probePart', () => {
  it('is a 16th of the probe, between 1 and 4 MB', () => {
    expect(probePart(16 * MB)).toBe(MB);
    expect(probePart(40 * MB)).toBe(2.5 * MB);
    expect(probePart(PROBE_STEP)).toBe(4 * MB);
    expect(probePart(MB / 2)).toBe(MB); // probeDisk writes min(bytes, part)
  });
});
