/**
 * Finds the message keys a source file uses: t('key'), t.plural('base') (base_one and base_other),
 * getMessage('key'), data-i18n="key" (and data-i18n-aria-label="key" etc.), __MSG_key__; and the
 * t(...) calls whose key is not a literal, which such a scan cannot follow.
 */
export interface Usage {
  keys: string[];
  /** Excerpts of t()/t.plural() calls with a computed key. */
  dynamic: string[];
}

const LITERAL = [/\bt\(\s*'([A-Za-z0-9_@]+)'/g, /getMessage\(\s*'([A-Za-z0-9_@]+)'/g, /data-i18n(?:-[a-z-]+)?="([A-Za-z0-9_@]+)"/g, /__MSG_([A-Za-z0-9_@]+)__/g];
const PLURAL = /\bt\.plural\(\s*'([A-Za-z0-9_]+)'/g;
const DYNAMIC = /\bt(?:\.plural)?\(\s*(?![')])[^\n]{0,40}/g;

export function scanUsage(text: string): Usage {
  const keys: string[] = [];
  for (const re of LITERAL) for (const m of text.matchAll(re)) keys.push(m[1]);
  for (const m of text.matchAll(PLURAL)) keys.push(`${m[1]}_one`, `${m[1]}_other`);
  // Comments may mention t() without a key.
  const code = text.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, '');
  return { keys, dynamic: [...code.matchAll(DYNAMIC)].map((m) => m[0]) };
}
