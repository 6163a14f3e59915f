/**
 * wiretrace exercise build: an exercise pack from any inputs `audit` reads (read-inputs.ts, with its
 * --meta sidecar): the articles bundled whole, the engine run over them in publication order and the
 * questions' answers taken from its reports (src/exercise/build-pack.ts), for the articles and kinds
 * of question chosen (--article, --question). Without --title, the title is the earliest article's,
 * as the Library's "Make an exercise" proposes it. Written whole to -o PACK (PACK.tmp renamed over
 * it), or to stdout. scripts/build-exercise-packs.ts makes the committed packs with it.
 */
import { rename, unlink, writeFile } from 'node:fs/promises';
import { buildPack, defaultDescription } from '../src/exercise/build-pack';
import { inTimeOrder } from '../src/exercise/engine-run';
import { ARTICLE_KINDS, STORY_KINDS } from '../src/exercise/questions';
import { packText, parsePack, refusal, type ExerciseArticle } from '../src/exercise/pack-schema';
import type { ExerciseBuildArgs } from './args';
import { Diagnostics, FatalError, type Writer } from './diagnostics';
import { expandInputs } from './expand-inputs';
import { loadMeta } from './meta';
import type { Output } from './output';
import { fsMessage } from './read-file';
import { readArticles } from './read-inputs';

export interface ExerciseIO {
  out: Output;
  err: Writer;
}

async function writeWhole(file: string, text: string): Promise<void> {
  const tmp = `${file}.tmp`;
  try {
    await writeFile(tmp, text);
    await rename(tmp, file);
  } catch (e) {
    await unlink(tmp).catch(() => {});
    throw new FatalError(`${file}: cannot write the exercise (${fsMessage(e)})`);
  }
}

export async function exerciseBuild(args: ExerciseBuildArgs, io: ExerciseIO): Promise<number> {
  const diag = new Diagnostics(io.err);
  const fatal = (message: string): number => {
    io.err.write(`wiretrace: ${message}\n`);
    return 1;
  };
  let meta;
  try {
    meta = args.meta ? await loadMeta(args.meta, args.maxBytes) : undefined;
  } catch (e) {
    if (e instanceof FatalError) return fatal(e.message);
    throw e;
  }
  const files = await expandInputs(args.inputs, diag, { recursive: args.recursive });
  const articles: ExerciseArticle[] = [];
  const ids = new Set<string>();
  for await (const { article, where } of readArticles(files, { maxBytes: args.maxBytes, outlet: args.outlet, meta }, diag)) {
    if (!article.published) {
      diag.error(where, 'has no publication time: an exercise orders its articles by time (give it in --meta, or in the page or corpus line)');
      continue;
    }
    if (ids.has(article.id)) {
      diag.note(where, `id ${JSON.stringify(article.id)} was already read; bundled once`);
      continue;
    }
    ids.add(article.id);
    articles.push({ id: article.id, outlet: article.outlet, title: article.title, url: article.url, published: article.published, lang: article.lang, paragraphs: article.paragraphs });
  }
  if (articles.length < 2) return fatal(`an exercise needs at least two articles with a time, ${articles.length} read${args.output ? `; ${args.output} was not written` : ''}`);
  const unknown = args.articles.filter((id) => !ids.has(id));
  if (unknown.length) return fatal(`--article ${unknown.map((x) => JSON.stringify(x)).join(', ')}: no such article among the inputs (ids are the paths as given, or corpus ids)`);

  const f = args.fields;
  const earliest = inTimeOrder(articles);
  const title = f.title ?? earliest.find((a) => a.title?.trim())?.title?.trim().slice(0, 200) ?? earliest[0].outlet;
  const about = { ...defaultDescription(title, f.created ? new Date(f.created).toISOString() : new Date().toISOString()) };
  if (f.description) about.description = f.description;
  if (f.language) about.language = f.language;
  if (f.audience) about.audience = f.audience;
  if (f.minutes) about.minutes = f.minutes;
  if (f.licence) about.licence = f.licence;
  if (f.creator) about.creator = f.creator;
  const kinds = args.questions;
  const { pack } = await buildPack(articles, about, {
    articles: args.articles,
    ...(kinds ? { articleKinds: ARTICLE_KINDS.filter((k) => kinds.includes(k)), storyKinds: STORY_KINDS.filter((k) => kinds.includes(k)) } : {}),
  });
  if (!pack.questions.length) return fatal(`no question to ask: the kinds chosen have no answer in these articles (a credit is asked only when something was copied, the order only when two outlets share text)${args.output ? `; ${args.output} was not written` : ''}`);
  const text = packText(pack);
  // What is written must be what a reader accepts (a --language the schema refuses, say).
  const check = parsePack(text);
  if (!check.ok) return fatal(`the exercise would be refused: ${refusal(check)}`);
  try {
    if (args.output) await writeWhole(args.output, text);
    else await io.out.write(text);
  } catch (e) {
    if (e instanceof FatalError) return fatal(e.message);
    throw e;
  }
  const targets = new Set(pack.questions.flatMap((q) => (q.article ? [q.article] : [])));
  if (args.output) {
    await io.out.write(`exercise ${args.output}: "${pack.title}", ${pack.articles.length} articles, ${pack.questions.length} questions about ${targets.size} of them and the story${diag.errors ? `; ${diag.errors} input ${diag.errors === 1 ? 'error' : 'errors'} (reported on stderr)` : ''}\n`);
  }
  return diag.errors > 0 ? 1 : 0;
}
