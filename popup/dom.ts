/**
 * Building DOM safely: every string becomes a text node or textContent, never markup.
 * (Article text, titles, outlet names and URLs come from web pages.)
 */
type Child = Node | string | number | null | undefined | false;

export interface Props {
  class?: string;
  id?: string;
  /** Attributes set with setAttribute (aria-*, role, type, ...). */
  attrs?: Record<string, string>;
}

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props | null = null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props?.class) node.className = props.class;
  if (props?.id) node.id = props.id;
  for (const [k, v] of Object.entries(props?.attrs ?? {})) node.setAttribute(k, v);
  append(node, ...children);
  return node;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    parent.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
}

/** A link to a page-derived URL: only http(s) URLs become links, anything else stays plain text. */
export function link(text: string, url: string | undefined): HTMLElement {
  if (!url || !/^https?:\/\//i.test(url)) return el('span', null, text);
  const a = el('a', { attrs: { target: '_blank', rel: 'noopener noreferrer' } }, text);
  a.href = url;
  return a;
}

/** Stands for a node in a message: t('firstSeenIn', SLOT) then interleave() puts a link where the message has it. */
export const SLOT = '\u0001';

/** A message with SLOTs, as a span: its text as text nodes, each SLOT replaced by the next node. */
export function interleave(message: string, ...nodes: Child[]): HTMLSpanElement {
  const span = el('span');
  message.split(SLOT).forEach((text, i) => append(span, ...(i ? [nodes[i - 1]] : []), text));
  return span;
}

export function button(label: string, onClick: (ev: MouseEvent) => void, props: Props = {}): HTMLButtonElement {
  const b = el('button', { ...props, attrs: { type: 'button', ...(props.attrs ?? {}) } }, label);
  b.addEventListener('click', onClick);
  return b;
}

export function clear(node: Element): void {
  node.replaceChildren();
}

/** Saves text as a file through a temporary object URL. */
export function download(text: string, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = el('a', { attrs: { download: fileName } });
  a.href = url;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
