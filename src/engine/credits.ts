/**
 * Credits to other news outlets in article text.
 *
 * A credit is the article saying, in words, that some of its text came from another outlet:
 *  - inline, for one paragraph: "DPA reported", "according to (a report by) Reuters", "told dpa",
 *    "told the BBC", "reported by CNN", "seen by dpa", "in an interview with AP", "via AP", "(AP)";
 *  - for the whole article: a dateline ("LONDON (Reuters) -", "(AP) —"; below the first two paragraphs
 *    only with a dash after it and a place in capitals before it: pages put captions and bylines first),
 *    a short (<= 12 words) sign-off or byline line ("— Reuters", "AFP", "By Associated Press",
 *    "With AFP", "Source: BBC"), a sign-off ending the last paragraph ("... - AFP"),
 *    "Additional reporting by Reuters", "Reuters contributed to this report", and copyright lines.
 * Names come from an alias table of agencies and big broadcasters (canonical names as the engine
 * reports them), or, in the same frames, any capitalised multi-word name that looks like an outlet
 * (it contains News, Times, Press, Post, TV...), reported as written. A name is the outlet alone: a
 * table alias inside a longer name is taken by itself ("JILL COLVIN Associated Press"), and a
 * description before the outlet is dropped ("Kremlin-controlled Sputnik News"). So "according to the UN",
 * "told reporters" and "officials said" are not credits. Case matters: "AP" only in capitals,
 * "dpa" in either case, and "PA" (also the Palestinian Authority) only in clear forms: a dateline,
 * sign-off, byline or copyright line.
 *
 * Photo credits are NOT credits ("AP Photo/Hassan Ammar", "Photo: Reuters", "(Reuters/Name)",
 * "REUTERS/Name", "AFP/Getty Images", "AFP via Getty Images"): they license a picture, not words,
 * and a page that runs a wire photo next to copied wire text has not credited the text.
 */
import { outletKey } from './outlet';
import type { Credit } from './types';
import { wordCount } from './word-count';

interface Outlet {
  name: string;
  aliases: string[];
  /** Extra keys for creditMatchesOutlet (domain names). */
  keys?: string[];
  /** Aliases accepted only in datelines, sign-offs, bylines and copyright lines. */
  strict?: string[];
  /** Also a surname: not a credit right after a capitalised word ("Michael Bloomberg said"). */
  person?: boolean;
}

const OUTLETS: Outlet[] = [
  { name: 'Associated Press', aliases: ['Associated Press', 'AP News', 'AP'], keys: ['apnews'] },
  { name: 'Reuters', aliases: ['Thomson Reuters', 'Thomson/Reuters', 'Reuters'] },
  { name: 'AFP', aliases: ['Agence France-Presse', 'Agence France Presse', 'French news agency', 'French News Agency', 'French press agency', 'AFP'] },
  { name: 'dpa', aliases: ['Deutsche Presse-Agentur', 'Deutsche Presse Agentur', 'German Press Agency', 'German press agency', 'German news agency', 'dpa', 'DPA'] },
  { name: 'BBC', aliases: ['BBC News', 'BBC World Service', 'BBC'] },
  { name: 'Bloomberg', aliases: ['Bloomberg News', 'Bloomberg'], person: true },
  { name: 'CNN', aliases: ['Cable News Network', 'CNN'] },
  { name: 'UPI', aliases: ['United Press International', 'UPI'] },
  { name: 'ANSA', aliases: ['ANSA'] },
  { name: 'EFE', aliases: ['Agencia EFE', 'EFE'] },
  { name: 'Xinhua', aliases: ['Xinhua News Agency', 'Xinhua'], keys: ['xinhuanet'] },
  { name: 'TASS', aliases: ['ITAR-TASS', 'TASS', 'Tass'] },
  { name: 'RIA Novosti', aliases: ['RIA Novosti', 'RIA'] },
  { name: 'Interfax', aliases: ['Interfax'] },
  { name: 'PA', aliases: ['Press Association', 'PA Media', 'PA news agency'], strict: ['PA'] },
  { name: 'ANI', aliases: ['Asian News International', 'ANI'] },
  { name: 'IANS', aliases: ['Indo-Asian News Service', 'IANS'] },
  { name: 'PTI', aliases: ['Press Trust of India', 'PTI'] },
  { name: 'Kyodo', aliases: ['Kyodo News', 'Kyodo'] },
  { name: 'Yonhap', aliases: ['Yonhap News Agency', 'Yonhap'] },
  { name: 'NYT', aliases: ['New York Times', 'NYT'], keys: ['nytimes'] },
  { name: 'The Washington Post', aliases: ['Washington Post'] },
  { name: 'The Wall Street Journal', aliases: ['Wall Street Journal', 'WSJ'] },
  { name: 'Financial Times', aliases: ['Financial Times', 'FT'] },
  { name: 'The Guardian', aliases: ['Guardian'] },
  { name: 'Al Jazeera', aliases: ['Al Jazeera', 'Al-Jazeera', 'Aljazeera'] },
  { name: 'Al Arabiya', aliases: ['Al Arabiya', 'Al-Arabiya'] },
  { name: 'Anadolu Agency', aliases: ['Anadolu Agency', 'Anadolu'], keys: ['aa'] },
  { name: 'SANA', aliases: ['Syrian Arab News Agency', 'SANA'] },
  { name: 'IRNA', aliases: ['IRNA'] },
  { name: 'CBC', aliases: ['CBC News', 'CBC'] },
  { name: 'ABC News', aliases: ['ABC News'] },
  { name: 'NBC News', aliases: ['NBC News'] },
  { name: 'CBS News', aliases: ['CBS News'] },
  { name: 'Fox News', aliases: ['Fox News'] },
  { name: 'NPR', aliases: ['National Public Radio', 'NPR'] },
  { name: 'Sky News', aliases: ['Sky News'] },
];

