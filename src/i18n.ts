/**
 * Localised text: a Translator formats messages of the `_locales/<lang>/messages.json` catalogues
 * (the WebExtension format: `$name$` placeholders whose content is `$1`…`$9`, `$$` for a dollar)
 * and numbers, percentages, dates and times in one locale and time zone (UTC unless told). Pure: the browser wiring (browser.i18n) is in
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
  /** An ISO time as a date ("26 Aug 2016", in the translator's zone, UTC by default); '' for missing or bad input. */
  date(iso: string | undefined): string;
  /** An ISO time as a date with hour, minute and zone ("14 Mar 2025, 09:40 UTC"); '' for missing or bad input. */
  dateTime(iso: string | undefined): string;
  /** The calendar day of an ISO time in the translator's zone ("2025-03-14"), to tell times on one day; '' for bad input. */
  day(iso: string | undefined): string;
  /** The IANA time zone of dates and times ("UTC"). */
  readonly timeZone: string;
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

/** How a translator writes dates: Intl in its locale and zone unless given as functions. */
export interface DateOptions {
  /**
   * The zone of dates and times. UTC by default: an instant reads the same on every machine and in
   * every export, and the zone is written beside every time ("09:40 UTC").
   */
  timeZone?: string;
  date?: (iso: string | undefined) => string;
  dateTime?: (iso: string | undefined) => string;
}

function parse(iso: string | undefined): Date | undefined {
  if (!iso) return undefined;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** Dates through Intl in the locale: day, short month and year, in the zone (UTC by default). */
export function intlDate(locale: string, timeZone = 'UTC'): (iso: string | undefined) => string {
  const f = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone });
  return (iso) => {
    const d = parse(iso);
    return d ? f.format(d) : '';
  };
}

/** Dates with hour, minute and the zone's short name through Intl ("14 Mar 2025, 09:40 UTC"). */
export function intlDateTime(locale: string, timeZone = 'UTC'): (iso: string | undefined) => string {
  const f = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone, timeZoneName: 'short' });
  return (iso) => {
    const d = parse(iso);
    return d ? f.format(d) : '';
  };
}

/** The calendar day ("2025-03-14") of an ISO time in a zone. */
export function dayIn(timeZone = 'UTC'): (iso: string | undefined) => string {
  const f = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone });
  return (iso) => {
    const d = parse(iso);
    if (!d) return '';
    const parts = f.formatToParts(d);
    const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
    return `${part('year')}-${part('month')}-${part('day')}`;
  };
}

export function createTranslator(lookup: Lookup, locale: string, dates: DateOptions = {}): Translator {
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
  const timeZone = dates.timeZone ?? 'UTC';
  t.date = dates.date ?? intlDate(locale, timeZone);
  t.dateTime = dates.dateTime ?? intlDateTime(locale, timeZone);
  t.day = dayIn(timeZone);
  Object.defineProperty(t, 'locale', { value: locale });
  Object.defineProperty(t, 'timeZone', { value: timeZone });
  return t;
}

/** A translator over a catalogue object (a parsed messages.json); a missing key reads as the key. */
export function catalogueTranslator(catalogue: Catalogue, locale: string, dates?: DateOptions): Translator {
  return createTranslator((key, subs) => (catalogue[key] ? formatMessage(catalogue[key], subs) : key), locale, dates);
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
