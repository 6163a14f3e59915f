/**
 * Makes an exercise pack: the articles (sorted as the engine reads them), the engine run over them
 * (engine-run.ts), and the questions with their answers derived from its reports (questions.ts).
 * The same articles, description and choice give the same pack, byte for byte (packText): the CLI
 * (`wiretrace exercise build`), the teacher's page in the Library and scripts/build-exercise-packs.ts
 * all make packs here. Pure.
 */
import { runEngine, inTimeOrder, type ExerciseRun } from './engine-run';
import { EXERCISE_FORMAT, EXERCISE_VERSION, type ExerciseArticle, type ExercisePack } from './pack-schema';
import { deriveQuestions, type QuestionChoice } from './questions';

export interface PackDescription {
  title: string;
  description?: string;
  /** BCP 47 tag of the articles' and explanations' language. */
  language: string;
  audience: string;
  minutes: number;
  licence: string;
  creator?: string;
  /** ISO 8601. */
  created: string;
}

/** The description a pack gets when its maker gives only a title and a time. */
export function defaultDescription(title: string, created: string): PackDescription {
  return { title, language: 'en', audience: 'Secondary school, ages 14 and up', minutes: 30, licence: 'CC-BY-4.0', created };
}

/**
 * The articles that get questions when none are chosen: those whose report finds text of another
 * outlet (copied or quoted) or the outlet's own earlier text; at most `max`, in time order.
 */
export function defaultTargets(articles: readonly ExerciseArticle[], run: ExerciseRun, max = 4): string[] {
  return inTimeOrder(articles)
    .filter((a) => {
      const r = run.reports.get(a.id);
      return r !== undefined && (r.passages.length > 0 || r.ownEarlier.length > 0);
    })
    .slice(0, max)
    .map((a) => a.id);
}

/** The pack's article: only the fields of the format, in its order. */
function packArticle(a: ExerciseArticle): ExerciseArticle {
  return {
    id: a.id,
    outlet: a.outlet,
    ...(a.title ? { title: a.title } : {}),
    ...(a.url ? { url: a.url } : {}),
    published: new Date(a.published).toISOString(),
    ...(a.lang ? { lang: a.lang } : {}),
    paragraphs: a.paragraphs,
  };
}

export async function buildPack(articles: readonly ExerciseArticle[], about: PackDescription, choice?: Partial<QuestionChoice>): Promise<{ pack: ExercisePack; run: ExerciseRun }> {
  const ordered = inTimeOrder(articles).map(packArticle);
  const run = await runEngine(ordered);
  const targets = choice?.articles?.length ? choice.articles : defaultTargets(ordered, run);
  const questions = deriveQuestions(ordered, run, { ...choice, articles: targets });
  const pack: ExercisePack = {
    format: EXERCISE_FORMAT,
    version: EXERCISE_VERSION,
    title: about.title,
    ...(about.description ? { description: about.description } : {}),
    language: about.language,
    audience: about.audience,
    minutes: about.minutes,
    licence: about.licence,
    ...(about.creator ? { creator: about.creator } : {}),
    created: new Date(about.created).toISOString(),
    articles: ordered,
    questions,
  };
  return { pack, run };
}
