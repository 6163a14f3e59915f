import { describe, expect, it } from 'vitest';
import { parseJsonLoose } from '../../src/extract/json-ld';
import { toIsoDate } from '../../src/extract/dates';
import { readableHostname, withoutHash } from '../../src/extract/urls';
import { collapseWhitespace, stripWhitespace } from '../../src/extract/text';

describe('toIsoDate', () => {
  it('normalises offsets, spaces and timestamps to UTC ISO', () => {
    expect(toIsoDate('2016-08-26T12:00:00+02:00')).toBe('2016-08-26T10:00:00Z');
    expect(toIsoDate('2016-08-26 12:00:00+0200')).toBe('2016-08-26T10:00:00Z');
    expect(toIsoDate('2016-08-26')).toBe('2016-08-26T00:00:00Z');
    expect(toIsoDate('1472205600')).toBe('2016-08-26T10:00:00Z');
    expect(toIsoDate('2016-08-26T10:00:00.250Z')).toBe('2016-08-26T10:00:00.250Z');
    expect(toIsoDate('Fri, 26 Aug 2016 10:00:00 GMT')).toBe('2016-08-26T10:00:00Z');
  });
  it('rejects garbage and implausible dates', () => {
    expect(toIsoDate('yesterday')).toBeUndefined();
    expect(toIsoDate('')).toBeUndefined();
    expect(toIsoDate(undefined)).toBeUndefined();
    expect(toIsoDate('1970-01-01T00:00:00Z')).toBeUndefined();
    expect(toIsoDate('2999-01-01T00:00:00Z')).toBeUndefined();
  });
});

describe('parseJsonLoose', () => {
  it('parses valid JSON and repairs common breakage', () => {
    expect(parseJsonLoose('{"a": 1}')).toEqual({ a: 1 });
    expect(parseJsonLoose('{"a": [1, 2,], }')).toEqual({ a: [1, 2] });
    expect(parseJsonLoose('<!-- {"a": 1} -->')).toEqual({ a: 1 });
    expect(parseJsonLoose('//<![CDATA[\n{"a": 1}\n//]]>')).toEqual({ a: 1 });
    expect(parseJsonLoose('{"a": "line\nbreak"}')).toEqual({ a: 'line break' });
  });
  it('returns undefined instead of throwing', () => {
    expect(parseJsonLoose('{not json')).toBeUndefined();
    expect(parseJsonLoose('')).toBeUndefined();
  });
});

describe('URL helpers', () => {
  it('strips www and fragments', () => {
    expect(readableHostname('https://www.example.co.uk/a')).toBe('example.co.uk');
    expect(readableHostname('https://www2.example.com/a')).toBe('example.com');
    expect(readableHostname('https://news.example.com/a')).toBe('news.example.com');
    expect(readableHostname('file:///tmp/a.html')).toBeUndefined();
    expect(withoutHash('https://example.com/a?b=1#c')).toBe('https://example.com/a?b=1');
  });
});

describe('whitespace', () => {
  it('collapses and strips, keeping an index back into the text', () => {
    expect(collapseWhitespace('  a\u00a0 b\n\tc ')).toBe('a b c');
    const { stripped, index } = stripWhitespace(' ab  c');
    expect(stripped).toBe('abc');
    expect(index).toEqual([1, 2, 5]);
  });
});
