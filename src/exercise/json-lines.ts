/**
 * JSON with line numbers: parses a JSON text (as JSON.parse would, the same values) and remembers
 * the line where each value starts, by its path ("questions[2].points"), so a schema's complaint
 * about a field can name the line of the file a teacher opens in an editor. A syntax error is
 * thrown as a JsonSyntaxError with its line and column. Pure: no browser or Node API.
 */

export class JsonSyntaxError extends Error {
  override name = 'JsonSyntaxError';
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

export type PathKey = string | number;

/** "questions[2].points" for ['questions', 2, 'points']; '' for the whole document. */
export function pathText(path: readonly PathKey[]): string {
  let s = '';
  for (const k of path) s += typeof k === 'number' ? `[${k}]` : s ? `.${k}` : k;
  return s;
}

export interface Located {
  value: unknown;
  /** The line (1-based) where the value at `path` starts, else that of its nearest ancestor found. */
  lineOf(path: readonly PathKey[]): number;
}

/** parseLocated() for a file the user gave: its value located, or the refusal of text that is not JSON. */
export function readLocated(text: string): { ok: true; located: Located } | { ok: false; line: number; field: ''; message: string } {
  try {
    return { ok: true, located: parseLocated(text) };
  } catch (e) {
    if (e instanceof JsonSyntaxError) return { ok: false, line: e.line, field: '', message: `not valid JSON (${e.message}, column ${e.column})` };
    throw e;
  }
}

export function parseLocated(text: string): Located {
  const lines = new Map<string, number>();
  let i = 0;
  let line = 1;
  let lineStart = 0;
  if (text.charCodeAt(0) === 0xfeff) i = 1;

  const fail = (what: string): never => {
    throw new JsonSyntaxError(what, line, i - lineStart + 1);
  };
  const space = () => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 10) {
        i++;
        line++;
        lineStart = i;
      } else if (c === 32 || c === 9 || c === 13) i++;
      else return;
    }
  };
  const found = () => (i >= text.length ? 'the end of the text' : `'${text[i]}'`);

  const string = (): string => {
    const start = i;
    i++; // the opening quote
    for (;;) {
      const c = text.charCodeAt(i);
      if (Number.isNaN(c)) return fail('a string is not closed');
      if (c === 34) break;
      if (c === 10) return fail('a line break inside a string (write it as \\n)');
      if (c === 92) i += 2;
      else i++;
    }
    i++;
    try {
      return JSON.parse(text.slice(start, i)) as string;
    } catch {
      i = start;
      return fail('a string with a bad escape (\\)');
    }
  };

  const value = (path: PathKey[]): unknown => {
    space();
    lines.set(pathText(path), line);
    const c = text[i];
    if (c === '{') {
      i++;
      const obj: Record<string, unknown> = {};
      space();
      if (text[i] === '}') {
        i++;
        return obj;
      }
      for (;;) {
        space();
        if (text[i] !== '"') return fail(`expected a field name in quotes, found ${found()}`);
        const key = string();
        space();
        if (text[i] !== ':') return fail(`expected ':' after "${key}", found ${found()}`);
        i++;
        // As JSON.parse: a field named __proto__ is an own field, never the object's prototype.
        Object.defineProperty(obj, key, { value: value([...path, key]), enumerable: true, writable: true, configurable: true });
        space();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return obj;
        }
        return fail(`expected ',' or '}' after a field, found ${found()}`);
      }
    }
    if (c === '[') {
      i++;
      const arr: unknown[] = [];
      space();
      if (text[i] === ']') {
        i++;
        return arr;
      }
      for (;;) {
        arr.push(value([...path, arr.length]));
        space();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return arr;
        }
        return fail(`expected ',' or ']' after an item, found ${found()}`);
      }
    }
    if (c === '"') return string();
    const m = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 400));
    if (!m) return fail(`expected a value, found ${found()}`);
    i += m[0].length;
    return JSON.parse(m[0]) as unknown;
  };

  const result = value([]);
  space();
  if (i < text.length) fail(`unexpected ${found()} after the end of the document`);
  return {
    value: result,
    lineOf(path) {
      for (let n = path.length; n >= 0; n--) {
        const l = lines.get(pathText(path.slice(0, n)));
        if (l !== undefined) return l;
      }
      return 1;
    },
  };
}
