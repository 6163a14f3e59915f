/** Times as the CLI accepts them (anything Date.parse reads) and writes them (ISO 8601, UTC). */

/** ISO 8601 form of a time string, or undefined when it is not a string or not a valid time. */
export function isoTime(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const t = Date.parse(value);
  return Number.isFinite(t) ? new Date(t).toISOString() : undefined;
}

/** "2016-08-26 10:00 UTC" for people. */
export function displayTime(iso: string | undefined): string {
  if (!iso) return 'time unknown';
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return iso;
  return new Date(t).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}
