/**
 * A student does the demo exercise in the built extension, in Chromium: opens it from the list,
 * reads each article with no highlights, answers (some right, some wrong: a quotation marked as
 * copy, the wrong first outlet, a credit imagined; one step with the keyboard alone), locks,
 * reveals (scores, what was missed, the engine's highlights and passages, the story's lanes), moves
 * outlets with the keyboard, and saves the result file, which the teacher's code reads back with
 * the same scores; a reload brings the work back, and it starts again only when the student
 * confirms. Then the same page in the dark theme and in German. No console error or CSP violation. Screenshots of every step go to
 * tests/artifacts/exercise-*.png.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePack } from '../../src/exercise/pack-schema';
import { parseResult } from '../../src/exercise/result-file';
import { openDemoExercise } from '../../scripts/start/exercise';
import { ARTIFACTS, collectPageErrors, extensionPage, launch, ROOT, type Harness } from './harness';

const pack = (() => {
  const r = parsePack(readFileSync(resolve(ROOT, 'exercises/lennock-floodgate.exercise.json'), 'utf8'));
  if (!r.ok) throw new Error(r.message);
  return r.value;
})();

let h: Harness;
let page: Page;
const errors: string[] = [];
const shot = (name: string) => page.screenshot({ path: resolve(ARTIFACTS, `exercise-${name}.png`), fullPage: true });

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  h = await launch();
  collectPageErrors(h, errors);
  page = await h.context.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
});

afterAll(async () => {
  await h?.close();
});

/** Answers the step on screen: paragraphs to mark, then a choice by its label in each question. */
async function answer(marks: number[], choices: Record<string, string>): Promise<void> {
  for (const i of marks) await page.check(`#mark-${i}`);
  for (const [kind, label] of Object.entries(choices)) await page.locator(`fieldset[data-kind="${kind}"]`).getByLabel(label, { exact: true }).check();
}

async function lockAndReveal(name: string): Promise<void> {
  await shot(`${name}-answered`);
  await page.click('#ex-lock');
  await expect.poll(() => page.getAttribute('#ex-step', 'data-state')).toBe('locked');
  expect(await page.locator('#ex-step input:not(:disabled), #ex-step textarea:not(:disabled)').count()).toBe(0);
  await page.click('#ex-reveal');
  await expect.poll(() => page.getAttribute('#ex-step', 'data-state')).toBe('revealed');
  // The focus goes to the step's results, which a screen reader then reads.
  expect(await page.evaluate(() => document.activeElement?.id)).toMatch(/^step\d+-results-h$/);
  await page.waitForSelector('.ex-lanes[data-rendered="true"]', { timeout: 30_000 });
  await shot(`${name}-revealed`);
}

const score = (qid: string) => page.getAttribute(`.ex-result[data-question="${qid}"]`, 'data-score').then(Number);
const notes = (qid: string) => page.locator(`.ex-result[data-question="${qid}"] .ex-notes li`).evaluateAll((lis) => lis.map((l) => l.getAttribute('data-note')));
const q = (kind: string, outlet?: string) => pack.questions.find((x) => x.kind === kind && (!outlet || pack.articles.find((a) => a.id === x.article)?.outlet === outlet))!.id;

