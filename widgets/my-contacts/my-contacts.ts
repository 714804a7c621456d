import { html, nothing, type TemplateResult } from 'lit';
import { PlContactSelectEvent } from '../events/contact-select.ts';
import { PlElement } from '../internal/base-element.ts';
import { baseStyles } from '../internal/styles.ts';
import { ContactListController } from '../internal/contact-list.ts';
import { formatDate } from '../internal/i18n.ts';
import {
  agencyName,
  contactListBody,
  deadlineBadges,
  kindBadge,
  kindSelect,
  meetingLine,
  statusBadge,
} from '../internal/templates.ts';
import { calendarFeed, NO_FEED, type FeedState, type FeedStatus } from './calendar-feed.ts';
import type { Agency, ContactSummary, Page } from '../internal/types.ts';
import { myContactsStyles } from './my-contacts.styles.ts';

/**
 * @summary A reporter's own contacts of every kind (filterable by kind): status, agency, due date and the next
 * agreed meeting, newest activity first, refreshed live. Also the reporter's private calendar address (an iCalendar
 * feed of agreed meetings): create or renew it, copy it, revoke it.
 * Choosing one opens it inline with `pl-contact` (to clarify, acknowledge, ask a follow-up or withdraw) unless
 * `without-detail` is set or the host cancels `pl-contact-select`.
 *
 * @event pl-contact-select - A contact was chosen (`event.contactId`); cancel it to show the contact yourself.
 *
 * @csspart base - The wrapping section.
 * @csspart heading - The heading.
 * @csspart list - The list.
 * @csspart item - One contact's toggle button.
 * @csspart status - A status badge.
 * @csspart kind - A kind badge.
 * @csspart filters - The kind filter.
 * @csspart calendar-feed - The private calendar address panel.
 * @csspart more-button - The "show more" button.
 * @csspart contact - The nested `pl-contact` element.
 *
 * @cssproperty --pl-color-primary - Buttons, the open row.
 * @cssproperty --pl-font-family - Font stack.
 * @cssproperty --pl-radius - Corner radius.
 */
export class PlMyContacts extends PlElement {
  static override styles = [baseStyles, myContactsStyles];
  static override properties = {
    withoutDetail: { attribute: 'without-detail', type: Boolean, reflect: true },
    openId: { attribute: 'open-id', reflect: true },
  };

  /** Only emit `pl-contact-select`; do not open contacts inline. */
  declare withoutDetail: boolean;
  /** The id of the contact open inline, if any. */
  declare openId: string;

