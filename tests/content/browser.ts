/** Chromium for the content tests: bundling with esbuild into a temp dir, launching, serving pages. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
/**
 * The browser tests never skip themselves: without Chromium they fail, saying how to install it
 * (.ci/run installs it). `hasChromium` stays true so `describe.skipIf(!hasChromium)` runs them.
 */
export const hasChromium = true;
if (!existsSync(CHROMIUM)) console.warn(`${CHROMIUM} is missing: install it with apt-get install -y chromium (the browser tests will fail)`);
const ROOT = resolve(import.meta.dirname, '../..');

/** Bundles `entry` as one classic IIFE script; returns its source. */
export function bundleIife(entry: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'wiretrace-content-'));
  try {
    const out = join(dir, 'bundle.js');
    execFileSync(resolve(ROOT, 'node_modules/.bin/esbuild'), [
      resolve(ROOT, entry),
      '--bundle',
      '--format=iife',
      '--target=chrome121',
      '--log-level=warning',
      '--define:process.env.NODE_ENV="production"',
      `--outfile=${out}`,
    ]);
    return readFileSync(out, 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}
