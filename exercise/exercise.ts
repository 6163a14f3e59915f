/**
 * The exercise page (exercise.html): a classroom exercise in tracing a story to its source, for the
 * student (student-view.ts) and the teacher (teacher-view.ts). Opened from the Library, or by
 * `npm start`, as
 *   exercise.html                      the exercises that ship with Wiretrace, or a file (open-view.ts)
 *   exercise.html?pack=NAME            a bundled exercise, as a student; &mode=teacher for the teacher
 *   exercise.html?mode=build#ids=[…]   a new exercise from articles of the index (build-view.ts)
 * Everything runs in the page: the engine over the exercise's own articles, nothing of the user's
 * index changed, no request made. Every text is a message of the UI language; nothing is inserted
 * as markup.
 */
import { progressKey } from '../src/exercise/progress';
import { localizePage } from '../src/i18n-browser';
import { BUNDLED_PACKS } from './bundled-packs';
import { buildView } from './build-view';
import { openPack, type OpenedPack } from './opened-pack';
import { openView } from './open-view';
import { studentView, type ProgressStorage } from './student-view';
import { teacherView } from './teacher-view';

const t = localizePage();
const main = document.getElementById('exercise-main')!;
const status = document.getElementById('status')!;
const say = (text: string) => {
  status.textContent = text;
};

function show(view: 'open' | 'student' | 'teacher' | 'preview' | 'build'): void {
  document.body.dataset.view = view;
  main.dataset.ready = 'false';
  window.scrollTo(0, 0);
}

/**
 * After a view replaced the one whose button was pressed, the focus goes to the new view's heading
 * (not lost on the page's body), so a keyboard or screen reader user goes on from there.
 */
function focusView(): void {
  const heading = main.querySelector<HTMLElement>('h2');
  if (!heading) return;
  heading.tabIndex = -1;
  heading.focus();
}

/** The page's own storage for a student's work so far; none where the browser refuses it. */
function progressStorage(key: string): ProgressStorage | undefined {
  try {
    const store = window.localStorage;
    return { load: () => store.getItem(key), save: (text) => store.setItem(key, text), clear: () => store.removeItem(key) };
  } catch {
    return undefined;
  }
}

/** `moved`: the view replaces another one at the user's request (not the page's first view). */
function student(opened: OpenedPack, preview: boolean, moved = true): void {
  show(preview ? 'preview' : 'student');
  studentView(main, { opened, t, say, ...(preview ? { preview: { back: () => teacher(opened) } } : { progress: progressStorage(progressKey(opened.pack)) }) });
  main.dataset.ready = 'true';
  if (moved) focusView();
}

function teacher(opened: OpenedPack, moved = true): void {
  show('teacher');
  teacherView(main, { opened, t, say, preview: () => student(opened, true), home: () => home(true) });
  main.dataset.ready = 'true';
  if (moved) focusView();
}

function home(moved = false): void {
  show('open');
  history.replaceState(null, '', location.pathname);
  void openView(main, { t, say, open: (opened, as) => (as === 'teacher' ? teacher(opened) : student(opened, false)) }).then(() => {
    if (moved) focusView();
  });
}

async function start(): Promise<void> {
  const params = new URLSearchParams(location.search);
  const mode = params.get('mode');
  if (mode === 'build') {
    let ids: string[] = [];
    try {
      const raw = new URLSearchParams(location.hash.slice(1)).get('ids');
      const parsed: unknown = raw ? JSON.parse(raw) : [];
      if (Array.isArray(parsed)) ids = parsed.filter((x): x is string => typeof x === 'string');
    } catch {
      ids = [];
    }
    show('build');
    await buildView(main, { t, say, ids, done: teacher });
    main.dataset.ready = 'true';
    return;
  }
  const name = params.get('pack');
  const bundled = BUNDLED_PACKS.find((b) => b.name === name);
  if (bundled) {
    const r = await openPack(bundled.text, bundled.name);
    if (r.ok) return mode === 'teacher' ? teacher(r.opened, false) : student(r.opened, false, false);
  }
  home();
}

void start();
