import { describe, expect, it } from 'vitest';
import { SourceCache } from '../../src/engine/source-cache';
import type { StoredDocument } from '../../src/engine/store';

const doc = (key: number, words: number, word = 'word'): StoredDocument => ({ key, id: `d${key}`, outlet: 'o', outletKey: 'o', firstSeen: 0, paragraphs: [Array(words).fill(word).join(' ')] });

describe('SourceCache', () => {
  it('gives the same preparation while the key holds the same text, a new one when it holds another', () => {
    const c = new SourceCache(1000, 4);
    const p = c.prepared(doc(1, 10));
    expect(c.prepared(doc(1, 10))).toBe(p); // equal strings, another object: as read back from IndexedDB
    const q = c.prepared(doc(1, 10, 'other'));
    expect(q).not.toBe(p);
    expect(q.paragraphs[1]).toContain('other');
    expect(c.words).toBe(10);
  });

  it('drops the least recently used first, and keeps the newest even when it alone exceeds the budget', () => {
    const c = new SourceCache(25, 4);
    c.prepared(doc(1, 10));
    c.prepared(doc(2, 10));
    c.prepared(doc(1, 10)); // used again: now the newest
    c.prepared(doc(3, 10));
    expect(c.keys()).toEqual([1, 3]);
    expect(c.words).toBe(20);
    c.prepared(doc(4, 30));
    expect(c.keys()).toEqual([4]);
    expect(c.words).toBe(30);
  });
});
