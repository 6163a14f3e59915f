/** What the input readers (read-inputs.ts, read-jsonl.ts) share: how they are called and what they yield. */
import type { ArticleInput } from '../src/engine/types';
import type { MetaMap } from './meta';

export interface ArticleItem {
  article: ArticleInput;
  /** Where it came from, for messages: "file.txt" or "corpus.jsonl:7". */
  where: string;
  /** A page that does not look like an article, read with --force: checked, never recorded. */
  notArticle?: boolean;
}

export interface ReadOptions {
  maxBytes: number;
  /** --outlet: the outlet of files (and corpus lines) that do not name one. */
  outlet?: string;
  meta?: MetaMap;
  /** --force: read .html pages that do not look like articles anyway (checked, never recorded). */
  force?: boolean;
  /**
   * pack's --base-url: the address of the working directory. An .html file is read as the page at
   * this address plus its path below the directory, and recorded under that page's address.
   */
  baseUrl?: string;
}
