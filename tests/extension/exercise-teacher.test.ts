/**
 * The teacher's side of exercises in the built extension, in Chromium: the demo exercise's teacher
 * view (its answer key, printed alone), three students' result files imported into the class's
 * summary (score per question, the common wrong first source, the time taken) with its CSV, result
 * files of another exercise or broken refused with the line and field at fault, the preview as a
 * student, the exercise exported as it was opened; malformed exercise files refused with the line
 * and field; and an exercise made from the demo story in the Library ("Make an exercise"), the
 * articles and the questions chosen, with answers from the engine; the teacher's view in German and
 * in the dark theme, warning of an answer edited by hand. No console error or CSP violation.
 * Screenshots go to tests/artifacts/.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractHtml } from '../../cli/read-html';
import { Engine } from '../../src/engine/engine';
import { MemoryStore } from '../../src/engine/memory-store';
import { exportIndex } from '../../src/engine/serialize';
import { parsePack, type ExercisePack } from '../../src/exercise/pack-schema';
import { makeResult, resultText } from '../../src/exercise/result-file';
import type { Answers } from '../../src/exercise/score';
import { ARTIFACTS, collectPageErrors, extensionPage, launch, ROOT, type Harness } from './harness';

const read = (name: string) => readFileSync(resolve(ROOT, 'exercises', name), 'utf8');
const load = (text: string): ExercisePack => {
  const r = parsePack(text);
  if (!r.ok) throw new Error(r.message);
  return r.value;
};
const demoText = read('lennock-floodgate.exercise.json');
const demo = load(demoText);
const ferry = load(read('pelling-ferry.exercise.json'));

/** A student's result: every answer right except those `edit` changes; `minutes` taken. */
function result(pack: ExercisePack, name: string, minutes: number, edit: (a: Answers, q: (kind: string, outlet?: string) => string) => void): Buffer {
  const answers: Answers = {};
  for (const q of pack.questions) {
    if (q.kind === 'copied-paragraphs') answers[q.id] = { kind: q.kind, paragraphs: q.answer.paragraphs };
    else if (q.kind === 'source') answers[q.id] = { kind: q.kind, outlet: q.answer.outlet };
    else if (q.kind === 'credited') answers[q.id] = { kind: q.kind, credited: q.answer.credited };
    else if (q.kind === 'original-share') answers[q.id] = { kind: q.kind, band: q.answer.band };
    else if (q.kind === 'order') answers[q.id] = { kind: q.kind, order: q.answer.order };
    else answers[q.id] = { kind: 'reflection', text: `${name}'s thoughts, "quoted", on two lines\nsecond line` };
  }
  const byKind = (kind: string, outlet?: string) => pack.questions.find((x) => x.kind === kind && (!outlet || pack.articles.find((a) => a.id === x.article)?.outlet === outlet))!.id;
  edit(answers, byKind);
  const start = new Date('2026-01-12T09:00:00Z');
  return Buffer.from(resultText(makeResult(pack, name, answers, start, new Date(start.getTime() + minutes * 60_000))));
}

const order = demo.questions.find((q) => q.kind === 'order')!;
const firstWrong = (first: string) => ({ kind: 'order' as const, order: [first, ...(order.kind === 'order' ? order.answer.order : []).filter((o) => o !== first)] });

let h: Harness;
let page: Page;
const errors: string[] = [];
const shot = (name: string) => page.screenshot({ path: resolve(ARTIFACTS, `exercise-teacher-${name}.png`), fullPage: true });

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  h = await launch();
  collectPageErrors(h, errors);
  page = await h.context.newPage();
  await page.setViewportSize({ width: 1100, height: 900 });
});

afterAll(async () => {
  await h?.close();
});

