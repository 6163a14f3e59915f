/**
 * Writing the browser attack tests' measurements for docs/reliability.md (tests/reliability-report.ts):
 * times as the page shows them, the median and largest of a trial's times, and how the worker-stop
 * attacks name their outcomes. Sections of the extension's attacks come after the command line's.
 */
export { collecting, long, recordFigures } from '../reliability-report';

/** Order of the extension's sections on the page (after the command line's 1-9). */
export const ORDER = { record: 10, import: 11, delete: 12, diskFull: 13, importMemory: 14, pageScripts: 15, hostilePage: 16 } as const;

/** Milliseconds as seconds with one decimal ("2.4 s"). */
export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** "median / max" of some times, in seconds; a dash for none. */
export function medianMax(ms: number[]): string {
  if (!ms.length) return '–';
  const s = [...ms].sort((a, b) => a - b);
  const mid = s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  return `${seconds(mid)} / ${seconds(s[s.length - 1])}`;
}

/** How many of `xs` are `what`. */
export const count = <T>(xs: T[], what: T) => xs.filter((x) => x === what).length;

/**
 * A browser's own words leaking into what the page says: an extension message that found no
 * listener, a port closed before it answered (what a stopped worker gives a page that is not ready).
 */
export const RAW_BROWSER_TEXT = /listener|message channel|receiving end|port closed/i;

/** The columns the sections of imports, records and deletions cut by the worker's stop share. */
export const STOP_COLUMNS = ['attack', 'trials', 'finished whole', 'nothing of it visible', 'part, in whole batches', 'lost', 'raw browser text shown', 'time to the last word (median / max)'];
