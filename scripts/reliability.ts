/**
 * npm run reliability: runs the attack tests in their long variants (WIRETRACE_LONG=1) and writes
 * docs/reliability.md from the figures they measured. Each test records its own table through
 * tests/reliability-report.ts into a scratch directory; this script only orders the tables and adds
 * the date, commit and machine (scripts/doc-page.ts). The command line's attacks run first (vitest
 * project `unit`), then the extension's in Chromium (project `extension`, whose global setup builds
 * dist/ first: tests/extension/global-setup.ts), one after the other so neither's timings share the
 * machine with the other's. A test that fails fails the run, and the page is not written.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Figures } from '../tests/reliability-report';
import { invokedAs, writeDocPage } from './doc-page';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

const minutes = (ms: number) => `${Math.round(ms / 60_000)} minutes`;

/** The tests that attack and measure the command line, its index file and the extraction. */
export const ATTACK_TESTS = [
  'tests/cli/two-writers.test.ts',
  'tests/cli/killed-save.test.ts',
  'tests/content/page-limits.test.ts',
  'tests/engine/index-damage.test.ts',
  'tests/cli/hostile-input.test.ts',
];

/** The extension's, in Chromium (the page orders the sections by what each records). */
export const EXTENSION_ATTACK_TESTS = [
  'tests/extension/worker-stop.test.ts',
  'tests/extension/import-stress.test.ts',
  'tests/extension/disk-full.test.ts',
  'tests/extension/import-memory.test.ts',
  'tests/extension/extension.test.ts',
  'tests/extension/hostile.test.ts',
];

const out = mkdtempSync(join(tmpdir(), 'wiretrace-reliability-'));
try {
  const started = Date.now();
  for (const [project, tests] of [['unit', ATTACK_TESTS], ['extension', EXTENSION_ATTACK_TESTS]] as const) {
    const run = spawnSync('npx', ['vitest', 'run', '--project', project, ...tests], {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, WIRETRACE_LONG: '1', WIRETRACE_RELIABILITY_OUT: out },
    });
    if (run.status !== 0) {
      console.error(`reliability: a test failed (project ${project}); docs/reliability.md was not written`);
      process.exit(1);
    }
  }
  const sections = readdirSync(out)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(out, f), 'utf8')) as Figures)
    .sort((a, b) => a.order - b.order);
  const table = (f: Figures) => [`| ${f.columns.join(' | ')} |`, `| ${f.columns.map(() => '---').join(' | ')} |`, ...f.rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
  const body = sections.map((f) => `## ${f.section}\n\n${f.method}\n\n${table(f)}`).join('\n\n');
  const page = writeDocPage({
    path: 'docs/reliability.md',
    title: 'Reliability: what the attack tests measured',
    command: invokedAs('reliability'),
    intro: `Written by the tests that attack the command line, its index file and the page extraction, and
by those that attack the browser extension in Chromium (its worker stopped during records, imports
and deletions, a full disk, the memory of a large import, page scripts watching its highlights, a
hostile page): each measures what it does and records its table, and this page is only those tables,
from their long variants (\`WIRETRACE_LONG=1\`; \`npm test\` runs shorter ones and writes nothing).
\`npm run reliability\` builds the extension, runs them again and replaces the page (it took
${minutes(Date.now() - started)} here); a failing test leaves it as it was. What the limits are and
why is in [security.md](security.md); the file format's checks in [index-format.md](index-format.md).`,
    body,
  });
  console.log(`reliability: wrote ${page}`);
} finally {
  rmSync(out, { recursive: true, force: true });
}
