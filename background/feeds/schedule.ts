/**
 * When a feed is polled next: its interval after a good poll; after failures, the interval doubled
 * per failure in a row (exponential back-off), capped at a day (or the interval, when that is
 * longer), so a feed that is down is asked less and less often and never more than the user chose.
 * A poll in progress holds a lease: its feed is due again LEASE_MS after the start, so a worker
 * stopped mid-poll takes it up again at the next alarm. Pure: the clock is the caller's.
 */

export const MINUTE = 60_000;
/** The longest back-off (unless the interval is longer). */
export const MAX_BACKOFF_MS = 24 * 60 * MINUTE;
/** How long a started poll keeps its feed from being due again. */
export const LEASE_MS = 2 * MINUTE;
/** Time limits of one request: under 30 s, after which Chromium stops a worker waiting for a fetch. */
export const FEED_TIMEOUT_MS = 20_000;
export const PAGE_TIMEOUT_MS = 20_000;

export function delayAfter(intervalMinutes: number, failures: number): number {
  const interval = intervalMinutes * MINUTE;
  if (failures <= 0) return interval;
  const cap = Math.max(MAX_BACKOFF_MS, interval);
  // 2^failures overflows nothing before the cap: at most 2^31 is asked for.
  return Math.min(cap, interval * 2 ** Math.min(failures, 31));
}

/** The next due time after a poll that ended at `now` with `failures` failures in a row. */
export function nextDueAfter(now: number, intervalMinutes: number, failures: number): number {
  return now + delayAfter(intervalMinutes, failures);
}

/** The time the single alarm should fire: the earliest due time, not before `now`. */
export function alarmTime(dues: readonly number[], now: number): number | undefined {
  if (dues.length === 0) return undefined;
  return Math.max(now, Math.min(...dues));
}
