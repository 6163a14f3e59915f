/**
 * npm run reliability: runs the attack tests in their long variants (WIRETRACE_LONG=1) and writes
 * docs/reliability.md from the figures they measured. Each test records its own table through
 * tests/reliability-report.ts into a scratch directory; this script only orders the tables and adds
 * the date, commit and machine (scripts/doc-page.ts). A test that fails fails the run, and the page is
 * not written.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Figures } from '../tests/reliability-report';
import { invokedAs, writeDocPage } from './doc-page';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The tests that attack and measure, in the order of the page. */
export const ATTACK_TESTS = [
  'tests/cli/two-writers.test.ts',
  'tests/cli/killed-save.test.ts',
  'tests/content/page-limits.test.ts',
  'tests/engine/index-damage.test.ts',
  'tests/cli/hostile-input.test.ts',
];

const out = mkdtempSync(join(tmpdir(), 'wiretrace-reliability-'));
try {
  const run = spawnSync('npx', ['vitest', 'run', '--project', 'unit', ...ATTACK_TESTS], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, WIRETRACE_LONG: '1', WIRETRACE_RELIABILITY_OUT: out },
  });
  if (run.status !== 0) {
    console.error('reliability: a test failed; docs/reliability.md was not written');
    process.exit(1);
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
    intro: `Written by the tests that attack the command line, its index file and the page extraction: each
measures what it does and records its table, and this page is only those tables, from their long
variants (\`WIRETRACE_LONG=1\`; \`npm test\` runs shorter ones and writes nothing). \`npm run reliability\`
runs them again and replaces the page; a failing test leaves it as it was. What the limits are and
why is in [security.md](security.md); the file format's checks in [index-format.md](index-format.md).
The browser extension's own attacks (its imports, its worker stopped, page scripts) are not on this
page.`,
    body,
  });
  console.log(`reliability: wrote ${page}`);
} finally {
  rmSync(out, { recursive: true, force: true });
}
