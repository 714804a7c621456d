/**
 * @module
 * The parts of `pl-walk-in-form` after the visitor: the time of the visit, subject, content and host; and what
 * it shows after sending: the confirmation or the error box.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { toProblem } from '../internal/api-client.ts';
import { describeProblem, formatDateTime, type Locale, type Messages } from '../internal/i18n.ts';
import { statusBadge } from '../internal/templates.ts';
import type { ContactView, Spokesperson } from '../internal/types.ts';
import { MAX_AGE_DAYS, vnLocalValue, WALK_IN_LIMITS, type WalkInField } from './read-walk-in.ts';
import { describedBy, fieldError } from './visitor-fields.ts';

export interface VisitFieldsContext {
  t: Messages;
  /** Per field: the sentence shown under it. */
  errors: Partial<Record<WalkInField, string>>;
  /** The latest instant the visit may have started (the field's default and maximum). */
  now: number;
  contentLength: number;
  /** Who may receive a reporter; undefined while loading. */
  hosts: Spokesperson[] | undefined;
  loadingHosts: boolean;
  onContent: (length: number) => void;
}

/** The time of the visit, subject, content and host. */
export function visitFields(ctx: VisitFieldsContext): TemplateResult {
  const { t, errors } = ctx;
  const w = t.walkIn;
  const now = vnLocalValue(ctx.now);
  const aria = (field: WalkInField, hint = '') => ({
    invalid: !!errors[field],
    describedBy: describedBy(field, hint, errors[field]),
  });
  const visited = aria('visitedAt', 'visitedAt-hint');
  const subject = aria('subject', 'subject-hint');
  const content = aria('content', 'content-hint');
  const host = aria('hostId');
  return html`<div class="field">
      <label for="visitedAt">${w.visitedAt}</label>
      <input
        id="visitedAt"
        name="visitedAt"
        type="datetime-local"
        required
        min=${vnLocalValue(ctx.now - MAX_AGE_DAYS * 86_400_000)}
        max=${now}
        .defaultValue=${now}
        data-testid="visitedAt"
        aria-invalid=${visited.invalid}
        aria-describedby=${visited.describedBy}
      />
      <p class="hint" id="visitedAt-hint">${w.visitedAtHint(MAX_AGE_DAYS)}</p>
      ${fieldError('visitedAt', errors.visitedAt)}
    </div>
    <div class="field">
      <label for="subject">${t.field.subject}</label>
      <input
        id="subject"
        name="subject"
        required
        minlength=${WALK_IN_LIMITS.subject.min}
        maxlength=${WALK_IN_LIMITS.subject.max}
        autocomplete="off"
        data-testid="subject"
        aria-invalid=${subject.invalid}
        aria-describedby=${subject.describedBy}
      />
      <p class="hint" id="subject-hint">${t.field.subjectHint}</p>
      ${fieldError('subject', errors.subject)}
    </div>
    <div class="field">
      <label for="content">${w.content}</label>
      <textarea
        id="content"
        name="content"
        required
        rows="6"
        minlength=${WALK_IN_LIMITS.content.min}
        maxlength=${WALK_IN_LIMITS.content.max}
        data-testid="content"
        aria-invalid=${content.invalid}
        aria-describedby=${content.describedBy}
        @input=${(e: InputEvent) => ctx.onContent((e.target as HTMLTextAreaElement).value.trim().length)}
      ></textarea>
      <p class="hint" id="content-hint">${w.contentHint}</p>
      <p class="hint counter" aria-hidden="true">
        ${t.common.chars(ctx.contentLength, WALK_IN_LIMITS.content.max)}
      </p>
      ${fieldError('content', errors.content)}
    </div>
    <div class="field">
      <label for="hostId">${t.field.host}</label>
      <select
        id="hostId"
        name="hostId"
        required
        data-testid="hostId"
        ?disabled=${ctx.loadingHosts}
        aria-invalid=${host.invalid}
        aria-describedby=${host.describedBy}
      >
        <option value="">${ctx.loadingHosts ? t.common.loading : t.field.chooseHost}</option>
        ${(ctx.hosts ?? []).map((h) => html`<option value=${h.id}>${h.fullName} — ${h.title}</option>`)}
      </select>
      ${ctx.hosts?.length === 0 ? html`<p class="hint" data-testid="no-hosts">${w.noHosts}</p>` : nothing}
      ${fieldError('hostId', errors.hostId)}
    </div>`;
}

/** Why recording failed: the API's own sentence for a refusal (in the page's language), else ours. */
export function problemBox(problem: unknown, t: Messages, locale: Locale): TemplateResult {
  const p = toProblem(problem);
  const refused = p.status >= 400 && p.status < 500 && p.detail;
  const text = refused ? (locale === 'en' && p.detailEn) || p.detail : describeProblem(problem, t);
  return html`<div
    class="alert error"
    id="problem"
    part="error"
    role="alert"
    tabindex="-1"
    data-testid="error"
  >
    <p>${text}</p>
  </div>`;
}

/** The confirmation after recording: reference, status, the deadline for recording the result. */
export function createdPanel(
  c: ContactView,
  t: Messages,
  locale: Locale,
  onAnother: () => void,
): TemplateResult {
  const w = t.walkIn;
  const due = c.clocks.find((k) => k.name === 'record_result')?.dueAt ?? c.dueAt;
  return html`<div
    class="alert success created"
    id="created"
    part="success"
    data-testid="created"
    tabindex="-1"
  >
    <p><strong>${w.created}</strong></p>
    <dl>
      <dt>${t.form.contactId}</dt>
      <dd data-testid="contact-id">${c.id}</dd>
      <dt>${t.form.status}</dt>
      <dd>${statusBadge(c.status, t, c.kind)}</dd>
      ${
        due !== null
          ? html`<dt>${w.recordBy}</dt>
              <dd>${formatDateTime(due, locale)}</dd>`
          : nothing
      }
    </dl>
    <button type="button" class="btn secondary" data-testid="new-visit" @click=${onAnother}>
      ${w.another}
    </button>
  </div>`;
}
