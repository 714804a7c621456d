/**
 * @module
 * Small template pieces several widgets render the same way: status badges, deadline badges, error alerts.
 * Plain functions returning templates, not registered elements, so only public tags are global.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { ContactListController, ListController } from './contact-list.ts';
import { describeProblem, formatDateTime, type Locale, type Messages } from './i18n.ts';
import type { Agency, ContactSummary, InformationRequestStatus } from './types.ts';

/** The status as a badge (`part="status"`, `data-status` carries the machine value for tests and CSS). */
export function statusBadge(status: InformationRequestStatus, t: Messages): TemplateResult {
  return html`<span class="badge" part="status" data-status=${status} data-testid="status"
    >${t.status[status] ?? status}</span
  >`;
}

interface Deadline {
  dueAt: number | null;
  overdue: boolean;
  escalationLevel: number;
}

/** Due date plus overdue / escalation badges. */
export function deadlineBadges(d: Deadline, t: Messages, locale: Locale): TemplateResult {
  return html`${
    d.dueAt !== null
      ? html`<span class="due" data-testid="due"
          >${t.badge.due}:
          <time datetime=${new Date(d.dueAt).toISOString()}>${formatDateTime(d.dueAt, locale)}</time></span
        >`
      : nothing
  }
  ${d.overdue ? html`<span class="badge overdue" part="overdue-badge" data-testid="overdue">${t.badge.overdue}</span>` : nothing}
  ${
    d.escalationLevel > 0
      ? html`<span
          class="badge escalated"
          part="escalation-badge"
          data-testid="escalation"
          data-level=${d.escalationLevel}
          >${d.escalationLevel > 1 ? t.badge.escalation2 : t.badge.escalation1}</span
        >`
      : nothing
  }`;
}

/** An error box for a failed load, with a retry button. Never raw JSON: always a sentence. */
export function errorAlert(error: unknown, t: Messages, retry?: () => void): TemplateResult {
  return html`<div class="alert error" part="error" role="alert" data-testid="error">
    <p>${describeProblem(error, t)}</p>
    ${retry ? html`<button type="button" class="btn secondary" @click=${retry}>${t.common.retry}</button>` : nothing}
  </div>`;
}

/** A v4 UUID for `Idempotency-Key`; `crypto.randomUUID` needs a secure context, which intranet pages may lack. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function' && globalThis.isSecureContext) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Trimmed, NFC-normalised text of a form field (legacy Vietnamese input is often decomposed). */
export function fieldText(data: FormData, name: string): string {
  const v = data.get(name);
  return typeof v === 'string' ? v.trim().normalize('NFC') : '';
}

export const LEVELS = ['central', 'province', 'commune'] as const;

/** `<optgroup>`s per agency level (central, provincial, commune), in the order given. */
export function agencyOptions(
  agencies: Agency[],
  selected: string,
  t: Messages,
  locale: Locale,
): TemplateResult {
  return html`${LEVELS.map((level) => {
    const items = agencies.filter((a) => a.level === level);
    return items.length
      ? html`<optgroup label=${t.level[level]}>
          ${items.map((a) => html`<option value=${a.id} ?selected=${a.id === selected}>${agencyLabel(a, locale)}</option>`)}
        </optgroup>`
      : nothing;
  })}`;
}

/** An agency's name in the page's language (English when the registry has it). */
export function agencyLabel(a: Pick<Agency, 'name' | 'nameEn'>, locale: Locale): string {
  return locale === 'en' && a.nameEn ? a.nameEn : a.name;
}

/** The name of agency `id`, or the id itself while the list is not loaded. */
export function agencyName(agencies: readonly Agency[] | undefined, id: string, locale: Locale): string {
  const a = agencies?.find((x) => x.id === id);
  return a ? agencyLabel(a, locale) : id;
}

/**
 * The body every contact list shares: the polite status line, the error with a retry, the rows, and the
 * "show more" button.
 */
export function contactListBody(
  list: ContactListController,
  t: Messages,
  statusText: string,
  renderRow: (item: ContactSummary) => TemplateResult,
): TemplateResult {
  return html`<p class="count muted" role="status" aria-live="polite" data-testid="list-status">
      ${statusText}
    </p>
    ${list.error ? errorAlert(list.error, t, () => void list.reload()) : nothing}
    <ul class="list" part="list" data-testid="contact-list">
      ${repeat(list.items, (i) => i.id, renderRow)}
    </ul>
    ${moreButton(list, t)}`;
}

/** "Show more" for a paged list, while there is a next page. */
export function moreButton<T extends { id: string }>(
  list: ListController<T>,
  t: Messages,
): TemplateResult | typeof nothing {
  return list.nextCursor
    ? html`<button
        type="button"
        class="btn secondary more"
        part="more-button"
        data-testid="load-more"
        ?disabled=${list.loadingMore}
        @click=${() => void list.more()}
      >
        ${list.loadingMore ? t.common.loadingMore : t.common.more}
      </button>`
    : nothing;
}
