/**
 * Word-level diff of a passage against its source text, for the popup's side-by-side view.
 *
 * Words are runs of non-space characters, and within a run of a script written without spaces
 * (Chinese, Japanese, Thai, ...) the words Intl.Segmenter finds, as the engine's tokenizer does; each
 * word carries the whitespace that follows it so the pieces concatenate back to the original strings
 * exactly. Words are matched by their letters and
 * digits (case, typographic quotes and dashes folded), so `State,` and `State`, or `done.”` and
 * `done".`, are the same word: the characters in which two matched words still differ (a comma, a
 * quote style, a dash) are marked apart as a punctuation/typography difference ('punct'), never as a
 * changed word; so is a lone punctuation mark ("—") found on one side only. A change of case alone
 * is not marked. The text shown is always the original.
 *
 * The longest common subsequence is computed with the classic O(n*m) table; passages are short
 * (tens to a few hundred words). Past `maxCells` the common prefix and suffix are kept and the
 * middle is reported as changed, which keeps the popup responsive on pathological input.
 *
 * Pure: no DOM, no browser API.
 */

/** 'same'; 'removed' (a word only in the source); 'added' (a word only in the checked text); 'punct' (punctuation or typography that differs). */
export type DiffKind = 'same' | 'removed' | 'added' | 'punct';

export interface DiffPiece {
  kind: DiffKind;
  /** Original text, including whitespace (marks end before it where they can). */
  text: string;
}

export interface WordDiff {
  /** The source text cut into pieces: 'same', 'removed' (only in the source) or 'punct'. */
  source: DiffPiece[];
  /** The checked text cut into pieces: 'same', 'added' (only in the checked article) or 'punct'. */
  target: DiffPiece[];
  /** Share of the target's words that are also in the source, in order (1 = verbatim); lone punctuation does not count. */
  similarity: number;
}

interface Word {
  /** Comparison key: the folded letters and digits, or for a lone punctuation mark its folded form. */
  key: string;
  /** The original text with its trailing whitespace (and, for the first word, the leading whitespace). */
  text: string;
  /** Whether it has a letter or digit (a word) or is punctuation alone. */
  word: boolean;
}

const EDGE = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;
const HAS_WORD = /[\p{L}\p{N}]/u;

/** Scripts written without spaces between words: their runs are cut into words by Intl.Segmenter. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
let segmenter: Intl.Segmenter | null | undefined;

/** The pieces of a run of non-space characters: itself, or its words where its script has no spaces. */
function segments(body: string): string[] {
  if (!UNSPACED.test(body)) return [body];
  segmenter ??= typeof Intl.Segmenter === 'function' ? new Intl.Segmenter(undefined, { granularity: 'word' }) : null;
  return segmenter ? Array.from(segmenter.segment(body), (s) => s.segment) : [body];
}

function word(body: string, text: string): Word {
  const isWord = HAS_WORD.test(body);
  return { key: isWord ? foldWord(body.replace(EDGE, '')) : `\u0001${foldWord(body)}`, text, word: isWord };
}

/** Splits text into words, each with the whitespace after it; leading whitespace joins the first word. */
export function words(text: string): Word[] {
  const out: Word[] = [];
  const re = /\S+\s*/g;
  const lead = /^\s*/.exec(text)![0];
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const body = m[0].trimEnd();
    const parts = segments(body);
    for (let i = 0; i < parts.length; i++) out.push(word(parts[i], i === parts.length - 1 ? parts[i] + m[0].slice(body.length) : parts[i]));
  }
  if (out.length && lead) out[0] = { ...out[0], text: lead + out[0].text };
  return out;
}

/** The comparison key of a word: lower case, typographic quotes and dashes folded to ASCII. */
export function foldWord(w: string): string {
  return w
    .toLowerCase()
    .replace(/[\u2018\u2019\u201a\u201b\u2032]/g, "'")
    .replace(/[\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb]/g, '"')
    .replace(/[\u2012\u2013\u2014\u2015]/g, '-');
}

/**
 * Pairs of indices (i in a, j in b) of one longest common subsequence, in order. With `exact`, among
 * the longest ones the one with the most pairs for which exact(i, j) holds: equal keys whose original
 * texts are identical too are preferred, so `State` pairs with `State` rather than with `State,`.
 */
