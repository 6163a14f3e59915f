/**
 * The teacher makes an exercise from articles in the index: the Library's syndication view sends
 * the story's article ids (library/story-exercise.ts), the worker gives their stored text
 * (`storyArticles`), and the page asks for a title, audience, minutes, language and licence, which
 * articles to ask about (those whose report finds another outlet's text, by default) and which
 * questions to ask (every kind, by default: about each chosen article, and about the story). The
 * pack is made here (src/exercise/build-pack.ts: the engine over the articles, answers from its
 * reports) and opens in the teacher's view, to preview, export and print.
 */
import { buildPack, defaultDescription, defaultTargets } from '../src/exercise/build-pack';
import { runEngine } from '../src/exercise/engine-run';
import { LANGUAGE_TAG, packText, parsePack, refusal, type ExerciseArticle } from '../src/exercise/pack-schema';
import { ARTICLE_KINDS, QUESTION_KINDS, STORY_KINDS, type ArticleKind, type StoryKind } from '../src/exercise/questions';
import { send } from '../src/protocol';
import type { Translator } from '../src/i18n';
import { el } from '../popup/dom';
import { errorText } from '../popup/messages';
import { opened, type OpenedPack } from './opened-pack';

export interface BuildOptions {
  t: Translator;
  say(text: string): void;
  ids: string[];
  done(opened: OpenedPack): void;
}

/** Each kind of question as the teacher picks it. */
function kindLabel(kind: ArticleKind | StoryKind, t: Translator): string {
  switch (kind) {
    case 'copied-paragraphs':
      return t('exBuildKindCopied');
    case 'source':
      return t('exBuildKindSource');
    case 'credited':
      return t('exBuildKindCredited');
    case 'original-share':
      return t('exBuildKindShare');
    case 'order':
      return t('exBuildKindOrder');
    case 'reflection':
      return t('exBuildKindReflection');
  }
}

function field(id: string, label: string, input: HTMLInputElement): HTMLElement {
  input.id = id;
  return el('p', { class: 'field' }, el('label', { attrs: { for: id } }, label), input);
}

