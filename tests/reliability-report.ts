/**
 * Figures the attack tests measure, for docs/reliability.md. A test calls recordFigures() with its
 * section and rows; when WIRETRACE_RELIABILITY_OUT names a directory (set by `npm run reliability`,
 * scripts/reliability.ts) they are written there as JSON, one file a section, and the script makes
 * the page from them. Otherwise (plain `npm test`) nothing is written.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Figures {
  /** The page's section this belongs to, e.g. 'Two writers on one index'. */
  section: string;
  /** What was done, in a sentence or two (Markdown). */
  method: string;
  /** Table header and rows (Markdown cells). */
  columns: string[];
  rows: Array<Array<string | number>>;
  /** Orders sections on the page. */
  order: number;
}

/** Whether figures are being collected (long variants run then). */
export const collecting = !!process.env.WIRETRACE_RELIABILITY_OUT;

export function recordFigures(figures: Figures): void {
  const dir = process.env.WIRETRACE_RELIABILITY_OUT;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  const slug = figures.section.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  writeFileSync(join(dir, `${slug}.json`), JSON.stringify(figures, null, 2));
}

/** Whether the long variants run (WIRETRACE_LONG=1, or collecting figures for the page). */
export const long = process.env.WIRETRACE_LONG === '1' || collecting;

/** Milliseconds taken by `f`. */
export async function timed<T>(f: () => Promise<T> | T): Promise<{ value: T; ms: number }> {
  const t = performance.now();
  const value = await f();
  return { value, ms: performance.now() - t };
}
