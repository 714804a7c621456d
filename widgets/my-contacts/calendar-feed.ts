/**
 * @module
 * The reporter's private calendar address in `pl-my-contacts`: an iCalendar feed of their agreed meetings that a
 * calendar app polls without a bearer token, so the address itself is the secret, shown once when made.
 * Create (or renew: the old address stops working) with `POST /me/calendar-feed`, revoke with `DELETE`.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { describeProblem, formatDateTime, type Locale, type Messages } from '../internal/i18n.ts';

/** `GET /me/calendar-feed` (`url` is only ever given by `POST`, once). */
export interface FeedStatus {
  url: string | null;
  active: boolean;
  createdAt: number | null;
  lastUsedAt: number | null;
}

export interface FeedState extends FeedStatus {
  busy: boolean;
  said?: 'created' | 'revoked' | 'copied';
  error?: unknown;
}

export interface FeedActions {
  create: () => void;
  revoke: () => void;
  copy: () => void;
}

export const NO_FEED: FeedState = {
  url: null,
  active: false,
  createdAt: null,
  lastUsedAt: null,
  busy: false,
};

export function calendarFeed(feed: FeedState, t: Messages, locale: Locale, on: FeedActions): TemplateResult {
  const f = t.feed;
  const at = (ms: number | null) => (ms === null ? null : formatDateTime(ms, locale));
  const status = feed.error
    ? html`<span class="field-error">${describeProblem(feed.error, t)}</span>`
    : feed.said
      ? f[feed.said]
      : nothing;
  return html`<details class="feed" part="calendar-feed" data-testid="calendar-feed">
    <summary>${f.heading}</summary>
    <p class="hint">${f.intro}</p>
    ${
      feed.url
        ? html`<div class="field">
            <label for="feed-url">${f.url}</label>
            <div class="inline">
              <input
                id="feed-url"
                readonly
                .value=${feed.url}
                data-testid="feed-url"
                aria-describedby="feed-once"
                @focus=${(e: Event) => (e.target as HTMLInputElement).select()}
              />
              <button type="button" class="btn secondary" data-testid="feed-copy" @click=${on.copy}>
                ${f.copy}
              </button>
            </div>
            <p class="hint" id="feed-once">${f.shownOnce}</p>
          </div>`
        : feed.active
          ? html`<p data-testid="feed-active">${f.active(at(feed.createdAt) ?? '', at(feed.lastUsedAt))}</p>`
          : nothing
    }
    <div class="inline">
      <button
        type="button"
        class="btn ${feed.active ? 'secondary' : ''}"
        data-testid="feed-create"
        aria-describedby=${feed.active ? 'feed-renew-hint' : nothing}
        ?disabled=${feed.busy}
        @click=${on.create}
      >
        ${feed.active ? f.renew : f.create}
      </button>
      ${
        feed.active
          ? html`<button
                type="button"
                class="btn danger"
                data-testid="feed-revoke"
                ?disabled=${feed.busy}
                @click=${on.revoke}
              >
                ${f.revoke}
              </button>
              <span class="hint" id="feed-renew-hint">${f.renewHint}</span>`
          : nothing
      }
    </div>
    <p role="status" aria-live="polite" data-testid="feed-status">${status}</p>
  </details>`;
}
