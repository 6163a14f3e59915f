/** The located JSON parser: the same values as JSON.parse, the line of each value, syntax errors with line and column. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonSyntaxError, parseLocated, pathText } from '../../src/exercise/json-lines';

describe('parseLocated', () => {
  it('gives what JSON.parse gives, for any JSON value written any way', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.boolean(), (value, pretty) => {
        const text = JSON.stringify(value, null, pretty ? 2 : undefined);
        expect(parseLocated(text).value).toEqual(JSON.parse(text));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps a field named __proto__ as a field, as JSON.parse does', () => {
    const v = parseLocated('{"__proto__": {"x": 1}}').value as Record<string, unknown>;
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(Object.keys(v)).toEqual(['__proto__']);
  });

  it('names the line of each value, and of the nearest ancestor for a path that is not there', () => {
    const text = '{\n  "title": "x",\n  "questions": [\n    {"id": "q1"},\n    {\n      "points": "3"\n    }\n  ]\n}\n';
    const r = parseLocated(text);
    expect(r.lineOf([])).toBe(1);
    expect(r.lineOf(['title'])).toBe(2);
    expect(r.lineOf(['questions', 0])).toBe(4);
    expect(r.lineOf(['questions', 1, 'points'])).toBe(6);
    expect(r.lineOf(['questions', 1, 'kind'])).toBe(5);
    expect(pathText(['questions', 1, 'answer', 'order', 0])).toBe('questions[1].answer.order[0]');
  });

  it('refuses bad JSON with the line and column', () => {
    const at = (text: string) => {
      try {
        parseLocated(text);
      } catch (e) {
        if (e instanceof JsonSyntaxError) return [e.line, e.column, e.message];
        throw e;
      }
      return undefined;
    };
    expect(at('{\n  "a": 1,\n  "b": 2,\n}')).toEqual([4, 1, "expected a field name in quotes, found '}'"]);
    expect(at('{\n  "a": [1, 2\n}')).toEqual([3, 1, "expected ',' or ']' after an item, found '}'"]);
    expect(at('{"a": tru}')?.slice(0, 2)).toEqual([1, 7]);
    expect(at('{"a": 1} x')?.[2]).toMatch(/after the end/);
    expect(at('')?.[2]).toMatch(/found the end of the text/);
  });
});
