/**
 * `npm run build:exercises`: the two exercise packs that ship with Wiretrace, written through
 * `wiretrace exercise build` (cli/exercise.ts) with fixed creation times, so they are the same byte
 * for byte on every run and machine:
 *   exercises/lennock-floodgate.exercise.json  the bundled demo (demo/articles.json: the wire story,
 *       its update and the four outlets that carry it; the hostile page and the section front left out)
 *   exercises/pelling-ferry.exercise.json  a harder case written for it (exercises/pelling-ferry/:
 *       a credited copy, the wire's own update, a shared quote, copy from two sources)
 * tests/cli/exercise-packs.test.ts holds the committed files to a regeneration. `--out DIR` writes
 * elsewhere (the test does).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ExerciseBuildArgs } from '../cli/args';
import { exerciseBuild } from '../cli/exercise';
import { Output } from '../cli/output';
import { DEFAULT_MAX_BYTES } from '../cli/read-file';

const ROOT = resolve(import.meta.dirname, '..');
const outIndex = process.argv.indexOf('--out');
const OUT = resolve(outIndex > 0 ? process.argv[outIndex + 1] : resolve(ROOT, 'exercises'));

interface DemoPage {
  path: string;
  role: string;
}

const demoPages = (JSON.parse(readFileSync(resolve(ROOT, 'demo/articles.json'), 'utf8')) as { pages: DemoPage[] }).pages;
const demoPath = (role: string) => demoPages.find((p) => p.role === role)!.path;

const packs: Array<{ dir: string; args: ExerciseBuildArgs }> = [
  {
    dir: resolve(ROOT, 'demo'),
    args: {
      inputs: demoPages.filter((p) => p.role !== 'not-article' && p.role !== 'hostile').map((p) => p.path),
      output: resolve(OUT, 'lennock-floodgate.exercise.json'),
      fields: {
        title: 'Where did the Lennock floodgate story come from?',
        description:
          'A wire agency, Meridian Wire, breaks the news of a failed floodgate; within hours four other outlets carry the story, some copying it word for word, one crediting it, one writing its own story around the same quotations. Read three of their articles and trace each one upstream. Every outlet, person and place is invented.',
        language: 'en',
        audience: 'Secondary school, ages 14 and up',
        minutes: 30,
        licence: 'MIT',
        creator: 'Wiretrace',
        created: '2025-03-14T18:00:00.000Z',
      },
      articles: [demoPath('light-edit-uncredited'), demoPath('mixed'), demoPath('rewrite-quotes-only')],
      recursive: false,
      maxBytes: DEFAULT_MAX_BYTES,
    },
  },
  {
    dir: resolve(ROOT, 'exercises/pelling-ferry'),
    args: {
      inputs: ['1-harbourline-ferry-suspended.txt', '2-courier-ferry-crack.txt', '3-harbourline-ferry-update.txt', '4-islands-weekly-ferry-questions.txt', '5-bayside-ferry-returns.txt'],
      output: resolve(OUT, 'pelling-ferry.exercise.json'),
      meta: 'meta.json',
      fields: {
        title: 'The Pelling ferry: a credit, an update and a shared quote',
        description:
          'A harder case. A wire agency, Harbourline Press, reports that the only car ferry to an island has a cracked hull; a local paper prints its story with a credit; the wire later updates its own story; a weekly writes its own piece around the same quotations; and an evening bulletin puts together two sources without naming either. Every outlet, person and place is invented.',
        language: 'en',
        audience: 'Secondary school, ages 15 and up; adult education',
        minutes: 40,
        licence: 'MIT',
        creator: 'Wiretrace',
        created: '2025-09-03T08:00:00.000Z',
      },
      articles: ['2-courier-ferry-crack.txt', '3-harbourline-ferry-update.txt', '4-islands-weekly-ferry-questions.txt', '5-bayside-ferry-returns.txt'],
      recursive: false,
      maxBytes: DEFAULT_MAX_BYTES,
    },
  },
];

let code = 0;
for (const { dir, args } of packs) {
  process.chdir(dir);
  code = Math.max(code, await exerciseBuild(args, { out: new Output(process.stdout), err: process.stderr }));
}
process.exit(code);
