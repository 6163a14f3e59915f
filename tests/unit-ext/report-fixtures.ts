/**
 * A hand-built Report with the findings the engine is gaining (who had a passage first, a credit
 * through a wire, the outlet's own earlier text, an update, later reuse's kind and credit), all on
 * one day so times show. Used by the Markdown golden (report-format.test.ts) and the popup's
 * rendering in Chromium (tests/extension/popup-report.test.ts).
 */
import type { ArticleRef, Report } from '../../src/engine/types';

const wire: ArticleRef = { id: 'wire-1', outlet: 'Meridian Wire', url: 'https://wire.example/gate', title: 'Lennock barrier gate fails', published: '2025-03-14T06:10:00Z' };
const mail: ArticleRef = { id: 'mail-1', outlet: 'dailymail.co.uk', url: 'https://mail.example/gate', title: 'Flood gate FAILS in Lennock', published: '2025-03-14T07:05:00Z' };
const own: ArticleRef = { id: 'own-1', outlet: 'Coastline Daily', url: 'https://coast.example/gate', title: 'Lennock barrier gate fails', published: '2025-03-14T08:00:00Z' };

export function newFieldsReport(over: Partial<Report> = {}): Report {
  return {
    id: 'coast-2',
    outlet: 'Coastline Daily',
    url: 'https://coast.example/gate-updated',
    title: 'Lennock barrier gate fails (updated)',
    published: '2025-03-14T10:15:00Z',
    paragraphs: 6,
    copiedShare: 0.4,
    quotedShare: 0.1,
    passages: [
      {
        paragraph: 1, start: 0, end: 96, kind: 'copied', coverage: 0.9, credited: true, creditedVia: 'Associated Press', group: 1, firstSeen: wire,
        text: 'The barrier’s main gate failed at 5.40am, the State, Environment Agency said, and “the work was done.”',
        source: { ...mail, paragraph: 0, start: 0, end: 104, text: 'The barrier\'s main gate failed at 5.40am, the State Environment Agency said on Friday, and "the work was done".' },
      },
      {
        paragraph: 2, start: 0, end: 28, kind: 'quote', coverage: 1, credited: false, group: 2,
        text: '“We will rebuild,” she said.',
        source: { ...wire, paragraph: 3, start: 0, end: 28, text: '"We will rebuild," she said.' },
      },
    ],
    sources: [
      { ...mail, passages: 1, share: 0.4, credited: 'yes' },
      { ...wire, passages: 1, share: 0.1, credited: 'no' },
    ],
    reusedBy: [
      { id: 'later-1', outlet: 'Later Post', url: 'https://later.example/1', published: '2025-03-15T08:00:00Z', share: 0.3, kind: 'copied', credited: 'no' },
      { id: 'later-2', outlet: 'Quote Herald', published: '2025-03-16T08:00:00Z', share: 0.05, kind: 'quote', credited: 'no' },
    ],
    ownEarlier: [
      { paragraph: 4, source: own },
      { paragraph: 3, source: own },
    ],
    updateOf: { ...own, share: 0.35 },
    earliest: false,
    boilerplate: [],
    credits: [],
    indexSize: 5,
    ...over,
  };
}
