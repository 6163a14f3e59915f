/**
 * An article's own credits, as a stored document keeps them (StoredDocument.credits): every credit
 * found in its text when it is recorded (credits.ts), paragraphs whose tokens spell no credit word
 * skipped (credit-words.ts). A document stored without them (recorded by an older version, or read
 * from an index file line without `credits`) has them found from its paragraphs when a check first
 * needs them, and remembered per document object. `validCredits` checks an index file's field.
 */
import { mayHoldCreditIn } from './credit-words';
import { findCredits } from './credits';
import type { Prepared } from './prepare';
import type { StoredDocument } from './store';
import type { Credit } from './types';

/** Every credit in an article's paragraphs; with its Prepared, paragraphs that cannot hold one are not read. */
export function articleCredits(paragraphs: string[], q?: Prepared): Credit[] {
  return findCredits(paragraphs, q ? (i) => mayHoldCreditIn(q, i + 1) : undefined);
}

const found = new WeakMap<StoredDocument, Credit[]>();

/** A stored document's credits: as recorded, or found from its paragraphs when it was stored without them. */
export function storedCredits(doc: StoredDocument): Credit[] {
  if (doc.credits) return doc.credits;
  let c = found.get(doc);
  if (!c) found.set(doc, (c = findCredits(doc.paragraphs)));
  return c;
}

/** `value` as the credits of an article with these paragraphs; throws an Error saying what is wrong. */
export function validCredits(value: unknown, paragraphs: string[]): Credit[] {
  if (!Array.isArray(value)) throw new Error('credits must be an array');
  return value.map((c: unknown, k) => {
    const x = c as Record<string, unknown>;
    const bad = (what: string) => new Error(`credit ${k}: ${what}`);
    if (!x || typeof x !== 'object' || Array.isArray(x)) throw bad('not an object');
    if (typeof x.name !== 'string' || !x.name.trim()) throw bad('no name');
    if (x.scope !== 'article' && x.scope !== 'paragraph') throw bad('scope is neither "article" nor "paragraph"');
    const { paragraph, start, end } = x;
    if (!Number.isInteger(paragraph) || (paragraph as number) < 0 || (paragraph as number) >= paragraphs.length) throw bad('paragraph out of range');
    if (!Number.isInteger(start) || !Number.isInteger(end) || (start as number) < 0 || (end as number) <= (start as number) || (end as number) > paragraphs[paragraph as number].length) throw bad('offsets outside the paragraph');
    return { name: x.name, paragraph: paragraph as number, start: start as number, end: end as number, scope: x.scope };
  });
}
