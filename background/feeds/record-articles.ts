/**
 * Records a batch of a feed's articles into the index through the engine, in the worker's index
 * queue (serial(): a check never sees half a batch, and two batches never interleave), with the
 * import's StagedStore: the articles are hashed, then written in ONE transaction, all or none, which
 * is what lets a poll write its own state once per batch. Each is recorded with its feed as its
 * source ('feed:<id>'); an id already in the index is skipped by the store's unique id index,
 * whatever the seen-sets say, comes back as 'known' and gets the feed as one more source.
 */
import { Engine } from '../../src/engine/engine';
import type { ArticleInput } from '../../src/engine/types';
import { errorCode } from '../../src/errors';
import type { FeedProblem } from '../../src/feed-status';
import { EXTENSION_ENGINE_OPTIONS, getStore, serial } from '../engine-host';
import { StagedStore } from '../index-io';

export type RecordOutcome = { status: 'added' | 'known'; key: number } | { status: 'failed'; problem: FeedProblem };

/** Records `articles` (in order) from `source`; answers one outcome per article. A failed write fails them all. */
export function recordArticles(input: ArticleInput[], source: string): Promise<RecordOutcome[]> {
  const articles = input.map((a) => ({ ...a, sources: [source] }));
  return serial(async () => {
    const store = await getStore();
    const staged = new StagedStore(store);
    const engine = await Engine.open(staged, EXTENSION_ENGINE_OPTIONS);
    // Per article: its pending position in the batch, or its outcome when it has one already.
    const slots: Array<number | RecordOutcome> = [];
    let pending = 0;
    for (const a of articles) {
      try {
        const r = await engine.record(a);
        // A key below 0 is a pending position (-1 is the first); a repeat of an id in the batch is known.
        slots.push(r.added ? pending++ : { status: 'known', key: r.key });
      } catch (e) {
        slots.push({ status: 'failed', problem: { code: 'record', message: `cannot record the article: ${(e as Error).message}` } });
      }
    }
    let keys: number[] = [];
    try {
      if (pending) keys = (await staged.commit()).keys;
    } catch (e) {
      const full = errorCode(e) === 'storage-full';
      const problem: FeedProblem = { code: full ? 'storage-full' : 'record', message: full ? 'the disk is full: nothing of the batch was stored' : `cannot store the articles: ${(e as Error).message}` };
      return articles.map(() => ({ status: 'failed', problem }));
    }
    const out: RecordOutcome[] = [];
    for (let i = 0; i < articles.length; i++) {
      const s = slots[i];
      if (typeof s !== 'number') {
        out.push(s.status === 'known' && s.key < 0 ? await knownKey(articles[i].id) : s);
        continue;
      }
      const key = keys[s];
      out.push(key >= 0 ? { status: 'added', key } : await knownKey(articles[i].id));
    }
    // Articles the index held already (read by the user, from a pack or another feed): this feed brought them too.
    const known = out.flatMap((o) => (o.status === 'known' && o.key >= 0 ? [o.key] : []));
    if (known.length) await store.addSource(known, source).catch((e) => console.warn('wiretrace: could not add a feed as a source', e));
    return out;
  });

  async function knownKey(id: string): Promise<RecordOutcome> {
    const doc = await (await getStore()).getDocumentById(id);
    return { status: 'known', key: doc?.key ?? -1 };
  }
}

/** The key of the article with this id in the index (an item's link, before its page is fetched). */
export async function storedKey(id: string): Promise<number | undefined> {
  return (await (await getStore()).getDocumentById(id))?.key;
}

/** Adds `source` to articles stored already (in the index queue, like every write). */
export function addSource(keys: number[], source: string): Promise<void> {
  return serial(async () => {
    await (await getStore()).addSource(keys, source);
  });
}
