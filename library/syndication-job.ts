/**
 * Runs one syndication build in the worker from the page: asks for the graph of a scope, shows the
 * worker's progress events for this job (a <progress> and a line of text) and offers a cancel, which
 * ends the build with the graph of the articles checked so far. Used by the outlets' analysis of the
 * whole index and by the syndication section.
 */
import { onEvent, send, type Reply, type SyndicationScope, type SyndicationView } from '../src/protocol';
import { button, el } from '../popup/dom';
import type { LibraryContext } from './section';

export async function runSyndication(ctx: LibraryContext, scope: SyndicationScope, into: HTMLElement): Promise<Reply<SyndicationView>> {
  const { t } = ctx;
  const jobId = `${Date.now()}-${Math.random().toString(36).slice(2)}`;
  const bar = el('progress', { class: 'job-progress' });
  const text = el('span', { class: 'job-text' }, t('analysingStart'));
  const cancel = button(t('cancelButton'), () => {
    cancel.disabled = true;
    void send('cancelSyndication', { jobId });
  }, { class: 'job-cancel' });
  const box = el('div', { class: 'job', attrs: { 'aria-busy': 'true' } }, el('p', { attrs: { role: 'status' } }, text), bar, cancel);
  into.append(box);
  const off = onEvent('progress', (d) => {
    if (d.task !== 'syndication' || d.jobId !== jobId || !d.total) return;
    bar.max = d.total;
    bar.value = d.done ?? 0;
    text.textContent = t('analysingProgress', d.done ?? 0, d.total);
  });
  try {
    return await send('syndication', { jobId, scope });
  } finally {
    off();
    box.remove();
  }
}

