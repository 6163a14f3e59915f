/**
 * The exercise pack's schema: the committed packs are accepted as they are written; a bad pack is
 * refused with the line and the field at fault (a wrong type, a missing field, a question about no
 * article of the pack, a paragraph outside its article, bad JSON, an index pack or a result file).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { packText, parsePack, refusal } from '../../src/exercise/pack-schema';
import { resolve } from 'node:path';
import { DEMO_PACK, FERRY_PACK, loadPack, ROOT } from './fixtures';

const demoText = readFileSync(DEMO_PACK, 'utf8');

/** A pack as plain JSON, to edit into what the schema refuses. */
interface Loose {
  [field: string]: unknown;
  articles: Array<Record<string, unknown>>;
  questions: Array<Record<string, unknown> & { answer: { paragraphs: number[]; order: string[] } }>;
}

/** The demo pack with one edit, as a file: the complaint as one line. */
function refused(edit: (p: Loose) => void): string {
  const p = JSON.parse(demoText);
  edit(p);
  const r = parsePack(JSON.stringify(p, null, 2));
  if (r.ok) throw new Error('accepted');
  return refusal(r);
}

/** The line of the file where `needle` first appears (1-based). */
const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;

describe('the exercise pack schema', () => {
  it('accepts the committed packs, and writes them back byte for byte', () => {
    for (const file of [DEMO_PACK, FERRY_PACK]) {
      const pack = loadPack(file);
      expect(packText(pack)).toBe(readFileSync(file, 'utf8'));
    }
  });

  it('names the line and the field of a value of the wrong type', () => {
    const msg = refused((p) => (p.questions[2].points = '3'));
    const loose = JSON.parse(demoText) as Loose;
    loose.questions[2].points = '3';
    const text = JSON.stringify(loose, null, 2);
    expect(msg).toBe(`line ${lineOf(text, '"points": "3"')}: questions[2].points: must be a number`);
  });

  it('names a missing field, a bad kind, a bad language and a time that is not one', () => {
    expect(refused((p) => delete p.articles[1].outlet)).toMatch(/^line \d+: articles\[1\]\.outlet: is missing$/);
    expect(refused((p) => (p.questions[0].kind = 'guess'))).toMatch(/^line \d+: questions\[0\]\.kind: must have a "kind": copied-paragraphs, source/);
    expect(refused((p) => (p.language = 'English'))).toMatch(/^line 6: language: must be a language tag/);
    expect(refused((p) => (p.articles[0].published = 'yesterday'))).toMatch(/articles\[0\]\.published: must be an ISO 8601 time/);
    expect(refused((p) => (p.articles[0].published = '2025-02-29T06:10:00Z'))).toMatch(/articles\[0\]\.published: must be an ISO 8601 time/);
    expect(refused((p) => (p.version = 2))).toMatch(/^line 3: version: must be 1/);
    expect(refused((p) => (p.questions = []))).toMatch(/questions: must hold at least one question/);
  });

  it('refuses what a schema cannot see: unknown articles and outlets, paragraphs outside the article, ids twice', () => {
    expect(refused((p) => (p.questions[0].article = 'nowhere.html'))).toMatch(/questions\[0\]\.article: names no article of the pack \("nowhere.html"\)/);
    expect(refused((p) => p.questions[0].answer.paragraphs.push(40))).toMatch(/questions\[0\]\.answer\.paragraphs\[11\]: is paragraph 40, but the article has 11/);
    expect(refused((p) => (p.questions[1].id = 'q1'))).toMatch(/questions\[1\]\.id: is the id of an earlier question too/);
    expect(refused((p) => (p.articles[1].id = p.articles[0].id))).toMatch(/articles\[1\]\.id: is the id of an earlier article too/);
    const order = (JSON.parse(demoText) as Loose).questions.findIndex((q) => q.kind === 'order');
    expect(refused((p) => (p.questions[order].answer.order[1] = 'Daily Planet'))).toMatch(new RegExp(`questions\\[${order}\\]\\.answer\\.order\\[1\\]: names no outlet`));
  });

  it('refuses bad JSON, an index pack and a result file, saying what they are', () => {
    const broken = demoText.replace('"minutes": 30,', '"minutes": 30');
    const r = parsePack(broken);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(refusal(r)).toMatch(new RegExp(`^line ${lineOf(broken, '"minutes": 30') + 1}: not valid JSON \\(expected ',' or '}' after a field`));
    const index = parsePack(readFileSync(resolve(ROOT, 'demo/demo.pack.jsonl'), 'utf8').split('\n')[0]);
    expect(index.ok || refusal(index)).toMatch(/format: is an index pack/);
    const result = parsePack('{"format": "wiretrace-exercise-result"}');
    expect(result.ok || refusal(result)).toMatch(/format: is a student's result file/);
  });
});
