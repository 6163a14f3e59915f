/**
 * An exercise's questions and their answers, derived from the engine's reports of the bundled
 * articles (engine-run.ts), never typed by hand: per chosen article, which paragraphs were copied
 * (apart from those sharing only a quotation and the outlet's own earlier text), from which outlet,
 * whether that copy is credited, what share of the text is the outlet's own; for the story, the
 * order in which the outlets had it; and a free reflection. Each gets points and an explanation in
 * English written from the same report (a teacher may rewrite the explanations; the answers are
 * checked against a fresh run when the pack is opened). Pure.
 */
import type { SyndicationGraph } from '../engine/syndication';
import type { Passage, Report } from '../engine/types';
import type { ExerciseRun } from './engine-run';
import { SHARE_BANDS, type Credited, type ExerciseArticle, type Question, type QuestionKind, type QuestionOf } from './pack-schema';

export const ARTICLE_KINDS = ['copied-paragraphs', 'source', 'credited', 'original-share'] as const;
export const STORY_KINDS = ['order', 'reflection'] as const;
export type ArticleKind = (typeof ARTICLE_KINDS)[number];
export type StoryKind = (typeof STORY_KINDS)[number];
/** Every kind, in the order a pack asks them: about each article, then about the story. */
export const QUESTION_KINDS = [...ARTICLE_KINDS, ...STORY_KINDS] as const;

/** Points of each kind of question unless the builder is told otherwise. */
export const DEFAULT_POINTS: Record<QuestionKind, number> = { 'copied-paragraphs': 3, source: 2, credited: 1, 'original-share': 2, order: 3, reflection: 0 };

type Answer<K extends QuestionKind> = QuestionOf<K>['answer'];

const unique = (ns: number[]) => [...new Set(ns)].sort((a, b) => a - b);

/** "¶2, ¶3 and ¶7", "¶1–¶11" (1-based, as readers count; runs of three or more joined). */
export function paragraphNames(ns: readonly number[]): string {
  const runs: string[] = [];
  const sorted = [...new Set(ns)].sort((a, b) => a - b);
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    if (j - i >= 2) runs.push(`¶${sorted[i] + 1}–¶${sorted[j] + 1}`);
    else for (let k = i; k <= j; k++) runs.push(`¶${sorted[k] + 1}`);
    i = j + 1;
  }
  return runs.length > 1 ? `${runs.slice(0, -1).join(', ')} and ${runs[runs.length - 1]}` : (runs[0] ?? '');
}

function utc(iso: string | undefined): string {
  if (!iso) return 'an unknown time';
  const d = new Date(iso);
  return `${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 16)} UTC`;
}

function copied(report: Report): Passage[] {
  return report.passages.filter((p) => p.kind === 'copied');
}

export function copiedParagraphsAnswer(report: Report): Answer<'copied-paragraphs'> {
  const paragraphs = unique(copied(report).map((p) => p.paragraph));
  const quotes = unique(report.passages.filter((p) => p.kind === 'quote' && !paragraphs.includes(p.paragraph)).map((p) => p.paragraph));
  const own = unique(report.ownEarlier.map((o) => o.paragraph).filter((n) => !paragraphs.includes(n)));
  return { paragraphs, quotes, own };
}

/** The source whose text was copied most (characters of copied passages), the earliest among equals; null when nothing was copied. */
export function sourceAnswer(report: Report): Answer<'source'> {
  const by = new Map<string, { outlet: string; chars: number; time: number }>();
  for (const p of copied(report)) {
    const s = by.get(p.source.id) ?? { outlet: p.source.outlet, chars: 0, time: Date.parse(p.source.published ?? p.source.firstSeen ?? '') || 0 };
    s.chars += p.end - p.start;
    by.set(p.source.id, s);
  }
  const best = [...by.entries()].sort((a, b) => b[1].chars - a[1].chars || a[1].time - b[1].time || (a[0] < b[0] ? -1 : 1))[0];
  return best ? { outlet: best[1].outlet, article: best[0] } : { outlet: null, article: null };
}

export function creditedAnswer(report: Report): Answer<'credited'> | undefined {
  const src = sourceAnswer(report);
  const ps = copied(report).filter((p) => p.source.id === src.article);
  if (!ps.length || !src.outlet) return undefined;
  const n = ps.filter((p) => p.credited).length;
  const credited: Credited = n === ps.length ? 'yes' : n === 0 ? 'no' : 'partly';
  const via = ps.find((p) => p.credited && p.creditedVia)?.creditedVia;
  return via ? { credited, outlet: src.outlet, via } : { credited, outlet: src.outlet };
}

