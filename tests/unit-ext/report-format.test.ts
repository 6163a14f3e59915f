import { describe, expect, it } from 'vitest';
import type { Passage, Report } from '../../src/engine/types';
import { english as en, formatDate, formatDateTime } from '../../src/i18n-english';
import { badgeColor, badgeText, badgeTitle, fileStem, highlightMarks, mdEscape, passageCredit, passageLabel, percent, quotesOnly, reuseDetails, shareLine, sourceCredit, summary, toJson, toMarkdown } from '../../src/report-format';
import { newFieldsReport } from './report-fixtures';

const bbc = { id: 'bbc-1', outlet: 'BBC News', url: 'https://www.bbc.co.uk/news/1', title: 'Storm hits', published: '2016-08-26T09:00:00Z', firstSeen: '2016-08-26T10:00:00Z' };

function passage(paragraph: number, kind: Passage['kind'] = 'copied', source = bbc): Passage {
  return { paragraph, start: 0, end: 20, text: 'Twenty characters!!', kind, coverage: 1, credited: false, group: paragraph, source: { ...source, paragraph, start: 0, end: 20, text: 'Twenty characters!!' } };
}

function report(over: Partial<Report> = {}): Report {
  return {
    id: 'x-1', outlet: 'Daily Example', url: 'https://example.com/a', title: 'Storm *hits* [town]', published: '2016-08-27T08:00:00Z',
    paragraphs: 20, copiedShare: 0.624, quotedShare: 0.05, passages: [], sources: [], reusedBy: [], ownEarlier: [], earliest: false, boilerplate: [], credits: [], indexSize: 10,
    ...over,
  };
}

/** The English Markdown report as the CLI and `npm start` print it. */
const GOLDEN_MD = [
  '# Wiretrace report: Storm \\*hits\\* \\[town\\]',
  '',
  '[Daily Example](<https://example.com/a>), 27 Aug 2016',
  '',
  '**2 of 20 paragraphs appeared earlier, in BBC News.**',
  '',
  '62% of the text copied, 5% in shared quotes\\.',
  '',
  '## Sources',
  '',
  '| Outlet | Date | Passages | Share | Credited |',
  '| --- | --- | --- | --- | --- |',
  '| [BBC News](<https://www.bbc.co.uk/news/1>) | 26 Aug 2016 | 2 | 60% | partly |',
  '',
  '## Copied passages',
  '',
  '### 1. Paragraph 1: appeared earlier in BBC News, 26 Aug 2016 (not credited)',
  '',
  '> Twenty characters!!',
  '',
  'Source ([BBC News](<https://www.bbc.co.uk/news/1>)):',
  '',
  '> Twenty characters!!',
  '',
  '## Shared quotes',
  '',
  '### 1. Paragraph 2: quote also in BBC News, 26 Aug 2016 (shared quote)',
  '',
  '> Twenty characters!!',
  '',
  'Source ([BBC News](<https://www.bbc.co.uk/news/1>)):',
  '',
  '> Twenty characters!!',
  '',
  '## Reused later by',
  '',
  '- [Later \\| Times](<https://later.example/x>), 1 Sep 2016: 30% of this article',
  '',
  '_Checked against 10 articles on 2024-01-02 by Wiretrace\\._',
  '',
].join('\n');

