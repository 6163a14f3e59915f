/**
 * An article id given as a JSON number, kept as written. JSON.parse turns 12345678901234567890123456789
 * into 1.2345678901234568e+28, so two such ids would become one; the id is read back from the line's
 * own text instead (the digits as given), and refused when that cannot be done unambiguously.
 */

const ID_NUMBER = /"id"\s*:\s*(-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/g;

export class IdNumberError extends Error {
  override name = 'IdNumberError';
}

/**
 * The id as a string: a string as it is, a number as its text in `line` (the JSON line it was parsed
 * from). Anything else is returned unchanged for the caller's type check.
 */
export function idAsWritten(id: unknown, line: string): unknown {
  if (typeof id !== 'number') return id;
  const written = new Set<string>();
  for (const m of line.matchAll(ID_NUMBER)) if (Number(m[1]) === id) written.add(m[1]);
  if (written.size === 1) return [...written][0];
  if (Number.isSafeInteger(id)) return String(id);
  throw new IdNumberError(`"id" is a number that cannot be kept exactly (${String(id)}); write it as a string`);
}
