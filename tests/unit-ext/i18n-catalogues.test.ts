/**
 * The message catalogues (_locales/<lang>/messages.json): every locale has exactly en's keys and
 * placeholders, nothing is empty, every message has a description; every key is used by the code
 * (popup/, options/, library/, background/, src/, manifest.json) and every key the code uses exists.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Catalogue } from '../../src/i18n';
import { scanUsage } from './i18n-scan';

const ROOT = resolve(import.meta.dirname, '../..');
const LOCALES = join(ROOT, '_locales');
const load = (lang: string) => JSON.parse(readFileSync(join(LOCALES, lang, 'messages.json'), 'utf8')) as Catalogue;
const langs = readdirSync(LOCALES).sort();
const en = load('en');

/** `$name$` references of a message, lower-cased (names are case-insensitive). */
const named = (msg: string) => [...msg.matchAll(/\$([a-zA-Z0-9_@]+)\$/g)].map((m) => m[1].toLowerCase()).sort();
/** `$1`…`$9` outside placeholders. */
const positional = (msg: string) => [...msg.replace(/\$\$/g, '').replace(/\$[a-zA-Z0-9_@]+\$/g, '').matchAll(/\$([1-9])/g)].map((m) => m[1]).sort();
const placeholders = (e: Catalogue[string]) =>
  Object.fromEntries(Object.entries(e.placeholders ?? {}).map(([k, v]) => [k.toLowerCase(), v.content]));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return /\.(ts|html)$/.test(name) ? [p] : [];
  });
}

describe('message catalogues', () => {
  it('has English and German', () => {
    expect(langs).toEqual(expect.arrayContaining(['de', 'en']));
    expect(JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8')).default_locale).toBe('en');
  });

  it('names keys as browsers accept them, distinct without regard to case, with both plural forms', () => {
    const keys = Object.keys(en);
    for (const k of keys) expect(k, k).toMatch(/^[A-Za-z0-9_]+$/);
    expect(new Set(keys.map((k) => k.toLowerCase())).size).toBe(keys.length);
    for (const k of keys.filter((k) => /_(one|other)$/.test(k))) {
      const base = k.replace(/_(one|other)$/, '');
      expect(keys, k).toContain(`${base}_one`);
      expect(keys, k).toContain(`${base}_other`);
    }
  });

  for (const lang of langs) {
    describe(lang, () => {
      const cat = load(lang);

      it("has exactly en's keys", () => {
        expect(Object.keys(cat).sort()).toEqual(Object.keys(en).sort());
      });

      it('has no empty message and a description for every message', () => {
        for (const [k, e] of Object.entries(cat)) {
          expect(e.message.trim(), k).not.toBe('');
          expect(e.description?.trim(), k).toBeTruthy();
          expect(e.message, `${k}: an ellipsis is one character (…)`).not.toContain('...');
        }
      });

      it("has en's placeholders (names and $1-style contents) and uses the same ones", () => {
        for (const [k, e] of Object.entries(cat)) {
          const ref = en[k];
          if (!ref) continue;
          expect(placeholders(e), k).toEqual(placeholders(ref));
          expect(named(e.message), k).toEqual(named(ref.message));
          expect(positional(e.message), k).toEqual(positional(ref.message));
          for (const name of named(e.message)) expect(Object.keys(placeholders(e)), `${k}: $${name}$ is not defined`).toContain(name);
        }
      });

      it('keeps the manifest texts within the stores\' limits', () => {
        expect(cat.extName.message.length).toBeLessThanOrEqual(75);
        expect(cat.extDescription.message.length).toBeLessThanOrEqual(132);
      });
    });
  }
});

describe('message keys in the code', () => {
  const files = [...['popup', 'options', 'library', 'exercise', 'background', 'src'].flatMap((d) => sourceFiles(join(ROOT, d))), join(ROOT, 'manifest.json')];
  const used = new Map<string, string>();
  const dynamic: string[] = [];
  for (const f of files) {
    const u = scanUsage(readFileSync(f, 'utf8'));
    for (const k of u.keys) used.set(k, relative(ROOT, f));
    // The translator's own module passes data-i18n attribute values on: the attributes are scanned instead.
    if (!f.endsWith(join('src', 'i18n.ts'))) dynamic.push(...u.dynamic.map((d) => `${relative(ROOT, f)}: ${d}`));
  }

  it('finds the usages (the scan itself)', () => {
    expect(scanUsage(`t('a'); t.plural('b', n); browser.i18n.getMessage('c'); <p data-i18n="d"> data-i18n-aria-label="e" "__MSG_f__" t(k)`)).toEqual({
      keys: ['a', 'c', 'd', 'e', 'f', 'b_one', 'b_other'],
      dynamic: ['t(k)'],
    });
    expect(used.size).toBeGreaterThan(50);
  });

  it('uses every key of en', () => {
    expect(Object.keys(en).filter((k) => !used.has(k))).toEqual([]);
  });

  it('uses only keys en has', () => {
    expect([...used].filter(([k]) => !en[k]).map(([k, f]) => `${f}: ${k}`)).toEqual([]);
  });

  it('names every key literally (a computed key escapes both checks)', () => {
    expect(dynamic).toEqual([]);
  });
});
