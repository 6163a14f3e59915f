/** The progress bar: on stderr for large inputs, only when forced here (stderr is not a terminal). */
import { afterAll, describe, expect, test } from 'vitest';
import { tempFiles, wiretrace } from './run';

const corpus = Array.from({ length: 60 }, (_, i) =>
  JSON.stringify({ id: `a${i}`, outlet: `Outlet ${i}`, paragraphs: [`Article number ${i} says something of its own about item ${i * 7} and nothing else.`] }),
).join('\n');
const t = tempFiles({ 'many.jsonl': corpus + '\n' });
afterAll(() => t.cleanup());

describe('progress', () => {
  test('--progress draws a bar on stderr; without it a non-terminal stderr stays clean', async () => {
    const [forced, plain] = await Promise.all([
      wiretrace(['audit', '--quiet', '--progress', 'many.jsonl'], { cwd: t.dir }),
      wiretrace(['audit', '--quiet', 'many.jsonl'], { cwd: t.dir }),
    ]);
    expect(forced.code).toBe(0);
    expect(forced.stderr).toContain('checking [');
    expect(forced.stderr).toContain('60/60 100%');
    expect(forced.stdout).toBe('');
    expect(plain.code).toBe(0);
    expect(plain.stderr).toBe('');
    expect(plain.stdout).toBe('');
  });
});
