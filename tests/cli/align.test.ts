/** wiretrace align A B: character offsets into each file as read. */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, test } from 'vitest';
import { FILLER, GERMAN, STORY } from './fixtures';
import { tempFiles, wiretrace } from './run';

const shared = STORY.slice(1, 4).join(' ');
// Non-ASCII before the passage (é, an emoji: two UTF-16 code units, a BOM in B) so byte and
// string offsets differ.
const A = `Préambule — ${FILLER[0]}\n\n${shared}\n\n${FILLER[1]}\n`;
const B = `\ufeff🙂 Intro: ${FILLER[2]} ${FILLER[3]}\n${shared}\nEnd of the text, nothing more to say here.\n`;

const t = tempFiles({ 'a.txt': A, 'b.txt': B, 'other.txt': `${GERMAN.join('\n')}\n` });
afterAll(() => t.cleanup());

describe('align', () => {
  test('--json offsets point at the same text in A and in B', async () => {
    const [json, human, none] = await Promise.all([
      wiretrace(['align', '--json', 'a.txt', 'b.txt'], { cwd: t.dir }),
      wiretrace(['align', 'a.txt', 'b.txt'], { cwd: t.dir }),
      wiretrace(['align', '--json', 'a.txt', 'other.txt'], { cwd: t.dir }),
    ]);
    expect(json.code).toBe(0);
    expect(json.stderr).toBe('');
    const out = JSON.parse(json.stdout) as { passages: Array<{ a: { start: number; end: number }; b: { start: number; end: number } }> };
    expect(Object.keys(out)).toEqual(['passages']);
    expect(out.passages).toHaveLength(1);
    const [p] = out.passages;
    expect(Object.keys(p)).toEqual(['a', 'b']);
    const a = readFileSync(t.path('a.txt'), 'utf8');
    const b = readFileSync(t.path('b.txt'), 'utf8');
    expect(a.slice(p.a.start, p.a.end)).toBe(b.slice(p.b.start, p.b.end));
    expect(p.a.start).toBe(a.indexOf(shared));
    expect(p.b.start).toBe(b.indexOf(shared));
    // The whole shared passage, perhaps without its final full stop.
    expect(shared.startsWith(a.slice(p.a.start, p.a.end))).toBe(true);
    expect(p.a.end - p.a.start).toBeGreaterThanOrEqual(shared.length - 1);

    expect(human.code).toBe(0);
    expect(human.stdout).toContain('1 passage in common');
    expect(human.stdout).toContain(`A ${p.a.start}-${p.a.end}  <->  B ${p.b.start}-${p.b.end}`);

    expect(none.code).toBe(0);
    expect(JSON.parse(none.stdout)).toEqual({ passages: [] });
  });
});
