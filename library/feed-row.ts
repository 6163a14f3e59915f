/**
 * One feed in the feeds section: its outlet and address, last fetch, articles added, interval and
 * next poll, what the last poll did, its last error in words, the sites its pages need; and its
 * actions: poll now, edit (outlet, interval), remove (with a confirmation), allow the sites. The row
 * is built once and updated in place, so a poll's progress never takes the user's edit away.
 */
import type { FeedStatus } from '../src/feed-status';
import type { Translator } from '../src/i18n';
import { button, clear, el, link } from '../popup/dom';
import { feedFields, type FeedFields } from './feed-fields';
import { intervalText, pollText, problemText, when } from './feed-text';

export interface FeedRowActions {
  pollNow(feed: FeedStatus): void;
  save(feed: FeedStatus, outlet: string, interval: number): Promise<boolean>;
  remove(feed: FeedStatus): Promise<void>;
  allowSites(feed: FeedStatus, origins: string[]): void;
}

export class FeedRow {
  readonly element: HTMLLIElement;
  private readonly heading: HTMLHeadingElement;
  private readonly subtitle: HTMLSpanElement;
  private readonly address: HTMLParagraphElement;
  private readonly facts: HTMLDListElement;
  private readonly problem: HTMLParagraphElement;
  private readonly progress: HTMLParagraphElement;
  private readonly sites: HTMLDivElement;
  private readonly pollButton: HTMLButtonElement;
  private readonly editButton: HTMLButtonElement;
  private readonly removeButton: HTMLButtonElement;
  private readonly editForm: HTMLFormElement;
  private readonly confirmBox: HTMLDivElement;
  private fields?: FeedFields;

  constructor(
    private readonly t: Translator,
    private feed: FeedStatus,
    private readonly actions: FeedRowActions,
  ) {
    const id = `feed-${feed.id}`;
    this.heading = el('h3', { id: `${id}-h`, class: 'feed-name', attrs: { tabindex: '-1' } });
    this.subtitle = el('span', { class: 'feed-title' });
    this.address = el('p', { class: 'feed-url' });
    this.facts = el('dl', { class: 'feed-facts' });
    this.problem = el('p', { class: 'feed-problem', attrs: { 'data-fact': 'error' } });
    this.progress = el('p', { class: 'feed-progress', attrs: { 'data-fact': 'progress' } });
    this.sites = el('div', { class: 'feed-sites' });
    this.pollButton = button(t('feedPollNowButton'), () => this.actions.pollNow(this.feed), { attrs: { 'data-action': 'poll' } });
    this.editButton = button(t('feedEditButton'), () => this.toggleEdit(), { attrs: { 'data-action': 'edit', 'aria-expanded': 'false', 'aria-controls': `${id}-edit` } });
    this.removeButton = button(t('feedRemoveButton'), () => this.askRemove(), { class: 'danger', attrs: { 'data-action': 'remove' } });
    this.editForm = el('form', { id: `${id}-edit`, class: 'feed-edit', attrs: { 'aria-labelledby': `${id}-h` } });
    this.editForm.hidden = true;
    this.editForm.addEventListener('submit', (ev) => {
      ev.preventDefault();
      void this.saveEdit();
    });
    this.confirmBox = el('div', { class: 'confirm', attrs: { role: 'group', 'aria-labelledby': `${id}-confirm` } });
    this.confirmBox.hidden = true;
    this.element = el(
      'li',
      { class: 'feed', attrs: { 'data-feed-id': feed.id, 'aria-labelledby': `${id}-h` } },
      el('div', { class: 'feed-head' }, this.heading, this.subtitle),
      this.address,
      this.facts,
      this.problem,
      this.progress,
      this.sites,
      el('div', { class: 'actions' }, this.pollButton, this.editButton, this.removeButton),
      this.editForm,
      this.confirmBox,
    );
    this.update(feed);
  }

  get id(): string {
    return this.feed.id;
  }

  get addedAt(): number {
    return this.feed.addedAt;
  }

  focus(): void {
    this.heading.focus();
  }

