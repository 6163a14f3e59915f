/**
 * How `npm start` runs: headed (a browser window left open for the reader) when there is a display,
 * headless (reports on stdout, screenshots written, everything closed) otherwise.
 */
export interface StartMode {
  headless: boolean;
  /** Why, for the first line of output. */
  reason: string;
}

export function startMode(argv: readonly string[], env: NodeJS.ProcessEnv): StartMode {
  if (argv.includes('--headless')) return { headless: true, reason: '--headless' };
  if (env.CI && env.CI !== 'false' && env.CI !== '0') return { headless: true, reason: `CI=${env.CI}` };
  if (!env.DISPLAY && !env.WAYLAND_DISPLAY) return { headless: true, reason: 'no DISPLAY' };
  return { headless: false, reason: `DISPLAY=${env.DISPLAY ?? env.WAYLAND_DISPLAY}` };
}

export const USAGE = `Usage: npm start [-- --headless]

Builds the extension, serves the demo pages at http://127.0.0.1:8471/ and opens Chromium
(/usr/bin/chromium, or CHROMIUM_PATH) with dist/chrome-test loaded. Adds the demo wire's
feed in the Library first, so the wire's stories are in the index, then opens the outlets'
pages in publication order with the Wiretrace popup for each, as a reader clicking the
toolbar icon would: each names the wire as its source, though its page was never opened.

  with a display   the browser stays open on the last article and its popup (Ctrl+C to stop)
  headless         (no DISPLAY, CI=true or --headless) prints each report, writes popup and
                   page screenshots to tests/artifacts/start/, closes everything`;
