/** The highlight styles: inline decoration only (no display, size or position changes). */
export const STYLE_ID = 'wiretrace-highlight-style';
export const MARK_CLASS = 'wiretrace-mark';

export const HIGHLIGHT_CSS = `
mark.${MARK_CLASS} { background: none; color: inherit; font: inherit; padding: 0; margin: 0; border: 0; }
mark.${MARK_CLASS}[data-wiretrace="copied"] { background-color: #ffd54f; color: #1b1b1b; box-decoration-break: clone; -webkit-box-decoration-break: clone; }
mark.${MARK_CLASS}[data-wiretrace="quote"] { text-decoration: underline dotted #1565c0; text-decoration-thickness: 2px; text-underline-offset: 0.18em; }
@media (forced-colors: active) {
  mark.${MARK_CLASS}[data-wiretrace="copied"] { background-color: Mark; color: MarkText; }
  mark.${MARK_CLASS}[data-wiretrace="quote"] { text-decoration-color: LinkText; }
}
`;

/** Adds the <style> once per document (its text is a constant: no page text goes into it). */
export function ensureStyle(doc: Document): void {
  if (doc.getElementById(STYLE_ID)) return;
  const style = doc.createElement('style');
  style.id = STYLE_ID;
  style.textContent = HIGHLIGHT_CSS;
  (doc.head ?? doc.documentElement).appendChild(style);
}

export function removeStyle(doc: Document): void {
  doc.getElementById(STYLE_ID)?.remove();
}
