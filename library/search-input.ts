/**
 * A Library section's search box: the search runs 200 ms after the last keystroke, or at once when
 * the form is submitted (Enter). Used by the articles and outlets sections.
 */
export const SEARCH_DELAY_MS = 200;

export function wireSearch(form: HTMLFormElement, input: HTMLInputElement, search: (query: string) => void): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => search(input.value), SEARCH_DELAY_MS);
  });
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    clearTimeout(timer);
    search(input.value);
  });
}
