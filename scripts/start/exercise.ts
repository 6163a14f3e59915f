/**
 * `npm start`'s exercise: the bundled demo exercise (exercises/lennock-floodgate.exercise.json) opened
 * on the extension's exercise page, as a student starts it. scripts/start.ts calls it once the demo
 * pages are checked; with `shot`, a screenshot of the page is written there. Takes any browser
 * context with the extension loaded (npm start's session, the tests' harness).
 */
import type { BrowserContext, Page } from 'playwright-core';

export const DEMO_EXERCISE = 'lennock-floodgate';

export interface ExerciseOpened {
  page: Page;
  url: string;
}

export async function openDemoExercise(s: { context: BrowserContext; extensionId: string }, opts: { shot?: string } = {}): Promise<ExerciseOpened> {
  const url = `chrome-extension://${s.extensionId}/exercise.html?pack=${DEMO_EXERCISE}`;
  const page = await s.context.newPage();
  await page.goto(url);
  await page.waitForSelector('#ex-step[data-state="open"]', { timeout: 30_000 });
  if (opts.shot) await page.screenshot({ path: opts.shot, fullPage: true });
  return { page, url };
}