/** Words that make a capitalised name look like a news outlet (lower case). */
const OUTLET_WORDS = new Set(('news newspaper times post press tribune herald journal tv television radio channel daily ' +
  'gazette telegraph guardian mail express wire broadcasting broadcaster chronicle observer bulletin courier ' +
  'dispatch mirror monitor today magazine weekly online media globe examiner inquirer reporter insider').split(' '));
/** Words that make a name an institution, not an outlet ("Press Office", "National Press Club"). */
const NOT_OUTLET = new Set(('ministry minister department office secretary council committee commission union police ' +
  'court bank organization organisation institute university foundation party army forces government embassy ' +
  'authority service club conference briefing release room observatory coalition spokesman spokeswoman').split(' '));
/** Capitalised words that start sentences rather than names ("On Friday Financial Times reported"). */
const LEADING = new Set(('on in at but and also earlier later meanwhile however separately last this that yesterday ' +
  'today tonight he she it they we as while when still now then since after before following by with and ' +
  'monday tuesday wednesday thursday friday saturday sunday january february march april may june july ' +
  'august september october november december according').split(' '));

const BY_ALIAS = new Map<string, Outlet>();
const ALIASES: string[] = [];
const STRICT: string[] = [];
for (const o of OUTLETS) {
  for (const alias of o.aliases) {
    for (const v of new Set([alias, alias.toUpperCase()])) {
      BY_ALIAS.set(v, o);
      ALIASES.push(v);
    }
  }
  for (const alias of o.strict ?? []) {
    BY_ALIAS.set(alias, o);
    STRICT.push(alias);
  }
}
/**
 * The terms every credit hinges on, each a sequence of words in lower case with whether its first
 * word counts only with a capital first letter: every alias (split into words at whatever is not a
 * letter or digit; with a capital unless the alias starts in lower case, as "dpa" does) and each
 * outlet word alone (capital: a name's words start with capitals or digits). resolveName() accepts
 * a name only when it is an alias, starts with an alias (its first word, as a whole) or holds an
 * outlet word as one of its words; the patterns match aliases as written, and names stand between
 * characters that are not letters or digits. So a paragraph with a credit holds the words of one of
 * these terms in a row, each whole, with a capital where it says so: credit-words.ts relies on it.
 */
