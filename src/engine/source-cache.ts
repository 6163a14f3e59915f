/**
 * Prepared stored documents kept for reuse as sources: takes a stored document, gives its Prepared
 * (tokens and shingle hashes, five 32-bit values a word), from the cache while it holds that
 * document's text, made and kept otherwise. Aligning a candidate needs its preparation, which costs
 * as much as the checked article's own, and an audit meets the same sources again and again (a wire
 * story is aligned for every outlet that runs it). Least recently used out first, within a budget
 * of words (tokens) in all; the newest stays even when it alone exceeds the budget.
 */
import { prepareArticle, type Prepared } from './prepare';
import type { StoredDocument } from './store';

export class SourceCache {
  /** Prepared documents by key, least recently used first. */
  private readonly cache = new Map<number, Prepared>();
  /** Their words (tokens) in all. */
  private cachedWords = 0;

  constructor(
    /** The budget of words (EngineOptions.cacheWords). */
    private readonly maxWords: number,
    /** Words per shingle, as the documents are prepared. */
    private readonly shingle: number,
  ) {}

  /**
   * The preparation of a stored document, from the cache when it holds this document's text. (A key
   * names another document after the store is cleared or replaced, so the text is compared: the same
   * strings in a memory store, equal ones read back from IndexedDB.)
   */
  prepared(doc: StoredDocument): Prepared {
    const cached = this.cache.get(doc.key);
    if (cached && sameText(cached, doc)) {
      this.cache.delete(doc.key); // to the most recently used end
      this.cache.set(doc.key, cached);
      return cached;
    }
    const p = prepareArticle(doc.title, doc.paragraphs, this.shingle);
    this.remember(doc.key, p); // replaces a stale entry under this key
    return p;
  }

  /**
   * Keeps a document's preparation among the most recently used. The engine keeps those of the
   * articles it records too: the articles just recorded are the likeliest sources of the next ones
   * checked (a wire story, then the outlets that run it), and their preparation is already made.
   */
  remember(key: number, p: Prepared): void {
    const old = this.cache.get(key);
    if (old) {
      this.cache.delete(key);
      this.cachedWords -= old.tokCount;
    }
    this.cache.set(key, p);
    this.cachedWords += p.tokCount;
    // Oldest out until within the budget; the newest stays even when it alone exceeds it.
    while (this.cachedWords > this.maxWords && this.cache.size > 1) {
      const [oldestKey, oldest] = this.cache.entries().next().value!;
      this.cache.delete(oldestKey);
      this.cachedWords -= oldest.tokCount;
    }
  }

  /** The keys of the documents kept, least recently used first. */
  keys(): number[] {
    return [...this.cache.keys()];
  }

  /** Words (tokens) of the documents kept, in all. */
  get words(): number {
    return this.cachedWords;
  }
}

/** Whether `p` is prepareArticle() of this document's title and paragraphs. */
function sameText(p: Prepared, doc: StoredDocument): boolean {
  const ps = p.paragraphs;
  if (ps.length !== doc.paragraphs.length + 1 || ps[0] !== (doc.title ?? '')) return false;
  for (let i = 1; i < ps.length; i++) if (ps[i] !== doc.paragraphs[i - 1]) return false;
  return true;
}
