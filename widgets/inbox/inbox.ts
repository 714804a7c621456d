import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { PlContactSelectEvent } from '../events/contact-select.ts';
import { PlElement } from '../internal/base-element.ts';
import { baseStyles } from '../internal/styles.ts';
import { ContactListController } from '../internal/contact-list.ts';
import { formatDate } from '../internal/i18n.ts';
import {
  contactListBody,
  deadlineBadges,
  kindBadge,
  meetingLine,
  statusBadge,
} from '../internal/templates.ts';
import type { ContactKind, ContactSummary, Page } from '../internal/types.ts';
import {
  isFiltered,
  NO_FILTERS,
  readFilters,
  renderFilters,
  type FilterHandlers,
  type Filters,
} from './inbox-filters.ts';
import { inboxStyles } from './inbox.styles.ts';

/**
 * @summary An agency's inbox of press contacts of every kind: filter by kind, status, overdue, assigned to me and
 * text; each row names its kind and, for appointments, the next agreed meeting; page with
 * "show more"; overdue and escalation badges; live refresh. Choosing a contact shows `pl-contact` beside the list
 * (below it on narrow screens) unless `without-detail` is set or the host cancels `pl-contact-select`. With
 * `kind`, a queue of that kind only (the department's `kind="difficulty_report"`: the reports of its province).
 *
 * @event pl-contact-select - A contact was chosen (`event.contactId`); cancel it to show the contact yourself.
 *
 * @csspart base - The wrapping section.
 * @csspart heading - The heading.
 * @csspart filters - The filter form.
 * @csspart list - The list of contacts.
 * @csspart item - One contact's button.
 * @csspart status - A status badge.
 * @csspart kind - A kind badge.
 * @csspart more-button - The "show more" button.
 * @csspart detail-panel - The region holding the chosen contact.
 * @csspart contact - The nested `pl-contact` element.
 *
 * @cssproperty --pl-color-primary - Buttons, the selected row.
 * @cssproperty --pl-color-danger - Overdue badges.
 * @cssproperty --pl-font-family - Font stack.
 * @cssproperty --pl-radius - Corner radius.
 */
export class PlInbox extends PlElement {
  static override styles = [baseStyles, inboxStyles];
  static override properties = {
    withoutDetail: { attribute: 'without-detail', type: Boolean, reflect: true },
    selectedId: { attribute: 'selected-id', reflect: true },
    kind: { reflect: true },
  };

  /** Only emit `pl-contact-select`; do not show the contact inside the widget. */
  declare withoutDetail: boolean;
  /** The chosen contact's id (settable by the host to open one). */
  declare selectedId: string;
  /** Only contacts of this kind (`difficulty_report`, …); every kind, with a kind filter, when empty. */
  declare kind: ContactKind | '';

  #filters: Filters = NO_FILTERS;
  #vetoed = false;
  #searchTimer: ReturnType<typeof setTimeout> | undefined;
  #list = new ContactListController(this, (cursor, limit) =>
    this.api.get<Page<ContactSummary>>('/contacts', {
      query: {
        kind: this.kind || this.#filters.kind,
        status: this.#filters.status,
        overdue: this.#filters.overdue,
        assignedToMe: this.#filters.assignedToMe,
        q: this.#filters.q,
        cursor,
        limit,
      },
    }),
  );

  constructor() {
    super();
    this.withoutDetail = false;
    this.selectedId = '';
    this.kind = '';
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    // Another kind set after the first load: list that kind instead.
    if (changed.has('kind') && changed.get('kind') !== undefined && this.hasCredentials)
      void this.#list.reload();
  }

  protected override credentialsChanged(): void {
    if (this.hasCredentials) void this.#list.reload();
    else this.#list.clear();
  }

  protected override onStreamMessage(): void {
    this.#list.scheduleRefresh();
  }

  #apply(filters: Filters): void {
    clearTimeout(this.#searchTimer);
    this.#filters = filters;
    void this.#list.reload();
  }

  #handlers: FilterHandlers = {
    apply: (form) => this.#apply(readFilters(form)),
    search: (form) => {
      clearTimeout(this.#searchTimer);
      this.#searchTimer = setTimeout(() => this.#apply(readFilters(form)), 400);
    },
  };

  #select(id: string): void {
    this.#vetoed = !this.emit(new PlContactSelectEvent(id));
    this.selectedId = id;
  }

  #renderRow(item: ContactSummary): TemplateResult {
    const t = this.t;
    return html`<li>
      <button
        type="button"
        class="row"
        part="item"
        data-testid="contact-row"
        data-contact-id=${item.id}
        data-status=${item.status}
        data-kind=${item.kind}
        aria-current=${item.id === this.selectedId ? 'true' : 'false'}
        @click=${() => this.#select(item.id)}
      >
        <span class="row-top"
          ><span class="subject">${item.subject}</span
          ><span class="badges"
            >${kindBadge(item.kind, t)}${statusBadge(item.status, t, item.kind)}</span
          ></span
        >
        ${meetingLine(item, t, this.locale)}
        <span class="meta"
          >${t.list.reporter}: ${item.journalistName} · ${t.list.submittedAt}:
          ${formatDate(item.submittedAt, this.locale)}</span
        >
        <span class="meta">${t.list.assignee}: ${item.assignee?.name ?? t.list.unassigned}</span>
        <span class="meta badges">${deadlineBadges(item, t, this.locale)}</span>
      </button>
    </li>`;
  }

  get #heading(): string {
    const t = this.t;
    if (this.kind === 'difficulty_report') return t.report.queueHeading;
    return this.kind ? (t.kind[this.kind] ?? t.list.inboxHeading) : t.list.inboxHeading;
  }

  protected override render(): TemplateResult {
    const t = this.t;
    const list = this.#list;
    const detail = !!this.selectedId && !this.withoutDetail && !this.#vetoed;
    const status = list.statusText(t, isFiltered(this.#filters) ? t.list.noMatch : t.list.empty);
    return html`<section part="base" aria-labelledby="heading">
      <h2 id="heading" part="heading">${this.#heading}</h2>
      ${this.hasCredentials ? renderFilters(t, this.#handlers, this.kind || undefined) : html`<div class="alert"><p>${t.common.signInRequired}</p></div>`}
      <div class="layout ${detail ? 'with-detail' : ''}">
        <div class="list-col">${contactListBody(list, t, status, (i) => this.#renderRow(i))}</div>
        ${
          detail
            ? html`<div
                class="detail"
                part="detail-panel"
                role="region"
                aria-label=${t.list.detail}
                @pl-action-completed=${() => list.scheduleRefresh(50)}
              >
                <pl-contact
                  part="contact"
                  contact-id=${this.selectedId}
                  .apiBase=${this.apiBase}
                  .token=${this.token}
                  .tokenProvider=${this.tokenProvider}
                ></pl-contact>
              </div>`
            : nothing
        }
      </div>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pl-inbox': PlInbox;
  }
}
