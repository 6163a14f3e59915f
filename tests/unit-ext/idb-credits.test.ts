/**
 * Credits over the IndexedDB store: a recorded article's credits are kept in its document record (no
 * index, no schema change), and a record without them (written by an older version) has them found
 * from its paragraphs when a check needs them, so a wire credit passes through either way.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { IdbStore } from '../../background/idb-store';
import { findCredits } from '../../src/engine/credits';
import { newDocument } from '../../src/engine/documents';
import { Engine } from '../../src/engine/engine';
import { MemoryStore } from '../../src/engine/memory-store';
import { prepareArticle } from '../../src/engine/prepare';
import type { ArticleInput } from '../../src/engine/types';

const AP = [
  'A face-to-face sitdown with a long-feared foe turned into a mass media event on Monday, complete with powerful presidential images and a long list of demands from both sides.',
  'The two leaders first met one-on-one in the presidential palace, with only their interpreters present, before being joined by their aides for a working lunch that ran late.',
];
const mail: ArticleInput = { id: 'https://dailymail.co.uk/a', outlet: 'dailymail.co.uk', published: '2018-07-16T08:00:00Z', firstSeen: '2018-07-16T08:05:00Z', paragraphs: ['By JILL COLVIN Associated Press', `HELSINKI (AP) - ${AP[0]}`, AP[1]] };
const chron: ArticleInput = { id: 'https://chron.com/b', outlet: 'chron.com', published: '2018-07-16T10:00:00Z', firstSeen: '2018-07-16T10:05:00Z', paragraphs: ['Share this story', 'Updated 10am', `HELSINKI (AP) — ${AP[0]}`, AP[1]] };

let n = 0;
const fresh = () => IdbStore.open(`idb-credits-${Date.now()}-${n++}`);

describe('credits in the IndexedDB store', () => {
  it('keeps a recorded article\'s credits in its record, and credits through the wire as the memory store does', async () => {
    const store = await fresh();
    const idb = await Engine.open(store);
    const mem = await Engine.open(new MemoryStore());
    for (const e of [idb, mem]) await e.record(mail);
    expect((await store.getDocumentById(mail.id))!.credits).toEqual(findCredits(mail.paragraphs));
    const r = await idb.checkAndRecord(chron);
    expect(r.passages.map((p) => [p.credited, p.creditedVia])).toEqual([[true, 'Associated Press'], [true, 'Associated Press']]);
    expect(r).toEqual(await mem.checkAndRecord(chron));
    expect((await store.getDocumentById(chron.id))!.credits!.map((c) => [c.paragraph, c.name, c.scope])).toEqual([[2, 'Associated Press', 'article']]);
    store.close();
  });

  it('a record stored without credits (an older version) has them found from its paragraphs', async () => {
    const store = await fresh();
    const e = await Engine.open(store);
    const prep = prepareArticle(mail.title, mail.paragraphs, 4);
    await store.putDocument(newDocument(mail), e.unitRecords(prep), prep.fingerprint.slice(1));
    expect((await store.getDocumentById(mail.id))!.credits).toBeUndefined();
    expect((await e.check(chron)).passages.map((p) => p.creditedVia)).toEqual(['Associated Press', 'Associated Press']);
    store.close();
  });
});
