/**
 * The extension's translator: messages from browser.i18n (the catalogue the browser picked for its
 * UI language, else `en`), numbers and dates in the UI language when the catalogue is in that
 * language, else in the catalogue's own (a French browser reading the English catalogue gets
 * English numbers and dates, not a mix).
 */
import browser from 'webextension-polyfill';
import { createTranslator, localizeDom, type Translator } from './i18n';

let cached: Translator | undefined;

export function uiTranslator(): Translator {
  if (cached) return cached;
  const lookup = (key: string, subs: string[]) => browser.i18n.getMessage(key, subs) || key;
  const tag = lookup('languageTag', []);
  const ui = browser.i18n.getUILanguage();
  const locale = ui.toLowerCase() === tag.toLowerCase() || ui.toLowerCase().startsWith(`${tag.toLowerCase()}-`) ? ui : tag;
  cached = createTranslator(lookup, locale);
  return cached;
}

/** Localises an extension page: its static text ([data-i18n]) and its language (lang attribute). */
export function localizePage(doc: Document = document): Translator {
  const t = uiTranslator();
  doc.documentElement.lang = t('languageTag');
  localizeDom(doc, t);
  return t;
}
