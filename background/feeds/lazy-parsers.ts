/**
 * The feed parsers (feed-parsers.ts), evaluated when a feed is first read rather than whenever the
 * worker starts.
 *
 * Why: the browser stops an idle service worker after about 30 s, and the next popup's check waits
 * for it to start again. With the parsers (feedsmith, linkedom, Readability: ~1.1 of the 1.6 MB of
 * background code) evaluated at every start, the worker's first message waited longer
 * (docs/design.md, "The background's start"). The background is built as one file (vite.config.ts,
 * backgroundConfig), so this import is bundled as a module initialised on its first call, not
 * fetched: service workers may not import() at run time, and the build refuses a background that
 * would (scripts/build.ts).
 */
export type FeedParsers = typeof import('./feed-parsers');

let loaded: Promise<FeedParsers> | undefined;

export function feedParsers(): Promise<FeedParsers> {
  loaded ??= import('./feed-parsers');
  return loaded;
}
