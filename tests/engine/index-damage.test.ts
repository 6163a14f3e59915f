/**
 * Random damage to an index file, read as the CLI reads it (strict UTF-8, then importIndex): a flipped
 * bit, a changed byte, a file cut at any byte or at a line boundary, a line lost or doubled. Every
 * damage that changes what the file holds is refused; lines swapped (the same articles, in another
 * order) load as they are. 300 trials in `npm test`, 5,000 with WIRETRACE_LONG=1 (and for
 * docs/reliability.md).
 */
import { describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/engine';
import { MemoryStore } from '../../src/engine/memory-store';
import { exportIndex, importIndex } from '../../src/engine/serialize';
import { long, recordFigures } from '../reliability-report';
import { corpusLines } from '../cli/synthetic-corpus';

const TRIALS = long ? 5000 : 300;

let seed = 99;
const rand = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296);
const pick = (n: number) => Math.floor(rand() * n);

type Damage = (bytes: Buffer, lineStarts: number[]) => Buffer;

const damages: Record<string, Damage> = {
  // Anywhere but the file's last byte, its final line break (a file without one holds the same lines).
  'a bit flipped': (b) => {
    const out = Buffer.from(b);
    const i = pick(out.length - 1);
    out[i] ^= 1 << pick(8);
    return out;
  },
  'a byte changed to another printable one': (b) => {
    const out = Buffer.from(b);
    const i = pick(out.length - 1);
    let c = 0x20 + pick(95);
    if (c === out[i]) c = c === 0x7e ? 0x20 : c + 1;
    out[i] = c;
    return out;
  },
  'cut at a random byte': (b) => b.subarray(0, 1 + pick(b.length - 2 - 1)),
  'cut at a line boundary': (b, starts) => b.subarray(0, starts[1 + pick(starts.length - 2)]),
  'a line lost': (b, starts) => {
    const k = 1 + pick(starts.length - 2);
    return Buffer.concat([b.subarray(0, starts[k]), b.subarray(starts[k + 1])]);
  },
  'a line doubled': (b, starts) => {
    const k = 1 + pick(starts.length - 2);
    return Buffer.concat([b.subarray(0, starts[k + 1]), b.subarray(starts[k], starts[k + 1]), b.subarray(starts[k + 1])]);
  },
  'two lines swapped': (b, starts) => {
    const k = 1 + pick(starts.length - 3);
    return Buffer.concat([b.subarray(0, starts[k]), b.subarray(starts[k + 1], starts[k + 2]), b.subarray(starts[k], starts[k + 1]), b.subarray(starts[k + 2])]);
  },
};

/** Refused (true), or loaded (false), as the CLI reads a file. */
async function refused(bytes: Buffer): Promise<boolean> {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return true;
  }
  try {
    await importIndex(await Engine.open(new MemoryStore()), text.split('\n'));
    return false;
  } catch {
    return true;
  }
}

describe('random damage to an index file', () => {
  it(`${TRIALS} damaged copies: refused whenever what the file holds changed`, async () => {
    const e = await Engine.open(new MemoryStore());
    await importIndex(e, corpusLines('d', 60, 3));
    const lines: string[] = [];
    for await (const l of exportIndex(e.store)) lines.push(l);
    const good = Buffer.from(lines.join('\n') + '\n');
    const starts = [0];
    for (let i = 0; i < good.length; i++) if (good[i] === 10) starts.push(i + 1);
    expect(await refused(good)).toBe(false);

    const names = Object.keys(damages);
    const tally = new Map(names.map((n) => [n, { trials: 0, refused: 0, unchanged: 0 }]));
    for (let i = 0; i < TRIALS; i++) {
      const name = names[i % names.length];
      const bad = damages[name](good, starts);
      const t = tally.get(name)!;
      t.trials++;
      if (bad.equals(good)) t.unchanged++;
      else if (await refused(bad)) t.refused++;
    }
    recordFigures({
      section: 'Damaged index files',
      order: 4,
      method: `An index of 60 articles (${(good.length / 1024).toFixed(0)} KB) damaged at random and read as the CLI reads it: strict UTF-8, then every line's checksum, the header's count, and each field (\`tests/engine/index-damage.test.ts\`). *Loaded* counts damaged files that loaded anyway: two lines swapped hold the same articles, in another order, and load as they are.`,
      columns: ['damage', 'trials', 'refused', 'loaded'],
      rows: [...tally].map(([name, t]) => [name, t.trials, t.refused, t.trials - t.refused - t.unchanged]),
    });
    for (const [name, t] of tally) {
      if (name === 'two lines swapped') expect(t.refused).toBe(0); // the same articles: nothing is lost
      else expect(t.refused + t.unchanged, name).toBe(t.trials);
    }
  });
});
