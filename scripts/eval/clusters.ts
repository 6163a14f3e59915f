/**
 * News clusters (real syndication), audited in scrape-time order.
 *
 * Ground truth is exact and independent of the engine: word 5-gram containment of each paragraph
 * (15+ words) in every other article, with its own plain tokenizer.
 * - recall: paragraphs whose containment in an EARLIER article of ANOTHER publisher is >= 0.8 and
 *   that the engine flags (any passage, copied or quote);
 * - false-flag rate: paragraphs whose containment is < 0.1 in EVERY other article, that are flagged;
 *   A paragraph whose earliest carrier (the oldest earlier article holding >= 0.8 of its 5-grams) is an
 *   article of its own publisher is the publisher's own earlier text, not copy: it is counted apart
 *   (`ownEarlier`: found when the report lists it in `ownEarlier`);
 * - closest source: of the copied paragraphs found, those whose passages (copied and quoted) all name
 *   one of the paragraph's right sources (the earlier other-publisher articles holding >= 0.8 of its
 *   5-grams). A paragraph split between a right source and another article counts as not right;
 * - credits through a wire: of the copied passages whose article and source both credit the same wire
 *   (a dateline, byline, sign-off or copyright line naming the AP, Reuters or AFP, found by a scan of
 *   its own: wire-credits.ts, not the engine's credit finder), the share marked credited.
 */
import { Engine, type EngineOptions } from '../../src/engine/engine';
import { MemoryStore } from '../../src/engine/memory-store';
import { outletKey } from '../../src/engine/outlet';
import type { Report } from '../../src/engine/types';
import { readJsonl, requireShared } from './read';
import { wiresCredited } from './wire-credits';

interface Row { id: string; cluster: string; publisher: string; scrapeTime: string; paragraphs: string[] }

export interface ClusterResult { articles: number; positives: number; found: number; recall: number; negatives: number; falseFlags: number; falseFlagRate: number; rightSource: number; rightSourceShare: number; split: number; ownEarlier: number; ownEarlierFound: number; wirePassages: number; wireCredited: number; wireCreditedShare: number; ms: number; missedExamples: string[]; falseExamples: string[]; wrongSourceExamples: string[]; wireExamples: string[] }

const words = (s: string) => s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
function grams(ws: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 5 <= ws.length; i++) out.push(ws.slice(i, i + 5).join(' '));
  return out;
}

export async function evaluateClusters(options: Partial<EngineOptions> = {}): Promise<ClusterResult> {
  const rows = (await readJsonl<Row>(requireShared('corpora/news-clusters-dev.jsonl.gz'))).map((r, i) => ({ ...r, order: i, time: Date.parse(r.scrapeTime) }));
  rows.sort((a, b) => a.time - b.time || a.order - b.order);
  const docGrams = rows.map((r) => new Set(r.paragraphs.flatMap((p) => grams(words(p)))));

  const engine = await Engine.open(new MemoryStore(), options);
  const reports: Report[] = [];
  const t0 = performance.now();
  for (const r of rows) {
    reports.push(await engine.checkAndRecord({ id: r.id, outlet: r.publisher, published: r.scrapeTime, paragraphs: r.paragraphs }));
  }
  const ms = performance.now() - t0;

  let positives = 0, found = 0, negatives = 0, falseFlags = 0, rightSource = 0, split = 0, ownEarlier = 0, ownEarlierFound = 0;
  const missedExamples: string[] = [];
  const wrongSourceExamples: string[] = [];
  const falseExamples: string[] = [];
  const wires = new Map(rows.map((r) => [r.id, wiresCredited(r.paragraphs)]));
  let wirePassages = 0, wireCredited = 0;
  const wireExamples: string[] = [];
  rows.forEach((r, i) => {
    const mine = wires.get(r.id)!;
    for (const q of reports[i].passages) {
      const theirs = wires.get(q.source.id);
      if (q.kind !== 'copied' || !theirs || ![...mine].some((w) => theirs.has(w))) continue;
      wirePassages++;
      if (q.credited) wireCredited++;
      else if (wireExamples.length < 5) wireExamples.push(`${r.id}#${q.paragraph} <- ${q.source.id}#${q.source.paragraph} (${[...mine].join(', ')}): ${q.text.slice(0, 80)}`);
    }
  });
  rows.forEach((r, i) => {
    const flagged = new Set(reports[i].passages.map((p) => p.paragraph));
    const own = new Set(reports[i].ownEarlier.map((p) => p.paragraph));
    r.paragraphs.forEach((p, pi) => {
      const ws = words(p);
      if (ws.length < 15) return;
      const g = grams(ws);
      let bestEarlier = 0;
      let bestAny = 0;
      const right = new Set<string>();
      let firstCarrier = -1;
      rows.forEach((o, j) => {
        if (j === i) return;
        let c = 0;
        for (const x of g) if (docGrams[j].has(x)) c++;
        const cont = c / g.length;
        bestAny = Math.max(bestAny, cont);
        if (j < i && o.time < r.time && cont >= 0.8 && firstCarrier === -1) firstCarrier = j;
        if (j < i && o.time < r.time && outletKey(o.publisher) !== outletKey(r.publisher)) {
          bestEarlier = Math.max(bestEarlier, cont);
          if (cont >= 0.8) right.add(o.id);
        }
      });
      if (firstCarrier !== -1 && outletKey(rows[firstCarrier].publisher) === outletKey(r.publisher)) {
        ownEarlier++;
        if (own.has(pi)) ownEarlierFound++;
      } else if (bestEarlier >= 0.8) {
        positives++;
        if (flagged.has(pi)) {
          found++;
          const named = new Set(reports[i].passages.filter((q) => q.paragraph === pi).map((q) => q.source.id));
          if (named.size > 1) split++;
          if (named.size > 0 && [...named].every((id) => right.has(id))) rightSource++;
          else if (wrongSourceExamples.length < 5) wrongSourceExamples.push(`${r.id}#${pi}: named ${[...named].join(', ')}; right ${[...right].join(', ')}`);
        }
        else if (missedExamples.length < 5) missedExamples.push(`${r.id}#${pi} (${bestEarlier.toFixed(2)}): ${p.slice(0, 100)}`);
      }
      if (bestAny < 0.1) {
        negatives++;
        if (flagged.has(pi)) {
          falseFlags++;
          if (falseExamples.length < 5) falseExamples.push(`${r.id}#${pi}: ${p.slice(0, 100)}`);
        }
      }
    });
  });
  return { articles: rows.length, positives, found, recall: positives ? found / positives : 0, negatives, falseFlags, falseFlagRate: negatives ? falseFlags / negatives : 0, rightSource, rightSourceShare: found ? rightSource / found : 0, split, ownEarlier, ownEarlierFound, wirePassages, wireCredited, wireCreditedShare: wirePassages ? wireCredited / wirePassages : 0, ms, missedExamples, falseExamples, wrongSourceExamples, wireExamples };
}
