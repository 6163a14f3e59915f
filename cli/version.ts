/** The version of this build, from package.json (the --version answer and the feed fetcher's User-Agent). */
import { readFileSync } from 'node:fs';

export function version(): string {
  try {
    return JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
