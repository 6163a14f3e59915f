/**
 * The translator (src/i18n.ts): browser.i18n's substitution rules, plural forms by the locale's
 * rules, numbers, percentages and dates in the locale; static page text filled as text; the report
 * in German from the de catalogue.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import type { Passage, Report } from '../../src/engine/types';
import { catalogueTranslator, formatMessage, localizeDom, type Catalogue } from '../../src/i18n';
import { english } from '../../src/i18n-english';
import { badgeTitle, creditedText, passageLabel, shareLine, summary, toMarkdown } from '../../src/report-format';
import { whenFormatter } from '../../src/report-time';
import { newFieldsReport } from './report-fixtures';

const deCatalogue = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../_locales/de/messages.json'), 'utf8')) as Catalogue;
const de = catalogueTranslator(deCatalogue, 'de-DE', { timeZone: 'UTC' });
const NBSP = '\u00a0';

const bbc = { id: 'bbc-1', outlet: 'BBC News', url: 'https://www.bbc.co.uk/news/1', published: '2016-08-26T09:00:00Z' };
function passage(paragraph: number, kind: Passage['kind'] = 'copied'): Passage {
  return { paragraph, start: 0, end: 5, text: 'Worte', kind, coverage: 1, credited: false, group: paragraph, source: { ...bbc, paragraph, start: 0, end: 5, text: 'Worte' } };
}
function report(over: Partial<Report> = {}): Report {
  return {
    id: 'x-1', outlet: 'Tagesbeispiel', url: 'https://example.de/a', title: 'Sturm', published: '2016-08-27T08:00:00Z',
    paragraphs: 20, copiedShare: 0.624, quotedShare: 0.05, passages: [], sources: [], reusedBy: [], ownEarlier: [], earliest: false, boilerplate: [], credits: [], indexSize: 1234,
    ...over,
  };
}

describe('formatMessage', () => {
  it('substitutes like browser.i18n.getMessage: $name$ to its content, $1…$9, $$', () => {
    const e = { message: 'A $Who$ paid $$$amount$ ($1 again)', placeholders: { who: { content: '$1' }, AMOUNT: { content: '$2' } } };
    expect(formatMessage(e, ['Kim', '5'])).toBe('A Kim paid $5 (Kim again)');
    expect(formatMessage(e, [])).toBe('A  paid $ ( again)');
    // A substitution is inserted as it is, never read as a placeholder again.
    expect(formatMessage({ message: '$x$', placeholders: { x: { content: '$1' } } }, ['$1 $$ $x$'])).toBe('$1 $$ $x$');
    expect(formatMessage({ message: 'no $undefined$ here' })).toBe('no $undefined$ here');
  });
});

describe('Translator', () => {
  it('picks plural forms by the locale and formats numbers in it', () => {
    expect(english.plural('recorded', 1, 1)).toBe('Recorded: your index now holds 1 article.');
    expect(english.plural('recorded', 0, 0)).toBe('Recorded: your index now holds 0 articles.');
    expect(english.plural('recorded', 1234, 1234)).toBe('Recorded: your index now holds 1,234 articles.');
    expect(de.plural('passageCount', 1, 1)).toBe('1 Passage');
    expect(de.plural('passageCount', 1234, 1234)).toBe('1.234 Passagen');
    expect(de.number(1536 / 1024, 1)).toBe('1,5');
  });

  it('writes percentages and dates in the locale', () => {
    expect([english.percent(0.624), english.percent(0), english.percent(0.001), english.percent(1.2)]).toEqual(['62%', '0%', '<1%', '100%']);
    expect([de.percent(0.624), de.percent(0.001)]).toEqual([`62${NBSP}%`, `<1${NBSP}%`]);
    expect(english.date('2016-08-26T23:30:00Z')).toBe('26 Aug 2016');
    expect(de.date('2016-08-26T23:30:00Z')).toBe('26. Aug. 2016');
    expect(de.date('not a date')).toBe('');
    expect(catalogueTranslator({}, 'en-US').date('2016-08-26T09:00:00Z')).toBe('Aug 26, 2016');
  });

  it('writes times with hour, minute and zone, in the locale and the zone it is given', () => {
    expect(english.dateTime('2025-03-14T06:10:00Z')).toBe('14 Mar 2025, 06:10 UTC');
    expect(de.dateTime('2025-03-14T06:10:00Z')).toBe('14. März 2025, 06:10 UTC');
    expect(de.dateTime(undefined)).toBe('');
    const berlin = catalogueTranslator(deCatalogue, 'de-DE', { timeZone: 'Europe/Berlin' });
    expect(berlin.timeZone).toBe('Europe/Berlin');
    expect(berlin.dateTime('2025-03-14T06:10:00Z')).toBe('14. März 2025, 07:10 MEZ');
    expect(berlin.dateTime('2025-07-14T06:10:00Z')).toBe('14. Juli 2025, 08:10 MESZ');
    expect(catalogueTranslator({}, 'en-GB', { timeZone: 'America/New_York' }).dateTime('2025-03-14T06:10:00Z')).toBe('14 Mar 2025, 02:10 GMT-4');
    // The day is the zone's: 23:30 UTC is the next day in Berlin, so "same day" follows the zone shown.
    expect([de.day('2025-03-14T23:30:00Z'), berlin.day('2025-03-14T23:30:00Z')]).toEqual(['2025-03-14', '2025-03-15']);
  });

  it("puts the time only on the days two of a report's articles share, in the zone of the translator", () => {
    const a = { id: 'a', published: '2025-03-14T23:30:00Z' };
    const b = { id: 'b', published: '2025-03-15T08:00:00Z' };
    const r = { ...report(), published: a.published, sources: [{ ...b, outlet: 'B', passages: 1, share: 0.1, credited: 'no' as const }] };
    // UTC: the 14th and the 15th, dates only. Berlin: both on the 15th, with their times.
    expect([whenFormatter(r, de)(a), whenFormatter(r, de)(b)]).toEqual(['14. März 2025', '15. März 2025']);
    const berlin = catalogueTranslator(deCatalogue, 'de-DE', { timeZone: 'Europe/Berlin' });
    expect([whenFormatter(r, berlin)(a), whenFormatter(r, berlin)(b)]).toEqual(['15. März 2025, 00:30 MEZ', '15. März 2025, 09:00 MEZ']);
  });

  it('reads a missing key as the key', () => {
    expect(catalogueTranslator({}, 'en')('sourcesHeading')).toBe('sourcesHeading');
  });
});

describe('localizeDom', () => {
  it('fills text and attributes from messages, as text (never markup)', () => {
    const { document } = parseHTML('<html><body><h1 data-i18n="sourcesHeading">x</h1><button data-i18n-aria-label="removeSiteLabel"></button><p data-i18n="mdTitle"></p></body></html>');
    const t = catalogueTranslator({ sourcesHeading: { message: '<b>Quellen</b>' }, removeSiteLabel: { message: 'Entfernen' }, mdTitle: { message: 'Bericht' } }, 'de');
    localizeDom(document, t);
    expect(document.querySelector('h1')!.textContent).toBe('<b>Quellen</b>');
    expect(document.querySelector('h1')!.children.length).toBe(0);
    expect(document.querySelector('button')!.getAttribute('aria-label')).toBe('Entfernen');
    expect(document.querySelector('p')!.textContent).toBe('Bericht');
  });
});

describe('the report in German', () => {
  const found = report({
    passages: Array.from({ length: 14 }, (_, i) => passage(i)),
    sources: [
      { ...bbc, passages: 12, share: 0.5, credited: 'no' },
      { id: 'ap', outlet: 'AP', passages: 2, share: 0.1, credited: 'partly' },
    ],
  });

  it('summarises in German', () => {
    expect(summary(found, de)).toBe('Schon früher erschienen: 14 von 20 Absätzen, überwiegend bei BBC News.');
    expect(summary({ ...found, sources: [found.sources[0]] }, de)).toBe('Schon früher erschienen: 14 von 20 Absätzen, bei BBC News.');
    expect(summary({ ...found, paragraphs: 1, passages: [passage(0)], sources: [found.sources[0], found.sources[1], found.sources[1]].map((s) => ({ ...s, share: 0.1 })) }, de)).toBe(
      'Schon früher erschienen: 1 von 1 Absatz, in 3 Quellen.',
    );
    expect(summary(report(), de)).toBe('Keine Passage dieses Artikels ist früher erschienen (verglichen mit 1.234 bisher geprüften Artikeln).');
    expect(summary(report({ indexSize: 0 }), de)).toMatch(/^Noch nichts zum Vergleichen/);
    expect(shareLine(found, de)).toBe(`62${NBSP}% des Textes übernommen, 5${NBSP}% in gemeinsamen Zitaten`);
    expect(badgeTitle(found, de)).toBe(`Wiretrace: 62${NBSP}% des Textes übernommen, 5${NBSP}% in gemeinsamen Zitaten`);
    expect(badgeTitle(undefined, de)).toBe('Wiretrace: Woher stammen die Worte dieses Artikels?');
    expect([true, 'partly', 'no'].map((c) => creditedText(c as boolean, de))).toEqual(['gekennzeichnet', 'teilweise gekennzeichnet', 'nicht gekennzeichnet']);
    expect(passageLabel(passage(0, 'quote'), de)).toBe('Zitat auch bei BBC News, 26. Aug. 2016');
  });

  it('writes the Markdown report in German', () => {
    const md = toMarkdown(found, de, new Date('2024-01-02T00:00:00Z'));
    expect(md).toContain('# Wiretrace-Bericht: Sturm');
    expect(md).toContain('| Medium | Datum | Passagen | Anteil | Gekennzeichnet |');
    expect(md).toContain(`| [BBC News](<https://www.bbc.co.uk/news/1>) | 26. Aug. 2016 | 12 | 50${NBSP}% | nein |`);
    expect(md).toContain('## Übernommene Passagen');
    expect(md).toContain('### 1. Absatz 1: früher erschienen bei BBC News, 26. Aug. 2016 (nicht gekennzeichnet)');
    expect(md).toContain('_Von Wiretrace am 2024-01-02 mit 1.234 Artikeln verglichen\\._');
    expect(md).not.toMatch(/\b(of the|appeared|Source|Checked)\b/);
  });

  it('writes the newer findings in German: times, wire credit, who had it first, own earlier text, update, later reuse', () => {
    const md = toMarkdown(newFieldsReport(), de, new Date('2025-03-20T00:00:00Z'));
    expect(md).toContain('[Coastline Daily](<https://coast.example/gate-updated>), 14. März 2025, 10:15 UTC');
    expect(md).toContain(`_Aktualisierte Fassung von [Lennock barrier gate fails](<https://coast.example/gate>), 14. März 2025, 08:00 UTC; 35${NBSP}% des Textes stammen daraus\\._`);
    expect(md).toContain(`| [dailymail.co.uk](<https://mail.example/gate>) | 14. März 2025, 07:05 UTC | 1 | 40${NBSP}% | ja |`);
    expect(md).toContain(`| [Meridian Wire](<https://wire.example/gate>) | 14. März 2025, 06:10 UTC | 1 | 10${NBSP}% | nur Zitate |`);
    expect(md).toContain('### 1. Absatz 2: früher erschienen bei dailymail.co.uk, 14. März 2025, 07:05 UTC (gekennzeichnet: Associated Press, über dailymail.co.uk)');
    expect(md).toContain('_zuerst erschienen bei [Meridian Wire](<https://wire.example/gate>), 14. März 2025, 06:10 UTC_');
    expect(md).toContain('### 1. Absatz 3: Zitat auch bei Meridian Wire, 14. März 2025, 06:10 UTC (gemeinsames Zitat)');
    expect(md).toContain('## Aus früheren Artikeln von Coastline Daily');
    expect(md).toContain('- [Lennock barrier gate fails](<https://coast.example/gate>), 14. März 2025, 08:00 UTC: Absätze 4 und 5');
    expect(md).toContain(`- [Later Post](<https://later.example/1>), 15. März 2025: 30${NBSP}% dieses Artikels, übernommen, nicht gekennzeichnet`);
    expect(md).toContain(`- Quote Herald, 16. März 2025: 5${NBSP}% dieses Artikels, nur Zitate`);
    expect(md).not.toMatch(/\b(of the|appeared|Source|Checked|credited|via|quotes|copied|first seen)\b/);
  });
});
