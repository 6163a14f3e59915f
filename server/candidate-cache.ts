/**
 * What the last look-up brought with its hits: its first candidates whole, each with its paragraph
 * fingerprints and their counts in its outlet. The engine asks for exactly these next (the
 * documents it ranked first, then each one's furniture counts), so a store over the network or a
 * database answers them from here instead of asking again. Emptied by the next look-up or write.
 */
import type { StoredDocument } from '../src/engine/store';
import { sameU32 } from '../src/team/wire';

export interface CachedCandidate {
  doc: StoredDocument;
  fingerprints: Uint32Array;
  counts: Uint32Array;
}

export class CandidateCache {
  private docs = new Map<number, CachedCandidate>();
  private byOutlet = new Map<string, CachedCandidate[]>();

  fill(candidates: CachedCandidate[]): void {
    this.clear();
    for (const c of candidates) {
      this.docs.set(c.doc.key, c);
      let list = this.byOutlet.get(c.doc.outletKey);
      if (!list) this.byOutlet.set(c.doc.outletKey, (list = []));
      list.push(c);
    }
  }

  clear(): void {
    this.docs.clear();
    this.byOutlet.clear();
  }

  /** The documents with these keys when every one is here, else undefined. */
  documents(keys: number[]): StoredDocument[] | undefined {
    const out: StoredDocument[] = [];
    for (const k of keys) {
      const c = this.docs.get(k);
      if (!c) return undefined;
      out.push(c.doc);
    }
    return out;
  }

  /** The outlet's counts of these fingerprints, when they are a cached candidate's own. */
  counts(outletKey: string, fingerprints: Uint32Array): Uint32Array | undefined {
    for (const c of this.byOutlet.get(outletKey) ?? []) if (sameU32(c.fingerprints, fingerprints)) return c.counts.slice();
    return undefined;
  }
}