describe('a student does the demo exercise', () => {
  it('opens it from the list of exercises', async () => {
    await page.goto(extensionPage(h, 'exercise.html'));
    await page.waitForSelector('main[data-ready="true"] #bundled-exercises li');
    expect(await page.locator('#bundled-exercises li h3').allTextContents()).toEqual([pack.title, 'The Pelling ferry: a credit, an update and a shared quote']);
    await shot('01-list');
    // With the keyboard: Enter on "Start as a student"; the focus goes to the exercise's heading.
    await page.focus('#bundled-exercises li[data-pack="lennock-floodgate"] button[data-open="student"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#ex-step[data-state="open"]');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('ex-intro-h');
    expect(await page.locator('.ex-steps li').count()).toBe(4);
    expect(await page.textContent('#ex-step-h')).toBe('Step 1 of 4: the article from Coastline Daily');
    // No highlights before the answers are locked, and nothing to save yet.
    expect(await page.locator('#ex-step mark').count()).toBe(0);
    expect(await page.isDisabled('#ex-save')).toBe(true);
    await page.fill('#student-name', 'Robin Q.');
  });

  it('step 1: Coastline Daily — most paragraphs right, the wrong source picked', async () => {
    await answer([0, 1, 2, 3, 4, 5, 6, 7], { source: 'Northshore Gazette', credited: 'No, the source is not named', 'original-share': '0% to 10%' });
    await page.click('.ex-other[data-article="meridian-wire/lennock-floodgate.html"] summary');
    await lockAndReveal('02-coastline');
    expect(await score(q('copied-paragraphs', 'Coastline Daily'))).toBe(2.2);
    expect(await score(q('source', 'Coastline Daily'))).toBe(0);
    expect(await notes(q('source', 'Coastline Daily'))).toEqual(['source-also-carried']);
    expect(await page.textContent(`.ex-result[data-question="${q('source', 'Coastline Daily')}"] .ex-notes`)).toBe('Northshore Gazette carried the same text, but Meridian Wire had it first: trace the story upstream.');
    expect(await score(q('credited', 'Coastline Daily'))).toBe(1);
    // The engine's highlights in the article, the paragraphs judged, the passages beside the wire's text.
    expect(await page.locator('.ex-article mark.ex-mark-copied').count()).toBeGreaterThanOrEqual(11);
    expect(await page.locator('.ex-article .ex-paragraph[data-right="false"]').count()).toBe(3);
    expect(await page.locator('.ex-findings .passage').count()).toBe(11);
    expect(await page.textContent('.ex-findings .lead')).toMatch(/Meridian Wire/);
    await page.locator('#ex-step .ex-results').screenshot({ path: resolve(ARTIFACTS, 'exercise-02-coastline-scores.png') });
    // The picture of the reveal in docs/exercises.md: the step's heading, the article with its highlights and verdicts.
    const top = await page.evaluate(() => document.getElementById('ex-step-h')!.getBoundingClientRect().top + window.scrollY);
    await page.evaluate((y) => window.scrollTo(0, y - 8), top);
    await page.screenshot({ path: resolve(ARTIFACTS, 'exercise-reveal.png') });
    await page.locator('#ex-step .ex-lanes').screenshot({ path: resolve(ARTIFACTS, 'exercise-02-coastline-lanes.png') });
    // A link of the lanes shows its passages, from the table (the keyboard's way in).
    await page.click('.ex-lanes tr:has(td:text-is("Coastline Daily")) button');
    await page.waitForSelector('.ex-lanes .edge-passages:not([hidden]) .passage');
  });

  it('step 2: The Estuary Post — the paragraphs right, a credit imagined', async () => {
    await page.click('#ex-next');
    expect(await page.textContent('#ex-step-h')).toBe('Step 2 of 4: the article from The Estuary Post');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('ex-step-h');
    await answer([3, 6, 7, 9], { source: 'Meridian Wire', credited: 'Yes, it names the source', 'original-share': '60% to 90%' });
    await lockAndReveal('03-estuary');
    expect(await score(q('copied-paragraphs', 'The Estuary Post'))).toBe(3);
    expect(await notes(q('credited', 'The Estuary Post'))).toEqual(['credit-imagined']);
    expect(await page.textContent('#step1-results-h')).toBe('Your answers: 7 of 8 points');
  });

  it('step 3: The Morning Ledger — a shared quotation marked as copy, answered with the keyboard alone', async () => {
    await page.click('#ex-next');
    // Space ticks a paragraph and picks a choice; Enter locks, the focus moves to Reveal, Enter reveals.
    const key = async (selector: string, k: string) => {
      await page.focus(selector);
      await page.keyboard.press(k);
    };
    await key('#mark-3', 'Space');
    await key(`fieldset[data-kind="source"] input[value=""]`, 'Space');
    await key(`fieldset[data-kind="original-share"] input[value="4"]`, 'Space');
    expect(await page.isChecked('#mark-3')).toBe(true);
    await shot('04-ledger-answered');
    await key('#ex-lock', 'Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('ex-reveal');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getAttribute('#ex-step', 'data-state')).toBe('revealed');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('step2-results-h');
    await page.waitForSelector('.ex-lanes[data-rendered="true"]', { timeout: 30_000 });
    await shot('04-ledger-revealed');
    expect(await score(q('source', 'The Morning Ledger'))).toBe(2);
    expect(await score(q('original-share', 'The Morning Ledger'))).toBe(2);
    expect(await notes(q('copied-paragraphs', 'The Morning Ledger'))).toEqual(['marked-quote']);
    expect(await page.textContent(`.ex-result[data-question="${q('copied-paragraphs', 'The Morning Ledger')}"] .ex-notes`)).toMatch(/A quote is not copy/);
    expect(await page.locator('.ex-article mark.ex-mark-quote').count()).toBe(4);
    await page.locator('.ex-article').screenshot({ path: resolve(ARTIFACTS, 'exercise-04-ledger-article.png') });
    expect(await page.locator('.ex-article mark.ex-mark-copied').count()).toBe(0);
  });

  it('step 4: the story — the outlets ordered with the keyboard, a reflection', async () => {
    await page.click('#ex-next');
    expect(await page.textContent('#ex-step-h')).toBe('Step 4 of 4: the whole story');
    const order = () => page.locator('.ex-order li').evaluateAll((lis) => lis.map((l) => l.getAttribute('data-outlet')));
    expect(await order()).toEqual(['Coastline Daily', 'Meridian Wire', 'Northshore Gazette', 'The Estuary Post', 'The Morning Ledger']);
    // Keyboard: focus "Move Meridian Wire up", press Enter; the focus stays on the moved outlet.
    await page.focus('button[aria-label="Move Meridian Wire up"]');
    await page.keyboard.press('Enter');
    await expect.poll(order).toEqual(['Meridian Wire', 'Coastline Daily', 'Northshore Gazette', 'The Estuary Post', 'The Morning Ledger']);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toMatch(/Meridian Wire/);
    await expect.poll(() => page.textContent('#status')).toBe('Meridian Wire is now number 1 of 5.');
    await page.fill('textarea.ex-reflection', 'Four outlets printed the wire’s words; only one said so.');
    await lockAndReveal('05-story');
    expect(await score(q('order'))).toBe(2.7);
    await page.locator('#ex-step .ex-lanes').screenshot({ path: resolve(ARTIFACTS, 'exercise-05-story-lanes.png') });
    expect(await notes(q('order'))).toEqual(['order-pairs']);
  });

  it('saves the result file, which reads back with the same scores', async () => {
    expect(await page.textContent('#ex-total')).toBe('21.6 of 26 points.');
    await shot('06-finished');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#ex-save')]);
    expect(download.suggestedFilename()).toBe('lennock-floodgate-result-robin-q.json');
    const r = parseResult(readFileSync((await download.path())!, 'utf8'), pack);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({ student: 'Robin Q.', total: 21.6, max: 26 });
    expect(r.value.answers.find((a) => a.kind === 'reflection')).toMatchObject({ text: 'Four outlets printed the wire’s words; only one said so.' });
  });

  it("the harder exercise: the wire's own update marked as copy is explained", async () => {
    await page.goto(extensionPage(h, 'exercise.html?pack=pelling-ferry'));
    await page.waitForSelector('#ex-step[data-state="open"]');
    await page.click('.ex-steps li:nth-child(2) button');
    expect(await page.textContent('#ex-step-h')).toBe('Step 2 of 5: the article from Harbourline Press');
    await answer([0, 3], { source: 'The Pelling Courier', 'original-share': '40% to 60%' });
    await lockAndReveal('09-ferry-update');
    const ferry = parsePack(readFileSync(resolve(ROOT, 'exercises/pelling-ferry.exercise.json'), 'utf8'));
    if (!ferry.ok) throw new Error(ferry.message);
    const id = (kind: string) => ferry.value.questions.find((x) => x.kind === kind && x.article === '3-harbourline-ferry-update.txt')!.id;
    expect(await notes(id('copied-paragraphs'))).toEqual(['marked-own', 'marked-original']);
    expect(await notes(id('source'))).toEqual(['source-nothing-copied']);
    expect(await page.locator('.ex-article .ex-paragraph[data-kind="own"]').count()).toBe(4);
    await page.locator('#ex-step .ex-results').screenshot({ path: resolve(ARTIFACTS, 'exercise-09-ferry-update-scores.png') });
  });

  it('brings the work back after a reload, and starts again only when the student confirms', async () => {
    await page.goto(extensionPage(h, 'exercise.html?pack=lennock-floodgate'));
    await page.waitForSelector('#ex-restored');
    expect(await page.inputValue('#student-name')).toBe('Robin Q.');
    expect(await page.locator('.ex-steps li[data-state="revealed"]').count()).toBe(4);
    expect(await page.textContent('#ex-step-h')).toBe('Step 4 of 4: the whole story');
    expect(await page.inputValue('textarea.ex-reflection')).toBe('Four outlets printed the wire’s words; only one said so.');
    expect(await page.textContent('#ex-total')).toMatch(/^21[.,]6 /);
    await shot('10-restored');
    // "Keep them" keeps them; "Yes, start again" starts with nothing.
    await page.click('#ex-start-again');
    await page.getByRole('button', { name: 'Keep them' }).click();
    expect(await page.locator('.ex-steps li[data-state="revealed"]').count()).toBe(4);
    await page.click('#ex-start-again');
    await page.click('#ex-start-again-yes');
    await page.waitForSelector('#ex-step[data-state="open"]');
    expect(await page.locator('#ex-restored').count()).toBe(0);
    expect(await page.inputValue('#student-name')).toBe('');
    expect(await page.locator('.ex-steps li[data-state="open"]').count()).toBe(4);
    // Half-way through a step: the marks and the name come back, the step still open.
    await page.fill('#student-name', 'Sam');
    await page.check('#mark-1');
    await page.reload();
    await page.waitForSelector('#ex-restored');
    expect(await page.inputValue('#student-name')).toBe('Sam');
    expect(await page.isChecked('#mark-1')).toBe(true);
    expect(await page.isChecked('#mark-0')).toBe(false);
    expect(await page.getAttribute('#ex-step', 'data-state')).toBe('open');
    await page.click('#ex-start-again');
    await page.click('#ex-start-again-yes');
    await page.waitForSelector('#ex-step[data-state="open"]');
  });

  it('reads in the dark theme and leaves no console error', async () => {
    await page.goto(extensionPage(h, 'exercise.html?pack=lennock-floodgate'));
    await page.waitForSelector('#ex-step[data-state="open"]');
    await page.check('#mark-0');
    await page.click('#ex-lock');
    await page.click('#ex-reveal');
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.waitForSelector('.ex-lanes[data-rendered="true"]', { timeout: 30_000 });
    await shot('07-dark-revealed');
    await page.locator('.ex-article').screenshot({ path: resolve(ARTIFACTS, 'exercise-07-dark-article.png') });
    await page.locator('.ex-results').screenshot({ path: resolve(ARTIFACTS, 'exercise-07-dark-scores.png') });
    await page.emulateMedia({ colorScheme: 'light' });
    expect(errors).toEqual([]);
  });
});

describe('the exercise in German', () => {
  it('shows the German interface, opened as npm start opens it', async () => {
    const de = await launch({ locale: 'de-DE' });
    try {
      const { page: p, url } = await openDemoExercise(de);
      expect(url).toBe(extensionPage(de, 'exercise.html?pack=lennock-floodgate'));
      await p.setViewportSize({ width: 1000, height: 900 });
      expect(await p.textContent('#ex-step-h')).toBe('Schritt 1 von 4: der Artikel von Coastline Daily');
      expect(await p.textContent('#ex-lock')).toBe('Antworten festlegen');
      await p.check('#mark-0');
      await p.click('#ex-lock');
      await p.click('#ex-reveal');
      await p.waitForSelector('.ex-lanes[data-rendered="true"]', { timeout: 30_000 });
      expect(await p.textContent('#step0-results-h')).toMatch(/^Deine Antworten: [\d,]+ von 8 Punkten$/);
      await p.screenshot({ path: resolve(ARTIFACTS, 'exercise-08-german.png'), fullPage: true });
    } finally {
      await de.close();
    }
  });
});