/** The same with the report's newer findings: times on a shared day, a wire credit, who had it first, own earlier text, an update, later reuse's kind and credit. */
const GOLDEN_NEW_FIELDS = [
  '# Wiretrace report: Lennock barrier gate fails (updated)',
  '',
  '[Coastline Daily](<https://coast.example/gate-updated>), 14 Mar 2025, 10:15 UTC',
  '',
  '_An updated version of [Lennock barrier gate fails](<https://coast.example/gate>), 14 Mar 2025, 08:00 UTC; 35% of the text repeats it\\._',
  '',
  '**2 of 6 paragraphs appeared earlier, mostly in dailymail.co.uk.**',
  '',
  '40% of the text copied, 10% in shared quotes\\.',
  '',
  '## Sources',
  '',
  '| Outlet | Date | Passages | Share | Credited |',
  '| --- | --- | --- | --- | --- |',
  '| [dailymail.co.uk](<https://mail.example/gate>) | 14 Mar 2025, 07:05 UTC | 1 | 40% | yes |',
  '| [Meridian Wire](<https://wire.example/gate>) | 14 Mar 2025, 06:10 UTC | 1 | 10% | quotes only |',
  '',
  '## Copied passages',
  '',
  '### 1. Paragraph 2: appeared earlier in dailymail.co.uk, 14 Mar 2025, 07:05 UTC (credited to Associated Press, via dailymail.co.uk)',
  '',
  '_first seen in [Meridian Wire](<https://wire.example/gate>), 14 Mar 2025, 06:10 UTC_',
  '',
  '> The barrier’s main gate failed at 5.40am, the State, Environment Agency said, and “the work was done.”',
  '',
  'Source ([dailymail.co.uk](<https://mail.example/gate>)):',
  '',
  '> The barrier\'s main gate failed at 5.40am, the State Environment Agency said on Friday, and "the work was done".',
  '',
  '## Shared quotes',
  '',
  '### 1. Paragraph 3: quote also in Meridian Wire, 14 Mar 2025, 06:10 UTC (shared quote)',
  '',
  '> “We will rebuild,” she said.',
  '',
  'Source ([Meridian Wire](<https://wire.example/gate>)):',
  '',
  '> "We will rebuild," she said.',
  '',
  '## From Coastline Daily\'s own earlier articles',
  '',
  'Text Coastline Daily had published itself before: not counted as copied\\.',
  '',
  '- [Lennock barrier gate fails](<https://coast.example/gate>), 14 Mar 2025, 08:00 UTC: paragraphs 4 and 5',
  '',
  '## Reused later by',
  '',
  '- [Later Post](<https://later.example/1>), 15 Mar 2025: 30% of this article, copied, not credited',
  '- Quote Herald, 16 Mar 2025: 5% of this article, quotes only',
  '',
  '_Checked against 5 articles on 2025-03-20 by Wiretrace\\._',
  '',
].join('\n');

