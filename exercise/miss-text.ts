/**
 * What a student missed (src/exercise/score.ts's notes) in the page's language: a quote is not
 * copy; an outlet's own earlier text is not copy; a credit makes copy honest, not original; an
 * article published later cannot be the source; who had the story first.
 */
import type { MissNote } from '../src/exercise/score';
import type { Translator } from '../src/i18n';
import { paragraphsText } from './labels';

export function missText(n: MissNote, t: Translator): string {
  switch (n.code) {
    case 'unanswered':
      return t('exMissUnanswered');
    case 'marked-quote':
      return t.plural('exMissMarkedQuote', n.paragraphs.length, paragraphsText(n.paragraphs, t));
    case 'marked-own':
      return t.plural('exMissMarkedOwn', n.paragraphs.length, paragraphsText(n.paragraphs, t));
    case 'marked-original':
      return t.plural('exMissMarkedOriginal', n.paragraphs.length, paragraphsText(n.paragraphs, t));
    case 'missed-copied':
      return n.outlet ? t.plural('exMissCopied', n.paragraphs.length, paragraphsText(n.paragraphs, t), n.outlet) : t.plural('exMissCopiedSomewhere', n.paragraphs.length, paragraphsText(n.paragraphs, t));
    case 'credited-copy':
      return t('exMissCreditedCopy', n.outlet);
    case 'source-none':
      return t('exMissSourceNone', n.outlet);
    case 'source-nothing-copied':
      return t('exMissNothingCopied');
    case 'source-after':
      return t('exMissSourceAfter', n.picked);
    case 'source-also-carried':
      return t('exMissAlsoCarried', n.picked, n.outlet);
    case 'source-other':
      return t('exMissSourceOther', n.picked, n.outlet);
    case 'credit-missed':
      return t('exMissCreditMissed', n.outlet);
    case 'credit-imagined':
      return t('exMissCreditImagined', n.outlet);
    case 'credit-partly':
      return t('exMissCreditPartly', n.outlet);
    case 'share-high':
      return t('exMissShareHigh', t.percent(n.share));
    case 'share-low':
      return t('exMissShareLow', t.percent(n.share));
    case 'first-wrong':
      return t('exMissFirst', n.picked, n.outlet);
    case 'order-pairs':
      return t('exMissPairs', n.wrong, n.pairs);
  }
}