  #agencies: Agency[] | undefined;
  #kind = '';
  #feed: FeedState = NO_FEED;
  #list = new ContactListController(this, (cursor, limit) =>
    this.api.get<Page<ContactSummary>>('/contacts', { query: { kind: this.#kind, cursor, limit } }),
  );
  readonly #onCreated = (): void => this.#list.scheduleRefresh(50);

  constructor() {
    super();
    this.withoutDetail = false;
    this.openId = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // A request sent from a form on the same page shows up at once, before the stream reports it.
    window.addEventListener('pl-contact-created', this.#onCreated);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('pl-contact-created', this.#onCreated);
  }

  protected override credentialsChanged(): void {
    if (!this.hasCredentials) {
      this.#list.clear();
      this.openId = '';
      return;
    }
    void this.#list.reload();
    this.#feed = NO_FEED;
    this.api.get<FeedStatus>('/me/calendar-feed').then(
      (feed) => this.#setFeed({ ...feed, url: feed.url ?? null }),
      () => undefined, // No feed shown: creating one still works, or says why not.
    );
    this.api.agencies().then(
      (agencies) => ((this.#agencies = agencies), this.requestUpdate()),
      () => undefined, // Agency ids stand in for names.
    );
  }

  protected override onStreamMessage(): void {
    this.#list.scheduleRefresh();
  }

  #setFeed(change: Partial<FeedState>): void {
    const { url, active, createdAt, lastUsedAt } = this.#feed;
    this.#feed = { url, active, createdAt, lastUsedAt, busy: false, ...change };
    this.requestUpdate();
  }

  readonly #feedActions = {
    create: () => {
      this.#setFeed({ busy: true });
      this.api.post<{ url: string; createdAt: number }>('/me/calendar-feed', {}).then(
        (feed) => this.#setFeed({ ...feed, active: true, lastUsedAt: null, said: 'created' }),
        (error: unknown) => this.#setFeed({ error }),
      );
    },
    revoke: () => {
      this.#setFeed({ busy: true });
      this.api.request('DELETE', '/me/calendar-feed').then(
        () => this.#setFeed({ ...NO_FEED, said: 'revoked' }),
        (error: unknown) => this.#setFeed({ error }),
      );
    },
    copy: () => {
      const url = this.#feed.url;
      if (!url) return;
      navigator.clipboard.writeText(url).then(
        () => this.#setFeed({ said: 'copied' }),
        // No clipboard (an insecure intranet page): select the address for Ctrl+C instead.
        () => this.renderRoot.querySelector<HTMLInputElement>('#feed-url')?.select(),
      );
    },
  };

  #toggle(id: string): void {
    if (this.openId === id) {
      this.openId = '';
      return;
    }
    const allowed = this.emit(new PlContactSelectEvent(id));
    if (allowed && !this.withoutDetail) this.openId = id;
  }

  #renderRow(item: ContactSummary): TemplateResult {
    const t = this.t;
    const open = item.id === this.openId;
    const agency = agencyName(this.#agencies, item.agencyId, this.locale);
    return html`<li>
      <button
        type="button"
        class="row"
        part="item"
        data-testid="contact-row"
        data-contact-id=${item.id}
        data-status=${item.status}
        data-kind=${item.kind}
        aria-expanded=${open ? 'true' : 'false'}
        aria-controls="detail-${item.id}"
        @click=${() => this.#toggle(item.id)}
      >
        <span class="row-top"
          ><span class="subject">${item.subject}</span
          ><span class="badges"
            >${kindBadge(item.kind, t)}${statusBadge(item.status, t, item.kind)}</span
          ></span
        >
        ${meetingLine(item, t, this.locale)}
        <span class="meta"
          >${t.list.agency}: ${agency} · ${t.list.submittedAt}:
          ${formatDate(item.submittedAt, this.locale)}</span
        >
        <span class="meta badges">${deadlineBadges(item, t, this.locale)}</span>
        <span class="toggle">${open ? t.list.hide : t.list.show}</span>
      </button>
      <div id="detail-${item.id}" class="detail" ?hidden=${!open}>
        ${
          open
            ? html`<pl-contact
                part="contact"
                contact-id=${item.id}
                .apiBase=${this.apiBase}
                .token=${this.token}
                .tokenProvider=${this.tokenProvider}
                @pl-action-completed=${() => this.#list.scheduleRefresh(50)}
              ></pl-contact>`
            : nothing
        }
      </div>
    </li>`;
  }

  protected override render(): TemplateResult {
    const t = this.t;
    const list = this.#list;
    const status = list.statusText(t, t.list.empty);
    return html`<section part="base" aria-labelledby="heading">
      <h2 id="heading" part="heading">${t.list.myHeading}</h2>
      ${
        this.hasCredentials
          ? html`${calendarFeed(this.#feed, t, this.locale, this.#feedActions)}
              <form
                class="filters"
                part="filters"
                role="search"
                aria-label=${t.list.filters}
                @submit=${(e: Event) => e.preventDefault()}
              >
                ${kindSelect(t, (kind) => ((this.#kind = kind), void this.#list.reload()))}
              </form>`
          : html`<div class="alert"><p>${t.common.signInRequired}</p></div>`
      }
      ${contactListBody(list, t, status, (i) => this.#renderRow(i))}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pl-my-contacts': PlMyContacts;
  }
}
