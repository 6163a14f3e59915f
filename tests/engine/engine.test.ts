import { describe, expect, it } from 'vitest';
import { Engine, lookupKeys } from '../../src/engine/engine';
import { MemoryStore } from '../../src/engine/memory-store';
import type { ArticleInput } from '../../src/engine/types';

const wire = [
  'Engineers at the northern dam began releasing water on Tuesday after three days of heavy rain pushed the reservoir to its highest level in forty years, the regional authority said.',
  'Residents of four villages downstream were told to move livestock to higher ground and to keep away from the riverbanks until at least Thursday evening.',
  '"We are releasing water in a controlled way so that nobody downstream is put at risk," the authority\'s chief engineer, Marta Olsen, told reporters at the site.',
];
const art = (id: string, outlet: string, published: string, paragraphs: string[]): ArticleInput => ({ id, outlet, published, paragraphs });

describe('Engine', () => {
  it('reports copy from an earlier outlet, with spans, and not from the same outlet', async () => {
    const e = await Engine.open(new MemoryStore());
    await e.record(art('w', 'Meridian Wire', '2024-03-05T08:00:00Z', wire));
    await e.record(art('w2', 'Daily Post', '2024-03-05T08:30:00Z', ['An unrelated story about a football match that ended in a draw after extra time and penalties.']));
    const r = await e.check(art('p', 'Daily Post', '2024-03-05T09:00:00Z', ['Our headline of the day', wire[0], 'A paragraph of our own reporting that nobody else has written before today at all.']));
    expect(r.passages).toHaveLength(1);
    expect(r.passages[0]).toMatchObject({ paragraph: 1, start: 0, kind: 'copied', coverage: 1, credited: false });
    expect(r.passages[0].source).toMatchObject({ id: 'w', outlet: 'Meridian Wire', paragraph: 0, start: 0 });
    expect(r.sources).toHaveLength(1);
    expect(r.copiedShare).toBeGreaterThan(0.4);
    const same = await e.check(art('q', 'Meridian Wire', '2024-03-05T10:00:00Z', wire));
    expect(same.passages).toEqual([]);
  });

  it('says when the checked article is the earliest and was reused later', async () => {
    const e = await Engine.open(new MemoryStore());
    await e.record(art('later', 'Daily Post', '2024-03-06T00:00:00Z', wire));
    const r = await e.check(art('w', 'Meridian Wire', '2024-03-05T08:00:00Z', wire));
    expect(r.passages).toEqual([]);
    expect(r.earliest).toBe(true);
    expect(r.reusedBy.map((x) => x.id)).toEqual(['later']);
  });

  it('lets only a match that could be reported on its own take words from a later source', async () => {
    // Alpha (earliest) shares one 9-word phrase with the checked paragraph: too little to report.
    // Beta carries the whole paragraph. Alpha must not cut Beta's run into pieces too short to report.
    const phrase = 'the harbour pilots walked out over unpaid night shifts';
    const copied = `Ferry crossings to the outer islands were cancelled for a second day on Monday as ${phrase} and the port authority refused to comment on any of it.`;
    const shared = 'Weather forecasters expect the storm to reach the northern coast late on Wednesday night with gusts of ninety kilometres an hour.';
    const e = await Engine.open(new MemoryStore());
    await e.record(art('alpha', 'Alpha', '2024-03-05T08:00:00Z', [shared, `Elsewhere ${phrase} again.`]));
    await e.record(art('beta', 'Beta', '2024-03-05T09:00:00Z', ['Beta opens with its own words about something else today.', copied]));
    const r = await e.check(art('gamma', 'Gamma', '2024-03-05T10:00:00Z', [shared, copied]));
    expect(r.passages.map((p) => [p.paragraph, p.source.id, p.text])).toEqual([
      [0, 'alpha', shared],
      [1, 'beta', copied],
    ]);
  });

  it('picks the earliest of several sources and marks credits', async () => {
    const e = await Engine.open(new MemoryStore());
    await e.record(art('b', 'Second Outlet', '2024-03-05T09:00:00Z', wire));
    await e.record(art('a', 'Meridian Wire', '2024-03-05T08:00:00Z', wire));
    const r = await e.check(art('c', 'Third', '2024-03-05T10:00:00Z', [wire[1] + ' Meridian Wire reported.']));
    expect(r.passages[0].source.id).toBe('a');
  });

  it("treats an outlet's recurring furniture as boilerplate", async () => {
    const e = await Engine.open(new MemoryStore());
    const blurb = 'Sign up for our morning newsletter to get the best of our journalism delivered to your inbox every day of the week.';
    const story = (topic: string) => `${topic} ` + 'dominated the council meeting on Monday evening, where members argued for two hours about budgets, staffing, the state of the roads and who should pay for the new library roof before the winter arrives.';
    await e.record(art('x1', 'Other', '2024-01-01T00:00:00Z', [story('Parking'), blurb]));
    await e.record(art('y1', 'Site', '2024-01-02T00:00:00Z', [story('Flooding'), blurb]));
    await e.record(art('y2', 'Site', '2024-01-03T00:00:00Z', [story('Housing'), blurb]));
    const r = await e.check(art('y3', 'Site', '2024-01-04T00:00:00Z', ['A fourth story, entirely new, with words of its own in it today and a good deal more to say about the weather, the harvest and the price of bread at the market.', blurb]));
    expect(r.boilerplate).toEqual([1]);
    expect(r.passages).toEqual([]);
  });

  it("never reports the outlet's furniture, even where a copied run goes on into it", async () => {
    const e = await Engine.open(new MemoryStore());
    const blurb = "Our newsletter brings you the day's most important stories every morning, sign up now for free today.";
    const story = 'Engineers at the northern dam began releasing water on Tuesday after three days of heavy rain pushed the reservoir to its highest level in forty years.';
    await e.record(art('x1', 'Daily Post', '2024-03-01T00:00:00Z', ['Some unrelated story about football that went to penalties after a draw at the stadium.', blurb]));
    await e.record(art('x2', 'Daily Post', '2024-03-02T00:00:00Z', ['Another unrelated story about the markets falling sharply again on Friday afternoon trading.', blurb]));
    await e.record(art('y', 'Meridian Wire', '2024-03-05T00:00:00Z', [story, blurb]));
    const r = await e.check(art('x3', 'Daily Post', '2024-03-06T00:00:00Z', [story, blurb]));
    expect(r.boilerplate).toEqual([1]);
    expect(r.passages.map((p) => p.paragraph)).toEqual([0]);
    expect(r.copiedShare).toBeLessThanOrEqual(1);
  });

  it('does not take a new version of an earlier article for furniture', async () => {
    const e = await Engine.open(new MemoryStore());
    await e.record(art('w', 'Meridian Wire', '2024-03-05T08:00:00Z', wire));
    await e.record(art('s1', 'Site', '2024-03-05T09:00:00Z', wire));
    await e.record(art('s2', 'Site', '2024-03-05T10:00:00Z', wire));
    const r = await e.check(art('s3', 'Site', '2024-03-05T11:00:00Z', [...wire, 'An update added at noon.']));
    expect(r.boilerplate).toEqual([]);
    expect(r.sources.map((s) => s.id)).toEqual(['w']);
  });

  it("an outlet's update of its own edited copy still names the text it was copied from", async () => {
    const e = await Engine.open(new MemoryStore());
    const wireText = 'Engineers at the northern dam began releasing water on Tuesday after three days of heavy rain pushed the reservoir to its highest level in forty years and residents of four villages downstream were told to move livestock to higher ground at once.';
    const subs: Record<number, string> = { 4: 'north', 12: 'following', 20: 'water', 28: 'people', 36: 'asked' };
    const edited = wireText.split(' ').map((w, i) => subs[i] ?? w).join(' ');
    const own = "A second paragraph of the outlet's own reporting that nobody else has written about the floods so far.";
    await e.record(art('y', 'Meridian Wire', '2024-03-05T08:00:00Z', [wireText]));
    const first = await e.checkAndRecord(art('x1', 'Daily Post', '2024-03-05T09:00:00Z', [edited, own]));
    expect(first.passages.map((p) => [p.paragraph, p.source.id])).toEqual([[0, 'y']]);
    // The update repeats the edited copy: its words were the wire's first, not the Post's.
    const update = await e.check(art('x2', 'Daily Post', '2024-03-05T10:00:00Z', [edited, own, 'An update paragraph added later with new details about the evacuation of the villages.']));
    expect(update.passages.map((p) => [p.paragraph, p.source.id])).toEqual([[0, 'y']]);
    expect(update.ownEarlier.map((o) => [o.paragraph, o.source.id])).toEqual([[1, 'x1']]);
    // An update that repeats its outlet's earlier text is not "the earliest version", even when others copy it later.
    const onlyOwn = art('x3', 'Daily Post', '2024-03-05T11:00:00Z', [own, 'Another paragraph of the later update, with its own account of the meeting at the village hall on Wednesday night.']);
    await e.checkAndRecord(onlyOwn);
    await e.record(art('z', 'Valley Times', '2024-03-05T12:00:00Z', onlyOwn.paragraphs));
    const again = await e.check(onlyOwn);
    expect(again.ownEarlier.map((o) => o.paragraph)).toEqual([0]);
    expect(again.reusedBy.map((r) => r.id)).toEqual(['z']);
    expect(again.earliest).toBe(false);
  });

  it("an outlet's own earlier text is its own: wire story, a client's copy, the wire's update", async () => {
    const e = await Engine.open(new MemoryStore());
    const story = [...wire, 'The authority said it would publish the readings from the reservoir gauges every two hours on its website until the water level falls.'];
    const own = 'A new paragraph of the update: the release slowed on Wednesday morning as the rain eased over the northern hills and the river fell.';
    await e.record(art('w', 'Meridian Wire', '2024-03-05T08:00:00Z', story));
    const copy = await e.checkAndRecord(art('c', 'Northshore Gazette', '2024-03-05T09:00:00Z', story));
    expect(copy.passages.map((p) => p.source.id)).toEqual(['w', 'w', 'w', 'w']);
    expect(copy.ownEarlier).toEqual([]);
    // Three paragraphs of the story again in an update: the wire's, not the Gazette's.
    const update = await e.checkAndRecord(art('u', 'Meridian Wire', '2024-03-05T12:00:00Z', [own, story[0], story[1], story[3]]));
    expect(update.passages).toEqual([]);
    expect(update.ownEarlier).toEqual([1, 2, 3].map((paragraph) => ({ paragraph, source: expect.objectContaining({ id: 'w', outlet: 'Meridian Wire' }) })));
    expect(update.updateOf).toMatchObject({ id: 'w', outlet: 'Meridian Wire' });
    expect(update.updateOf!.share).toBeGreaterThan(0.5);
    // Mostly new text: its own earlier paragraph listed, not an update.
    // (story[1], now in two of the wire's articles, would be its furniture: furniture.ts.)
    const follow = await e.check(art('f', 'Meridian Wire', '2024-03-05T15:00:00Z', ['Officials in the valley began counting the cost of the flooding on Thursday as the river dropped back below its banks.', 'Forecasters expect dry weather until the weekend, when another band of rain is due to cross the hills from the west.', 'Farmers downstream said their fields were still under water and that the spring sowing would be weeks late this year.', story[2]]));
    expect(follow.ownEarlier.map((o) => [o.paragraph, o.source.id])).toEqual([[3, 'w']]);
    expect(follow.updateOf).toBeUndefined();
    // The wire story itself: carried later by the Gazette (copied) and by nobody else of another outlet.
    const first = await e.check(art('w', 'Meridian Wire', '2024-03-05T08:00:00Z', story));
    expect(first.reusedBy.map((r) => [r.id, r.kind])).toEqual([['c', 'copied']]);
    expect(first.reusedBy[0].credited).toBe('no'); // the Gazette's copy credits nobody
  });

  it('names the closest source, and who had it first when that is another article', async () => {
    const e = await Engine.open(new MemoryStore());
    const extra = 'The Daily Post added this paragraph of its own about the villages that were flooded in the same week ten years ago.';
    await e.record(art('w', 'Meridian Wire', '2024-03-05T08:00:00Z', wire));
    await e.record(art('p', 'Daily Post', '2024-03-05T09:00:00Z', [wire[0], extra, wire[1]]));
    // Copied from the Post's text (its own paragraph included): the Post is the source throughout; the
    // wire had the wire paragraphs first.
    const r = await e.check(art('c', 'Copycat', '2024-03-05T10:00:00Z', [wire[0], extra, wire[1]]));
    expect(r.passages.map((p) => [p.paragraph, p.source.id, p.firstSeen?.id])).toEqual([
      [0, 'w', undefined],
      [1, 'p', undefined],
      [2, 'w', undefined],
    ]);
    // An edited wire paragraph carried verbatim by the Post: the Post's version is the closest.
    const edited = wire[1].replace('four villages', 'five villages');
    await e.record(art('p2', 'Daily Post', '2024-03-05T09:30:00Z', [edited]));
    const r2 = await e.check(art('c2', 'Copycat', '2024-03-05T10:00:00Z', [edited]));
    expect(r2.passages.map((p) => [p.source.id, p.firstSeen?.id, p.coverage])).toEqual([['p2', 'w', 1]]);
  });

  it('a quotation inside a copied run is copied; alone it is a quote, never credited', async () => {
    const e = await Engine.open(new MemoryStore());
    const quote = '"We are releasing water in a controlled way so that nobody downstream is put at risk, and we will go on until Thursday," Olsen said.';
    const story = [wire[0], quote, wire[1]];
    await e.record(art('w', 'Meridian Wire', '2024-03-05T08:00:00Z', story));
    const run = await e.check(art('a', 'Daily Post', '2024-03-05T09:00:00Z', story));
    expect(run.passages.map((p) => p.kind)).toEqual(['copied', 'copied', 'copied']);
    const alone = await e.check(art('b', 'Daily Post', '2024-03-05T09:00:00Z', ['DAMVILLE (Meridian Wire) - Our own words on the dam, written by our own reporter at the scene today.', quote]));
    expect(alone.credits).toEqual([expect.objectContaining({ name: 'Meridian Wire', scope: 'article' })]);
    expect(alone.passages.map((p) => [p.kind, p.credited])).toEqual([['quote', false]]);
  });

  it('record is idempotent by id, also when two records race', async () => {
    const e = await Engine.open(new MemoryStore());
    const a = art('w', 'Meridian Wire', '2024-03-05T08:00:00Z', wire);
    const [x, y] = await Promise.all([e.record(a), e.record(a)]);
    expect([x.added, y.added].sort()).toEqual([false, true]);
    expect((await e.store.stats()).documents).toBe(1);
  });

  it('checkAndRecord of the same new article twice at once: one record, both reports', async () => {
    const e = await Engine.open(new MemoryStore());
    await e.record(art('w', 'Meridian Wire', '2024-03-05T08:00:00Z', wire));
    const a = art('p', 'Daily Post', '2024-03-05T09:00:00Z', wire);
    const [x, y] = await Promise.all([e.checkAndRecord(a), e.checkAndRecord(a)]);
    expect(x.passages.length).toBe(3);
    expect(y.passages.length).toBe(3);
    expect((await e.store.stats()).documents).toBe(2);
  });

  it('checkAndRecord gives the same reports and index through a store without putDocumentAndLookup', async () => {
    // The MemoryStore records a new article in the middle of its check; a store without the
    // method (as the extension's) is checked, then recorded. Both must agree on every report.
    const plain = new MemoryStore();
    Object.defineProperty(plain, 'putDocumentAndLookup', { value: undefined });
    const fused = await Engine.open(new MemoryStore());
    const apart = await Engine.open(plain);
    const articles = [
      art('w', 'Meridian Wire', '2024-03-05T08:00:00Z', wire),
      art('p', 'Daily Post', '2024-03-05T09:00:00Z', ['Our own opening line for the readers of the day.', wire[0], wire[2]]),
      art('early', 'Early Bird', '2024-03-05T07:00:00Z', [wire[1], 'Something else entirely that the wire never wrote about at any time.']),
      art('p', 'Daily Post', '2024-03-05T09:00:00Z', ['Our own opening line for the readers of the day.', wire[0], wire[2]]),
      art('d', 'Daily Post', '2024-03-06T09:00:00Z', [`${wire[0]} ${wire[1]} ${wire[2]}`, '(Meridian Wire)']),
    ];
    for (const a of articles) {
      const seen = { ...a, firstSeen: '2024-03-07T00:00:00Z' }; // not the clock: both engines must record the same
      const r = await fused.checkAndRecord(seen);
      expect(r).toEqual(await apart.checkAndRecord(seen));
      expect(r.indexSize).toBe((await fused.store.stats()).documents - (a === articles[3] ? 0 : 1));
    }
    expect(await fused.store.stats()).toEqual(await apart.store.stats());
    expect(apart.store.putDocumentAndLookup).toBeUndefined();
  });

  it('checkThenRecord: the report of check() and the index of record(); a duplicate id is answered added=false', async () => {
    const both = await Engine.open(new MemoryStore());
    const apart = await Engine.open(new MemoryStore());
    const articles = [
      art('w', 'Meridian Wire', '2024-03-05T08:00:00Z', wire),
      art('p', 'Daily Post', '2024-03-05T09:00:00Z', ['Our own opening line for the readers of the day.', wire[0], wire[2]]),
      art('d', 'Daily Post', '2024-03-06T09:00:00Z', [`${wire[0]} ${wire[1]} ${wire[2]}`, '(Meridian Wire)']),
    ];
    for (const a of articles) {
      const seen = { ...a, firstSeen: '2024-03-07T00:00:00Z' };
      const { report, record } = await both.checkThenRecord(seen);
      expect(report).toEqual(await apart.check(seen));
      expect(await record()).toEqual(await apart.record(seen));
    }
    expect(await both.store.stats()).toEqual(await apart.store.stats());
    const again = await both.checkThenRecord({ ...articles[1], firstSeen: '2024-03-08T00:00:00Z' });
    expect(await again.record()).toEqual({ key: 2, added: false });
    expect((await both.store.stats()).documents).toBe(3);
  });

  it('rejects bad articles with a clear message and stores nothing', async () => {
    const e = await Engine.open(new MemoryStore());
    await expect(e.record({ id: '', outlet: 'x', paragraphs: [] })).rejects.toThrow(/no id/);
    await expect(e.record({ id: 'a', outlet: 'x', paragraphs: 'text' as unknown as string[] })).rejects.toThrow(/array/);
    await expect(e.record({ id: 'a', outlet: 'x', paragraphs: [], published: 'soon' })).rejects.toThrow(/not a valid time/);
    expect((await e.store.stats()).documents).toBe(0);
  });

  it('handles empty, non-English and odd text without throwing', async () => {
    const e = await Engine.open(new MemoryStore());
    const zh = ['美国国务卿克里和俄罗斯外长拉夫罗夫在日内瓦举行了长达十二个小时的会谈，讨论叙利亚停火问题，双方表示已经取得进展。'];
    await e.record(art('zh1', '新华', '2024-01-01T00:00:00Z', zh));
    const r = await e.check(art('zh2', '人民', '2024-01-02T00:00:00Z', zh));
    expect(r.passages.length).toBe(1);
    for (const odd of [[], [''], ['\u0000\u0001'], ['\ud800'], ['a'.repeat(100000)]]) {
      await expect(e.checkAndRecord(art(`odd${odd.length}${odd[0]?.length}`, 'o', '2024-01-03T00:00:00Z', odd))).resolves.toBeDefined();
    }
  });

  it('refuses to open an index built with other parameters', async () => {
    const s = new MemoryStore();
    const e = await Engine.open(s);
    await e.record(art('w', 'W', '2024-01-01T00:00:00Z', wire));
    await expect(Engine.open(s, { shingle: 5 })).rejects.toThrow(/other parameters/);
  });
});