export const CREDIT_TERMS: ReadonlyArray<readonly [words: readonly string[], capital: boolean]> = (() => {
  const terms = new Map<string, [string[], boolean]>();
  const add = (words: string[], cap: boolean) => {
    const key = words.join(' ');
    const t = terms.get(key);
    if (t) t[1] &&= cap;
    else terms.set(key, [words, cap]);
  };
  for (const a of BY_ALIAS.keys()) add(a.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean), /^\p{Lu}/u.test(a));
  for (const w of OUTLET_WORDS) add([w], true);
  return [...terms.values()];
})();
const alt = (xs: string[]) => [...new Set(xs)].sort((a, b) => b.length - a.length).map((x) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
const B = '(?<![\\p{L}\\p{N}])';
const E = '(?![\\p{L}\\p{N}])';
const WORD = '[\\p{L}\\p{N}&-]*';
const GEN = `\\p{Lu}${WORD}(?:\\s(?:(?:of|for|de|du|al|el|and|&)\\s)?[\\p{Lu}\\p{N}]${WORD}){1,6}`;
const THE = '(?:(?<![\\p{L}\\p{N}])[Tt]he\\s+)?';
type Kind = 'inline' | 'dateline' | 'signoff' | 'line' | 'additional' | 'whole';
const VERB = '(?:has\\s+|had\\s+|have\\s+)?(?:reported|reports|reporting|quoted|quotes|cited|cites|wrote|writes|said|says|learned|learnt|revealed|reveals|understands|confirmed)';
const NOUN = '(?:\\s+(?:news agency|News Agency|news service|newspaper|daily|broadcaster|television|TV|website|agency))?';

interface Patterns {
  /** Names in a region (namesIn). */
  names: RegExp;
  /** Frames whose `name` group is the credited outlet. */
  frames: Array<[Kind, RegExp, RegExp]>;
  /** Table aliases ending a longer name (aliasIn). */
  inner: RegExp;
}
let built: Patterns | undefined;

/**
 * The patterns made from the alias table, built on first use: building them (large Unicode
 * alternations) costs about 7 ms, which every page the content script is injected into would pay at
 * load, and most pages never reach them (mayHoldCredit() says no first).
 */
function patterns(): Patterns {
  if (built) return built;
  /** A name in inline frames, and in clear frames (where strict aliases such as "PA" count too). */
  const NAME = `${THE}${B}(?<name>${alt(ALIASES)}|${GEN})${E}`;
  const NAME_ALL = `${THE}${B}(?<name>${alt([...ALIASES, ...STRICT])}|${GEN})${E}`;
  /**
   * What a name (with its optional "the") can start with: a capital, T or t, or the first letter of an
   * alias in lower case ("dpa"). Put before a pattern that starts with a name, this one-character test
   * rejects most positions at once, where the regex would otherwise try every alias at each (the
   * same matches: `npm run bench:compare` times findCredits).
   */
  const STARTS = `(?=[\\p{Lu}Tt${[...new Set([...ALIASES, ...STRICT].map((a) => a[0]))].filter((c) => !/\p{Lu}/u.test(c)).join('')}])`;
  const frames: Array<[Kind, RegExp, RegExp]> = [
    ['inline', new RegExp(`${STARTS}${NAME}${NOUN}\\s+${VERB}\\b`, 'gdu'), /reported|reports|reporting|quoted|quotes|cited|cites|wrote|writes|said|says|learn|revealed|reveals|understands|confirmed/],
    ['inline', new RegExp(`\\b[Aa]ccording\\s+to\\s+(?:(?:a|an|the)\\s+)?(?:(?:new|recent|latest|separate|exclusive|report|reports|story|article|dispatch|tally|count|interview)\\s+){0,2}(?:(?:by|from|in|on|of|with)\\s+)?${NAME}`, 'gdu'), /[Aa]ccording/],
    ['inline', new RegExp(`\\b(?:reported|quoted|cited|seen|obtained|published|broadcast|aired|carried|interviewed|reviewed|contacted)\\s+by\\s+${NAME}`, 'gdu'), /\sby\s/],
    ['inline', new RegExp(`\\b(?:told|tells|telling|interview with|interview to|speaking to|spoke to|speaking with|spoke with|talking to|talked to)\\s+${NAME}`, 'gdu'), /tell|told|interview|speaking|spoke|talk/],
    ['inline', new RegExp(`\\bvia\\s+${NAME}`, 'gdu'), /via\s/],
    ['dateline', new RegExp(`\\(\\s*${NAME_ALL}\\s*\\)`, 'gdu'), /\(/],
  ];
  return (built = {
    names: new RegExp(STARTS + NAME_ALL, 'gdu'),
    frames,
    inner: new RegExp(`(?:${B}(?:${alt(INNER)})|(?<=\\p{Ll})(?:${alt(GLUED)}))${E}`, 'gu'),
  });
}

/**
 * Lead-ins after (or before) which the names in a region (group `r`) are credited; `whole`: the
 * region must hold nothing but names and separators ("— Reuters", "With AFP and dpa").
 */
const REGIONS: Array<[Kind, RegExp, boolean, RegExp]> = [
  ['signoff', /(?:^|[\s.!?"”'’)])[-—–]{1,2}\s*(?<r>[^-—–]{1,60})$/dgu, true, /[-—–]/],
  ['line', /^\s*\(?\s*(?:By|BY)\s+(?<r>.{1,1000})$/dgu, false, /^\s*\(?\s*(?:By|BY)\s/],
  ['line', /^\s*\(?\s*(?:With|WITH)\s+(?<r>.{1,60})$/dgu, true, /^\s*\(?\s*(?:With|WITH)\s/],
  ['line', /\((?:[Ww]ith|[Ww]ith inputs from|[Ii]nputs from)\s+(?<r>[^)]{1,60})\)/dgu, true, /\((?:[Ww]ith|[Ii]nputs)/],
  ['line', /\b(?:Sources?|SOURCES?)\s*:\s*(?<r>[^.;]{1,80})/dgu, false, /(?:Sources?|SOURCES?)\s*:/],
  ['additional', /\b(?:[Aa]dditional\s+reporting|[Rr]eporting|[Ii]nputs)\s+(?:by|from)\s+(?<r>[^.;]{1,100})/dgu, false, /[Rr]eporting|[Ii]nputs/],
  ['whole', /(?<r>[^.;!?]{1,100})\s+contributed\s+(?:to\s+(?:this|the)\s+(?:report|story|article)|reporting)/dgu, false, /contributed/],
  ['whole', /(?:©|\([cC]\)\s*\d{4}|\b[Cc]opyright\b|\bCOPYRIGHT\b)(?<r>.{1,100})/dgu, false, /©|\([cC]\)|[Cc]opyright|COPYRIGHT/],
];

const PHOTO_BEFORE = /(?:\b(?:photos?|photographs?|pictures?|pics?|images?|videos?|footage|credits?)\b\s*(?::|by|via|courtesy(?:\s+of)?|-|–|—|\|)?\s*(?:the\s+)?|[/|]\s*)$/i;
const PHOTO_AFTER = /^(?:\s*[/|]|\s+(?:photos?|pictures?|images?|video)\b|\s+via\s+getty)/i;
const CAPITAL_BEFORE = /\p{Lu}[\p{L}.]*\s+$/u;

/**
 * The credit in a matched name: [canonical or as-written name, start and end within `raw`], or null.
 * Table aliases resolve to their canonical name; other names lose sentence-opening words ("On
 * Friday ...") and must then look like an outlet, unless they start with a table alias ("BBC Arabic").
 */
function resolveName(raw: string, before: string): [string, number, number] | null {
  const known = BY_ALIAS.get(raw);
  if (known) return known.person && CAPITAL_BEFORE.test(before) ? null : [known.name, 0, raw.length];
  const words = [...raw.matchAll(/\S+/g)].map((m) => [m[0], m.index] as const);
  let k = 0;
  while (k < words.length && (LEADING.has(words[k]![0].toLowerCase()) || /^the$/i.test(words[k]![0]))) k++;
  // Give back one word when stripping left a lone unknown word: "The Sunday Times".
  if (k > 0 && words.length - k === 1 && !BY_ALIAS.has(words[k]![0])) k--;
  // A description before the outlet is not its name: "Kremlin-controlled Sputnik News" is Sputnik News.
  let d = words.length;
  while (d > k && !DESCRIPTION.test(words[d - 1]![0])) d--;
  const rest = words.slice(Math.max(k, d));
  if (rest.length === 0) return null;
  const lower = rest.map(([w]) => w.toLowerCase());
  if (lower.some((w) => NOT_OUTLET.has(w))) return null; // "Guardian Council", "Press Office"
  const [first, offset] = rest[0]!;
  const head = BY_ALIAS.get(first);
  if (head && !head.person && !STRICT.includes(first)) return [head.name, offset, offset + first.length];
  // A byline before a known outlet ("JILL COLVIN Associated Press", "Gregg Re and The Associated Press",
  // "Vladimir IsachenkovAssociated Press" as pages run it together): the name is the outlet's.
  const inner = aliasIn(raw, offset);
  if (inner) return inner;
  if (rest.length < 2) return null;
  const agency = lower.indexOf('agency');
  const outletish = lower.some((w) => OUTLET_WORDS.has(w)) || (agency > 0 && (lower[agency - 1] === 'news' || lower[agency - 1] === 'press'));
  return outletish ? [raw.slice(offset), offset, raw.length] : null;
}

/** A word that describes an outlet rather than names it: a lower-case part after a hyphen ("state-run", "Kremlin-controlled"). */
const DESCRIPTION = /-\p{Ll}/u;
/** Aliases that can end a longer name: not a surname ("Bloomberg") nor a clear-frame-only one ("PA"). */
const INNER = ALIASES.filter((a) => !BY_ALIAS.get(a)!.person && /^\p{Lu}/u.test(a));
/**
 * Of those, the ones that may be glued to the word before ("IsachenkovAssociated Press"): those with
 * an outlet word after their first word, so the name still holds that word whole (credit-words.ts
 * relies on every credit holding one of CREDIT_TERMS as whole words).
 */
const GLUED = INNER.filter((a) => a.split(/[^\p{L}\p{N}]+/u).slice(1).some((w) => OUTLET_WORDS.has(w.toLowerCase())));

/** The first table alias in raw[from...] (at a word start, or glued to a lower-case letter before it), as [canonical name, start, end]. */
function aliasIn(raw: string, from: number): [string, number, number] | null {
  const inner = patterns().inner;
  inner.lastIndex = from;
  const m = inner.exec(raw);
  return m ? [BY_ALIAS.get(m[0])!.name, m.index, m.index + m[0].length] : null;
}

function isPhotoCredit(p: string, start: number, end: number): boolean {
  return PHOTO_BEFORE.test(p.slice(Math.max(0, start - 30), start)) || PHOTO_AFTER.test(p.slice(end, end + 20));
}

interface Hit { start: number; end: number; name: string }

/** The credit in a match of a `name` group; `base` is where the matched string starts in `p`. */
function nameAt(p: string, m: RegExpExecArray, base = 0): Hit | null {
  const g = m.indices?.groups?.name;
  if (!g) return null;
  const [from, to] = [g[0] + base, g[1] + base];
  const r = resolveName(p.slice(from, to), p.slice(Math.max(0, from - 40), from));
  if (!r || isPhotoCredit(p, from + r[1], from + r[2])) return null;
  return { start: from + r[1], end: from + r[2], name: r[0] };
}

/** The names in p[from, to); when `whole`, that region must hold nothing but names and separators. */
function namesIn(p: string, from: number, to: number, whole: boolean): Hit[] {
  const hits: Hit[] = [];
  const region = p.slice(from, to);
  let rest = region;
  const names = patterns().names;
  names.lastIndex = 0;
  for (let m = names.exec(region); m; m = names.exec(region)) {
    const h = nameAt(p, m, from);
    if (h) {
      hits.push(h);
      rest = rest.slice(0, m.index) + ' '.repeat(m[0].length) + rest.slice(m.index + m[0].length);
    }
    if (m[0].length === 0) names.lastIndex++;
  }
  return whole && !/^[\s,/&.()]*$/.test(rest.replace(/\band\b/g, ' ')) ? [] : hits;
}

const MONTHS = /\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b/g;
/** What stands before a dateline's "(Name)": nothing, or a place in capitals, then an optional region and date. */
const PLACE = /^\s*(?:\p{Lu}[\p{Lu}\p{N}.'’&/ -]*\p{Lu}\.?(?:,\s*\p{Lu}[\p{L}.]*(?:\s\p{Lu}[\p{L}.]*){0,2})?(?:,?\s*\p{Lu}\p{L}{2,8}\.?\s\d{1,2})?,?\s*)?$/u;

function scopeOf(kind: Kind, p: string, words: number, index: number, last: number, start: number, matchEnd: number, lead: string): Credit['scope'] {
  const short = words <= 12;
  switch (kind) {
    case 'inline':
      return 'paragraph';
    case 'dateline': {
      // Datelines credit the whole article wherever they stand (pages put captions, bylines and share
      // bars first). In the first two paragraphs a dash after the name or capitals before it make one;
      // further down it takes both: a dash after, and before it only a place in capitals with an optional
      // region and date ("GLASGOW, Scotland (AP) --"), not prose.
      const before = p.slice(0, start);
      const dash = /^\s*[-—–:]/.test(p.slice(matchEnd));
      if (index <= 1) return dash || !/\p{Ll}/u.test(before.replace(MONTHS, '')) ? 'article' : 'paragraph';
      return dash && PLACE.test(before) ? 'article' : 'paragraph';
    }
    case 'signoff':
      return short || index === last ? 'article' : 'paragraph';
    case 'line':
      return short || (index === last && /^\s*\(/.test(lead)) ? 'article' : 'paragraph';
    case 'additional':
      return short || /^additional/i.test(lead) || p.trimStart().startsWith(lead) ? 'article' : 'paragraph';
    case 'whole':
      return 'article';
  }
}

function credit(h: Hit, kind: Kind, p: string, words: number, index: number, last: number, m: RegExpExecArray): Credit {
  return { name: h.name, paragraph: index, start: h.start, end: h.end, scope: scopeOf(kind, p, words, index, last, m.index, m.index + m[0].length, m[0]) };
}

/**
 * Every credit is a name that resolveName() accepts, and it accepts only a table alias (the whole
 * name, or its first word after sentence openers: "BBC Arabic") or a name holding a capitalised
 * outlet word ("Sunday Times"). So a paragraph holding neither holds no credit, and most paragraphs
 * hold neither: this test spares them the patterns. It looks for the aliases as written and the
 * outlet words with a capital first letter and the rest in any case (the only non-ASCII character
 * that lower-cases to an ASCII letter is the Kelvin sign), without word boundaries: it may say yes
 * where resolveName() would not, never the reverse (a property test holds it to that). Three plain
 * case-sensitive regexes: one alternation of everything, or one with the lower-case "dpa" in it, is
 * several times slower.
 */
const letterClass = (c: string, first: boolean) => `[${first ? '' : c}${c.toUpperCase()}${c === 'k' ? '\u212a' : ''}]`;
const LOWER_ALIASES = [...BY_ALIAS.keys()].filter((a) => !/^[A-Z]/.test(a));
const ALIAS_HINT = new RegExp(alt([...BY_ALIAS.keys()].filter((a) => /^[A-Z]/.test(a))));
const OUTLET_HINT = new RegExp([...OUTLET_WORDS].map((w) => [...w].map((c, i) => letterClass(c, i === 0)).join('')).join('|'));

export function mayHoldCredit(p: string): boolean {
  return ALIAS_HINT.test(p) || OUTLET_HINT.test(p) || LOWER_ALIASES.some((a) => p.includes(a));
}

/** The credits in one paragraph (findCredits() calls it only where mayHoldCredit() is true). */
export function creditsIn(p: string, index: number, last: number): Credit[] {
  const out: Credit[] = [];
  const words = wordCount(p);
  // Each frame runs only where a cheap literal test says it can match (the frames are costly regexes).
  for (const [kind, re, needle] of patterns().frames) {
    if (!needle.test(p)) continue;
    re.lastIndex = 0;
    for (let m = re.exec(p); m; m = re.exec(p)) {
      const h = nameAt(p, m);
      if (h) out.push(credit(h, kind, p, words, index, last, m));
      if (m[0].length === 0) re.lastIndex++;
    }
  }
  for (const [kind, re, whole, needle] of REGIONS) {
    if (!needle.test(p)) continue;
    re.lastIndex = kind === 'signoff' ? signoffFrom(p) : 0;
    for (let m = re.exec(p); m; m = re.exec(p)) {
      const r = m.indices?.groups?.r;
      // "By ..." and "With ..." opening a long paragraph are prose, not a byline.
      const prose = kind === 'line' && words > 12 && /^\s*\(?\s*(?:By|BY|With|WITH)\b/.test(m[0]);
      if (r && !prose) for (const h of namesIn(p, r[0], r[1], whole)) out.push(credit(h, kind, p, words, index, last, m));
      if (m[0].length === 0) re.lastIndex++;
    }
  }
  // A paragraph that is nothing but names ("AFP", "Reuters/AFP", "(AP)") is a sign-off line.
  if (words <= 6) for (const h of namesIn(p, 0, p.length, true)) out.push({ ...h, paragraph: index, scope: 'article' });
  return out;
}

/**
 * Where a sign-off match can start: it runs to the end of the paragraph and holds no dash after its
 * one or two, so it takes the paragraph's last dash and begins at most three characters before it.
 * Starting there spares the regex a failed 60-character attempt at every hyphen of the text.
 */
export function signoffFrom(p: string): number {
  let i = p.length - 1;
  while (i >= 0) {
    const c = p.charCodeAt(i);
    if (c === 0x2d || c === 0x2014 || c === 0x2013) break;
    i--;
  }
  return Math.max(0, i - 3);
}

/**
 * Credits to other outlets in an article's paragraphs, sorted by paragraph and offset. Never throws.
 * With `only`, just those paragraphs are read (the others' credits are not wanted); `last` and
 * every scope are still judged against the whole article.
 */
export function findCredits(paragraphs: string[], only?: (paragraph: number) => boolean): Credit[] {
  if (!Array.isArray(paragraphs)) return [];
  const last = lastNonEmpty(paragraphs);
  const best = new Map<string, Credit>();
  paragraphs.forEach((p, i) => {
    if (typeof p !== 'string' || !p || (only && !only(i))) return;
    let found: Credit[] = [];
    try {
      if (mayHoldCredit(p)) found = creditsIn(p, i, last);
    } catch {
      return;
    }
    for (const c of found) {
      const key = `${c.paragraph}:${c.start}:${c.end}`;
      const prev = best.get(key);
      if (!prev || (prev.scope === 'paragraph' && c.scope === 'article')) best.set(key, c);
    }
  });
  return [...best.values()].sort((a, b) => a.paragraph - b.paragraph || a.start - b.start);
}

const squash = (s: string) => s.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
const SQUASHED = new Map<string, Outlet>();
for (const o of OUTLETS) for (const a of [o.name, ...o.aliases, ...(o.strict ?? []), ...(o.keys ?? [])]) SQUASHED.set(squash(outletKey(a)), o);

/** Does a credit (as findCredits names it, or any outlet name) name this outlet (a display name or hostname)? */
export function creditMatchesOutlet(creditName: string, outlet: string): boolean {
  if (typeof creditName !== 'string' || typeof outlet !== 'string') return false;
  const ok = outletKey(outlet);
  const o = squash(ok);
  const c = squash(outletKey(creditName));
  if (!o || !c) return false;
  if (c === o) return true;
  const tokens = ok.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const entry = SQUASHED.get(c);
  if (entry) {
    if (SQUASHED.get(o) === entry) return true;
    for (const a of [entry.name, ...entry.aliases, ...(entry.strict ?? []), ...(entry.keys ?? [])]) {
      const k = squash(outletKey(a));
      if (k.length <= 4 ? tokens.includes(k) : o.includes(k)) return true;
    }
    return false;
  }
  const [short, long] = c.length <= o.length ? [c, o] : [o, c];
  return short.length >= 5 && !OUTLET_WORDS.has(short) && long.includes(short);
}

const ARTICLE_WIDE = /©|\([cC]\)|[Cc]opyright|COPYRIGHT|contributed|[Rr]eporting|[Ii]nputs|^[^()]{0,80}\([^()]{1,60}\)\s*[-—–]/;

/**
 * Whether paragraph i can hold a credit for the whole article (see scopeOf): the first two
 * paragraphs, the last non-empty one, short lines (sign-offs, bylines), lines opening with a dateline
 * ("HELSINKI (AP) —"), and lines with copyright, "contributed", "reporting by" or "inputs from". Qualifying an article's passages needs
 * only these and the passages' own paragraphs.
 */
export function mayCreditArticle(paragraphs: string[], i: number, last = lastNonEmpty(paragraphs)): boolean {
  const p = paragraphs[i];
  if (typeof p !== 'string') return false;
  return i < 2 || i >= last || wordCount(p) <= 12 || ARTICLE_WIDE.test(p);
}

/** Index of the last paragraph with text (-1 when there is none). */
export function lastNonEmpty(paragraphs: string[]): number {
  for (let k = paragraphs.length - 1; k >= 0; k--) if (typeof paragraphs[k] === 'string' && paragraphs[k].trim()) return k;
  return -1;
}
