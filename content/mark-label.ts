/**
 * The labels of highlighted passages, out of the page's reach: kept in this script's memory and shown
 * on hover in a tooltip inside a closed shadow root. Page scripts see an empty host element appear;
 * they cannot open a closed root, and the listeners here live in the content script's own world.
 */
import { UI_ATTRIBUTE } from '../src/extract/paragraphs';
import { MARK_CLASS } from './highlight-style';

interface Labels {
  texts: string[];
  host: HTMLElement;
  tip: HTMLElement;
  over: (e: Event) => void;
  out: (e: Event) => void;
}

const shown = new WeakMap<Document, Labels>();

const TIP_CSS = `
:host { all: initial; }
div { position: fixed; z-index: 2147483647; max-width: 28em; padding: 4px 8px; border-radius: 4px;
  background: #1b1b1b; color: #fff; font: 13px/1.35 system-ui, sans-serif; pointer-events: none; }
div[hidden] { display: none; }
@media (forced-colors: active) { div { border: 1px solid CanvasText; background: Canvas; color: CanvasText; } }
`;

function markOf(target: EventTarget | null): HTMLElement | null {
  return target instanceof Element ? (target.closest(`mark.${MARK_CLASS}`) as HTMLElement | null) : null;
}

/** Shows label `texts[n]` beside mark number n while the pointer is over it. Replaces earlier labels. */
export function showMarkLabels(doc: Document, texts: string[]): void {
  hideMarkLabels(doc);
  const host = doc.createElement('div');
  host.setAttribute(UI_ATTRIBUTE, '');
  const root = host.attachShadow({ mode: 'closed' });
  const style = doc.createElement('style');
  style.textContent = TIP_CSS;
  const tip = doc.createElement('div');
  tip.setAttribute('role', 'tooltip');
  tip.hidden = true;
  root.append(style, tip);
  (doc.body ?? doc.documentElement).appendChild(host);
  const over = (e: Event) => {
    const mark = markOf(e.target);
    const n = Number(mark?.getAttribute('data-wiretrace-mark'));
    if (!mark || !Number.isInteger(n) || texts[n] === undefined) return;
    tip.textContent = texts[n];
    const r = mark.getBoundingClientRect();
    const view = doc.defaultView;
    tip.style.left = `${Math.max(4, Math.min(r.left, (view?.innerWidth ?? 800) - 300))}px`;
    tip.style.top = `${r.bottom + 6 > (view?.innerHeight ?? 600) - 40 ? Math.max(4, r.top - 34) : r.bottom + 6}px`;
    tip.hidden = false;
  };
  const out = (e: Event) => {
    if (markOf(e.target)) tip.hidden = true;
  };
  doc.addEventListener('mouseover', over, true);
  doc.addEventListener('mouseout', out, true);
  shown.set(doc, { texts, host, tip, over, out });
}

export function hideMarkLabels(doc: Document): void {
  const l = shown.get(doc);
  if (!l) return;
  doc.removeEventListener('mouseover', l.over, true);
  doc.removeEventListener('mouseout', l.out, true);
  l.host.remove();
  shown.delete(doc);
}

/** The tooltip's text while one is shown (for tests, which run this module in the page itself). */
export function shownLabel(doc: Document): string | undefined {
  const l = shown.get(doc);
  return l && !l.tip.hidden ? (l.tip.textContent ?? undefined) : undefined;
}