describe('unit signatures', () => {
  it('composing long paragraphs from blocks gives exactly the direct signatures', async () => {
    const { MinHasher } = await import('../../src/engine/minhash');
    const { bandKeys } = await import('../../src/engine/lsh');
    const { prepareArticle, units, unitShingles } = await import('../../src/engine/prepare');
    const e = await Engine.open(new MemoryStore());
    const long = [wire.join(' '), wire.join(' ') + ' ' + wire.join(' '), wire[0], 'short line'];
    const q = prepareArticle('A title of a few words only', long, e.options.shingle);
    const got = e.unitRecords(q);
    const us = units(q, e.options.minUnitWords, e.options.windowWords);
    expect(us.length).toBeGreaterThan(6);
    const h = new MinHasher(e.options.hashes, e.options.seed);
    const buf = new Uint32Array(q.tokCount);
    us.forEach((u, i) => {
      const m = unitShingles(q, u, buf);
      // A paragraph's first unit carries the paragraph's anchors after its band keys (anchors.ts).
      expect(Array.from(got[i].bandKeys.subarray(0, e.options.bands))).toEqual(Array.from(bandKeys(h.signature(buf, 0, m), e.options.bands, e.options.rows)));
    });
  });
});

describe('lookupKeys', () => {
  // Four units of 2 band keys: the title (internal paragraph 0), then paragraphs 0, 1, 2.
  const keys = Uint32Array.from([1, 2, 3, 4, 5, 6, 7, 8]);
  const records = [-1, 0, 1, 2].map((paragraph, i) => ({ paragraph, bandKeys: keys.subarray(2 * i, 2 * i + 2) }));
  const skip = (...internal: number[]) => {
    const m = new Uint8Array(4);
    for (const p of internal) m[p] = 1;
    return m;
  };

  it('leaves out the units of skipped paragraphs, in order', () => {
    expect(Array.from(lookupKeys({ records, keys }, skip(0), 2))).toEqual([3, 4, 5, 6, 7, 8]);
    expect(Array.from(lookupKeys({ records, keys }, skip(0, 2), 2))).toEqual([3, 4, 7, 8]);
    expect(Array.from(lookupKeys({ records, keys }, skip(1, 3), 2))).toEqual([1, 2, 5, 6]);
    expect(Array.from(lookupKeys({ records, keys }, skip(0, 1, 2, 3), 2))).toEqual([]);
    expect(Array.from(lookupKeys({ records, keys }, skip(), 2))).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('returns a view, not a copy, when the kept units are one run', () => {
    expect(lookupKeys({ records, keys }, skip(0), 2).buffer).toBe(keys.buffer);
    expect(lookupKeys({ records, keys }, skip(0, 2), 2).buffer).not.toBe(keys.buffer);
  });
});
