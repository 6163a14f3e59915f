/**
 * The words of the exercise page that several views share: each kind of question as the student is
 * asked it, an answer (the pack's or the student's) as a line of text, the share bands, an article's
 * name ("Coastline Daily, 14 Mar 2025, 08:30 UTC"). Every string is a message of the UI language.
 */
import type { Translator } from '../src/i18n';
import { SHARE_BANDS, type Credited, type ExerciseArticle, type ExercisePack, type Question } from '../src/exercise/pack-schema';
import type { StudentAnswer } from '../src/exercise/score';

/** The question as asked (the pack's own prompt when it has one). */
export function questionText(q: Question, pack: ExercisePack, t: Translator): string {
  if (q.prompt) return q.prompt;
  const outlet = pack.articles.find((a) => a.id === q.article)?.outlet ?? '';
  switch (q.kind) {
    case 'copied-paragraphs':
      return t('exAskCopied', outlet);
    case 'source':
      return t('exAskSource');
    case 'credited':
      return t('exAskCredited', outlet);
    case 'original-share':
      return t('exAskShare', outlet);
    case 'order':
      return t('exAskOrder');
    case 'reflection':
      return t('exAskReflection');
  }
}

export function bandText(band: number, t: Translator): string {
  const lo = SHARE_BANDS[band] ?? 0;
  const hi = SHARE_BANDS[band + 1] ?? 1;
  return t('exBand', t.percent(lo), t.percent(hi));
}

export function creditText(c: Credited, t: Translator): string {
  return c === 'yes' ? t('exCreditYes') : c === 'partly' ? t('exCreditPartly') : t('exCreditNo');
}

/** "¶1, ¶4, ¶5" (1-based); "none" for none. */
export function paragraphsText(ns: readonly number[], t: Translator): string {
  return ns.length ? ns.map((n) => `¶${t.number(n + 1)}`).join(', ') : t('exNone');
}

/** The pack's answer of a question as a line of text; '' for a reflection. */
export function answerText(q: Question, t: Translator): string {
  switch (q.kind) {
    case 'copied-paragraphs':
      return paragraphsText(q.answer.paragraphs, t);
    case 'source':
      return q.answer.outlet ?? t('exSourceNone');
    case 'credited':
      return creditText(q.answer.credited, t);
    case 'original-share':
      return `${bandText(q.answer.band, t)} (${t.percent(q.answer.share)})`;
    case 'order':
      return q.answer.order.join(' → ');
    case 'reflection':
      return '';
  }
}

/** A student's answer as a line of text. */
export function studentAnswerText(a: StudentAnswer | undefined, t: Translator): string {
  if (!a) return t('exUnanswered');
  switch (a.kind) {
    case 'copied-paragraphs':
      return paragraphsText(a.paragraphs, t);
    case 'source':
      return a.outlet ?? t('exSourceNone');
    case 'credited':
      return creditText(a.credited, t);
    case 'original-share':
      return bandText(a.band, t);
    case 'order':
      return a.order.join(' → ');
    case 'reflection':
      return a.text.trim() || t('exUnanswered');
  }
}

export function articleName(a: ExerciseArticle, t: Translator): string {
  return `${a.outlet}, ${t.dateTime(a.published)}`;
}

/** "14 Mar 2025 · 45 minutes · Secondary school · MIT" */
export function packFacts(pack: ExercisePack, t: Translator): string {
  return [t.plural('exMinutes', pack.minutes, pack.minutes), pack.audience, t('exLicence', pack.licence), pack.creator ? t('exCreator', pack.creator) : ''].filter(Boolean).join(' · ');
}
