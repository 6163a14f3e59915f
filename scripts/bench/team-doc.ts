/**
 * Writes `npm run bench:server`'s figures into docs/team-index.md, between its `bench:start` and
 * `bench:end` markers (the rest of the page is written by hand), with the command, date, commit and
 * machine of the run, as scripts/doc-page.ts does for the generated pages. Each run replaces the
 * block whole; a run with --shards or --faults adds their tables, one without keeps no old ones. The
 * block keeps its figures as JSON in a comment, so that `--only faults` measures the faults again
 * and writes them beside the figures of the run before (with the command, date and commit of each).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { commitLine, invokedAs, machineLine } from '../doc-page';
import type { LatencyFigures, TeamFigures } from './team-figures';
import { ROOT } from './util';

const PAGE = 'docs/team-index.md';
const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';
const JSON_MARK = '<!-- figures: ';

const n = (x: number, digits = 0) => x.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const ms = (x: number) => (x < 10 ? n(x, 1) : n(x));

function latencyRow(name: string, l: LatencyFigures): string {
  return `| ${name} | ${ms(l.p50)} ms | ${ms(l.p95)} ms | ${n(l.perSecond)} |`;
}

/** The block of figures; `commit` is the commit the run measured (taken when it started: the page itself changes as it writes). */
export function teamFiguresMarkdown(f: TeamFigures, commit: string, when = new Date(), command = invokedAs('bench:server')): string {
  const L = f.loaded;
  const perPara = (bytes: number) => n(bytes / L.paragraphs);
  const row = (name: string) => f.size.rows.find((r) => r.name === name) ?? { name, table: 0, indexes: 0 };
  const postings = row('postings_local');
  const gin = row('units_gin');
  const docs = row('documents');
  const fps = row('fingerprints');
  const lines = [
    START,
    '',
    `<!-- Written by \`npm run bench:server\` (scripts/bench/team-index.ts): edit the script, not this block. -->`,
    '',
    '| | |',
    '| --- | --- |',
    `| command | \`${command}\` |`,
    `| date | ${when.toISOString().slice(0, 16).replace('T', ' ')} UTC |`,
    `| commit | ${commit} |`,
    `| machine | ${machineLine()}; PostgreSQL 15 (Debian), shared_buffers 4 GB |`,
    '',
    `**Load**: ${n(L.paragraphs)} paragraphs in ${n(L.articles)} articles (${n(L.units)} units, ${n(L.postings)} band-key postings: ${n(L.units / L.paragraphs, 2)} units and ${n(L.postings / L.paragraphs)} keys a paragraph, anchors included), written by the service's own batched inserts (500 articles a transaction).`,
    '',
    '| step | seconds | rate |',
    '| --- | --- | --- |',
    `| hashing (the engine: units, band keys, fingerprints, credits) | ${n(L.hashSeconds)} | ${n(L.paragraphs / L.hashSeconds)} paragraphs/s |`,
    `| documents, postings and counts inserted (band-key index dropped) | ${n(L.insertSeconds)} | ${n(L.paragraphs / L.insertSeconds)} paragraphs/s |`,
    `| band-key index built (btree on band_key, team, doc) | ${n(L.postingsIndexSeconds)} | |`,
    `| **(band_key, document) layout, all in** | **${n(L.insertSeconds + L.postingsIndexSeconds)}** | **${n(L.paragraphs / (L.insertSeconds + L.postingsIndexSeconds))} paragraphs/s** |`,
    `| unit rows with int4[] copied in (COPY) | ${n(L.copyUnitsSeconds)} | ${n(L.paragraphs / L.copyUnitsSeconds)} paragraphs/s |`,
    `| GIN index built on the arrays | ${n(L.ginIndexSeconds)} | |`,
    `| **unit row + GIN layout, band keys only** | **${n(L.copyUnitsSeconds + L.ginIndexSeconds)}** | |`,
    `| VACUUM ANALYZE of everything | ${n(L.vacuumSeconds)} | |`,
    '',
    '**Bytes per paragraph** (table and its indexes, divided by the paragraphs stored):',
    '',
    '| | table | indexes | all |',
    '| --- | --- | --- | --- |',
    `| postings: one row per (band key, document) | ${perPara(postings.table)} | ${perPara(postings.indexes)} | ${perPara(postings.table + postings.indexes)} |`,
    `| units: one row per unit, int4[] of its keys, GIN | ${perPara(gin.table)} | ${perPara(gin.indexes)} | ${perPara(gin.table + gin.indexes)} |`,
    `| documents (text, metadata; of which the packed units ${perPara(f.size.unitBytes)}) | ${perPara(docs.table)} | ${perPara(docs.indexes)} | ${perPara(docs.table + docs.indexes)} |`,
    `| fingerprints (furniture counts) | ${perPara(fps.table)} | ${perPara(fps.indexes)} | ${perPara(fps.table + fps.indexes)} |`,
    '',
    `**Look-ups**: a 20-paragraph article's band keys (${n(f.look.keysPerQuery)} on average; half of the articles edited copies of stored ones, half new text; ${n(f.look.hitsPerQuery, 1)} documents hit on average), ${f.clients} clients at once, after one warm-up pass:`,
    '',
    '| | p50 | p95 | look-ups/s |',
    '| --- | --- | --- | --- |',
    latencyRow('(band_key, document) table: `= ANY` on its btree', f.look.postingsLayout),
    latencyRow('unit rows: `&&` on the GIN index, hits counted from the arrays', f.look.ginLayout),
    latencyRow('the service: POST /v1/lookup over HTTP, 64 candidates sent whole', f.look.service),
    '',
    `**Records through the service** on the loaded index (band-key index in place): ${n(f.rec.articles)} articles (${n(f.rec.paragraphs)} paragraphs) by ${f.clients} clients, 10 articles a request, in ${n(f.rec.seconds, 1)} s: ${n(f.rec.articles / f.rec.seconds)} articles/s (${n(f.rec.paragraphs / f.rec.seconds)} paragraphs/s); a request took ${ms(f.rec.p50)} ms (p50), ${ms(f.rec.p95)} ms (p95).`,
  ];
  if (f.shards) {
    const s = f.shards;
    lines.push(
      '',
      `**Sharded** (\`--shards ${s.shards}\`): the postings hash-partitioned by band key over ${s.shards} clusters of this machine, two of the partitions foreign tables (postgres_fdw); ${s.partitionRows.map((r) => n(r)).join(' / ')} postings in the partitions, copied there in ${n(s.spreadSeconds)} s. The same hits as one node for every query: ${s.sameHits ? 'yes' : '**no**'}.`,
      '',
      '| | p50 | p95 | look-ups/s |',
      '| --- | --- | --- | --- |',
      latencyRow(`band-key look-up over ${s.shards} shards`, s.postingsLayout),
      latencyRow('the service over the sharded table', s.service),
    );
  }
  if (f.faults) {
    const k = f.faults.kill;
    const r = f.faults.restart;
    const m = f.faults.measured;
    lines.push(
      '',
      m ? `**Faults**, measured apart: \`${m.command}\`, ${m.date}, commit ${m.commit}:` : '**Faults** (`--faults`):',
      '',
      `- PostgreSQL killed (SIGKILL) in the middle of a batch of ${k.batchArticles} articles: after its restart (crash recovery ${n(k.recoverySeconds, 1)} s) the index held ${n(k.afterRestart)} articles, as before the batch (${n(k.recordedBefore)}); half-recorded articles: ${k.halfRecorded}; documents missing postings: ${k.postingsMissing}.`,
      `- The service restarted ${r.restarts} times while ${r.clients} clients recorded ${n(r.articles)} articles (batches of 10, each sent again until answered): ${n(r.stored)} stored, ${r.duplicates} duplicates, ${r.lost} lost; ${n(r.retriedRequests)} requests were sent again; ${n(r.seconds, 1)} s in all.`,
    );
  }
  lines.push('', `${JSON_MARK}${JSON.stringify({ figures: f, command, date: when.toISOString(), commit }).replace(/--/g, '\\u002d\\u002d')} -->`, '', END);
  return lines.join('\n');
}

export interface WrittenFigures {
  figures: TeamFigures;
  command: string;
  date: string;
  commit: string;
}

/** The figures the page's block holds (with the run that measured them), if it holds any. */
export function readTeamFigures(): WrittenFigures | undefined {
  const page = readFileSync(resolve(ROOT, PAGE), 'utf8');
  const at = page.indexOf(JSON_MARK);
  if (at < 0) return undefined;
  return JSON.parse(page.slice(at + JSON_MARK.length, page.indexOf(' -->', at))) as WrittenFigures;
}

export function writeTeamFigures(f: TeamFigures, commit: string = commitLine(), when = new Date(), command = invokedAs('bench:server')): string {
  const path = resolve(ROOT, PAGE);
  const page = readFileSync(path, 'utf8');
  const a = page.indexOf(START);
  const b = page.indexOf(END);
  if (a < 0 || b < a) throw new Error(`${PAGE} has no ${START} ... ${END} block to write the figures into`);
  writeFileSync(path, page.slice(0, a) + teamFiguresMarkdown(f, commit, when, command) + page.slice(b + END.length));
  return path;
}