describe("the teacher's view", () => {
  it('shows the exercise and its answer key, and prints the key alone', async () => {
    await page.goto(extensionPage(h, 'exercise.html?pack=lennock-floodgate&mode=teacher'));
    await page.waitForSelector('main[data-ready="true"] #answer-key');
    expect(await page.textContent('#ex-teacher-h')).toBe(`Teacher’s view: ${demo.title}`);
    expect(await page.locator('.ex-warning').count()).toBe(0);
    expect(await page.locator('#answer-key .ex-key-questions > li').count()).toBe(demo.questions.length);
    expect(await page.textContent('#answer-key li[data-question="q2"]')).toMatch(/Answer: Meridian Wire/);
    await shot('01-view');
    await page.emulateMedia({ media: 'print' });
    expect(await page.isVisible('.ex-teacher')).toBe(false);
    expect(await page.isVisible('#class-results')).toBe(false);
    expect(await page.isVisible('#answer-key')).toBe(true);
    // Nor the line the page last announced ("The exercise was exported", say).
    expect(await page.evaluate(() => getComputedStyle(document.getElementById('status')!).display)).toBe('none');
    await shot('02-print');
    await page.emulateMedia({ media: 'screen' });
  });

  it("imports three students' result files into the class's summary, refusing two that do not fit", async () => {
    const files = [
      { name: 'ada.json', mimeType: 'application/json', buffer: result(demo, 'Ada', 15, (a, q) => (a[q('order')] = firstWrong('Northshore Gazette'))) },
      {
        name: 'ben.json',
        mimeType: 'application/json',
        buffer: result(demo, 'Ben', 25, (a, q) => {
          a[q('order')] = firstWrong('Northshore Gazette');
          a[q('credited', 'Coastline Daily')] = { kind: 'credited', credited: 'yes' };
        }),
      },
      {
        name: 'cy.json',
        mimeType: 'application/json',
        buffer: result(demo, 'Cy', 20, (a, q) => {
          a[q('order')] = firstWrong('Coastline Daily');
          a[q('copied-paragraphs', 'The Morning Ledger')] = { kind: 'copied-paragraphs', paragraphs: [3, 5] };
        }),
      },
      { name: 'ferry.json', mimeType: 'application/json', buffer: result(ferry, 'Dee', 30, () => {}) },
      { name: 'cut.json', mimeType: 'application/json', buffer: result(demo, 'Eve', 30, () => {}).subarray(0, 300) },
    ];
    await page.setInputFiles('#results-file', files);
    await page.waitForSelector('#class-students tbody tr');
    expect(await page.locator('#class-students tbody tr th').allTextContents()).toEqual(['Ada', 'Ben', 'Cy']);
    expect(await page.locator('#results-refused li').allTextContents()).toEqual([
      expect.stringMatching(/^ferry\.json was not added: line 5: exercise\.id: is the result of another exercise \("The Pelling ferry/),
      expect.stringMatching(/^cut\.json was not added: line \d+: not valid JSON \(a string is not closed, column \d+\)$/),
    ]);
    expect(await page.textContent('[data-fact="students"]')).toBe('3 students');
    expect(await page.textContent('[data-fact="wrong-first"]')).toBe('Most common wrong first source: Northshore Gazette (2 students put it first; Meridian Wire had the story first)');
    expect(await page.textContent('[data-fact="time"]')).toBe('Time taken: 20:00 min (median), 15:00 min to 25:00 min');
    const credited = demo.questions.find((q) => q.kind === 'credited')!.id;
    expect(await page.textContent(`#class-questions tr[data-question="${credited}"] td[data-col="full"]`)).toBe('2 of 3');
    expect(await page.textContent(`#class-questions tr[data-question="${credited}"] td[data-col="mean"]`)).toBe('0.7 of 1');
    expect(await page.textContent(`#class-questions tr[data-question="${order.id}"] td[data-col="full"]`)).toBe('0 of 3');
    await shot('03-class');
    await page.locator('#class-results').screenshot({ path: resolve(ARTIFACTS, 'exercise-teacher-03-class-section.png') });
    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#export-class-csv')]);
    expect(csv.suggestedFilename()).toBe('lennock-floodgate-class.csv');
    const lines = readFileSync((await csv.path())!, 'utf8').split('\r\n');
    expect(lines[0]).toMatch(/^student,seconds,total,q1 copied-paragraphs \(Coastline Daily\) \/3,/);
    expect(lines.slice(1, 4).map((l) => l.split(',').slice(0, 3).join(','))).toEqual(['Ada,900,25.7', 'Ben,1500,24.7', 'Cy,1200,24.8']);
    expect(lines[1]).toMatch(/,"Ada's thoughts, ""quoted"", on two lines\nsecond line"$/);
  });

  it('previews the exercise as a student and comes back', async () => {
    await page.click('#ex-preview');
    await page.waitForSelector('.ex-preview');
    expect(await page.textContent('#ex-step-h')).toBe('Step 1 of 4: the article from Coastline Daily');
    // Each view that replaces another takes the focus to its heading.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('ex-intro-h');
    await shot('04-preview');
    await page.click('#ex-back');
    await page.waitForSelector('#answer-key');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('ex-teacher-h');
  });

  it('exports the exercise as it was opened', async () => {
    const [d] = await Promise.all([page.waitForEvent('download'), page.click('#ex-export')]);
    expect(d.suggestedFilename()).toBe('lennock-floodgate.exercise.json');
    expect(readFileSync((await d.path())!, 'utf8')).toBe(demoText);
  });
});

describe('malformed exercise files', () => {
  it('are refused with the line and the field at fault', async () => {
    await page.goto(extensionPage(h, 'exercise.html'));
    await page.waitForSelector('main[data-ready="true"]');
    const open = async (name: string, text: string) => {
      await page.setInputFiles('#pack-file', { name, mimeType: 'application/json', buffer: Buffer.from(text) });
      await expect.poll(() => page.textContent('#pack-error')).not.toBe('');
      return page.textContent('#pack-error');
    };
    const badJson = demoText.replace('"minutes": 30,', '"minutes": 30');
    expect(await open('broken.exercise.json', badJson)).toBe("broken.exercise.json cannot be opened: line 9: not valid JSON (expected ',' or '}' after a field, found '\"', column 3)");
    const p = JSON.parse(demoText);
    p.questions[2].points = 'three';
    const text = JSON.stringify(p, null, 2);
    const line = text.slice(0, text.indexOf('"points": "three"')).split('\n').length;
    expect(await open('points.exercise.json', text)).toBe(`points.exercise.json cannot be opened: line ${line}: questions[2].points: must be a number`);
    expect(await open('demo.pack.jsonl', readFileSync(resolve(ROOT, 'demo/demo.pack.jsonl'), 'utf8').split('\n')[0])).toMatch(/line 1: format: is an index pack \(wiretrace-index\), not an exercise/);
    await shot('05-refused');
    // A good file opens after a bad one.
    await page.setInputFiles('#pack-file', { name: 'ferry.exercise.json', mimeType: 'application/json', buffer: Buffer.from(read('pelling-ferry.exercise.json')) });
    await page.waitForSelector('#file-exercise li[data-pack="ferry"]');
    expect(await page.textContent('#pack-error')).toBe('');
  });
});

describe("the teacher's view in German and in the dark theme", () => {
  it('shows the class summary in German, warns of answers edited by hand, and reads in the dark', async () => {
    const de = await launch({ locale: 'de-DE' });
    try {
      const p = await de.context.newPage();
      const failures: string[] = [];
      p.on('pageerror', (e) => failures.push(e.message));
      p.on('console', (m) => m.type() === 'error' && failures.push(m.text()));
      await p.setViewportSize({ width: 1100, height: 900 });
      // An exercise whose answer to q2 was typed over by hand: the teacher is told which question differs.
      const edited = JSON.parse(demoText);
      edited.questions[1].answer = { outlet: 'Northshore Gazette', article: 'northshore-gazette/lennock-floodgate-evacuation.html' };
      await p.goto(extensionPage(de, 'exercise.html'));
      await p.waitForSelector('main[data-ready="true"]');
      await p.setInputFiles('#pack-file', { name: 'edited.exercise.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(edited, null, 2)) });
      await p.click('#file-exercise button[data-open="teacher"]');
      await p.waitForSelector('#answer-key');
      expect(await p.textContent('#ex-teacher-h')).toBe(`Ansicht für Lehrkräfte: ${demo.title}`);
      expect(await p.textContent('.ex-warning')).toMatch(/^Einige Antworten dieser Übung .*\(Fragen q2\)/);
      await p.setInputFiles('#results-file', [
        { name: 'ada.json', mimeType: 'application/json', buffer: result(demo, 'Ada', 15, (a, q) => (a[q('order')] = firstWrong('Northshore Gazette'))) },
        { name: 'ben.json', mimeType: 'application/json', buffer: result(demo, 'Ben', 25, () => {}) },
      ]);
      await p.waitForSelector('#class-students tbody tr');
      expect(await p.textContent('#class-results-h')).toBe('Die Ergebnisse der Klasse');
      expect(await p.textContent('[data-fact="wrong-first"]')).toMatch(/^Häufigste falsche erste Quelle: Northshore Gazette/);
      expect(await p.textContent('[data-fact="time"]')).toMatch(/^Benötigte Zeit: /);
      await p.screenshot({ path: resolve(ARTIFACTS, 'exercise-teacher-08-german.png'), fullPage: true });
      await p.emulateMedia({ colorScheme: 'dark' });
      await p.screenshot({ path: resolve(ARTIFACTS, 'exercise-teacher-09-german-dark.png'), fullPage: true });
      await p.locator('#class-results').screenshot({ path: resolve(ARTIFACTS, 'exercise-teacher-09-dark-class.png') });
      expect(failures).toEqual([]);
    } finally {
      await de.close();
    }
  });
});

/** The demo's articles as an index file, extracted from its pages as the CLI reads them. */
async function demoIndex(): Promise<string> {
  const { pages } = JSON.parse(readFileSync(resolve(ROOT, 'demo/articles.json'), 'utf8')) as { pages: Array<{ path: string; outlet: string }> };
  const engine = await Engine.open(new MemoryStore());
  for (const p of pages) {
    const url = `http://127.0.0.1:8080/${p.path}`;
    const r = extractHtml(readFileSync(resolve(ROOT, 'demo', p.path), 'utf8'), url);
    if (r.status !== 'ok') continue;
    const a = r.article;
    await engine.record({ id: url, url, outlet: a.outlet ?? p.outlet, title: a.title, paragraphs: a.paragraphs, published: a.published, firstSeen: '2025-03-15T09:00:00Z' });
  }
  const lines: string[] = [];
  for await (const l of exportIndex(engine.store)) lines.push(l);
  return lines.join('\n') + '\n';
}

describe('an exercise made from a story in the Library', () => {
  it('lists the bundled exercises, and makes one of the syndication view’s story with answers from the engine', async () => {
    const options = await h.context.newPage();
    await options.goto(extensionPage(h, 'options.html'));
    await options.waitForSelector('[data-stat="articles"]');
    await options.setInputFiles('#import', { name: 'demo.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(await demoIndex()) });
    await options.waitForFunction(() => /Imported 7 articles/.test(document.getElementById('io-status')?.textContent ?? ''), undefined, { timeout: 30_000 });
    await options.close();
    const lib = await h.context.newPage();
    await lib.setViewportSize({ width: 1200, height: 1000 });
    await lib.goto(extensionPage(h, 'library.html'));
    expect(await lib.locator('#exercises li[data-pack]').count()).toBe(2);
    expect(await lib.getAttribute('#exercises li[data-pack="lennock-floodgate"] a:first-of-type', 'href')).toBe('exercise.html?pack=lennock-floodgate');
    await lib.waitForSelector('#articles tbody tr[data-key]');
    await lib.click('#articles tr:has(td:text-is("Coastline Daily")) button:text-is("Syndication")');
    await lib.waitForSelector('#syndication[data-render-ms]', { timeout: 30_000 });
    const [built] = await Promise.all([h.context.waitForEvent('page'), lib.click('#make-exercise')]);
    await built.setViewportSize({ width: 1100, height: 900 });
    await built.waitForSelector('main[data-ready="true"] .ex-build-form', { timeout: 30_000 });
    expect(new URL(built.url()).search).toBe('?mode=build');
    expect(await built.locator('.ex-targets li').count()).toBe(6);
    // Chosen by default: the articles whose reports find another outlet's text (at most four).
    const chosen = await built.locator('.ex-targets input:checked').evaluateAll((xs) => xs.map((x) => x.closest('li')?.textContent?.split(' · ')[0].trim()));
    expect(chosen).toEqual(['Northshore Gazette', 'Coastline Daily', 'The Estuary Post', 'The Morning Ledger']);
    await built.screenshot({ path: resolve(ARTIFACTS, 'exercise-teacher-06-build.png'), fullPage: true });
    await built.fill('#ex-title', 'Our floodgate story');
    // Bad input is named before anything is made: minutes left empty, a language that is no tag, no question chosen.
    await built.fill('#ex-minutes', '');
    await built.click('#ex-build-go');
    await expect.poll(() => built.textContent('#ex-build-error')).toBe('Minutes: give a whole number from 1 to 600.');
    await built.fill('#ex-minutes', '25');
    await built.fill('#ex-language', 'English');
    await built.click('#ex-build-go');
    await expect.poll(() => built.textContent('#ex-build-error')).toBe('Language: give a language tag such as en, de or de-CH.');
    await built.fill('#ex-language', 'en');
    for (const box of await built.locator('.ex-kinds input').all()) await box.uncheck();
    await built.click('#ex-build-go');
    await expect.poll(() => built.textContent('#ex-build-error')).toBe('Choose at least one question to ask.');
    // Only the credit, about an article that copied nothing: no question would have an answer.
    await built.check('.ex-kinds input[data-kind="credited"]');
    const targets = built.locator('.ex-targets input');
    const ticked = await targets.evaluateAll((xs) => xs.map((x) => (x as HTMLInputElement).checked));
    for (const box of await targets.all()) await box.uncheck();
    await built.check('.ex-targets li:has-text("The Morning Ledger") input');
    await built.click('#ex-build-go');
    await expect.poll(() => built.textContent('#ex-build-error')).toMatch(/^None of the questions chosen has an answer in these articles/);
    for (const [i, on] of ticked.entries()) await targets.nth(i).setChecked(on);
    // The questions chosen: all but the original share and the reflection.
    for (const kind of ['copied-paragraphs', 'source', 'credited', 'order']) await built.check(`.ex-kinds input[data-kind="${kind}"]`);
    await built.click('#ex-build-go');
    await built.waitForSelector('#answer-key');
    expect(await built.textContent('#ex-teacher-h')).toBe('Teacher’s view: Our floodgate story');
    expect(await built.textContent('#answer-key')).toMatch(/Answer: Meridian Wire/);
    await built.screenshot({ path: resolve(ARTIFACTS, 'exercise-teacher-07-built.png'), fullPage: true });
    const [d] = await Promise.all([built.waitForEvent('download'), built.click('#ex-export')]);
    const pack = load(readFileSync((await d.path())!, 'utf8'));
    expect(pack.articles).toHaveLength(6);
    expect(pack.minutes).toBe(25);
    expect([...new Set(pack.questions.map((q) => q.kind))]).toEqual(['copied-paragraphs', 'source', 'credited', 'order']);
    const coastline = pack.articles.find((a) => a.outlet === 'Coastline Daily')!;
    expect(pack.questions.find((q) => q.kind === 'copied-paragraphs' && q.article === coastline.id)?.answer).toEqual({ paragraphs: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], quotes: [], own: [] });
    expect(errors).toEqual([]);
  });
});
