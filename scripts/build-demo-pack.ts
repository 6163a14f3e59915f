/**
 * `npm run build:demo-pack`: demo/demo.pack.jsonl, the bundled demo as an index pack, from the demo's
 * article pages (demo/articles.json lists them; its pages that are not articles are left out). The
 * pack is the same byte for byte on every run and machine: the pack's `created` and the articles'
 * first-seen times are fixed, and each page is read as served at the demo's fixed address
 * (demo/address.ts, where `npm start` serves it), so its id and url are the address the extension
 * records it under there. tests/cli/pack.test.ts holds the committed file to a regeneration.
 * `-o FILE` writes elsewhere (the test does).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_LOCK_WAIT_SECONDS } from '../cli/args';
import { DEFAULT_MAX_BYTES } from '../cli/read-file';
import { Output } from '../cli/output';
import { pack } from '../cli/pack';
import { DEMO_URL } from '../demo/address';

const DEMO = resolve(import.meta.dirname, '../demo');
const FIXED = '2025-03-14T18:00:00.000Z';

interface DemoPage {
  path: string;
  role: string;
}

const oIndex = process.argv.indexOf('-o');
const output = resolve(oIndex > 0 ? process.argv[oIndex + 1] : resolve(DEMO, 'demo.pack.jsonl'));
const pages = (JSON.parse(readFileSync(resolve(DEMO, 'articles.json'), 'utf8')) as { pages: DemoPage[] }).pages;

process.chdir(DEMO);
const code = await pack(
  {
    inputs: pages.filter((p) => p.role !== 'not-article').map((p) => p.path),
    output,
    fields: {
      title: 'Wiretrace demo: the Lennock floodgate story',
      description: 'An invented wire story (Meridian Wire), its own later update, and five outlets that carry it in different ways. Every page and name is fictional.',
      creator: 'Wiretrace',
      licence: 'MIT',
      tags: ['demo', 'fiction', 'wire copy'],
      created: FIXED,
    },
    firstSeen: FIXED,
    baseUrl: DEMO_URL,
    recursive: false,
    maxBytes: DEFAULT_MAX_BYTES,
    progress: false,
    lockWaitSeconds: DEFAULT_LOCK_WAIT_SECONDS,
  },
  { out: new Output(process.stdout), err: process.stderr },
);
process.exit(code);
