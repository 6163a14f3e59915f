/** The five seed articles, read from ../shared at run time, with the outlets and times tests attach. */
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ArticleInput } from '../../src/engine/types';

export const SEED_DIR = resolve(import.meta.dirname, '../../../shared/seeds');

export const SEED_META: Record<string, { outlet: string; published: string }> = {
  '000': { outlet: 'BBC News', published: '2016-08-26T10:00:00Z' },
  '004': { outlet: 'dpa international', published: '2016-08-26T11:00:00Z' },
  '001': { outlet: 'The Nation Online', published: '2016-08-26T12:00:00Z' },
  '002': { outlet: 'Financial Tribune', published: '2016-08-26T13:00:00Z' },
  '003': { outlet: 'World Aggregator', published: '2016-08-26T14:00:00Z' },
};

/** A seed as the CLI reads a .txt: first line the title, then each non-empty line a paragraph. */
export function seed(prefix: string): ArticleInput {
  const file = readdirSync(SEED_DIR).find((f) => f.startsWith(prefix) && f.endsWith('.txt'));
  if (!file) throw new Error(`seed ${prefix} not found in ${SEED_DIR}`);
  const lines = readFileSync(resolve(SEED_DIR, file), 'utf8').split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  return { id: prefix, title: lines[0], paragraphs: lines.slice(1), ...SEED_META[prefix] };
}
