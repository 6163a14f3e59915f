import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ArticleError, isoTime, parseTime, validateArticle } from '../../src/engine/validate';

describe('parseTime', () => {
  it('reads ISO times and gives undefined for anything else', () => {
    expect(parseTime('2016-09-09T22:00:00Z')).toBe(Date.UTC(2016, 8, 9, 22));
    expect(parseTime('2016-09-09')).toBe(Date.UTC(2016, 8, 9));
    for (const bad of [undefined, null, '', '   ', 'soon', 12, {}, '2016-13-45T99:00:00Z']) expect(parseTime(bad)).toBeUndefined();
  });
});

describe('validateArticle', () => {
  const ok = { id: 'a1', outlet: ' Reuters ', paragraphs: ['One.', 'Two.'] };
  it('returns the article with a trimmed outlet (or "unknown outlet" when blank)', () => {
    expect(validateArticle(ok)).toMatchObject({ id: 'a1', outlet: 'Reuters', paragraphs: ['One.', 'Two.'] });
    expect(validateArticle({ ...ok, outlet: '  ' }).outlet).toBe('unknown outlet');
    expect(validateArticle({ ...ok, published: null }).published).toBeUndefined();
  });
  it.each([
    [null, /must be an object/],
    ['text', /must be an object/],
    [{ ...ok, id: ' ' }, /has no id/],
    [{ ...ok, id: 7 }, /has no id/],
    [{ ...ok, outlet: 3 }, /a1: outlet must be a string/],
    [{ ...ok, paragraphs: 'One. Two.' }, /a1: paragraphs must be an array of strings/],
    [{ ...ok, paragraphs: ['One.', 2] }, /a1: every paragraph must be a string/],
    [{ ...ok, url: 5 }, /a1: url must be a string/],
    [{ ...ok, title: ['x'] }, /a1: title must be a string/],
    [{ ...ok, published: 'yesterday' }, /a1: published is not a valid time: "yesterday"/],
    [{ ...ok, firstSeen: 17 }, /a1: firstSeen is not a valid time: 17/],
  ])('rejects %j with a clear message', (input, message) => {
    expect(() => validateArticle(input)).toThrow(ArticleError);
    expect(() => validateArticle(input)).toThrow(message);
  });
});

describe('isoTime', () => {
  it('is toISOString for any time a Date can hold', () => {
    const check = (ms: number) => {
      expect(isoTime(ms)).toBe(new Date(ms).toISOString());
    };
    fc.assert(fc.property(fc.bigInt({ min: -8640000000000000n, max: 8640000000000000n }).map(Number), check), { numRuns: 5000 });
    // The years 0000-9999 (the written-out path), their edges, leap days and fractions of a millisecond.
    fc.assert(fc.property(fc.bigInt({ min: -62167219200000n, max: 253402300799999n }).map(Number), check), { numRuns: 20000 });
    for (const ms of [0, -1, 1, -62167219200000, -62167219200001, 253402300799999, 253402300800000, Date.UTC(2016, 1, 29, 23, 59, 59, 999), Date.UTC(2000, 1, 29), Date.UTC(1900, 2, 1), 1.5, -0.5]) check(ms);
  });
});
