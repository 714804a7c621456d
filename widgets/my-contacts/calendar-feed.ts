/**
 * @module
 * The reporter's private calendar address in `pl-my-contacts`: an iCalendar feed of their agreed meetings that a
 * calendar app polls without a bearer token, so the address itself is the secret. Create (or renew: the old
 * address stops working) with `POST /me/calendar-feed`, revoke with `DELETE`.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { describeProblem, type Messages } from '../internal/i18n.ts';

export interface FeedState {
  url: string | null;
  busy: boolean;
  said?: 'created' | 'revoked' | 'copied';
  error?: unknown;
}

export interface FeedActions {
  create: () => void;
  revoke: () => void;
  copy: () => void;
}

export function calendarFeed(feed: FeedState, t: Messages, on: FeedActions): TemplateResult {
  const f = t.feed;
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
                @focus=${(e: Event) => (e.target as HTMLInputElement).select()}
              />
              <button type="button" class="btn secondary" data-testid="feed-copy" @click=${on.copy}>
                ${f.copy}
              </button>
            </div>
          </div>`
        : nothing
    }
    <div class="inline">
      <button
        type="button"
        class="btn ${feed.url ? 'secondary' : ''}"
        data-testid="feed-create"
        aria-describedby=${feed.url ? 'feed-renew-hint' : nothing}
        ?disabled=${feed.busy}
        @click=${on.create}
      >
        ${feed.url ? f.renew : f.create}
      </button>
      ${
        feed.url
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
    <p role="status" aria-live="polite" data-testid="feed-status">
      ${feed.error ? html`<span class="field-error">${describeProblem(feed.error, t)}</span>` : feed.said ? f[feed.said] : nothing}
    </p>
  </details>`;
}
