// PLACEHOLDER: being implemented. The signatures below are the contract.
import type { ArticleInput, Report } from './types';
import type { IndexStore, IndexParams } from './store';

export interface EngineOptions extends IndexParams {
  /** Paragraphs with fewer words are not indexed as units (headlines, captions, bylines). */
  minUnitWords: number;
  /** Paragraphs longer than this many words are also indexed in windows of this size. */
  windowWords: number;
  /** Smallest reported passage, in words. */
  minPassageWords: number;
}

export class Engine {
  private constructor(readonly store: IndexStore, readonly options: EngineOptions) {}
  /** Opens an engine over a store; rejects with a clear error if the store was built with other parameters. */
  static async open(store: IndexStore, options?: Partial<EngineOptions>): Promise<Engine> {
    throw new Error('not implemented');
  }
  /** Reports which passages of `article` appeared earlier in other outlets' indexed articles. Does not modify the index. */
  async check(article: ArticleInput): Promise<Report> {
    throw new Error('not implemented');
  }
  /** Records the article in the index (idempotent by id: a second record of the same id is ignored and returns added=false). */
  async record(article: ArticleInput): Promise<{ key: number; added: boolean }> {
    throw new Error('not implemented');
  }
  /** check() then record(). */
  async checkAndRecord(article: ArticleInput): Promise<Report> {
    throw new Error('not implemented');
  }
}
