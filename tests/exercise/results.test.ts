/**
 * Result files and the class summary: a result made by the page reads back; one made for another
 * exercise, with an answer of the wrong kind or to no question, or broken JSON, is refused naming the
 * line and field; scores are taken again from the pack (a score edited in the file changes nothing);
 * three students give the mean and full marks per question, the common wrong first outlet, the time
 * taken and a CSV that a spreadsheet reads as text.
 */
import { describe, expect, it } from 'vitest';
import { classSummary, summaryCsv } from '../../src/exercise/class-summary';
import { makeResult, parseResult, resultText, type ResultFile } from '../../src/exercise/result-file';
import { refusal } from '../../src/exercise/pack-schema';
import type { Answers } from '../../src/exercise/score';
import { DEMO_PACK, FERRY_PACK, loadPack, perfect, question } from './fixtures';

const demo = loadPack(DEMO_PACK);
const ferry = loadPack(FERRY_PACK);
const t0 = new Date('2026-01-12T09:00:00Z');
const after = (s: number) => new Date(t0.getTime() + s * 1000);

function student(name: string, edit: (a: Answers) => void, seconds: number): ResultFile {
  const answers = perfect(demo);
  edit(answers);
  return makeResult(demo, name, answers, t0, after(seconds));
}

const order = question(demo, 'order');
const wrongFirst = (a: Answers, first: string) => {
  a[order.id] = { kind: 'order', order: [first, ...order.answer.order.filter((o) => o !== first)] };
};

describe('result files', () => {
  it('reads back what the page writes', () => {
    const r = student('Ada', () => {}, 600);
    const back = parseResult(resultText(r), demo);
    expect(back).toEqual({ ok: true, value: r });
    expect(r.total).toBe(r.max);
  });

  it('refuses a result of another exercise, an answer that fits no question, a bad time, bad JSON', () => {
    const r = student('Ada', () => {}, 600);
    const text = resultText(r);
    const other = parseResult(text, ferry);
    expect(other.ok || refusal(other)).toMatch(/^line 5: exercise\.id: is the result of another exercise \("Where did the Lennock floodgate story come from\?"\), not of "The Pelling ferry/);
    const kind = JSON.parse(text);
    kind.answers[0].kind = 'source';
    kind.answers[0].outlet = 'x';
    const k = parseResult(JSON.stringify(kind, null, 2), demo);
    expect(k.ok || refusal(k)).toMatch(/answers\[0\]\.kind: is "source", but question q1 is of kind "copied-paragraphs"/);
    const none = JSON.parse(text);
    none.answers[1].question = 'q99';
    const n = parseResult(JSON.stringify(none, null, 2), demo);
    expect(n.ok || refusal(n)).toMatch(/answers\[1\]\.question: names no question of the exercise \("q99"\)/);
    const bad = parseResult(text.replace(/"started": "[^"]+"/, '"started": "Monday"'), demo);
    expect(bad.ok || refusal(bad)).toMatch(/^line 9: started: must be an ISO 8601 time/);
    const noSuchDay = parseResult(text.replace(/"started": "[^"]+"/, '"started": "2026-02-30T09:00:00Z"'), demo);
    expect(noSuchDay.ok || refusal(noSuchDay)).toMatch(/^line 9: started: must be an ISO 8601 time/);
    const broken = parseResult(text.slice(0, 200), demo);
    expect(broken.ok || refusal(broken)).toMatch(/not valid JSON/);
    const pack = parseResult(JSON.stringify(demo), demo);
    expect(pack.ok || refusal(pack)).toMatch(/format: is an exercise pack/);
  });
});

describe('the class summary', () => {
  const results = [
    student('Ada', (a) => wrongFirst(a, 'Northshore Gazette'), 900),
    student('Ben', (a) => {
      wrongFirst(a, 'Northshore Gazette');
      a[question(demo, 'credited', 'Coastline Daily').id] = { kind: 'credited', credited: 'yes' };
    }, 1500),
    student('=Cy, "the third"', (a) => {
      wrongFirst(a, 'Coastline Daily');
      delete a[question(demo, 'source', 'The Estuary Post').id];
    }, 1200),
  ];

  it('scores again from the pack, ignoring scores edited in a file', () => {
    const edited = { ...results[0], total: 999, scores: { ...results[0].scores, q1: 99 } };
    const s = classSummary(demo, [edited]);
    expect(s.students[0].total).toBe(results[0].total);
  });

  it('gives the mean and full marks per question, the common wrong first outlet and the time taken', () => {
    const s = classSummary(demo, results);
    const credited = s.questions.find((q) => q.id === question(demo, 'credited', 'Coastline Daily').id)!;
    expect(credited).toMatchObject({ mean: 0.7, full: 2, answered: 3 });
    const source = s.questions.find((q) => q.id === question(demo, 'source', 'The Estuary Post').id)!;
    expect(source).toMatchObject({ mean: 1.3, full: 2, answered: 2, outlet: 'The Estuary Post' });
    expect(s.commonWrongFirst).toEqual({ outlet: 'Northshore Gazette', count: 2, right: 'Meridian Wire' });
    expect(s.seconds).toEqual({ median: 1200, min: 900, max: 1500 });
    expect(s.students.map((x) => x.total)).toEqual([25.7, 24.7, 23.4]);
  });

  it('writes a CSV a spreadsheet reads as text', () => {
    const csv = summaryCsv(demo, classSummary(demo, results));
    const lines = csv.trimEnd().split('\r\n');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(/^student,seconds,total,q1 copied-paragraphs \(Coastline Daily\) \/3,/);
    expect(lines[3]).toMatch(/^"'=Cy, ""the third""",1200,23\.4,/);
    expect(lines[1].endsWith(',I looked at the times.')).toBe(true);
    expect(lines[4]).toMatch(/^class: mean score; median seconds,1200,24\.6,/);
  });
});
