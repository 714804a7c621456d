/**
 * @module
 * Small template pieces several widgets render the same way: status badges, deadline badges, error alerts.
 * Plain functions returning templates, not registered elements, so only public tags are global.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { ContactListController, ListController } from './contact-list.ts';
import { describeProblem, formatDateTime, type Locale, type Messages } from './i18n.ts';
import type {
  Agency,
  ClockName,
  ContactAction,
  ContactKind,
  ContactStatus,
  ContactSummary,
} from './types.ts';

/** The words a kind reads differently from the common ones (statuses, actions, timeline entries), if any. */
export function kindWords(
  t: Messages,
  kind: ContactKind | undefined,
): Messages['appt' | 'walkIn' | 'report'] | undefined {
  switch (kind) {
    case 'appointment':
      return t.appt;
    case 'walk_in':
      return t.walkIn;
    case 'difficulty_report':
      return t.report;
    default:
      return undefined;
  }
}

/** A clock's words: a difficulty report gives the common clock names its own duties. */
export function clockLabel(name: ClockName, t: Messages, kind?: ContactKind): string {
  return (kind === 'difficulty_report' ? t.report.clock[name] : t.clock[name]) ?? name;
}

/** A status's words: appointments read some statuses differently ("awaiting the reporter's confirmation"). */
export function statusLabel(status: ContactStatus, t: Messages, kind?: ContactKind): string {
  return kindWords(t, kind)?.status[status] ?? t.status[status] ?? status;
}

/** An action's words, for the kind of contact it applies to. */
export function actionLabel(action: ContactAction, t: Messages, kind?: ContactKind): string {
  return kindWords(t, kind)?.action[action] ?? t.action[action] ?? action;
}

/** A form field's label, for the kind of contact it belongs to (a walk-in's result asks other questions). */
export function fieldLabel(label: keyof Messages['field'], t: Messages, kind?: ContactKind): string {
  const words = kindWords(t, kind);
  return (words && 'field' in words ? words.field[label] : undefined) ?? t.field[label];
}

/** The status as a badge (`part="status"`, `data-status` carries the machine value for tests and CSS). */
export function statusBadge(status: ContactStatus, t: Messages, kind?: ContactKind): TemplateResult {
  return html`<span class="badge" part="status" data-status=${status} data-testid="status"
    >${statusLabel(status, t, kind)}</span
  >`;
}

/** The contact's kind as a small label (`part="kind"`, `data-kind`). */
export function kindBadge(kind: ContactKind, t: Messages): TemplateResult {
  return html`<span class="badge kind" part="kind" data-kind=${kind} data-testid="kind"
    >${t.kind[kind] ?? kind}</span
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

/** The next agreed meeting of an appointment row, if one is ahead. */
export function meetingLine(
  item: ContactSummary,
  t: Messages,
  locale: Locale,
): TemplateResult | typeof nothing {
  return item.nextMeetingAt
    ? html`<span class="meta meeting" data-testid="next-meeting"
        >${t.list.meetingAt}:
        <time datetime=${new Date(item.nextMeetingAt).toISOString()}
          >${formatDateTime(item.nextMeetingAt, locale)}</time
        ></span
      >`
    : nothing;
}

/** The kind filter of the contact lists: all kinds, or one. `onChange` gets `''` for all. */
export function kindSelect(t: Messages, onChange?: (kind: string) => void): TemplateResult {
  return html`<div class="field kind-filter">
    <label for="kind">${t.list.kind}</label>
    <select
      id="kind"
      name="kind"
      data-testid="filter-kind"
      @change=${(e: Event) => onChange?.((e.target as HTMLSelectElement).value)}
    >
      <option value="">${t.list.allKinds}</option>
      ${(Object.keys(t.kind) as ContactKind[]).map((k) => html`<option value=${k}>${t.kind[k]}</option>`)}
    </select>
  </div>`;
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
