/**
 * compactAfterDelete: the nudges that let Chromium give back a deleted database's space, made again
 * while the origin still counts most of what it held, and not at all once the index is open again.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { compactAfterDelete } from '../../background/idb-store';

const MB = 2 ** 20;
const waits = [1, 1, 1];
const readings = (...values: Array<number | undefined>) => {
  let i = 0;
  const fn = async () => {
    fn.calls++;
    return values[Math.min(i++, values.length - 1)];
  };
  fn.calls = 0;
  return fn;
};

describe('compactAfterDelete', () => {
  it('nudges none where the delete gave the space back at once (Firefox)', async () => {
    const usage = readings(0.2 * MB);
    expect(await compactAfterDelete('wt-compact-a', { before: 10 * MB, waits, usage })).toBe(0);
    expect(usage.calls).toBe(1);
  });

  it('nudges, and again after each wait while the origin still counts more than half of what it held', async () => {
    expect(await compactAfterDelete('wt-compact-b', { before: 10 * MB, waits, usage: readings(9.9 * MB, 0.3 * MB) })).toBe(1);
    expect(await compactAfterDelete('wt-compact-c', { before: 10 * MB, waits, usage: readings(9.9 * MB, 9.9 * MB, 0.3 * MB) })).toBe(2);
    expect(await compactAfterDelete('wt-compact-d', { before: 10 * MB, waits, usage: readings(9.9 * MB) })).toBe(3);
  });

  it('nudges once where there was little to free or the browser cannot say what it uses', async () => {
    const small = readings(0.5 * MB);
    expect(await compactAfterDelete('wt-compact-e', { before: 0.5 * MB, waits, usage: small })).toBe(1);
    expect(small.calls).toBe(0);
    expect(await compactAfterDelete('wt-compact-f', { before: undefined, waits, usage: readings(10 * MB) })).toBe(1);
    expect(await compactAfterDelete('wt-compact-g', { before: 10 * MB, waits, usage: readings(undefined) })).toBe(1);
  });

  it('stops once the database is open again, and leaves no scratch database behind', async () => {
    let open = false;
    const done = compactAfterDelete('wt-compact-h', { before: 10 * MB, waits: [1, 30, 30], usage: readings(9.9 * MB), stillClosed: () => !open });
    await new Promise((ok) => setTimeout(ok, 15));
    open = true;
    expect(await done).toBe(1);
    expect((await indexedDB.databases()).map((d) => d.name)).not.toContain('wt-compact-h-compact');
  });
});
