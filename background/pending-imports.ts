/**
 * An import in progress in the extension's index: what its chunks have written so far, kept in the
 * index's `meta` store under 'import:<id>' and updated in the same transaction as each chunk's
 * articles. Its articles and postings are in the index but invisible (IdbStore leaves their keys
 * and segments out of every answer) until the last chunk publishes them all at once; a cancelled,
 * refused or abandoned import takes them out again. So an import is all or nothing however many
 * chunks and worker restarts it spans, and a check runs between two chunks.
 */
import type { PackInfo } from '../src/engine/pack-header';

export interface ImportState {
  id: string;
  /** The last chunk written (-1 before the first). */
  seq: number;
  /** Epoch ms of the last chunk (an import idle for ABANDONED_MS is taken out). */
  updated: number;
  /** The file's header line, when it has one (chunks after the first are read with it). */
  header?: string;
  /** Lines of the file read so far (the next chunk's first line is lines + 1). */
  lines: number;
  /** Article lines read so far, and what the header says the file holds. */
  articles: number;
  declared?: number;
  pack?: PackInfo;
  /** Ids in the file that the index held already (a pack gives them its source at the end). */
  skippedIds: string[];
  /** Keys of the documents written, as ranges [first, last] (a chunk's keys follow each other), and the segments of their postings. */
  ranges: Array<[number, number]>;
  segments: number[];
  /** Count changes to apply when published. */
  documents: number;
  paragraphs: number;
  units: number;
  /**
   * Documents written per outlet key. (Their paragraph fingerprints are counted at once, as furniture
   * detection needs no more: an import taken out subtracts them again, read from its documents.)
   */
  outlets: Record<string, number>;
}

/** Every document key of an import's ranges. */
export function* keysOf(s: ImportState): Generator<number> {
  for (const [a, b] of s.ranges) for (let k = a; k <= b; k++) yield k;
}

/** An import whose page has sent nothing for this long is abandoned and taken out. */
export const ABANDONED_MS = 60 * 60 * 1000;

export const importKey = (id: string) => `import:${id}`;

export function newImportState(id: string): ImportState {
  return { id, seq: -1, updated: Date.now(), lines: 0, articles: 0, skippedIds: [], ranges: [], segments: [], documents: 0, paragraphs: 0, units: 0, outlets: {} };
}
