/**
 * @module
 * `pl-notifications`: the in-app notification channel (issue 11) as a bell for a page's header. The list and the
 * read state are the API's (`GET /notifications`, `POST /notifications/{id}/read`, `/notifications/read-all`);
 * new notifications arrive over the live stream.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { isNotificationKind, isUrgent, type NotificationKind } from '../../domain/notifications/types.ts';
import type { NotificationItem } from '../../domain/notifications/view.ts';
import { PlNotificationOpenEvent } from '../events/notification-open.ts';
import { PlElement } from '../internal/base-element.ts';
import { formatDateTime } from '../internal/i18n.ts';
import type { StreamMessage } from '../internal/stream.ts';
import { baseStyles } from '../internal/styles.ts';
import { errorAlert } from '../internal/templates.ts';
import { notificationsStyles } from './notifications.styles.ts';

interface NotificationPage {
  items: NotificationItem[];
  nextCursor: string | null;
  unreadCount: number;
}

type Channel = 'in_app' | 'email' | 'webhook';

/** `GET`/`PUT /me/notification-preferences`: the caller's channels per type. */
interface Preferences {
  locale: 'vi' | 'en';
  email: string | null;
  types: { type: NotificationKind; urgent: boolean; channels: Channel[]; isDefault: boolean }[];
}

/** The channels a person may choose (in-app is always on), in the order of the table's columns. */
const CHOSEN_CHANNELS = ['email', 'webhook'] as const;

/** The most the badge shows; above, `99+`. */
const BADGE_MAX = 99;

/**
 * @summary A bell button showing how many notifications the signed-in person has not read; it opens a panel
 * of their recent notifications, newest first. Choosing one marks it read and emits `pl-notification-open`;
 * the host page decides where that leads. Follows new notifications live. Shows nothing until the host gives
 * credentials.
 *
 * The panel's "notification settings" disclosure loads, when opened, the person's channels per notification
 * type (`GET /me/notification-preferences`) as a table of checkboxes; saving `PUT`s them.
 *
 * Keyboard: the bell is a disclosure button (`aria-expanded`); Escape closes the panel and returns focus to the
 * bell, as does choosing a notification; a click outside closes it.
 *
 * @event pl-notification-open - A notification was chosen (`event.contactId`, `event.link`, `event.notificationId`).
 *
 * @csspart bell - The bell button.
 * @csspart badge - The unread count on it.
 * @csspart panel - The panel with the list.
 * @csspart list - The list of notifications.
 * @csspart item - One notification's button (`data-read`, `data-urgent` on its list item).
 * @csspart mark-all-button - The "mark all as read" button.
 * @csspart settings - The "notification settings" disclosure (channels per type).
 * @csspart save-button - Its save button.
 * @csspart error - Error boxes.
 *
 * @cssproperty --pl-color-danger - The badge and urgent notifications.
 * @cssproperty --pl-color-primary - Unread notifications' mark, links.
 * @cssproperty --pl-notifications-bell-color - The bell's colour (default: the host's text colour).
 * @cssproperty --pl-notifications-bell-background - The bell's background (default: none).
 * @cssproperty --pl-notifications-bell-hover - The bell's background under the pointer.
 * @cssproperty --pl-notifications-unread-background - An unread notification's background.
 * @cssproperty --pl-notifications-z-index - The panel's stacking order (default 1000).
 */
export class PlNotifications extends PlElement {
  static override styles = [baseStyles, notificationsStyles];
  static override properties = {
    limit: { type: Number, reflect: true },
    open: { type: Boolean, reflect: true },
  };

  /** How many notifications a page of the panel shows (default 10, at most 100). */
  declare limit: number;
  /** Whether the panel is open. */
  declare open: boolean;

