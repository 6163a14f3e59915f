/**
 * A pack the page has opened: read through the schema (a refused pack names its line and field),
 * then the engine run over its articles here in the page (src/exercise/engine-run.ts: nothing of
 * the user's index is read or written), whose reports the reveal shows; and the questions whose
 * stored answers differ from this run (a pack edited by hand, or made by another version).
 */
import type { ExerciseRun } from '../src/exercise/engine-run';
import { runEngine } from '../src/exercise/engine-run';
import { parsePack, refusal, type ExercisePack } from '../src/exercise/pack-schema';
import { answersDiffering } from '../src/exercise/questions';

export interface OpenedPack {
  pack: ExercisePack;
  run: ExerciseRun;
  /** Ids of the questions whose answer this run does not give. */
  differing: string[];
  /** A name for files written from it (the bundled pack's name, or the file's without extension). */
  stem: string;
}

export type Opened = { ok: true; opened: OpenedPack } | { ok: false; message: string };

export async function openPack(text: string, stem: string): Promise<Opened> {
  const r = parsePack(text);
  if (!r.ok) return { ok: false, message: refusal(r) };
  return { ok: true, opened: await opened(r.value, stem) };
}

export async function opened(pack: ExercisePack, stem: string): Promise<OpenedPack> {
  const run = await runEngine(pack.articles);
  return { pack, run, differing: answersDiffering(pack.questions, run), stem };
}

/** A file name's stem: "lennock.exercise.json" -> "lennock". */
export function fileStem(name: string): string {
  return name.replace(/(\.exercise)?\.json$/i, '').replace(/[^\p{L}\p{N}._-]+/gu, '-') || 'exercise';
}
