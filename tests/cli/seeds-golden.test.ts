/**
 * The founding example: the five seed articles audited in publication order
 * (000 BBC < 004 dpa < 001 Nigerian outlet < 002 Financial Tribune < 003 aggregator).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseDocuments, SEEDS, tempFiles, wiretrace, type JsonDocument } from './run';

const seedFile = (prefix: string) => {
  const name = readdirSync(SEEDS).find((f) => f.startsWith(prefix) && f.endsWith('.txt'));
  if (!name) throw new Error(`seed ${prefix} not found in ${SEEDS}`);
  return resolve(SEEDS, name);
};
const FILES = Object.fromEntries(['000', '001', '002', '003', '004'].map((p) => [p, seedFile(p)]));

/** A seed's paragraphs as the CLI reads a .txt: the non-empty lines after the first, trimmed. */
const paragraphsOf = (prefix: string) =>
  readFileSync(FILES[prefix], 'utf8')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(1);

const META: Record<string, { outlet: string; published: string }> = {
  '000': { outlet: 'BBC News', published: '2016-08-26T10:00:00Z' },
  '004': { outlet: 'dpa news site', published: '2016-08-26T11:00:00Z' },
  '001': { outlet: 'The Lagos Ledger', published: '2016-08-26T12:00:00Z' },
  '002': { outlet: 'Financial Tribune', published: '2016-08-26T13:00:00Z' },
  '003': { outlet: 'aggregator', published: '2016-08-26T14:00:00Z' },
};

const t = tempFiles({
  'meta.json': JSON.stringify(Object.fromEntries(Object.entries(META).map(([p, m]) => [FILES[p].split('/').pop(), m]))),
});
afterAll(() => t.cleanup());

let docs: Record<string, JsonDocument>;
let stderr: string;
let code: number | null;

beforeAll(async () => {
  const order = ['000', '004', '001', '002', '003'];
  const r = await wiretrace(['audit', '--json', '--order', 'given', '--meta', t.path('meta.json'), ...order.map((p) => FILES[p])]);
  code = r.code;
  stderr = r.stderr;
  const list = parseDocuments(r.stdout);
  expect(list.map((d) => d.id)).toEqual(order.map((p) => FILES[p]));
  docs = Object.fromEntries(order.map((p, i) => [p, list[i]]));
});

describe('seeds golden', () => {
  test('runs cleanly with the outlets and times of the sidecar', () => {
    expect(stderr).toBe('');
    expect(code).toBe(0);
    for (const [p, m] of Object.entries(META)) {
      expect(docs[p].outlet).toBe(m.outlet);
      expect(docs[p].published).toBe(new Date(m.published).toISOString());
      expect(docs[p].paragraphs).toBe(paragraphsOf(p).length);
    }
    expect(docs['000'].passages).toEqual([]);
  });

  test('001 is mostly the BBC text: at least 13 paragraphs copied from 000', () => {
    const paras = new Set(docs['001'].passages.filter((p) => p.kind === 'copied' && p.source.id === FILES['000']).map((p) => p.paragraph));
    expect(paras.size).toBeGreaterThanOrEqual(13);
    expect(docs['001'].copiedShare).toBeGreaterThan(0.5);
    // Offsets are into the paragraphs as given.
    const text = paragraphsOf('001');
    for (const p of docs['001'].passages) expect(text[p.paragraph].slice(p.start, p.end)).toBe(p.text);
  });

  test("003's 'The US Secretary said Russian and American diplomats' paragraph comes from 002", () => {
    const i = paragraphsOf('003').findIndex((p) => p.startsWith('The US Secretary said Russian and American diplomats'));
    expect(i).toBeGreaterThanOrEqual(0);
    const hits = docs['003'].passages.filter((p) => p.paragraph === i);
    expect(hits.some((p) => p.source.id === FILES['002'] && p.source.outlet === 'Financial Tribune')).toBe(true);
  });

  test("002's Lavrov line 'I think in the nearest time' is a shared quote, not copy", () => {
    const i = paragraphsOf('002').findIndex((p) => p.includes('I think in the nearest time'));
    expect(i).toBeGreaterThanOrEqual(0);
    expect(docs['002'].passages.some((p) => p.paragraph === i && p.kind === 'quote')).toBe(true);
  });

  test("004's furniture (Read more, Last update, the teasers after 'In depth coverage') is not copy", () => {
    const paras = paragraphsOf('004');
    const depth = paras.indexOf('In depth coverage');
    expect(depth).toBeGreaterThan(0);
    const furniture = paras.map((p, i) => i).filter((i) => paras[i] === 'Read more' || paras[i].startsWith('Last update') || i > depth);
    expect(furniture.length).toBeGreaterThan(5);
    const copied = docs['004'].passages.filter((p) => p.kind === 'copied' && furniture.includes(p.paragraph));
    expect(copied).toEqual([]);
  });
});