/** The band a share falls in (SHARE_BANDS). */
export function shareBand(share: number): number {
  let band = 0;
  for (let i = 0; i < SHARE_BANDS.length; i++) if (share >= SHARE_BANDS[i] - 1e-9) band = i;
  return band;
}

/** The share of the article that is its outlet's own: all but the prose copied from other outlets (quotes and its own earlier text are its own). */
export function originalShareAnswer(report: Report): Answer<'original-share'> {
  const share = Math.round(Math.max(0, 1 - report.copiedShare) * 1000) / 1000;
  return { share, band: shareBand(share) };
}

/**
 * The story's outlets in the order they had it: every outlet with an article linked to another
 * (copy or shared quotations), at the time of its first such article.
 */
export function orderAnswer(graph: SyndicationGraph): Answer<'order'> {
  const linked = new Set<string>();
  for (const e of graph.edges) linked.add(e.from), linked.add(e.to);
  const first = new Map<string, string>();
  for (const a of graph.articles) {
    if (!linked.has(a.id)) continue;
    const t = a.published ?? a.firstSeen ?? '';
    const had = first.get(a.outlet);
    if (had === undefined || Date.parse(t) < Date.parse(had)) first.set(a.outlet, t);
  }
  const order = [...first.entries()].sort((a, b) => Date.parse(a[1]) - Date.parse(b[1]) || (a[0] < b[0] ? -1 : 1));
  return { order: order.map(([o]) => o), times: order.map(([, t]) => new Date(t).toISOString()) };
}

/** The English explanation of a question's answer, written from the report. */
function explain(kind: QuestionKind, report: Report | undefined, run: ExerciseRun, articles: Map<string, ExerciseArticle>): string {
  if (kind === 'order') {
    const a = orderAnswer(run.graph);
    const steps = a.order.map((o, i) => `${o} (${utc(a.times[i])})`);
    return `${a.order[0]} had the story first. The outlets in the order they carried it: ${steps.join(', ')}. Look at the times, not at who names whom.`;
  }
  if (kind === 'reflection') return 'No single answer: look for what the outlets added of their own, what they credited, and what a reader of one of them alone could not know.';
  if (!report) return '';
  const outlet = report.outlet;
  switch (kind) {
    case 'copied-paragraphs': {
      const a = copiedParagraphsAnswer(report);
      const src = sourceAnswer(report);
      const parts: string[] = [];
      // Each copied paragraph under the outlet its text is closest to, the main source first.
      const from = new Map<string, number[]>();
      for (const p of copied(report)) {
        const list = from.get(p.source.outlet) ?? [];
        if (!list.includes(p.paragraph)) list.push(p.paragraph);
        from.set(p.source.outlet, list);
      }
      const groups = [...from.entries()].sort((x, y) => Number(y[0] === src.outlet) - Number(x[0] === src.outlet) || x[1][0] - y[1][0]);
      const said = groups.map(([o, ns], i) => (i === 0 ? `${paragraphNames(ns)} ${ns.length === 1 ? 'was' : 'were'} copied from ${o}` : `${paragraphNames(ns)} from ${o}`));
      parts.push(a.paragraphs.length ? `${said.length > 1 ? `${said.slice(0, -1).join(', ')} and ${said[said.length - 1]}` : said[0]}: the same sentences, word for word or lightly edited.` : `No paragraph of ${outlet}’s article was copied from another outlet.`);
      if (a.quotes.length) parts.push(`${paragraphNames(a.quotes)} ${a.quotes.length === 1 ? 'shares' : 'share'} only a quotation with another outlet: a quote is not copy, since every reporter may print what a person said.`);
      if (a.own.length) parts.push(`${paragraphNames(a.own)} ${a.own.length === 1 ? 'repeats' : 'repeat'} ${outlet}’s own earlier story: an outlet’s own text is not copy, even when another outlet printed it in between.`);
      return parts.join(' ');
    }
    case 'source': {
      const s = sourceAnswer(report);
      if (!s.outlet || !s.article) return `${outlet}’s article copied no prose from another outlet.`;
      const src = articles.get(s.article);
      const first = copied(report).find((p) => p.source.id === s.article && p.firstSeen)?.firstSeen;
      const others = [...new Set(copied(report).map((p) => p.source.outlet))].filter((o) => o !== s.outlet);
      const also = others.length ? ` A smaller part came from ${others.join(' and ')}.` : '';
      return `Its copied text is closest to ${s.outlet}’s article${src ? ` of ${utc(src.published)}` : ''}.${also}${first ? ` ${first.outlet} had a version of it even earlier.` : ''}`;
    }
    case 'credited': {
      const c = creditedAnswer(report);
      if (!c) return '';
      const how = c.via ? ` through ${c.via}, the wire both credit` : '';
      if (c.credited === 'yes') return `${outlet} credits ${c.outlet}${how} for the copied text. A credit makes the copy honest, not original: the words are still ${c.outlet}’s.`;
      if (c.credited === 'partly') return `${outlet} credits ${c.outlet}${how} for some of the copied text and not for the rest.`;
      return `${outlet} does not name ${c.outlet} anywhere: a reader cannot tell the text came from there.`;
    }
    case 'original-share': {
      const a = originalShareAnswer(report);
      const pct = Math.round(a.share * 100);
      const quotes = report.quotedShare > 0 ? ' Shared quotations count as its own: a quote is not copy.' : '';
      const own = report.ownEarlier.length ? ` Its own earlier text counts as its own too.` : '';
      if (pct >= 100) return `All of the article is ${outlet}’s own: nothing in it was copied from another outlet.${quotes}${own}`;
      return `About ${pct}% of the article is ${outlet}’s own; the rest was copied from another outlet.${quotes}${own}`;
    }
  }
}

