import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prepare } from '../../src/engine/prepare';
import { findQuoteSpans, quotedAtLeast, quotedShare } from '../../src/engine/quotes';
import { ASCII_INNER_APOSTROPHE, ASCII_QUOTE_MARK } from '../../src/engine/tokenize';

const SEEDS = path.resolve(__dirname, '../../../shared/seeds');
/** A seed's non-empty lines (title first), read at run time. */
function seedLines(prefix: string): string[] {
  const file = readdirSync(SEEDS).find((f) => f.startsWith(prefix) && f.endsWith('.txt'))!;
  return readFileSync(path.join(SEEDS, file), 'utf8').split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
}
const quotes = (s: string) => findQuoteSpans(s).map(([a, b]) => s.slice(a, b));

describe('findQuoteSpans', () => {
  it('finds straight, curly, low-9, guillemet and Nordic double quotes, marks included', () => {
    expect(quotes('He said "we are close" and left.')).toEqual(['"we are close"']);
    expect(quotes('“Today I can say”, said Kerry, “we agree.”')).toEqual(['“Today I can say”', '“we agree.”']);
    expect(quotes('Er sagte „wir sind nah“ gestern.')).toEqual(['„wir sind nah“']);
    expect(quotes('Il a dit « nous sommes proches » hier, et ‹ oui ›.')).toEqual(['« nous sommes proches »', '‹ oui ›']);
    expect(quotes('Er sagte »wir sind nah« und ›ja‹.')).toEqual(['»wir sind nah«', '›ja‹']);
    expect(quotes('Han sa ”vi är nära” i går.')).toEqual(['”vi är nära”']);
    expect(quotes('He said ``we are close\'\' today.')).toEqual(["``we are close''"]);
  });

  it("closes a double quote with a doubled single quote ('')", () => {
    expect(quotes('Kerry said the "bulk of the work\'\' was done.')).toEqual(['"bulk of the work\'\'']);
  });

  it('finds single quotes used as quotation marks', () => {
    expect(quotes('They have ‘narrow issues’ to resolve.')).toEqual(['‘narrow issues’']);
    expect(quotes("Officials called it 'a step forward' on Friday.")).toEqual(["'a step forward'"]);
    expect(quotes('‘It’s a deal,’ he said.')).toEqual(['‘It’s a deal,’']);
  });

  it('does not take apostrophes for quotes', () => {
    for (const s of [
      "We don't know, Kerry's aide said.",
      'Kerry’s plan, the rebels’ guns, the ’90s, rock ’n’ roll.',
      'The rebels’ positions and Assad’s forces.',
      "Back in the '90s, the rebels' positions held.",
    ]) expect(quotes(s)).toEqual([]);
  });

  it('runs an unclosed double quote to the end of its paragraph (continued quote)', () => {
    const s = 'Kerry said: "We will work on this.\n"And we will finish it," he added.';
    expect(quotes(s)).toEqual(['"We will work on this.', '"And we will finish it,"']);
    expect(quotes('“The talks go on   ')).toEqual(['“The talks go on']);
  });

  it('drops an unclosed single mark inside a paragraph but keeps later double quotes', () => {
    expect(quotes('Rock ‘em all, he said "now" again.')).toEqual(['"now"']);
    expect(quotes("'Tis the season, he said \"indeed\".")).toEqual(['"indeed"']);
    expect(quotes('‘A quote continued to the next paragraph')).toEqual(['‘A quote continued to the next paragraph']);
  });

  it('ignores stray closing marks and inch marks', () => {
    expect(quotes('a 12" screen')).toEqual([]);
    expect(quotes('stray closer" here')).toEqual([]);
    expect(quotes('')).toEqual([]);
  });
});

describe('quotedShare', () => {
  it('property: the share of non-space characters inside the spans, counted one by one', () => {
    const unit = fc.constantFrom(...'ab \u00a0"\u201c\u201d\'\u2019.'.split(''));
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 60 }), fc.nat(70), fc.nat(70), (t, x, y) => {
        const [s, e] = x <= y ? [x, y] : [y, x];
        const spans = findQuoteSpans(t);
        let total = 0;
        let quoted = 0;
        for (let i = s; i < Math.min(e, t.length); i++) {
          if (/\s/.test(t[i])) continue;
          total++;
          if (spans.some(([a, b]) => a <= i && i < b)) quoted++;
        }
        expect(quotedShare(t, s, e)).toBeCloseTo(total ? quoted / total : 0, 10);
      }),
      { numRuns: 2000 },
    );
  });

  it('is the share of non-space characters inside quotes', () => {
    const s = '"abcd" efgh';
    expect(quotedShare(s, 0, s.length)).toBeCloseTo(6 / 10);
    expect(quotedShare(s, 0, 6)).toBe(1);
    expect(quotedShare(s, 7, 11)).toBe(0);
    expect(quotedShare(s, 5, 5)).toBe(0);
    expect(quotedShare('   ', 0, 3)).toBe(0);
    expect(quotedShare(s, -10, 1000)).toBeCloseTo(0.6);
  });
});