  update(feed: FeedStatus): void {
    const { t } = this;
    this.feed = feed;
    this.heading.textContent = feed.outlet;
    this.subtitle.textContent = feed.title && feed.title !== feed.outlet ? t('feedTitleAside', feed.title) : '';
    clear(this.address);
    this.address.append(link(feed.url, feed.url));

    clear(this.facts);
    const rows: Array<[string, string, string]> = [
      ['last-fetch', t('feedLastFetch'), when(t, feed.lastFetch)],
      ['items-added', t('feedItemsAdded'), t.number(feed.itemsAdded)],
      ['interval', t('feedInterval'), intervalText(t, feed.intervalMinutes)],
      ['next', t('feedNextPoll'), feed.polling ? t('feedPollingNow') : when(t, feed.nextDue)],
    ];
    if (feed.lastPoll) rows.push(['last-poll', t('feedLastPoll'), pollText(t, feed.lastPoll)]);
    for (const [fact, k, v] of rows) this.facts.append(el('dt', null, k), el('dd', { attrs: { 'data-fact': fact } }, v));

    // The last error in words: the feed's own, else the last item that failed.
    const p = feed.lastError ?? feed.lastPoll?.itemProblem;
    this.problem.hidden = !p;
    this.problem.textContent = p ? (feed.lastError ? t('feedLastError', problemText(t, p)) : t('feedLastItemError', problemText(t, p))) : '';
    if (feed.lastError && feed.failures > 1) this.problem.textContent += ` ${t('feedFailuresInARow', feed.failures)}`;

    this.progress.hidden = !feed.polling;
    this.progress.textContent = feed.polling ? (feed.polling.total ? t('feedPollingProgress', feed.polling.done, feed.polling.total) : t('feedPollingStarted')) : '';
    this.element.setAttribute('aria-busy', feed.polling ? 'true' : 'false');
    this.pollButton.disabled = !!feed.polling;

    clear(this.sites);
    this.sites.hidden = feed.originsNeeded.length === 0;
    if (feed.originsNeeded.length) {
      this.sites.append(
        el('p', null, t('feedSitesNeeded')),
        el('ul', { class: 'origin-list' }, ...feed.originsNeeded.map((o) => el('li', null, o))),
        button(t.plural('feedAllowSitesButton', feed.originsNeeded.length, feed.originsNeeded.length), () => this.actions.allowSites(this.feed, feed.originsNeeded), { attrs: { 'data-action': 'allow-sites' } }),
      );
    }
  }

  private toggleEdit(): void {
    if (!this.editForm.hidden) return this.closeEdit();
    const { t } = this;
    this.confirmBox.hidden = true;
    this.fields = feedFields(t, `feed-${this.feed.id}`, this.feed.outletGiven ? this.feed.outlet : '', this.feed.intervalMinutes);
    this.fields.outlet.placeholder = this.feed.outletGiven ? '' : this.feed.outlet;
    clear(this.editForm);
    this.editForm.append(
      this.fields.element,
      el('p', { class: 'hint' }, t('feedEditHint')),
      el('div', { class: 'actions' }, el('button', { class: 'primary', attrs: { type: 'submit' } }, t('feedSaveButton')), button(t('cancelButton'), () => this.closeEdit())),
    );
    this.editForm.hidden = false;
    this.editButton.setAttribute('aria-expanded', 'true');
    this.fields.outlet.focus();
  }

  private closeEdit(): void {
    this.editForm.hidden = true;
    this.editButton.setAttribute('aria-expanded', 'false');
    this.editButton.focus();
  }

  private async saveEdit(): Promise<void> {
    if (!this.fields) return;
    if (await this.actions.save(this.feed, this.fields.outlet.value, this.fields.intervalValue())) this.closeEdit();
  }

  private askRemove(): void {
    const { t } = this;
    this.editForm.hidden = true;
    this.editButton.setAttribute('aria-expanded', 'false');
    clear(this.confirmBox);
    const no = button(t('cancelButton'), () => {
      this.confirmBox.hidden = true;
      this.removeButton.focus();
    });
    this.confirmBox.append(
      el('p', { id: `feed-${this.feed.id}-confirm` }, t('feedRemoveConfirm', this.feed.outlet)),
      button(t('feedRemoveYesButton'), () => void this.actions.remove(this.feed), { class: 'danger', attrs: { 'data-action': 'remove-yes' } }),
      no,
    );
    this.confirmBox.hidden = false;
    no.focus();
  }
}