export async function buildView(root: HTMLElement, o: BuildOptions): Promise<void> {
  const { t } = o;
  const heading = el('h2', { id: 'ex-build-h' }, t('exBuildHeading'));
  const status = el('p', { class: 'hint', id: 'ex-build-status' }, t('exBuildLoading'));
  root.replaceChildren(el('section', { class: 'ex-build', attrs: { 'aria-labelledby': 'ex-build-h' } }, heading, status));
  const r = await send('storyArticles', { ids: o.ids });
  if (!r.ok) {
    status.textContent = t('exBuildFailed', errorText(t, r));
    return;
  }
  const articles: ExerciseArticle[] = r.res.articles.map((a) => ({ id: a.id, outlet: a.outlet, title: a.title, url: a.url, published: a.published ?? a.firstSeen, lang: a.lang, paragraphs: a.paragraphs }));
  if (articles.length < 2) {
    status.textContent = t('exBuildTooFew');
    return;
  }
  const run = await runEngine(articles);
  const targets = new Set(defaultTargets(articles, run));
  const now = new Date().toISOString();
  const about = defaultDescription(articles.find((a) => a.title)?.title ?? articles[0].outlet, now);
  const title = el('input', { attrs: { type: 'text', required: '', maxlength: '200' } });
  title.value = about.title;
  const audience = el('input', { attrs: { type: 'text', maxlength: '200' } });
  audience.value = about.audience;
  const minutes = el('input', { attrs: { type: 'number', min: '1', max: '600' } });
  minutes.value = String(about.minutes);
  const language = el('input', { attrs: { type: 'text', maxlength: '35' } });
  language.value = articles.find((a) => a.lang)?.lang ?? 'en';
  const licence = el('input', { attrs: { type: 'text', maxlength: '200' } });
  licence.value = about.licence;
  const creator = el('input', { attrs: { type: 'text', maxlength: '200' } });
  const boxes = articles.map((a, i) => {
    const box = el('input', { id: `target-${i}`, attrs: { type: 'checkbox', 'data-article': a.id } });
    box.checked = targets.has(a.id);
    const report = run.reports.get(a.id);
    const found = report && report.passages.length ? t('exBuildFound', t.percent(report.copiedShare), t.percent(report.quotedShare)) : t('exBuildNothing');
    return el('li', null, box, ' ', el('label', { attrs: { for: `target-${i}` } }, `${a.outlet} · ${t.dateTime(a.published)} · ${a.title ?? ''}`), el('span', { class: 'sub' }, ` (${found})`));
  });
  const kinds = QUESTION_KINDS.map((kind) => {
    const box = el('input', { id: `kind-${kind}`, attrs: { type: 'checkbox', 'data-kind': kind } });
    box.checked = true;
    return { kind, box, item: el('li', null, box, ' ', el('label', { attrs: { for: `kind-${kind}` } }, kindLabel(kind, t))) };
  });
  const error = el('p', { class: 'error', id: 'ex-build-error', attrs: { role: 'alert' } });
  const form = el(
    'form',
    { class: 'pack-export ex-build-form' },
    field('ex-title', t('exFieldTitle'), title),
    el('div', { class: 'row' }, field('ex-audience', t('exFieldAudience'), audience), field('ex-minutes', t('exFieldMinutes'), minutes), field('ex-language', t('exFieldLanguage'), language)),
    el('div', { class: 'row' }, field('ex-licence', t('exFieldLicence'), licence), field('ex-creator', t('exFieldCreator'), creator)),
    el('fieldset', null, el('legend', null, t('exBuildTargets')), el('ul', { class: 'ex-targets' }, ...boxes)),
    el('fieldset', null, el('legend', null, t('exBuildQuestions')), el('ul', { class: 'ex-kinds' }, ...kinds.map((k) => k.item))),
    error,
    el('button', { class: 'primary', id: 'ex-build-go', attrs: { type: 'submit' } }, t('exBuildButton')),
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    error.textContent = '';
    const chosen = articles.filter((_, i) => (boxes[i].querySelector('input') as HTMLInputElement).checked).map((a) => a.id);
    const picked = kinds.filter((k) => k.box.checked).map((k) => k.kind);
    const articleKinds = ARTICLE_KINDS.filter((k) => picked.includes(k));
    const storyKinds = STORY_KINDS.filter((k) => picked.includes(k));
    if (!picked.length) {
      error.textContent = t('exBuildNoQuestions');
      kinds[0].box.focus();
      return;
    }
    // Articles to ask about are needed only when a question about an article is asked.
    if (articleKinds.length && !chosen.length) {
      error.textContent = t('exBuildNoTargets');
      (boxes[0].querySelector('input') as HTMLInputElement).focus();
      return;
    }
    if (!title.value.trim()) {
      error.textContent = t('exBuildNoTitle');
      title.focus();
      return;
    }
    if (language.value.trim() && !LANGUAGE_TAG.test(language.value.trim())) {
      error.textContent = t('exBuildBadLanguage');
      language.focus();
      return;
    }
    const mins = Number(minutes.value.trim());
    if (!/^\d+$/.test(minutes.value.trim()) || mins < 1 || mins > 600) {
      error.textContent = t('exBuildBadMinutes');
      minutes.focus();
      return;
    }
    const { pack } = await buildPack(
      articles,
      {
        title: title.value.trim(),
        language: language.value.trim() || 'en',
        audience: audience.value.trim() || about.audience,
        minutes: mins,
        licence: licence.value.trim() || about.licence,
        ...(creator.value.trim() ? { creator: creator.value.trim() } : {}),
        created: new Date().toISOString(),
      },
      { articles: articleKinds.length ? chosen : [], articleKinds, storyKinds },
    );
    if (!pack.questions.length) {
      error.textContent = t('exBuildNoAnswers');
      return;
    }
    // What is made must be what a reader accepts (a language tag the schema refuses, say).
    const check = parsePack(packText(pack));
    if (!check.ok) {
      error.textContent = t('exBuildRefused', refusal(check));
      return;
    }
    const stem = title.value.trim().toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').slice(0, 40) || 'exercise';
    o.done(await opened(pack, stem));
  });
  status.textContent = t.plural('exBuildArticles', articles.length, articles.length);
  root.firstElementChild!.append(form);
}
