import { describe, expect, it, vi } from 'vitest';
import type { ArticleInput, Report } from '../../src/engine/types';
import { fakeBrowser } from './fake-browser';

const fake = vi.hoisted(() => ({ browser: undefined as unknown }));
vi.mock('webextension-polyfill', () => ({ default: new Proxy({}, { get: (_t, k) => (fake.browser as Record<string | symbol, unknown>)[k] }) }));

const { cachedReport, forgetReports, MAX_REPORTS, rememberReport, reportKeptFor } = await import('../../background/report-cache');

const article = (id: string, text = 'One paragraph of the story.'): ArticleInput => ({ id, outlet: 'Daily Post', published: '2024-03-05T09:00:00Z', paragraphs: [text] });
const report = (id: string) => ({ id, outlet: 'Daily Post', paragraphs: 1, copiedShare: 0.5, passages: [] }) as unknown as Report;

describe('report cache (storage.session)', () => {
  it('gives back a report only for the identical article against the identical index', async () => {
    fake.browser = fakeBrowser();
    await rememberReport(article('a'), 7, report('a'));
    expect(await cachedReport(article('a'), 7)).toEqual(report('a'));
    expect(await cachedReport(article('a'), 8)).toBeUndefined(); // the index changed
    expect(await cachedReport(article('a', 'The same story, edited since.'), 7)).toBeUndefined();
    expect(await cachedReport({ ...article('a'), title: 'A new headline' }, 7)).toBeUndefined();
  });

  it('keeps the last MAX_REPORTS articles, the most recently checked first', async () => {
    const b = fakeBrowser();
    fake.browser = b;
    for (let i = 0; i <= MAX_REPORTS; i++) await rememberReport(article(`a${i}`), 1, report(`a${i}`));
    expect(await cachedReport(article('a0'), 1)).toBeUndefined();
    expect(await cachedReport(article('a1'), 1)).toEqual(report('a1'));
    expect(await cachedReport(article(`a${MAX_REPORTS}`), 1)).toEqual(report(`a${MAX_REPORTS}`));
    expect(Object.keys(b.session).filter((k) => k.startsWith('report:'))).toHaveLength(MAX_REPORTS);
    // Checking an article again moves it to the front instead of adding a second entry.
    await rememberReport(article('a1'), 2, report('a1'));
    expect(Object.keys(b.session).filter((k) => k.startsWith('report:'))).toHaveLength(MAX_REPORTS);
    expect(await cachedReport(article('a1'), 2)).toEqual(report('a1'));
  });

  it('knows the addresses of the pages whose reports it keeps, as long as it keeps them', async () => {
    fake.browser = fakeBrowser();
    expect(await reportKeptFor('https://news.test/a')).toBe(false);
    await rememberReport(article('a'), 1, report('a'), 'https://news.test/a');
    await rememberReport(article('b'), 1, report('b'), 'https://news.test/b');
    expect(await reportKeptFor('https://news.test/a')).toBe(true);
    expect(await reportKeptFor('https://news.test/c')).toBe(false);
    expect(await reportKeptFor(undefined)).toBe(false);
    // The same article read again from another address: the entry moves to it.
    await rememberReport(article('a'), 2, report('a'), 'https://news.test/a?ref=home');
    expect(await reportKeptFor('https://news.test/a')).toBe(false);
    expect(await reportKeptFor('https://news.test/a?ref=home')).toBe(true);
    // Dropped with its report.
    for (let i = 0; i < MAX_REPORTS; i++) await rememberReport(article(`x${i}`), 1, report(`x${i}`), `https://news.test/x${i}`);
    expect(await reportKeptFor('https://news.test/b')).toBe(false);
    expect(await reportKeptFor(`https://news.test/x${MAX_REPORTS - 1}`)).toBe(true);
    await forgetReports();
    expect(await reportKeptFor(`https://news.test/x${MAX_REPORTS - 1}`)).toBe(false);
  });

  it('never fails a check: without session storage it keeps nothing and finds nothing', async () => {
    fake.browser = { storage: {} };
    await expect(rememberReport(article('a'), 1, report('a'))).resolves.toBeUndefined();
    expect(await cachedReport(article('a'), 1)).toBeUndefined();
    expect(await reportKeptFor('https://news.test/a')).toBe(false);
  });
});