describe('quotes on the seed articles', () => {
  const paragraph = (lines: string[], start: string) => lines.find((l) => l.startsWith(start))!;

  it("002: Lavrov's quote paragraph is mostly quoted", () => {
    const p = paragraph(seedLines('002'), '“I think in the nearest time');
    expect(quotedShare(p, 0, p.length)).toBeGreaterThan(0.8);
  });

  it('001: the “We want to have something done” paragraph is mostly quoted', () => {
    const p = paragraph(seedLines('001'), '“We want to have something done');
    expect(quotedShare(p, 0, p.length)).toBeGreaterThan(0.8);
    const q = paragraph(seedLines('001'), 'The US Secretary of State');
    expect(quotes(q)).toEqual(['‘narrow issues’']);
  });

  it("000: \"vast majority'' is one quote; narration is unquoted", () => {
    const lines = seedLines('000');
    expect(quotes(paragraph(lines, 'After meeting for 12 hours'))).toEqual(['"vast majority\'\'']);
    const p = paragraph(lines, 'The two held talks');
    expect(quotedShare(p, 0, p.length)).toBe(0);
  });

  it('003/004: possessives are not quotes; quotes are', () => {
    const p = paragraph(seedLines('003'), 'That group has renamed itself');
    const q = quotes(p);
    expect(q).toHaveLength(1);
    expect(q[0]!.startsWith('“Nusra is Al-Qaeda')).toBe(true);
    for (const line of seedLines('004')) for (const [a, b] of findQuoteSpans(line)) expect(b).toBeGreaterThan(a);
  });
});

describe('properties', () => {
  const check = (s: string) => {
    const spans = findQuoteSpans(s);
    let prev = 0;
    for (const [a, b] of spans) {
      expect(Number.isInteger(a) && Number.isInteger(b)).toBe(true);
      expect(a).toBeGreaterThanOrEqual(prev);
      expect(b).toBeGreaterThan(a);
      expect(b).toBeLessThanOrEqual(s.length);
      prev = b;
    }
    const share = quotedShare(s, 0, s.length);
    expect(share >= 0 && share <= 1).toBe(true);
  };
  it('spans are in the text, sorted, non-overlapping (arbitrary unicode)', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), check), { numRuns: 300 });
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), check), { numRuns: 300 });
  });
  it('... and on strings dense in quote marks', () => {
    const unit = fc.constantFrom(...'ab9 \n"\'`“”„‘’‚«»‹›.,'.split(''));
    fc.assert(fc.property(fc.string({ unit, maxLength: 80 }), check), { numRuns: 1000 });
  });
  it('never throws on odd inputs', () => {
    expect(() => findQuoteSpans(undefined as unknown as string)).not.toThrow();
    expect(() => quotedShare(null as unknown as string, NaN, Infinity)).not.toThrow();
    fc.assert(fc.property(fc.string({ unit: 'binary' }), fc.integer(), fc.integer(), (s, a, b) => {
      const share = quotedShare(s, a, b);
      expect(share >= 0 && share <= 1).toBe(true);
    }));
  });
});

describe('the quotation-mark flag of prepared paragraphs (what lets a check skip findQuoteSpans)', () => {
  it('where tokenising saw no quotation mark outside a word, there is no quotation', () => {
    let ruledOut = 0;
    let quoted = 0;
    // Dense in apostrophes and backticks inside and beside words, with quotation marks now and then.
    const unit = fc.constantFrom(...'ab9 \n\'\'\'``.,-'.split(''), '"', '\u201c', '\u2018', 'é');
    fc.assert(fc.property(fc.string({ unit, maxLength: 60 }), (t) => {
      const spans = findQuoteSpans(t);
      const flagged = (prepare([t], 4).paraFlags[0] & ASCII_QUOTE_MARK) !== 0;
      if (!flagged) ruledOut++;
      if (spans.length) quoted++;
      if (!flagged) expect(spans).toEqual([]);
    }), { numRuns: 5000 });
    expect(ruledOut).toBeGreaterThan(200);
    expect(quoted).toBeGreaterThan(1000);
  });
  it('is set for quotations and for text that is not ASCII, not for apostrophes inside words', () => {
    const flag = (t: string) => prepare([t], 4).paraFlags[0];
    expect(flag("The company's chief didn't say.") & ASCII_QUOTE_MARK).toBe(0);
    expect(flag("The company's chief didn't say.") & ASCII_INNER_APOSTROPHE).not.toBe(0);
    expect(flag('He said "no" twice.') & ASCII_QUOTE_MARK).not.toBe(0);
    expect(flag("He said 'no' twice.") & ASCII_QUOTE_MARK).not.toBe(0);
    expect(flag('Il a dit « non ».') & ASCII_QUOTE_MARK).not.toBe(0);
    expect(flag('Plain words only.')).toBe(0);
  });
});

describe('quotedAtLeast', () => {
  it('is quotedShare(...) >= min for any true lower bound of the non-space characters', () => {
    // Mostly words, now and then a quotation mark (so some quotations are a small part of the text).
    const unit = fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...'ab  \u00a0\t.'.split('')) }, { weight: 1, arbitrary: fc.constantFrom('"', '\u201c', '\u201d', "'", '\u2019') });
    let settledEarly = 0;
    fc.assert(
      fc.property(fc.string({ unit, minLength: 20, maxLength: 80 }), fc.nat(90), fc.nat(90), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }), (t, x, y, minPercent, fPercent) => {
        const min = minPercent / 100;
        const f = fPercent / 100;
        const [s, e] = x <= y ? [x, y] : [y, x];
        const spans = findQuoteSpans(t);
        const clamped = t.slice(Math.min(s, t.length), Math.min(e, t.length));
        const nonSpace = [...clamped].filter((c) => !/\s/.test(c)).length;
        const bound = Math.floor(f * nonSpace);
        const want = quotedShare(t, s, e, spans) >= min;
        expect(quotedAtLeast(t, s, e, spans, min, bound)).toBe(want);
        expect(quotedAtLeast(t, s, e, spans, min, 0)).toBe(want);
        let raw = 0;
        for (const [a, b] of spans) raw += Math.max(0, Math.min(b, e, t.length) - Math.max(a, s));
        if (raw > 0 && bound > 0 && raw / bound < min) settledEarly++;
      }),
      { numRuns: 5000 },
    );
    // The runs seen settled 50 or more of 3,000 early: enough for the property to bite.
    expect(settledEarly).toBeGreaterThan(15);
  });
});