describe('report-format', () => {
  it('formats dates and shares', () => {
    expect(formatDate('2016-08-26T23:30:00Z')).toBe('26 Aug 2016');
    expect(formatDate(undefined)).toBe('');
    expect(formatDate('not a date')).toBe('');
    expect(percent(0.624)).toBe('62%');
    expect(percent(0)).toBe('0%');
    expect(percent(0.001)).toBe('<1%');
  });

  it('summarises: "14 of 20 paragraphs appeared earlier, mostly in BBC News"', () => {
    const passages = Array.from({ length: 14 }, (_, i) => passage(i));
    const r = report({
      passages,
      sources: [
        { ...bbc, passages: 12, share: 0.5, credited: 'no' },
        { id: 'ap', outlet: 'AP', passages: 2, share: 0.1, credited: 'yes' },
      ],
    });
    expect(summary(r, en)).toBe('14 of 20 paragraphs appeared earlier, mostly in BBC News.');
    expect(summary({ ...r, sources: [r.sources[0]] }, en)).toBe('14 of 20 paragraphs appeared earlier, in BBC News.');
    expect(summary({ ...r, sources: [{ ...r.sources[0], share: 0.1 }, { ...r.sources[1], share: 0.1 }, { ...r.sources[1], id: 'c', share: 0.1 }] }, en)).toBe('14 of 20 paragraphs appeared earlier, in 3 sources.');
    expect(summary({ ...r, boilerplate: [18, 19] }, en)).toMatch(/^14 of 18 paragraphs/);
    const quotesOnly = { ...r, sources: [r.sources[0]], passages: r.passages.map((p) => ({ ...p, kind: 'quote' as const })) };
    expect(summary(quotesOnly, en)).toMatch(/^Only quotations are shared: \d+ of 20 paragraphs quote what BBC News quoted earlier; no copied prose\.$/);
  });

  it("says when nothing came from another outlet but the article repeats its own outlet's earlier text", () => {
    const source = { id: 'w-1', outlet: 'Daily Example', published: '2016-08-26T09:00:00Z' };
    const r = report({ copiedShare: 0, quotedShare: 0, ownEarlier: [0, 2, 3].map((paragraph) => ({ paragraph, source })) });
    expect(summary(r, en)).toBe("3 of 20 paragraphs are Daily Example's own earlier text; nothing in it appeared earlier in another outlet.");
  });

  it('summarises the other outcomes', () => {
    expect(summary(report({ indexSize: 0 }), en)).toMatch(/learns from the articles you check/);
    expect(summary(report({ indexSize: 1 }), en)).toBe('No passage of this article appeared earlier in the 1 article checked so far.');
    expect(summary(report({ earliest: true, reusedBy: [{ id: 'l', outlet: 'Later', share: 0.5 }] }), en)).toMatch(/earliest version; 1 later article reused/);
  });

  it('labels passages for highlights and sets the badge', () => {
    expect(passageLabel(passage(0), en)).toBe('appeared earlier in BBC News, 26 Aug 2016');
    expect(passageLabel(passage(0, 'quote'), en)).toBe('quote also in BBC News, 26 Aug 2016');
    const r = report({ passages: [passage(3)] });
    expect(highlightMarks(r, en)).toEqual([{ paragraph: 3, start: 0, end: 20, label: 'appeared earlier in BBC News, 26 Aug 2016', kind: 'copied' }]);
    expect(badgeText(r)).toBe('62%');
    expect(badgeText(report())).toBe('');
    expect(shareLine(r, en)).toBe('62% of the text copied, 5% in shared quotes');
  });

  it('writes Markdown with page text escaped', () => {
    const r = report({ passages: [passage(0), passage(1, 'quote')], sources: [{ ...bbc, passages: 2, share: 0.6, credited: 'partly' }], reusedBy: [{ id: 'l', outlet: 'Later | Times', url: 'https://later.example/x', share: 0.3, firstSeen: '2016-09-01T00:00:00Z' }] });
    const md = toMarkdown(r, en, new Date('2024-01-02T00:00:00Z'));
    expect(md).toContain('# Wiretrace report: Storm \\*hits\\* \\[town\\]');
    expect(md).toContain('| [BBC News](<https://www.bbc.co.uk/news/1>) | 26 Aug 2016 | 2 | 60% | partly |');
    expect(md).toContain('## Copied passages');
    expect(md).toContain('## Shared quotes');
    expect(md).toContain('- [Later \\| Times](<https://later.example/x>), 1 Sep 2016: 30% of this article');
    expect(md).toContain('2024-01-02');
    expect(mdEscape('[x](javascript:alert(1))')).toBe('\\[x\\](javascript:alert(1))');
    expect(mdEscape('<img src=x onerror=alert(1)> *a* | b')).toBe('\\<img src=x onerror=alert(1)\\> \\*a\\* \\| b');
    expect(mdEscape('Kerry said. It ended (AP) - today!')).toBe('Kerry said. It ended (AP) - today!');
  });

  it('writes the English Markdown of the CLI and npm start unchanged, byte for byte', () => {
    const r = report({
      passages: [passage(0), { ...passage(1, 'quote'), credited: true }],
      sources: [{ ...bbc, passages: 2, share: 0.6, credited: 'partly' }],
      reusedBy: [{ id: 'l', outlet: 'Later | Times', url: 'https://later.example/x', share: 0.3, firstSeen: '2016-09-01T00:00:00Z' }],
    });
    expect(toMarkdown(r, en, new Date('2024-01-02T00:00:00Z'))).toBe(GOLDEN_MD);
    expect(badgeTitle(r, en)).toBe('Wiretrace: 62% of the text copied, 5% in shared quotes');
    expect(badgeTitle(report(), en)).toBe("Wiretrace: where did this article's words come from?");
  });

  it('writes the newer findings in the English Markdown, byte for byte', () => {
    expect(toMarkdown(newFieldsReport(), en, new Date('2025-03-20T00:00:00Z'))).toBe(GOLDEN_NEW_FIELDS);
  });

  it('writes times with hour, minute and zone only where two articles of the report share a day', () => {
    expect(formatDateTime('2025-03-14T06:10:00+01:00')).toBe('14 Mar 2025, 05:10 UTC');
    expect(formatDateTime('nope')).toBe('');
    // Different days: dates only.
    const r = report({ passages: [passage(0)], sources: [{ ...bbc, passages: 1, share: 0.6, credited: 'no' }] });
    expect(passageLabel(r.passages[0], en)).toBe('appeared earlier in BBC News, 26 Aug 2016');
    expect(highlightMarks(r, en)[0].label).toBe('appeared earlier in BBC News, 26 Aug 2016');
    expect(toMarkdown(r, en)).toContain('| 26 Aug 2016 |');
    // The checked article on the source's day: both with their times.
    const same = { ...r, published: '2016-08-26T17:45:00Z' };
    expect(highlightMarks(same, en)[0].label).toBe('appeared earlier in BBC News, 26 Aug 2016, 09:00 UTC');
    const md = toMarkdown(same, en);
    expect(md).toContain('[Daily Example](<https://example.com/a>), 26 Aug 2016, 17:45 UTC');
    expect(md).toContain('| 26 Aug 2016, 09:00 UTC |');
    // A bare date has no time to show: never an invented "00:00".
    expect(highlightMarks({ ...same, sources: [], passages: [passage(0, 'copied', { ...bbc, published: '2016-08-26' })] }, en)[0].label).toBe('appeared earlier in BBC News, 26 Aug 2016');
  });

  it("puts page text into Markdown literally, replacement patterns ($&, $') included", () => {
    const r = newFieldsReport();
    const md = toMarkdown({ ...r, updateOf: { ...r.updateOf!, title: "Shares jump $' and $& after results" } }, en, new Date('2025-03-20T00:00:00Z'));
    expect(md).toContain("Shares jump $' and $& after results");
  });

  it('credits a passage through a wire, and a quotation never', () => {
    const r = newFieldsReport();
    expect(passageCredit(r.passages[0], en)).toBe('credited to Associated Press, via dailymail.co.uk');
    expect(passageCredit({ ...r.passages[0], credited: false }, en)).toBe('not credited');
    expect(passageCredit({ ...r.passages[1], credited: true }, en)).toBe('shared quote');
    expect(sourceCredit(r, r.sources[1], en)).toBe('quotes only');
    expect(sourceCredit(r, r.sources[0], en)).toBe('credited');
    expect(reuseDetails(r.reusedBy[0], en)).toEqual(['copied', 'not credited']);
    expect(reuseDetails({ ...r.reusedBy[0], credited: 'partly' }, en)).toEqual(['copied', 'partly credited']);
    expect(reuseDetails(r.reusedBy[1], en)).toEqual(['quotes only']);
    expect(reuseDetails({ id: 'x', outlet: 'X', share: 0.1 }, en)).toEqual([]);
  });

  it('tells a page sharing only quotations apart: badge text and colour', () => {
    const quotes = report({ copiedShare: 0, quotedShare: 0.05, passages: [passage(0, 'quote')], sources: [{ ...bbc, passages: 1, share: 0.05, credited: 'no' }] });
    expect(quotesOnly(quotes)).toBe(true);
    expect(badgeText(quotes)).toBe('\u201c5%');
    expect(badgeColor(quotes)).toBe('#0b5cad');
    const copied = report({ passages: [passage(0)] });
    expect([quotesOnly(copied), badgeText(copied), badgeColor(copied), badgeColor(undefined)]).toEqual([false, '62%', '#8a1c1c', '#8a1c1c']);
  });

  it('writes JSON in a versioned envelope and safe file names', () => {
    const r = report();
    const j = JSON.parse(toJson(r, new Date('2024-01-02T00:00:00Z')));
    expect(j).toMatchObject({ format: 'wiretrace-report', version: 1, generated: '2024-01-02T00:00:00.000Z' });
    expect(j.report).toEqual(r);
    expect(fileStem(r)).toBe('wiretrace-daily-example-storm-hits-town');
  });
});