export interface QuestionChoice {
  /** Articles (ids) that get questions of their own, in the pack's order. */
  articles: string[];
  /** The kinds asked about each of them (those that have an answer). */
  articleKinds?: readonly ArticleKind[];
  /** Story questions: the order of the outlets, a reflection. */
  storyKinds?: readonly StoryKind[];
  points?: Partial<Record<QuestionKind, number>>;
}

/** The questions for the chosen articles, each with its answer from the run's reports. */
export function deriveQuestions(articles: readonly ExerciseArticle[], run: ExerciseRun, choice: QuestionChoice): Question[] {
  const byId = new Map(articles.map((a) => [a.id, a]));
  const points = { ...DEFAULT_POINTS, ...choice.points };
  const out: Question[] = [];
  let n = 0;
  const id = () => `q${++n}`;
  for (const articleId of choice.articles) {
    const report = run.reports.get(articleId);
    if (!report) throw new Error(`no article "${articleId}" in the exercise`);
    for (const kind of choice.articleKinds ?? ARTICLE_KINDS) {
      const explanation = explain(kind, report, run, byId);
      const base = { id: '', points: points[kind], explanation, article: articleId };
      switch (kind) {
        case 'copied-paragraphs':
          out.push({ ...base, id: id(), kind, answer: copiedParagraphsAnswer(report) });
          break;
        case 'source':
          out.push({ ...base, id: id(), kind, answer: sourceAnswer(report) });
          break;
        case 'credited': {
          const answer = creditedAnswer(report);
          if (answer) out.push({ ...base, id: id(), kind, answer });
          break;
        }
        case 'original-share':
          out.push({ ...base, id: id(), kind, answer: originalShareAnswer(report) });
          break;
      }
    }
  }
  for (const kind of choice.storyKinds ?? STORY_KINDS) {
    if (kind === 'order') {
      const answer = orderAnswer(run.graph);
      if (answer.order.length >= 2) out.push({ id: id(), points: points.order, explanation: explain('order', undefined, run, byId), kind, answer });
    } else out.push({ id: id(), points: points.reflection, explanation: explain('reflection', undefined, run, byId), kind, answer: null });
  }
  return out;
}

/** The answer a fresh run gives a question (null for a reflection; undefined when it has none now). */
export function freshAnswer(q: Question, run: ExerciseRun): Question['answer'] | undefined {
  if (q.kind === 'order') return orderAnswer(run.graph);
  if (q.kind === 'reflection') return null;
  const report = run.reports.get(q.article);
  if (!report) return undefined;
  switch (q.kind) {
    case 'copied-paragraphs':
      return copiedParagraphsAnswer(report);
    case 'source':
      return sourceAnswer(report);
    case 'credited':
      return creditedAnswer(report);
    case 'original-share':
      return originalShareAnswer(report);
  }
}

/** Canonical JSON of a value: object keys sorted, so two answers compare by content. */
function canonical(x: unknown): string {
  if (Array.isArray(x)) return `[${x.map(canonical).join(',')}]`;
  if (x && typeof x === 'object') return `{${Object.keys(x).sort().map((k) => `${JSON.stringify(k)}:${canonical((x as Record<string, unknown>)[k])}`).join(',')}}`;
  return JSON.stringify(x) ?? 'null';
}

/** The questions whose stored answer is not what the engine gives now (a pack edited by hand, or made by another version). */
export function answersDiffering(questions: readonly Question[], run: ExerciseRun): string[] {
  return questions.filter((q) => canonical(freshAnswer(q, run)) !== canonical(q.answer)).map((q) => q.id);
}
