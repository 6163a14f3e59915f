/**
 * Word-level diff of a passage against its source text, for the popup's side-by-side view.
 *
 * Words are runs of non-space characters; each word carries the whitespace that follows it so the
 * pieces concatenate back to the original strings exactly. Words are compared after folding case and
 * typographic quotes/dashes, so "said" vs "Said" or ’ vs ' do not show as changes (the text shown is
 * always the original). The longest common subsequence is computed with the classic O(n*m) table;
 * passages are short (tens to a few hundred words). Past `maxCells` the common prefix and suffix are
 * kept and the middle is reported as changed, which keeps the popup responsive on pathological input.
 *
 * Pure: no DOM, no browser API.
 */

export type DiffKind = 'same' | 'removed' | 'added';

export interface DiffPiece {
  kind: DiffKind;
  /** Original text of the word(s) including trailing whitespace. */
  text: string;
}

export interface WordDiff {
  /** The source text cut into pieces: 'same' or 'removed' (only in the source). */
  source: DiffPiece[];
  /** The checked text cut into pieces: 'same' or 'added' (only in the checked article). */
  target: DiffPiece[];
  /** Share of the target's words that are also in the source, in order (1 = verbatim). */
  similarity: number;
}

interface Word {
  key: string;
  text: string;
}

/** Splits text into words, each with the whitespace after it; leading whitespace joins the first word. */
export function words(text: string): Word[] {
  const out: Word[] = [];
  const re = /\S+\s*/g;
  const lead = /^\s*/.exec(text)![0];
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) out.push({ key: foldWord(m[0].trimEnd()), text: m[0] });
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

/** Pairs of indices (i in a, j in b) of one longest common subsequence, in order. */
export function lcsPairs(a: readonly string[], b: readonly string[], maxCells = 2_000_000): Array<[number, number]> {
  // Common prefix and suffix first: cheap, and usually most of a copied passage.
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const pairs: Array<[number, number]> = [];
  for (let i = 0; i < pre; i++) pairs.push([i, i]);
  const n = a.length - pre - suf;
  const m = b.length - pre - suf;
  if (n > 0 && m > 0 && (n + 1) * (m + 1) <= maxCells) {
    // table[i][j] = LCS length of a[pre+i..] and b[pre+j..] (suffix form, so we can walk forwards).
    const w = m + 1;
    const t = new Uint32Array((n + 1) * w);
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        t[i * w + j] = a[pre + i] === b[pre + j] ? t[(i + 1) * w + j + 1] + 1 : Math.max(t[(i + 1) * w + j], t[i * w + j + 1]);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
      if (a[pre + i] === b[pre + j]) {
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

function pieces(ws: Word[], matched: Uint8Array, other: DiffKind): DiffPiece[] {
  const out: DiffPiece[] = [];
  ws.forEach((w, i) => {
    const kind: DiffKind = matched[i] ? 'same' : other;
    const last = out[out.length - 1];
    if (last && last.kind === kind) last.text += w.text;
    else out.push({ kind, text: w.text });
  });
  return out;
}

/** Diffs the source text against the checked (target) text, word by word. */
export function wordDiff(source: string, target: string, maxCells?: number): WordDiff {
  const a = words(source);
  const b = words(target);
  const pairs = lcsPairs(
    a.map((w) => w.key),
    b.map((w) => w.key),
    maxCells,
  );
  const ma = new Uint8Array(a.length);
  const mb = new Uint8Array(b.length);
  for (const [i, j] of pairs) {
    ma[i] = 1;
    mb[j] = 1;
  }
  return {
    source: pieces(a, ma, 'removed'),
    target: pieces(b, mb, 'added'),
    similarity: b.length ? pairs.length / b.length : a.length ? 0 : 1,
  };
}
