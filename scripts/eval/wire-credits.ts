/**
 * The wires an article credits for all its text, by a scan of its own, separate from the engine's
 * credit finder (src/engine/credits.ts), for the news clusters' wire-credit row of `npm run eval`.
 * A paragraph credits a wire (the Associated Press, Reuters, AFP) when it is:
 *   - a dateline: a place in capitals (an optional region and date) then "(AP)" and a dash;
 *   - a byline: a line of 30 words or fewer starting "By" that names the wire ("By JILL COLVIN,
 *     Associated Press");
 *   - a line that is nothing but the wire's name, with "By", "The", a date or a time at most
 *     ("The Associated Press", "— Reuters", "Associated Press Monday, July 16, 2018");
 *   - a copyright line naming it, or "... the Associated Press contributed to this report".
 * Picture credits ("AP Photo/...", "Photo: ..., AP", "Credit: The Associated Press", "via AP",
 * "Getty") are skipped, and so are lines like "Evan Vucci, Associated Press", which pages use for
 * bylines and picture credits alike.
 */
const WIRES: Array<[string, RegExp]> = [
  ['Associated Press', /\b(?:Associated Press|ASSOCIATED PRESS|AP)\b/],
  ['Reuters', /\b(?:Reuters|REUTERS)\b/],
  ['AFP', /\b(?:AFP|Agence France-Presse)\b/],
];
const DATELINE = /^\s*[A-Z][A-Z.'/ -]+(?:,\s*[A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)*)?(?:,? [A-Z][a-z]{2,8}\.? \d{1,2})?\s*\(([^()]{2,30})\)\s*[-—–]/;
const BYLINE = /^\s*by\s/i;
const PICTURE = /photo|picture|image|getty|credit|\/|\||via AP|pool/i;
const WHOLE = /©|\bcopyright\b|contributed to this (?:report|story)/i;
const DATE = /\b(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?|\d{1,4}|[ap]\.?m\.?|by|the|updated)\b/gi;
const ONLY = [/^(?:Associated Press|AP)$/i, /^Reuters$/i, /^(?:AFP|Agence France-Presse)$/i];

const words = (p: string) => p.trim().split(/\s+/).length;

export function wiresCredited(paragraphs: string[]): Set<string> {
  const out = new Set<string>();
  for (const p of paragraphs) {
    const date = DATELINE.exec(p);
    const rest = p.replace(DATE, ' ').replace(/[^A-Za-z-]+/g, ' ').trim();
    WIRES.forEach(([name, re], k) => {
      if (date ? re.test(date[1]) : WHOLE.test(p) ? re.test(p) && !/photo|getty|image/i.test(p) : !PICTURE.test(p) && ((BYLINE.test(p) && words(p) <= 30 && re.test(p)) || ONLY[k].test(rest))) out.add(name);
    });
  }
  return out;
}
