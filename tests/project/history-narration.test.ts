/** The development-narration detector: what it finds (the way a lab notebook numbers its sittings) and what it lets be. */
import { describe, expect, it } from 'vitest';
import { historyNarration } from './history-narration';

describe('historyNarration', () => {
  it.each([
    'This run (2026-12-03, session 15, `npm run bench` at 5f7b4a8) is the third of three',
    "Session 14's two runs, on nearly the same job: 0.419 and 0.521",
    'the posting lists (627 before this session\'s change)',
    'Earlier sessions 12 and 13: prepared sources kept by words',
    '(the CLI did so before session 15)',
    'tried in an earlier session and not kept',
    'Sitting 3 made the index smaller.',
  ])('finds %j', (line) => {
    expect(historyNarration(`intro\n${line}\nend`)).toEqual([{ line: 2, text: line }]);
  });

  it.each([
    'its report is kept in session storage (browser.storage.session)',
    'A private browsing session is never recorded.',
    'the worker keeps the session report cache until the browser closes',
    'const session = await browser.storage.session.get(key);',
    'The login session of the team service expires after 12 hours.',
  ])('lets %j be', (line) => {
    expect(historyNarration(line)).toEqual([]);
  });
});
