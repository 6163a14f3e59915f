/**
 * Localised text: a Translator formats messages of the `_locales/<lang>/messages.json` catalogues
 * (the WebExtension format: `$name$` placeholders whose content is `$1`…`$9`, `$$` for a dollar)
 * and numbers, percentages and dates in one locale. Pure: the browser wiring (browser.i18n) is in
 * i18n-browser.ts, the English catalogue for Node (CLI, scripts, tests) in i18n-english.ts.
 *
 *   t('shareOfText', t.percent(0.62))   one message with its substitutions (numbers formatted in the locale)
 *   t.plural('recorded', n, n)           `recorded_one` or `recorded_other` by n
 *   localizeDom(document, t)             elements with a data-i18n attribute get their text (textContent)
 */
import type en from '../_locales/en/messages.json';

export type MessageKey = keyof typeof en;

/** Base names of the `<base>_one` / `<base>_other` pairs. */
export type PluralKey = { [K in MessageKey]: K extends `${infer B}_other` ? (`${B}_one` extends MessageKey ? B : never) : never }[MessageKey];

export interface CatalogueEntry {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}

export type Catalogue = Record<string, CatalogueEntry>;

/** A substitution: numbers are formatted in the translator's locale. */
export type Sub = string | number;

export interface Translator {
  (key: MessageKey, ...subs: Sub[]): string;
  /** The `_one` or `_other` form of `key` by `count` (Intl.PluralRules of the locale); `subs` as for t(). */
  plural(key: PluralKey, count: number, ...subs: Sub[]): string;
  number(n: number, fractionDigits?: number): string;
  /** 0.624 -> "62%" ("62 %" in German); small non-zero shares read "<1%". */
  percent(share: number): string;
  /** An ISO time as a date ("26 Aug 2016", UTC so an instant reads the same everywhere); '' for missing or bad input. */
  date(iso: string | undefined): string;
  /** The BCP 47 tag used for numbers, dates and plurals. */
  readonly locale: string;
}

/**
 * One message with its substitutions, as browser.i18n.getMessage does it: `$name$` becomes the
 * placeholder's content (names are case-insensitive), then `$1`…`$9` the substitutions and `$$` a `$`.
 */
export function formatMessage(entry: CatalogueEntry, subs: readonly string[] = []): string {
  const placeholders = new Map(Object.entries(entry.placeholders ?? {}).map(([k, v]) => [k.toLowerCase(), v.content]));
  const withContent = entry.message.replace(/\$([a-zA-Z0-9_@]+)\$/g, (m, name: string) => placeholders.get(name.toLowerCase()) ?? m);
  return withContent.replace(/\$(\$|[1-9])/g, (_m, x: string) => (x === '$' ? '$' : (subs[Number(x) - 1] ?? '')));
}

/** Looks a message up and substitutes the (already formatted) strings. */
export type Lookup = (key: string, subs: string[]) => string;

/** Dates through Intl in the locale, day, short month and year, in UTC. */
export function intlDate(locale: string): (iso: string | undefined) => string {
  const f = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  return (iso) => {
    if (!iso) return '';
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? '' : f.format(d);
  };
}

export function createTranslator(lookup: Lookup, locale: string, date: (iso: string | undefined) => string = intlDate(locale)): Translator {
  const rules = new Intl.PluralRules(locale);
  const whole = new Intl.NumberFormat(locale);
  const pct = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const number = (n: number, fractionDigits?: number): string =>
    fractionDigits === undefined ? whole.format(n) : new Intl.NumberFormat(locale, { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits }).format(n);
  const strings = (subs: Sub[]) => subs.map((s) => (typeof s === 'number' ? number(s) : s));
  const t = ((key: MessageKey, ...subs: Sub[]) => lookup(key, strings(subs))) as Translator;
  t.plural = (key, count, ...subs) => lookup(`${key}_${rules.select(count) === 'one' ? 'one' : 'other'}`, strings(subs));
  t.number = number;
  t.percent = (share) => {
    if (!(share > 0)) return pct.format(0);
    const p = Math.round(share * 100);
    return p === 0 ? `<${pct.format(0.01)}` : pct.format(Math.min(p, 100) / 100);
  };
  t.date = date;
  Object.defineProperty(t, 'locale', { value: locale });
  return t;
}

/** A translator over a catalogue object (a parsed messages.json); a missing key reads as the key. */
export function catalogueTranslator(catalogue: Catalogue, locale: string, date?: (iso: string | undefined) => string): Translator {
  return createTranslator((key, subs) => (catalogue[key] ? formatMessage(catalogue[key], subs) : key), locale, date);
}

/**
 * Fills static page text from messages: a data-i18n attribute names the message for the element's
 * textContent, data-i18n-aria-label (-title, -placeholder) the one for that attribute. Never markup.
 */
export function localizeDom(root: ParentNode, t: Translator): void {
  for (const node of root.querySelectorAll<HTMLElement>('[data-i18n]')) node.textContent = t(node.getAttribute('data-i18n') as MessageKey);
  for (const attr of ['aria-label', 'title', 'placeholder']) {
    for (const node of root.querySelectorAll<HTMLElement>(`[data-i18n-${attr}]`)) node.setAttribute(attr, t(node.getAttribute(`data-i18n-${attr}`) as MessageKey));
  }
}
