/**
 * Finds text that narrates a project's development the way a lab notebook does: numbered sittings of
 * work ("session 12", "sessions 13-15", "sitting 3") and references to the writer's own sitting
 * ("this session", "an earlier session"). The browser's session storage is not that: "session" must
 * be followed by a number or preceded by a word that makes it a sitting of work.
 */
export interface NarrationHit {
  line: number;
  text: string;
}

const NUMBERED = /\b(?:session|sitting)s?\s+(?:#|no\.?\s*)?\d+/i;
const DEICTIC = /\b(?:this|that|earlier|previous|prior|last|next|later|one|each|every|a|an)\s+(?:(?:earlier|previous|prior|later|coding|work(?:ing)?)\s+)?(?:session|sitting)(?!\s*(?:storage|cache|state|restore|key|id|cookie|s?\.\w))\b/i;
/** Uses that are about the browser or HTTP, not about a sitting of work. */
const ALLOWED = /\b(?:browser|private|incognito|user|login|http|storage|chrome|tab|window)\b[^.]*\bsession\b|\bsession\b[^.]*\b(?:storage|cookie|restore)\b/i;

export function historyNarration(text: string): NarrationHit[] {
  const hits: NarrationHit[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (NUMBERED.test(l) || (DEICTIC.test(l) && !ALLOWED.test(l))) hits.push({ line: i + 1, text: l.trim().slice(0, 120) });
  }
  return hits;
}
