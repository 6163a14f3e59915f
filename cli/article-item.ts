/** What the input readers (read-inputs.ts, read-jsonl.ts) share: how they are called and what they yield. */
import type { ArticleInput } from '../src/engine/types';
import type { MetaMap } from './meta';

export interface ArticleItem {
  article: ArticleInput;
  /** Where it came from, for messages: "file.txt" or "corpus.jsonl:7". */
  where: string;
}

export interface ReadOptions {
  maxBytes: number;
  /** --outlet: the outlet of files (and corpus lines) that do not name one. */
  outlet?: string;
  meta?: MetaMap;
  /** --force: read .html pages that do not look like articles anyway. */
  force?: boolean;
}
