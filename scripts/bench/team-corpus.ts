/**
 * The team index bench's articles: as many 20-paragraph news articles as asked for, made of new
 * text (a word bigram chain learnt from the Reuters corpus, so word frequencies and band keys behave
 * like news text, and every paragraph is new) in paragraphs as long as those of real news pages (each
 * length drawn from the news clusters' paragraphs of 8 words or more: median 30, a third over the
 * 40-word window, so a paragraph has units and band keys as a real one), from 200 outlets, each outlet closing half its
 * articles with the same furniture line, and one article in ten a lightly edited copy of an earlier
 * one of another outlet (syndication: band keys shared between documents). Article i is the same on
 * every run (seeded by i), so a copy is made again from its source's seed rather than kept.
 */
import type { ArticleInput } from '../../src/engine/types';
import { REUTERS, type ReutersRow } from './reuters';
import { editParagraph, readJsonl, rng, sharedPath } from './util';

export const PARAGRAPHS_PER_ARTICLE = 20;
const OUTLETS = 200;
const START = Date.parse('2024-01-01T00:00:00Z');

export class TeamCorpus {
  private constructor(
    private readonly words: string[],
    /** Successors of word w: next[w] holds indices into `words`, repeated as often as seen. */
    private readonly next: Uint32Array[],
    /** Words in a paragraph of a real news page, one entry per paragraph read. */
    private readonly lengths: Uint16Array,
  ) {}

  static async load(): Promise<TeamCorpus> {
    const rows = await readJsonl<ReutersRow>(sharedPath(REUTERS));
    const index = new Map<string, number>();
    const words: string[] = [];
    const follow: number[][] = [];
    const id = (w: string) => {
      let i = index.get(w);
      if (i === undefined) {
        index.set(w, (i = words.length));
        words.push(w);
        follow.push([]);
      }
      return i;
    };
    for (const r of rows) {
      const toks = r.text.split(/\s+/).filter((w) => /^[A-Za-z][A-Za-z'.,-]*$/.test(w));
      for (let k = 0; k + 1 < toks.length; k++) follow[id(toks[k])].push(id(toks[k + 1]));
    }
    const pages = await readJsonl<{ paragraphs: string[] }>(sharedPath('corpora/news-clusters-dev.jsonl.gz'));
    const lengths = pages.flatMap((p) => p.paragraphs.map((x) => x.split(/\s+/).filter(Boolean).length).filter((n) => n >= 8));
    return new TeamCorpus(words, follow.map((f) => Uint32Array.from(f)), Uint16Array.from(lengths));
  }

  /** An outlet's furniture line: the same in each of its articles, its own words. */
  private furniture(outlet: string): string {
    let h = 0;
    for (let i = 0; i < outlet.length; i++) h = (Math.imul(h, 31) + outlet.charCodeAt(i)) | 0;
    return `${this.paragraph(rng(h), 14)} ${outlet}.`;
  }

  /** A paragraph length of a real news page. */
  private length(rand: () => number): number {
    return this.lengths[Math.floor(rand() * this.lengths.length)];
  }

  private paragraph(rand: () => number, n: number): string {
    let w = Math.floor(rand() * this.words.length);
    const out: string[] = [];
    for (let k = 0; k < n; k++) {
      out.push(this.words[w]);
      const f = this.next[w];
      w = f.length ? f[Math.floor(rand() * f.length)] : Math.floor(rand() * this.words.length);
    }
    return out.join(' ');
  }

  /** Article i: new text, or (one in ten, after the first hundred) an edited copy of an earlier article of another outlet. */
  article(i: number): ArticleInput {
    const rand = rng(0x7ea0 + i * 7919);
    const outlet = `Outlet ${Math.floor(rand() * OUTLETS)}`;
    const published = new Date(START + i * 60_000).toISOString();
    let paragraphs: string[];
    if (i >= 100 && rand() < 0.1) {
      const source = this.article(Math.floor(rand() * i));
      paragraphs = source.paragraphs.slice(0, PARAGRAPHS_PER_ARTICLE - 1).map((p) => (rand() < 0.3 ? editParagraph(p, 0.05, rand, this.words) : p));
      paragraphs.push(this.paragraph(rand, this.length(rand)));
    } else {
      paragraphs = Array.from({ length: PARAGRAPHS_PER_ARTICLE - 1 }, () => this.paragraph(rand, this.length(rand)));
      paragraphs.push(rand() < 0.5 ? this.furniture(outlet) : this.paragraph(rand, this.length(rand)));
    }
    return { id: `bench-${i}`, outlet, title: this.paragraph(rand, 8), published, paragraphs };
  }

  /** A 20-paragraph article to look up: a fresh one (no hits) or an edited copy of stored article `of`. */
  query(k: number, stored: number): ArticleInput {
    const rand = rng(0x9e77 + k);
    if (k % 2 === 0) {
      return { id: `query-${k}`, outlet: 'Query Post', paragraphs: Array.from({ length: PARAGRAPHS_PER_ARTICLE }, () => this.paragraph(rand, this.length(rand))) };
    }
    const source = this.article(Math.floor(rand() * stored));
    const paragraphs = source.paragraphs.slice(0, PARAGRAPHS_PER_ARTICLE - 1).map((p) => (rand() < 0.5 ? editParagraph(p, 0.05, rand, this.words) : p));
    paragraphs.push(this.paragraph(rand, this.length(rand)));
    return { id: `query-${k}`, outlet: 'Query Post', paragraphs };
  }
}
