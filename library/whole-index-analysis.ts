/**
 * The analysis of the whole index: the syndication graph of every stored article, which gives the
 * outlets their copy figures. Run from the outlets section (at once for a small index, on request for
 * a large one); kept by the worker until the index changes.
 */
import { errorText } from '../popup/messages';
import { el } from '../popup/dom';
import type { LibraryContext } from './section';
import { runSyndication } from './syndication-job';

/** Runs it, showing progress in `into`; true when it finished (not cancelled, no error). */
export async function runAnalysis(ctx: LibraryContext, into: HTMLElement): Promise<boolean> {
  const { t } = ctx;
  for (const b of into.querySelectorAll('button')) b.disabled = true;
  const r = await runSyndication(ctx, { kind: 'range' }, into);
  for (const b of into.querySelectorAll('button')) b.disabled = false;
  if (!r.ok) {
    into.append(el('p', { class: 'error' }, t('analysisFailed', errorText(t, r))));
    return false;
  }
  if (r.res.cancelled) {
    ctx.say(t('analysisCancelled'));
    return false;
  }
  // After the line of the action that started it (a deletion's), not over it.
  ctx.sayAfter(t.plural('analysisDone', r.res.checked, r.res.checked));
  return true;
}