export function lcsPairs(a: readonly string[], b: readonly string[], maxCells = 2_000_000, exact?: (i: number, j: number) => boolean): Array<[number, number]> {
  const same = (i: number, j: number) => a[i] === b[j] && (!exact || exact(i, j));
  // Common prefix and suffix first (exact pairs only): cheap, and usually most of a copied passage.
  let pre = 0;
  while (pre < a.length && pre < b.length && same(pre, pre)) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && same(a.length - 1 - suf, b.length - 1 - suf)) suf++;
  const pairs: Array<[number, number]> = [];
  for (let i = 0; i < pre; i++) pairs.push([i, i]);
  const n = a.length - pre - suf;
  const m = b.length - pre - suf;
  if (n > 0 && m > 0 && (n + 1) * (m + 1) <= maxCells) {
    // A pair scores `unit` (more than all exact bonuses together), plus 1 when exact: the number of
    // pairs comes first. Scores stay below min(n, m) * (unit + 1) <= maxCells (fits 32 bits).
    const unit = exact ? Math.min(n, m) + 1 : 1;
    const score = (i: number, j: number) => (a[pre + i] !== b[pre + j] ? 0 : unit + (exact && exact(pre + i, pre + j) ? 1 : 0));
    // table[i][j] = best score of a[pre+i..] and b[pre+j..] (suffix form, so we can walk forwards).
    const w = m + 1;
    const t = new Uint32Array((n + 1) * w);
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        const s = score(i, j);
        t[i * w + j] = Math.max(s ? t[(i + 1) * w + j + 1] + s : 0, t[(i + 1) * w + j], t[i * w + j + 1]);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
      const s = score(i, j);
      if (s && t[i * w + j] === t[(i + 1) * w + j + 1] + s) {
        pairs.push([pre + i, pre + j]);
        i++;
        j++;
      } else if (t[(i + 1) * w + j] >= t[i * w + j + 1]) i++;
      else j++;
    }
  }
  for (let k = suf; k > 0; k--) pairs.push([a.length - k, b.length - k]);
  return pairs;
}

/** Appends text of a kind, merging with the last piece when it is of the same kind. */
function push(out: DiffPiece[], kind: DiffKind, text: string): void {
  if (!text) return;
  const last = out[out.length - 1];
  if (last && last.kind === kind) last.text += text;
  else out.push({ kind, text });
}

/**
 * The pieces of word `w` matched with word `other`: the characters they share are 'same', the
 * others (punctuation, quote style) 'punct'. Case alone is not a difference.
 */
function matchedPieces(out: DiffPiece[], w: Word, other: Word): void {
  const lead = /^\s*/.exec(w.text)![0];
  const body = w.text.trim();
  const trail = w.text.slice(lead.length + body.length);
  push(out, 'same', lead);
  const otherBody = other.text.trim();
  if (body.toLowerCase() === otherBody.toLowerCase()) push(out, 'same', body);
  else {
    // Code points, so a character outside the BMP is never split in two.
    const mine = Array.from(body);
    const pairs = lcsPairs(
      mine.map((c) => c.toLowerCase()),
      Array.from(otherBody, (c) => c.toLowerCase()),
    );
    const kept = new Uint8Array(mine.length);
    for (const [i] of pairs) kept[i] = 1;
    mine.forEach((c, i) => push(out, kept[i] ? 'same' : 'punct', c));
  }
  push(out, 'same', trail);
}

function pieces(ws: Word[], others: Word[], match: Int32Array, unmatched: DiffKind): DiffPiece[] {
  const out: DiffPiece[] = [];
  ws.forEach((w, i) => {
    if (match[i] >= 0) matchedPieces(out, w, others[match[i]]);
    else push(out, w.word ? unmatched : 'punct', w.text);
  });
  return out;
}

/** Diffs the source text against the checked (target) text, word by word. */
export function wordDiff(source: string, target: string, maxCells?: number): WordDiff {
  const a = words(source);
  const b = words(target);
  const body = (w: Word) => w.text.trim().toLowerCase();
  const pairs = lcsPairs(
    a.map((w) => w.key),
    b.map((w) => w.key),
    maxCells,
    (i, j) => body(a[i]) === body(b[j]),
  );
  const ma = new Int32Array(a.length).fill(-1);
  const mb = new Int32Array(b.length).fill(-1);
  for (const [i, j] of pairs) {
    ma[i] = j;
    mb[j] = i;
  }
  const targetWords = b.filter((w) => w.word).length;
  const sameWords = pairs.filter(([, j]) => b[j].word).length;
  return {
    source: pieces(a, b, ma, 'removed'),
    target: pieces(b, a, mb, 'added'),
    similarity: targetWords ? sameWords / targetWords : a.some((w) => w.word) ? 0 : 1,
  };
}
