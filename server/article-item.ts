/**
 * An article sent to the service, made ready to store: the document (outlet key and epoch times, as
 * the engine's newDocument makes it), its units' band keys and its paragraph fingerprints. Sent
 * `units` and `fingerprints` are taken as they are once checked (their lengths, their paragraphs in
 * range); otherwise the service computes them from the text with the engine's own code and
 * parameters, so a newsroom's tool may post plain articles. Credits likewise: checked when sent,
 * found in the text when not.
 */
import { articleCredits, validCredits } from '../src/engine/document-credits';
import { newDocument } from '../src/engine/documents';
import { defaultOptions, indexParams } from '../src/engine/engine';
import { prepareArticle } from '../src/engine/prepare';
import type { IndexParams, UnitRecord } from '../src/engine/store';
import { UnitKeyMaker } from '../src/engine/unit-keys';
import { validateArticle } from '../src/engine/validate';
import { base64ToU32, type WireArticle } from '../src/team/wire';
import type { StoreItem } from './team-db';

/** The parameters the service hashes with: the engine's defaults. */
export const SERVICE_PARAMS: IndexParams = indexParams(defaultOptions);

export class ArticleInputError extends Error {
  override name = 'ArticleInputError';
}

const maker = new UnitKeyMaker(defaultOptions);

export function storeItem(w: WireArticle, index: number): StoreItem {
  const where = `articles[${index}]`;
  let article;
  try {
    article = validateArticle(w);
  } catch (e) {
    throw new ArticleInputError(`${where}: ${(e as Error).message}`);
  }
  let credits;
  if (w.credits) {
    try {
      credits = validCredits(w.credits, article.paragraphs);
    } catch (e) {
      throw new ArticleInputError(`${where}.credits: ${(e as Error).message}`);
    }
  }
  if (w.units && w.fingerprints !== undefined) {
    const units: UnitRecord[] = w.units.map(([paragraph, keys], u) => {
      let bandKeys: Uint32Array;
      try {
        bandKeys = base64ToU32(keys);
      } catch (e) {
        throw new ArticleInputError(`${where}.units[${u}]: ${(e as Error).message}`);
      }
      if (bandKeys.length < SERVICE_PARAMS.bands) throw new ArticleInputError(`${where}.units[${u}]: has ${bandKeys.length} band keys, expected at least ${SERVICE_PARAMS.bands}`);
      if (paragraph >= article.paragraphs.length) throw new ArticleInputError(`${where}.units[${u}]: paragraph ${paragraph} is beyond the article's ${article.paragraphs.length}`);
      return { paragraph, bandKeys };
    });
    let fingerprints: Uint32Array;
    try {
      fingerprints = base64ToU32(w.fingerprints);
    } catch (e) {
      throw new ArticleInputError(`${where}.fingerprints: ${(e as Error).message}`);
    }
    if (fingerprints.length !== article.paragraphs.length) throw new ArticleInputError(`${where}.fingerprints: ${fingerprints.length} values for ${article.paragraphs.length} paragraphs`);
    return { doc: newDocument(article, credits ?? articleCredits(article.paragraphs)), units, fingerprints };
  }
  const prep = prepareArticle(article.title, article.paragraphs, defaultOptions.shingle);
  const units = maker.of(prep).records;
  maker.forget(prep);
  return { doc: newDocument(article, credits ?? articleCredits(article.paragraphs, prep)), units, fingerprints: prep.fingerprint.slice(1) };
}
