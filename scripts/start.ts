/**
 * `npm start`: the Wiretrace demo in Chromium.
 *
 *   1. builds the extension (scripts/build.ts: dist/chrome, dist/chrome-test, dist/firefox)
 *   2. serves demo/ at its fixed address, http://127.0.0.1:8471/ (demo/address.ts, demo/serve.ts),
 *      the address the demo pack's articles are recorded under; a port in use is said so
 *   3. launches Debian's Chromium with dist/chrome-test and adds the demo wire's feed
 *      (demo/meridian-wire/feed.xml) in the library's Feeds section, awaiting its first poll: the
 *      wire's stories are in the index before the reader needs them
 *   4. visits the outlets' pages in publication order (demo/articles.json, the wire's own pages left
 *      out: the reader never opens them), then the page that is not an article, opening the popup
 *      for each, so each is checked (against the wire's stories from the feed) and recorded
 *   5. opens the Library on the demo story and the demo exercise
 *   6. with a display: leaves the browser open on the last article and its popup (Ctrl+C ends it);
 *      headless (no DISPLAY, CI=true or --headless): prints each report, writes screenshots to
 *      tests/artifacts/start/ (each popup in the light theme, one in the dark theme, pages with
 *      highlights), closes everything and exits 0. Any failed step exits 1 with a message.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { DEMO_PORT, DEMO_URL } from '../demo/address';
import { PortTakenError, serveStatic, type StaticServer } from '../demo/serve';
import { assertChromium, highlight, launch, openPopup, openTab, showWithPopup, type Session } from './start/chromium';
import { loadDemoPages, readerPages, visitOrder } from './start/demo';
import { openDemoExercise } from './start/exercise';
import { openLibraryStory } from './start/library';
import { addDemoFeed } from './start/demo-feed';
import { startMode, USAGE } from './start/mode';
import { pageReport } from './start/report';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DEMO = resolve(ROOT, 'demo');
const EXTENSION = resolve(ROOT, 'dist/chrome-test');
const SHOTS = resolve(ROOT, 'tests/artifacts/start');

class StepError extends Error {}

async function step<T>(name: string, fn: () => Promise<T> | T): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw new StepError(`npm start: ${name} failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function slug(path: string): string {
  return path.replace(/\.html$/, '').replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').toLowerCase();
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) return void console.log(USAGE);
  const unknown = argv.filter((a) => a !== '--headless');
  if (unknown.length) throw new StepError(`npm start: unknown argument ${unknown.join(' ')}\n\n${USAGE}`);
  const mode = startMode(argv, process.env);
  console.log(`Wiretrace demo, ${mode.headless ? 'headless' : 'headed'} (${mode.reason})`);

  await step('finding Chromium', assertChromium);
  await step('the build (npm run build)', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build.ts'], { cwd: ROOT, stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`exit ${r.status ?? r.signal}`);
  });
  const pages = await step('reading demo/articles.json', () => readerPages(visitOrder(loadDemoPages(DEMO))));

  let server: StaticServer | undefined;
  let session: Session | undefined;
  const shutdown = async () => {
    await session?.close();
    await server?.close();
  };
  try {
    server = await step('serving demo/', () =>
      serveStatic(DEMO, { port: DEMO_PORT }).catch((e: unknown) => {
        if (!(e instanceof PortTakenError)) throw e;
        throw new Error(
          `${e.message}. The demo is served at ${DEMO_URL} because the demo pack's articles are recorded under that address. ` +
            `Stop what listens there (another npm start?) and run npm start again; \`ss -ltnp 'sport = :${DEMO_PORT}'\` names it.`,
        );
      }),
    );
    console.log(`Demo pages: ${server.url}`);
    session = await step('launching Chromium', () => launch({ extensionDir: EXTENSION, headless: mode.headless }));
    console.log(`Extension ${session.extensionId} loaded from ${EXTENSION}\n`);
    if (mode.headless) {
      rmSync(SHOTS, { recursive: true, force: true });
      mkdirSync(SHOTS, { recursive: true });
    }

    const shots: string[] = [];
    // The wire's feed first: its stories are in the index before the reader opens a page that copies them.
    const feedUrl = new URL('meridian-wire/feed.xml', server.url).href;
    const demoFeed = await step('adding the demo feed', () => addDemoFeed(session!, feedUrl));
    console.log(`Demo feed ${feedUrl} added in the Library: ${demoFeed.lastPoll}`);
    console.log("The wire's stories are now in the index; the reader opens only the outlets' pages.\n");
    if (mode.headless) {
      const shot = resolve(SHOTS, '00-library-feeds.png');
      await demoFeed.page.locator('#feeds').screenshot({ path: shot });
      shots.push(shot);
    }
    await demoFeed.page.close();

    let last: { page: Page; tabId: number } | undefined;
    let darkDone = false;
    for (const [i, demo] of pages.entries()) {
      const url = new URL(demo.path, server.url).href;
      const { page, tabId } = await step(`opening ${demo.path}`, () => openTab(session!, url));
      const { popup, reply, state, recorded } = await step(`the popup for ${demo.path}`, () => openPopup(session!, tabId));
      console.log(pageReport(i + 1, demo, url, reply, state, recorded));
      if (!reply.ok) throw new StepError(`npm start: the check of ${demo.path} failed: ${reply.error}`);
      if (demo.role === 'not-article' && state !== 'not-article') throw new StepError(`npm start: ${demo.path} should show "not an article", the popup shows ${state}`);
      if (demo.role !== 'not-article' && reply.res.status !== 'report') throw new StepError(`npm start: ${demo.path} should give a report, the popup shows ${state}`);

      if (mode.headless) {
        const base = `${String(i + 1).padStart(2, '0')}-${slug(demo.path)}`;
        const shot = resolve(SHOTS, `${base}-popup.png`);
        await popup.screenshot({ path: shot, fullPage: true });
        shots.push(shot);
        if (!darkDone && state === 'found' && demo.role === 'light-edit-uncredited') {
          await popup.emulateMedia({ colorScheme: 'dark' });
          const dark = resolve(SHOTS, `${base}-popup-dark.png`);
          await popup.screenshot({ path: dark, fullPage: true });
          await popup.emulateMedia({ colorScheme: 'light' });
          shots.push(dark);
          darkDone = true;
        }
        if (state === 'found') {
          const status = await step(`highlighting ${demo.path}`, () => highlight(popup));
          console.log(`${status}\n`);
          await page.bringToFront();
          const pageShot = resolve(SHOTS, `${base}-page-highlighted.png`);
          await page.screenshot({ path: pageShot, fullPage: true });
          shots.push(pageShot);
        }
      }
      if (demo.role === 'hostile') {
        const pwned = await page.evaluate(() => (globalThis as unknown as { __pwned?: unknown }).__pwned);
        if (pwned !== undefined) throw new StepError(`npm start: the hostile page's text ran as script (window.__pwned = ${JSON.stringify(pwned)})`);
      }
      if (mode.headless) {
        await popup.close();
        await page.close();
      } else if (reply.ok && reply.res.status === 'report') {
        last = { page, tabId };
      }
    }

    const library = await step('opening the Library on the demo story', () =>
      openLibraryStory(session!, 'Coastline Daily', mode.headless ? { shot: resolve(SHOTS, 'library.png'), storyShot: resolve(SHOTS, 'library-syndication.png') } : {}),
    );
    console.log(`Library: ${library.url()} (the demo story's syndication)`);
    if (mode.headless) shots.push(resolve(SHOTS, 'library.png'), resolve(SHOTS, 'library-syndication.png'));
    const exercise = await step('opening the demo exercise', () => openDemoExercise(session!, mode.headless ? { shot: resolve(SHOTS, 'exercise.png') } : {}));
    console.log(`Demo exercise: ${exercise.url}\n`);
    if (mode.headless) {
      shots.push(resolve(SHOTS, 'exercise.png'));
      await library.close();
      await exercise.page.close();
    }

    if (mode.headless) {
      if (!darkDone) throw new StepError('npm start: no popup in the "found" state for the dark-theme screenshot');
      console.log(`Screenshots (${shots.length}) in ${SHOTS}:`);
      for (const s of shots) console.log(`  ${s}`);
      return;
    }
    if (last) await step('showing the last article with its popup', () => showWithPopup(session!, last!.page, last!.tabId));
    console.log(
      [
        'The browser stays open on the last article with its Wiretrace popup beside it, the Library on the',
        'demo story and the demo exercise in tabs of their own.',
        `  demo index     ${server.url}`,
        `  extension      ${EXTENSION} (id ${session.extensionId})`,
        `  options page   chrome-extension://${session.extensionId}/options.html`,
        `  profile        ${session.profile} (removed on exit)`,
        'Close the browser or press Ctrl+C to stop.',
      ].join('\n'),
    );
    await new Promise<void>((done) => {
      session!.context.on('close', () => done());
      process.once('SIGINT', () => done());
      process.once('SIGTERM', () => done());
    });
  } finally {
    await shutdown();
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e instanceof StepError ? e.message : `npm start failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    process.exit(1);
  },
);