  #items: NotificationItem[] | undefined;
  #unread = 0;
  #next: string | null = null;
  #error: unknown;
  #status = '';
  #seq = 0;
  /** A reload after a live change has been asked for: announce what it brings. */
  /** Whether a first page was shown: later increases of the unread count are announced. */
  #loaded = false;
  #refresh: ReturnType<typeof setTimeout> | undefined;
  /** The notification settings: as loaded, the person's edits, and how loading or saving went. */
  #prefs: Preferences | undefined;
  #draft = new Map<NotificationKind, Set<Channel>>();
  #prefsError: unknown;
  #saving = false;
  #prefsSeq = 0;
  readonly #onOutside = (event: PointerEvent): void => {
    if (this.open && !event.composedPath().includes(this)) this.#close(false);
  };

  constructor() {
    super();
    this.limit = 10;
    this.open = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('pointerdown', this.#onOutside);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('pointerdown', this.#onOutside);
    clearTimeout(this.#refresh);
  }

  protected override credentialsChanged(): void {
    this.#items = undefined;
    this.#loaded = false;
    this.#unread = 0;
    this.#next = null;
    this.#error = undefined;
    this.#status = '';
    this.#prefs = undefined;
    this.#draft = new Map();
    this.#prefsError = undefined;
    this.#prefsSeq++;
    if (this.hasCredentials) void this.#load();
    else this.requestUpdate();
  }

  protected override onStreamMessage(m: StreamMessage): void {
    if (m.event !== 'notification' && m.event !== 'reconnected') return;
    clearTimeout(this.#refresh);
    this.#refresh = setTimeout(() => void this.#load(), 150);
  }

  /** Reloads the count and the first page. */
  reload(): Promise<void> {
    return this.#load();
  }

  get #pageSize(): number {
    return Math.min(100, Math.max(1, Math.trunc(this.limit) || 10));
  }

  async #load(): Promise<void> {
    if (!this.hasCredentials) return;
    const seq = ++this.#seq;
    try {
      const page = await this.api.get<NotificationPage>('/notifications', {
        query: { limit: this.#pageSize },
      });
      if (seq !== this.#seq) return;
      // New unread notices are announced whichever load brings them (a live one, or one already in flight
      // that saw the row first); the first load only shows what was there.
      if (this.#loaded && page.unreadCount > this.#unread)
        this.#status = this.t.notifications.arrived(page.unreadCount);
      this.#loaded = true;
      this.#items = page.items;
      this.#next = page.nextCursor;
      this.#unread = page.unreadCount;
      this.#error = undefined;
    } catch (error) {
      if (seq === this.#seq) this.#error = error;
    }
    this.requestUpdate();
  }

  async #more(): Promise<void> {
    const cursor = this.#next;
    if (!cursor || !this.#items) return;
    const seq = this.#seq;
    try {
      const page = await this.api.get<NotificationPage>('/notifications', {
        query: { limit: this.#pageSize, cursor },
      });
      if (seq !== this.#seq) return;
      const known = new Set(this.#items.map((i) => i.id));
      this.#items = [...this.#items, ...page.items.filter((i) => !known.has(i.id))];
      this.#next = page.nextCursor;
      this.#unread = page.unreadCount;
    } catch (error) {
      this.#error = error;
    }
    this.requestUpdate();
  }

  #toggle(): void {
    if (this.open) return this.#close(true);
    this.open = true;
    this.#status = '';
    // What is shown on opening is current even if a live event was missed.
    void this.#load();
  }

  #close(refocus: boolean): void {
    this.open = false;
    if (refocus) void this.focusAfterRender('#bell');
  }

  #onKeydown(event: KeyboardEvent): void {
    if (event.key !== 'Escape' || !this.open) return;
    event.stopPropagation();
    this.#close(true);
  }

  #choose(item: NotificationItem): void {
    if (!item.read) {
      this.#items = this.#items?.map((i) => (i.id === item.id ? { ...i, read: true } : i));
      this.#unread = Math.max(0, this.#unread - 1);
      this.api
        .request<NotificationItem>('POST', `/notifications/${encodeURIComponent(item.id)}/read`)
        .catch((error: unknown) => {
          this.#error = error;
          void this.#load();
        });
    }
    this.emit(
      new PlNotificationOpenEvent({
        notificationId: item.id,
        type: item.type,
        contactId: item.contactId,
        link: item.link,
      }),
    );
    this.#close(true);
  }

  async #markAll(): Promise<void> {
    const items = this.#items ?? [];
    // Up to the newest one shown: one arriving meanwhile stays unread.
    const upTo = items.reduce((max, i) => (Number(i.id) > Number(max) ? i.id : max), items[0]?.id ?? '');
    if (!upTo) return;
    try {
      const result = await this.api.post<{ marked: number; unreadCount: number }>('/notifications/read-all', {
        upTo,
      });
      this.#items = items.map((i) => ({ ...i, read: true }));
      this.#unread = result.unreadCount;
      this.#error = undefined;
      this.#status = this.t.notifications.markedAllRead;
    } catch (error) {
      this.#error = error;
    }
    this.requestUpdate();
    await this.focusAfterRender('.item');
  }

  #usePreferences(prefs: Preferences): void {
    this.#prefs = prefs;
    this.#draft = new Map(prefs.types.map((p) => [p.type, new Set(p.channels)]));
  }

  async #loadPreferences(): Promise<void> {
    if (!this.hasCredentials) return;
    const seq = ++this.#prefsSeq;
    try {
      const prefs = await this.api.get<Preferences>('/me/notification-preferences');
      if (seq !== this.#prefsSeq) return;
      this.#usePreferences(prefs);
      this.#prefsError = undefined;
    } catch (error) {
      if (seq === this.#prefsSeq) this.#prefsError = error;
    }
    this.requestUpdate();
  }

  #onSettingsToggle(event: Event): void {
    if ((event.currentTarget as HTMLDetailsElement).open && !this.#saving) void this.#loadPreferences();
  }

  /**
   * Updates the draft without a render (the box is already as ticked). The boxes are bound with `live()`: a
   * draft loaded again (settings reopened) then puts every box back as the server has it, even one Lit last
   * wrote with the same value.
   */
  #setChannel(type: NotificationKind, channel: Channel, on: boolean): void {
    const channels = this.#draft.get(type) ?? new Set<Channel>(['in_app']);
    if (on) channels.add(channel);
    else channels.delete(channel);
    this.#draft.set(type, channels);
  }

  async #savePreferences(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (!this.#prefs || this.#saving) return;
    const types = Object.fromEntries(
      this.#prefs.types.map((p) => [
        p.type,
        ['in_app', ...CHOSEN_CHANNELS.filter((c) => this.#draft.get(p.type)?.has(c))],
      ]),
    );
    const seq = ++this.#prefsSeq;
    this.#saving = true;
    this.#status = '';
    this.requestUpdate();
    try {
      const prefs = await this.api.request<Preferences>('PUT', '/me/notification-preferences', {
        body: { types },
      });
      if (seq === this.#prefsSeq) {
        this.#usePreferences(prefs);
        this.#prefsError = undefined;
        this.#status = this.t.notifications.saved;
      }
    } catch (error) {
      if (seq === this.#prefsSeq) this.#prefsError = error;
    }
    this.#saving = false;
    this.requestUpdate();
  }

  #renderSettings(): TemplateResult {
    const t = this.t.notifications;
    const prefs = this.#prefs;
    const channelLabel = (c: Channel): string => t.channels[c];
    return html`<details
      class="settings"
      part="settings"
      data-testid="notification-settings"
      @toggle=${(e: Event) => this.#onSettingsToggle(e)}
    >
      <summary>${t.settings}</summary>
      ${this.#prefsError ? errorAlert(this.#prefsError, this.t, () => void this.#loadPreferences()) : nothing}
      ${
        prefs === undefined
          ? this.#prefsError
            ? nothing
            : html`<p class="muted">${this.t.common.loading}</p>`
          : html`<form @submit=${(e: SubmitEvent) => void this.#savePreferences(e)}>
              <p class="muted" data-testid="notification-email">
                ${prefs.email ? t.emailTo(prefs.email) : t.noEmail}
              </p>
              <table class="prefs" data-testid="notification-preferences">
                <caption>
                  ${t.settingsCaption}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">${t.type}</th>
                    <th scope="col">${channelLabel('in_app')}</th>
                    ${CHOSEN_CHANNELS.map((c) => html`<th scope="col">${channelLabel(c)}</th>`)}
                  </tr>
                </thead>
                <tbody>
                  ${repeat(
                    prefs.types,
                    (p) => p.type,
                    (p) => {
                      const label = this.#typeLabel(p.type);
                      const draft = this.#draft.get(p.type);
                      return html`<tr data-type=${p.type} ?data-urgent=${p.urgent}>
                        <th scope="row">
                          ${label} ${p.urgent ? html`<span class="badge urgent">${t.urgent}</span>` : nothing}
                        </th>
                        <td>
                          <input
                            type="checkbox"
                            checked
                            disabled
                            aria-label=${t.channelOf(label, channelLabel('in_app'))}
                          />
                        </td>
                        ${CHOSEN_CHANNELS.map(
                          (c) =>
                            html`<td>
                              <input
                                type="checkbox"
                                name=${`${p.type}.${c}`}
                                data-channel=${c}
                                .checked=${live(draft?.has(c) ?? false)}
                                ?disabled=${this.#saving}
                                aria-label=${t.channelOf(label, channelLabel(c))}
                                @change=${(e: Event) =>
                                  this.#setChannel(p.type, c, (e.target as HTMLInputElement).checked)}
                              />
                            </td>`,
                        )}
                      </tr>`;
                    },
                  )}
                </tbody>
              </table>
              <button
                type="submit"
                class="btn"
                part="save-button"
                data-testid="save-notification-settings"
                ?disabled=${this.#saving}
              >
                ${this.#saving ? t.saving : t.save}
              </button>
            </form>`
      }
    </details>`;
  }

  #typeLabel(type: string): string {
    return isNotificationKind(type) ? this.t.notification[type] : this.t.notifications.other;
  }

  #renderItem(item: NotificationItem): TemplateResult {
    const t = this.t.notifications;
    const urgent = isUrgent(item.type);
    return html`<li
      data-testid="notification"
      data-notification-id=${item.id}
      data-read=${item.read ? 'true' : 'false'}
      ?data-urgent=${urgent}
    >
      <button type="button" class="item" part="item" @click=${() => this.#choose(item)}>
        <span class="type">
          ${item.read ? nothing : html`<span class="sr-only">${t.unread}:</span>`}
          ${this.#typeLabel(item.type)}
          ${urgent ? html`<span class="badge urgent">${t.urgent}</span>` : nothing}
        </span>
        <span class="text" lang="vi">${item.text}</span>
        <span class="time">${formatDateTime(Date.parse(item.createdAt), this.locale)}</span>
      </button>
    </li>`;
  }

  #renderPanel(): TemplateResult {
    const t = this.t.notifications;
    const items = this.#items;
    return html`<div
      id="panel"
      class="panel"
      part="panel"
      role="region"
      aria-labelledby="notifications-heading"
      data-testid="notifications-panel"
      ?hidden=${!this.open}
    >
      <div class="head">
        <h2 id="notifications-heading">${t.heading}</h2>
        ${
          this.#unread > 0
            ? html`<button
                type="button"
                class="link"
                part="mark-all-button"
                data-testid="mark-all-read"
                @click=${() => void this.#markAll()}
              >
                ${t.markAllRead}
              </button>`
            : nothing
        }
      </div>
      ${this.#error ? errorAlert(this.#error, this.t, () => void this.#load()) : nothing}
      ${
        items === undefined
          ? html`<p class="muted">${this.t.common.loading}</p>`
          : items.length === 0
            ? html`<p class="muted" data-testid="notifications-empty">${t.empty}</p>`
            : html`<ul class="list" part="list" aria-labelledby="notifications-heading">
                ${repeat(
                  items,
                  (i) => i.id,
                  (i) => this.#renderItem(i),
                )}
              </ul>`
      }
      ${
        this.#next
          ? html`<button type="button" class="btn secondary" @click=${() => void this.#more()}>
              ${t.more}
            </button>`
          : nothing
      }
      ${this.#renderSettings()}
    </div>`;
  }

  protected override render(): TemplateResult {
    if (!this.hasCredentials) return html`${nothing}`;
    const t = this.t.notifications;
    const unread = this.#unread;
    return html`<div @keydown=${(e: KeyboardEvent) => this.#onKeydown(e)}>
      <button
        type="button"
        id="bell"
        class="bell"
        part="bell"
        data-testid="bell"
        aria-expanded=${this.open ? 'true' : 'false'}
        aria-controls="panel"
        aria-label=${t.label(unread)}
        data-unread=${unread}
        @click=${() => this.#toggle()}
      >
        <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path
            fill="currentColor"
            d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
          />
        </svg>
        ${
          unread > 0
            ? html`<span class="count" part="badge" data-testid="unread-count" aria-hidden="true"
                >${unread > BADGE_MAX ? `${BADGE_MAX}+` : unread}</span
              >`
            : nothing
        }
      </button>
      <p class="sr-only" aria-live="polite" data-testid="notifications-status">${this.#status}</p>
      ${this.#renderPanel()}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pl-notifications': PlNotifications;
  }
}
