/**
 * A row's Delete button that asks first, in the row: the button gives way to the question with
 * Delete and Cancel (the focus on Cancel); Cancel puts the button back and focuses it. Used by the
 * articles, outlets and packs sections.
 */
import type { Translator } from '../src/i18n';
import { button, clear, el } from '../popup/dom';

export function deleteWithConfirm(t: Translator, o: { label: string; ariaLabel: string; question: string; remove: () => void }): HTMLElement[] {
  const confirmBox = el('span', { class: 'confirm-inline', attrs: { hidden: '' } });
  const del = button(o.label, () => {
    clear(confirmBox);
    confirmBox.hidden = false;
    del.hidden = true;
    const no = button(t('cancelButton'), () => {
      confirmBox.hidden = true;
      del.hidden = false;
      del.focus();
    });
    confirmBox.append(el('span', null, o.question), button(t('deleteYesButton'), o.remove, { class: 'danger' }), no);
    no.focus();
  }, { class: 'danger', attrs: { 'aria-label': o.ariaLabel } });
  return [del, confirmBox];
}
